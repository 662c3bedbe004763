#include "scim_write.hpp"

#include <algorithm>

#include <boost/json/array.hpp>

#include "scim/core/log.hpp"
#include "scim/core/server_metrics.hpp"
#include "scim/protocol/journal.hpp"
#include "scim/protocol/json_body.hpp"
#include "scim/store/account_links.hpp"

namespace scim::service {
namespace {

// docs/metrics.md: scimd_scim_writes_total counts what the journal records, by the status's class.
void count_write(std::string const& directory_id, std::string const& resource_type, int status) {
    char const* const outcome = status < 400 ? "ok" : status < 500 ? "rejected" : "failed";
    core::metrics::scim_writes().add({directory_id, resource_type, outcome});
}

}  // namespace

scim_write::scim_write(context const& ctx, scim_request const& req, store::lease& lease,
                       protocol::resource_type const& type, std::string resource_id)
    : ctx_(ctx), req_(req), lease_(lease), type_(type), notes_(req.normalizations) {
    record_.request_id = req.id;
    record_.method = req.method;
    record_.path = req.path;
    record_.resource_type = type.name;
    if (!resource_id.empty()) record_.resource_id = std::move(resource_id);
}

boost::json::object scim_write::read_body() {
    body_read_ = true;
    try {
        auto body = protocol::parse_scim_body(req_.content_type, req_.body, ctx_.config.scim.max_json_depth);
        record_.request = req_.method == "PATCH" ? protocol::redact_patch(ctx_.registry, type_, body)
                                                 : protocol::redact_resource(ctx_.registry, type_, body);
        return body;
    } catch (core::error const& e) {
        record_.request = protocol::unparsed_request(req_.body.size(), e.detail());
        throw;
    }
}

void scim_write::changed(boost::json::object const& diff) {
    for (auto const& [path, change] : diff) record_.diff[path] = change;
}

void scim_write::find_account(store::session& s) {
    if (&type_ == &ctx_.registry.user_type() && !record_.account_id && record_.resource_id) {
        record_.account_id = store::account_of_user(s, req_.directory_id, *record_.resource_id);
    }
}

void scim_write::record_notes() {
    if (notes_.empty()) return;
    if (!record_.normalized.is_object()) record_.normalized = boost::json::object{};
    auto& listed = record_.normalized.as_object()["normalizations"];
    if (!listed.is_array()) listed = boost::json::array{};
    auto& rules = listed.as_array();
    for (auto const& note : notes_) {
        boost::json::value const rule(note);
        if (std::find(rules.begin(), rules.end(), rule) == rules.end()) rules.push_back(rule);
    }
}

void scim_write::transact(int status, std::function<void(store::session&)> const& work) {
    // A POST names the id it created; rolled back, that id names nothing.
    auto const resource_id = record_.resource_id;
    try {
        lease_.transact([&](store::session& s) {
            record_.resource_id = resource_id;
            record_.account_id.reset();
            record_.diff.clear();
            // Before the write: a DELETE unlinks the account it must name.
            find_account(s);
            work(s);
            find_account(s);
            record_.status = status;
            record_notes();
            store::append_directory_entry(s, req_.directory_id, record_);
        });
    } catch (...) {
        record_.resource_id = resource_id;
        // The connection broke after COMMIT was sent: the write may be in, with its entry. A
        // failure entry beside it could contradict what happened, so none is written.
        committed_ = lease_.commit_outcome_unknown();
        throw;
    }
    committed_ = true;
    count_write(req_.directory_id, record_.resource_type, status);
}

void scim_write::record_failure(int status, std::string_view scim_type, std::string const& detail) noexcept {
    if (committed_) return;
    try {
        // A write refused before it read its body (a paused directory) still shows what it asked.
        if (!body_read_ && !req_.body.empty()) {
            try {
                read_body();
            } catch (core::error const&) {
                // Recorded as the body's size and the parse error.
            }
        }
        record_.status = status;
        record_.diff.clear();
        if (!scim_type.empty()) record_.scim_type = std::string(scim_type);
        record_.detail = detail;
        record_notes();
        lease_.transact([&](store::session& s) {
            record_.account_id.reset();
            find_account(s);
            store::append_directory_entry(s, req_.directory_id, record_);
        });
        count_write(req_.directory_id, record_.resource_type, status);
    } catch (std::exception const& e) {
        core::log::error("journal entry lost",
                         {{"id", record_.request_id}, {"directory", req_.directory_id}, {"error", e.what()}});
    } catch (...) {
        core::log::error("journal entry lost", {{"id", record_.request_id}, {"directory", req_.directory_id}});
    }
}

}  // namespace scim::service
