#pragma once
// One admin write on one connection, with its entry in the audit trail (docs/journal.md "Admin
// actions"): every POST, PUT, PATCH and DELETE of the admin API by an authenticated admin token
// leaves exactly one journal entry naming the token (its id, and its label when read back), the
// action, the target, what changed and how it ended. It is the admins' counterpart of the SCIM
// journal's scim_write (scim_write.hpp), and keeps the same promises:
//
// - A write that succeeds appends its entry in its own transaction (admin_write::transact):
//   never an entry without its write nor a write without its entry.
// - A write that is refused (400, 403, 404, 409, 503, …) rolls back, and its entry, with the
//   error and no change, is appended afterwards in a transaction of its own on the same
//   connection.
// - A request whose token is not a usable admin token of the organization is nobody's: it is
//   not audited (the access log has it, like any 401).
//
// A use case becomes audited by running its body in audited_admin_write instead of as_admin,
// and its transaction in write.transact instead of lease.transact; inside, it says what changed
// (changed, compare). No secret ever reaches an entry: a token minted is recorded by its id.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "admin_authentication.hpp"
#include "scim/core/error.hpp"
#include "scim/service/admin_request.hpp"
#include "scim/service/context.hpp"
#include "scim/store/database.hpp"
#include "scim/store/journal.hpp"

namespace scim::service {

// What an admin write is, as the audit names it: the action ("account.deactivate"; the list is
// docs/journal.md "Admin actions"), the kind of its target ("Account") and the status a success
// answers.
struct admin_action {
    std::string_view name;
    std::string_view target_type;
    int status = 200;
};

class admin_write {
public:
    admin_write(admin_request const& req, store::lease& lease, std::string admin_token_id, admin_action const& action,
                std::optional<std::string> target_id);

    // The connection the token was checked on, for reads outside the write's transaction.
    store::lease& lease() noexcept { return lease_; }
    std::string const& admin_token_id() const noexcept { return admin_token_id_; }

    // The target's id once the write knows it (the id a creation gave); the account the write
    // concerns, when there is one (the journal's ?account= then finds the entry too).
    void target(std::string id) { record_.resource_id = std::move(id); }
    void account(std::string id) { record_.account_id = std::move(id); }

    // The request's body is not recorded (a report of a login service's sign-in: the address
    // and user agent it holds stay in the devices, under their own retention).
    void withhold_request() { record_.request = nullptr; }

    // `field` went from `before` to `after` (null: absent); recorded only when they differ.
    void changed(std::string const& field, boost::json::value before, boost::json::value after);
    // Every member of either object whose value differs, as changed() records it: a creation
    // compares {} with what it made, a removal what it removed with {}.
    void compare(boost::json::object const& before, boost::json::object const& after);

    // Runs `work` in one transaction and appends, in the same transaction, the entry of the
    // write's success. A retried transaction runs `work` again, so the diff and the target
    // start over with each attempt.
    void transact(std::function<void(store::session&)> const& work);

    // The entry of a refused write, in a transaction of its own; a failure to write it is
    // logged, never thrown over the write's own error. Nothing after a committed write (or one
    // whose COMMIT got no answer) is audited again.
    void record_failure(int status, std::string_view error, std::string const& detail) noexcept;

private:
    admin_request const& req_;
    store::lease& lease_;
    std::string admin_token_id_;
    int success_status_;
    std::optional<std::string> target_id_;  // as given: what a retried or failed write names
    bool committed_ = false;                // or may have been: store::lease::commit_outcome_unknown
    store::journal_record record_;
};

// Runs `work(write)`, auditing its failure before passing the exception on.
template <typename Work>
auto run_audited(admin_write& write, Work const& work) {
    try {
        return work(write);
    } catch (core::error const& e) {
        write.record_failure(e.status(), core::name_of(e.type()), e.detail());
        throw;
    } catch (std::exception const&) {
        // The router answers 500 with a generic detail; the audit says no more.
        write.record_failure(500, core::name_of(core::error_type::internal), "internal error");
        throw;
    }
}

// Runs an admin write with its audit entry on one connection: checks the admin token (not
// audited when it fails), then runs `work(write)`, auditing its failure. `target_id` is the
// target named in the URL (none for a creation).
template <typename Work>
auto audited_admin_write(context const& ctx, admin_request const& req, admin_action const& action,
                         std::optional<std::string> target_id, Work const& work) {
    return as_admin(ctx, req, [&](store::lease& lease, std::string const& admin_token_id) {
        admin_write write(req, lease, admin_token_id, action, std::move(target_id));
        return run_audited(write, work);
    });
}

}  // namespace scim::service
