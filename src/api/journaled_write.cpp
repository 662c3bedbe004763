#include "journaled_write.hpp"

#include "scim/api/directory_tokens.hpp"
#include "scim/core/log.hpp"
#include "scim/protocol/journal.hpp"
#include "scim/store/accounts.hpp"
#include "scim_io.hpp"

namespace scim::api {

write_journal::write_journal(context const& ctx, http::request const& req, std::string directory,
                             protocol::resource_type const& type, std::string resource_id)
    : ctx_(ctx), req_(req), directory_(std::move(directory)), type_(type) {
    record_.request_id = req.request_id;
    record_.method = req.method;
    record_.path = req.path;
    record_.resource_type = type.name;
    if (!resource_id.empty()) record_.resource_id = std::move(resource_id);
}

boost::json::object write_journal::read_body() {
    body_read_ = true;
    try {
        auto body = read_json_body(ctx_, req_);
        record_.request = req_.method == "PATCH" ? protocol::redact_patch(ctx_.registry, type_, body)
                                                 : protocol::redact_resource(ctx_.registry, type_, body);
        return body;
    } catch (core::error const& e) {
        record_.request = protocol::unparsed_request(req_.body.size(), e.detail());
        throw;
    }
}

void write_journal::changed(boost::json::object const& diff) {
    for (auto const& [path, change] : diff) record_.diff[path] = change;
}

void write_journal::find_account(soci::session& s) {
    if (&type_ == &ctx_.registry.user_type() && !record_.account_id && record_.resource_id) {
        record_.account_id = store::account_of_user(s, directory_, *record_.resource_id);
    }
}

void write_journal::transact(int status, std::function<void(soci::session&)> const& work) {
    // A POST names the id it created; rolled back, that id names nothing.
    auto const resource_id = record_.resource_id;
    try {
        ctx_.db.transact([&](soci::session& s) {
            record_.resource_id = resource_id;
            record_.account_id.reset();
            record_.diff.clear();
            // Before the write: a DELETE unlinks the account it must name.
            find_account(s);
            work(s);
            find_account(s);
            record_.status = status;
            store::append_directory_entry(s, directory_, record_);
        });
    } catch (...) {
        record_.resource_id = resource_id;
        throw;
    }
    committed_ = true;
}

void write_journal::record_failure(int status, std::string_view scim_type, std::string const& detail) {
    if (committed_) return;
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
    try {
        ctx_.db.transact([&](soci::session& s) {
            record_.account_id.reset();
            find_account(s);
            store::append_directory_entry(s, directory_, record_);
        });
    } catch (std::exception const& e) {
        core::log::error("journal entry lost", {{"id", record_.request_id}, {"directory", directory_}, {"error", e.what()}});
    }
}

http::response journaled_write(context const& ctx, http::request const& req, std::string const& directory,
                               protocol::resource_type const& type, std::string const& resource_id,
                               journaled_handler const& handle) {
    auto const settings = verify_directory_token(ctx.db, req, directory);
    write_journal journal(ctx, req, directory, type, resource_id);
    try {
        refuse_paused_writes(req, settings);
        return handle(journal, settings);
    } catch (core::error const& e) {
        journal.record_failure(e.status(), core::describe(e.type()).scim_type, e.detail());
        throw;
    } catch (std::exception const&) {
        // The router answers 500 with a generic detail; the journal says no more.
        journal.record_failure(500, {}, "internal error");
        throw;
    }
}

}  // namespace scim::api
