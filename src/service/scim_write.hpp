#pragma once
// One SCIM write on one connection, with its entry in the provisioning journal (DOMAIN.md
// "journal entry", docs/journal.md): every POST, PUT, PATCH and DELETE on /Users and /Groups
// by an authenticated directory leaves exactly one entry.
//
// - A write that succeeds appends its entry in its own transaction (scim_write::transact), so
//   that there is never an entry without its write nor a write without its entry.
// - A write that fails (400, 404, 409, 412, 413, 503 paused, …) rolls back, and its entry, with
//   the error and no change, is appended afterwards in a transaction of its own on the same
//   connection.
// - A request whose token is not the directory's is nobody's: it is not journaled (the router
//   logs it like any 401).
// Passwords never reach the journal (protocol::redact_resource, redact_patch).

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "directory_authentication.hpp"
#include "scim/core/error.hpp"
#include "scim/protocol/schema_registry.hpp"
#include "scim/service/context.hpp"
#include "scim/service/scim_request.hpp"
#include "scim/store/database.hpp"
#include "scim/store/journal.hpp"

namespace scim::service {

class scim_write {
public:
    scim_write(context const& ctx, scim_request const& req, store::lease& lease, protocol::resource_type const& type,
               std::string resource_id);

    // The request body as a JSON object (protocol::parse_scim_body), recorded redacted; a body
    // that is not one is recorded as its size and the parse error, and that error is thrown.
    boost::json::object read_body();

    // During the write: the id of a created resource, what scimd made of the request (the
    // validated resource, or a PATCH's operations and normalizations), and what changed
    // (merged path by path into the entry's diff).
    void resource(std::string id) { record_.resource_id = std::move(id); }
    // The account behind the User, when the write already knows it (else it is looked up).
    void account(std::string id) { record_.account_id = std::move(id); }
    void normalized(boost::json::value normalized) { record_.normalized = std::move(normalized); }
    // Tolerance rules applied outside a PATCH's own (a boolean given as a string in a POST or
    // PUT body; the request's own, an endpoint name in another case, are noted from the start):
    // the entry lists them in normalized.normalizations.
    void note(std::vector<std::string> const& rules) { notes_.insert(notes_.end(), rules.begin(), rules.end()); }
    void changed(boost::json::object const& diff);

    // Runs `work` in one transaction and appends, in the same transaction, the entry of a write
    // that answers `status`. A retried transaction runs `work` again, so the entry's diff starts
    // over with each attempt.
    void transact(int status, std::function<void(store::session&)> const& work);

    // The entry of a write that failed, in a transaction of its own; a failure to write it is
    // logged, never thrown over the write's own error. Nothing after a committed write (or one
    // whose COMMIT got no answer) is journaled again.
    void record_failure(int status, std::string_view scim_type, std::string const& detail) noexcept;

private:
    // The account behind the User being written, when there is one and it is not known yet.
    void find_account(store::session& s);
    // notes_ added to record_.normalized (once each, however often a transaction is retried).
    void record_notes();

    context const& ctx_;
    scim_request const& req_;
    store::lease& lease_;
    protocol::resource_type const& type_;
    bool body_read_ = false;
    bool committed_ = false;  // or may have been: store::lease::commit_outcome_unknown
    store::journal_record record_;
    std::vector<std::string> notes_;
};

// Runs a SCIM write with its journal entry on one connection: checks the directory's token
// (not journaled when it fails), refuses a paused directory's writes, then runs
// `handle(write, settings)`, journaling its failure. `resource_id` is the id in the URL (empty
// for POST).
template <typename Handle>
auto journaled_write(context const& ctx, scim_request const& req, protocol::resource_type const& type,
                     std::string resource_id, Handle const& handle) {
    auto lease = ctx.db.acquire();
    store::directory_settings settings;
    lease.read([&](store::session& s) { settings = authenticate_directory(ctx, s, req); });
    scim_write write(ctx, req, lease, type, std::move(resource_id));
    try {
        refuse_paused_writes(req, settings);
        return handle(write, std::as_const(settings));
    } catch (core::error const& e) {
        write.record_failure(e.status(), core::describe(e.type()).scim_type, e.detail());
        throw;
    } catch (std::exception const&) {
        // The router answers 500 with a generic detail; the journal says no more.
        write.record_failure(500, {}, "internal error");
        throw;
    }
}

}  // namespace scim::service
