#pragma once
// The provisioning journal's one hook on SCIM writes (DOMAIN.md "journal entry",
// docs/journal.md): every POST, PUT, PATCH and DELETE on /Users and /Groups by an
// authenticated directory leaves exactly one entry.
//
// - A write that succeeds appends its entry in its own transaction (write_journal::transact),
//   so that there is never an entry without its write nor a write without its entry.
// - A write that fails (400, 404, 409, 412, 413, 503 paused, …) rolls back, and its entry,
//   with the error and no change, is appended afterwards in a transaction of its own.
// - A request whose token is not the directory's is nobody's: it is not journaled (it is
//   logged by the router like any 401).
// Passwords never reach the journal (protocol::redact_resource, redact_patch).

#include <functional>
#include <optional>
#include <string>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "scim/api/context.hpp"
#include "scim/core/error.hpp"
#include "scim/http/message.hpp"
#include "scim/protocol/schema_registry.hpp"
#include "scim/store/journal.hpp"
#include "scim/store/tenants.hpp"

namespace soci {
class session;
}

namespace scim::api {

// What a write handler tells the journal about its write, and the transaction it runs in.
class write_journal {
public:
    write_journal(context const& ctx, http::request const& req, std::string directory,
                  protocol::resource_type const& type, std::string resource_id);

    // The request body as a JSON object (scim_io.hpp read_json_body), recorded redacted; a body
    // that is not one is recorded as its size and the parse error, and that error is thrown.
    boost::json::object read_body();

    // During the write: the id of a created resource, what scimd made of the request (the
    // validated resource, or a PATCH's operations and normalizations), and what changed
    // (merged path by path into the entry's diff).
    void resource(std::string id) { record_.resource_id = std::move(id); }
    void normalized(boost::json::value normalized) { record_.normalized = std::move(normalized); }
    void changed(boost::json::object const& diff);

    // Runs `work` in one transaction and appends, in the same transaction, the entry of a
    // write that answers `status`. A retried transaction runs `work` again, so the entry's
    // diff starts over with each attempt.
    void transact(int status, std::function<void(soci::session&)> const& work);

    // The entry of a write that failed, in a transaction of its own; a failure to write it is
    // logged, never thrown over the write's own error. Nothing after a committed write is
    // journaled again.
    void record_failure(int status, std::string_view scim_type, std::string const& detail);

private:
    // The account behind the User being written, when there is one and it is not known yet.
    void find_account(soci::session& s);

    context const& ctx_;
    http::request const& req_;
    std::string directory_;
    protocol::resource_type const& type_;
    bool body_read_ = false;
    bool committed_ = false;
    store::journal_record record_;
};

// Runs a SCIM write with its journal entry: checks the directory's token (not journaled when
// it fails), refuses a paused directory's writes, then runs `handle`, journaling its failure.
// `resource_id` is the id in the URL (empty for POST).
using journaled_handler = std::function<http::response(write_journal&, store::directory_settings const&)>;
http::response journaled_write(context const& ctx, http::request const& req, std::string const& directory,
                               protocol::resource_type const& type, std::string const& resource_id,
                               journaled_handler const& handle);

}  // namespace scim::api
