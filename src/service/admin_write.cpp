#include "admin_write.hpp"

#include <boost/json/parse.hpp>

#include "scim/core/log.hpp"
#include "scim/protocol/journal.hpp"

namespace scim::service {
namespace {

namespace json = boost::json;

// What the admin asked: the body, which admin/ has already read as JSON (a body it could not
// read was refused before the token was checked, and is nobody's). No admin write's body
// holds a secret.
json::value asked(std::string const& body) {
    if (body.empty()) return nullptr;
    boost::system::error_code ec;
    auto parsed = json::parse(body, ec);
    if (ec) return protocol::unparsed_request(body.size(), ec.message());
    return parsed;
}

}  // namespace

admin_write::admin_write(admin_request const& req, store::lease& lease, std::string admin_token_id,
                         admin_action const& action, std::optional<std::string> target_id)
    : req_(req), lease_(lease), admin_token_id_(std::move(admin_token_id)), success_status_(action.status),
      target_id_(std::move(target_id)) {
    record_.request_id = req.id;
    record_.method = req.method;
    record_.path = req.path;
    record_.resource_type = std::string(action.target_type);
    record_.resource_id = target_id_;
    record_.action = std::string(action.name);
    record_.request = asked(req.body);
}

void admin_write::changed(std::string const& field, json::value before, json::value after) {
    if (before == after) return;
    record_.diff[field] = json::object{{"before", std::move(before)}, {"after", std::move(after)}};
}

void admin_write::compare(json::object const& before, json::object const& after) {
    for (auto const& [field, value] : before) {
        auto const* now = after.if_contains(field);
        changed(std::string(field), value, now ? *now : json::value(nullptr));
    }
    for (auto const& [field, value] : after) {
        if (!before.contains(field)) changed(std::string(field), nullptr, value);
    }
}

void admin_write::transact(std::function<void(store::session&)> const& work) {
    try {
        lease_.transact([&](store::session& s) {
            record_.resource_id = target_id_;
            record_.diff.clear();
            work(s);
            record_.status = success_status_;
            store::append_admin_entry(s, req_.organization_id, admin_token_id_, record_);
        });
    } catch (...) {
        // A creation names the id it made; rolled back, that id names nothing.
        record_.resource_id = target_id_;
        // The connection broke after COMMIT was sent: the write may be in, with its entry. A
        // failure entry beside it could contradict what happened, so none is written.
        committed_ = lease_.commit_outcome_unknown();
        throw;
    }
    committed_ = true;
}

void admin_write::record_failure(int status, std::string_view error, std::string const& detail) noexcept {
    if (committed_) return;
    try {
        record_.status = status;
        record_.diff.clear();
        record_.error = std::string(error);
        record_.detail = detail;
        lease_.transact(
            [&](store::session& s) { store::append_admin_entry(s, req_.organization_id, admin_token_id_, record_); });
    } catch (std::exception const& e) {
        core::log::error("audit entry lost", {{"id", record_.request_id}, {"error", e.what()}});
    } catch (...) {
        core::log::error("audit entry lost", {{"id", record_.request_id}});
    }
}

}  // namespace scim::service
