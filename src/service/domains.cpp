#include "scim/service/domains.hpp"

#include "admin_authentication.hpp"
#include "admin_write.hpp"
#include "audit_fields.hpp"
#include "scim/core/error.hpp"
#include "scim/domain/domains.hpp"
#include "txt_lookup.hpp"

namespace scim::service {
namespace {

std::string domain_name_of(std::string const& text) {
    auto name = domain::normalize_domain_name(text);
    if (!name)
        throw core::error(core::error_type::invalid_value, "\"" + text + "\" is not a domain name like acme.com");
    return std::move(*name);
}

[[noreturn]] void no_such_domain(std::string const& name) {
    throw core::error(core::error_type::not_found, "this organization has no domain " + name);
}

store::domain_row existing_domain(store::session& s, admin_request const& req, std::string const& name) {
    auto row = store::find_domain(s, req.organization_id, name);
    if (!row) no_such_domain(name);
    return std::move(*row);
}

}  // namespace

store::domain_row add_domain(context const& ctx, admin_request const& req, std::string const& name) {
    return audited_admin_write(ctx, req, {"domain.add", "Domain", 201}, name, [&](admin_write& write) {
        auto const domain_name = domain_name_of(name);
        store::domain_row out;
        write.transact([&](store::session& s) {
            auto added = store::add_domain(s, req.organization_id, domain_name);
            if (!added)
                throw core::error(core::error_type::uniqueness, "the domain " + domain_name + " is already added");
            write.target(added->name);
            write.compare({}, audit_fields(*added));
            out = std::move(*added);
        });
        return out;
    });
}

std::vector<store::domain_row> list_domains(context const& ctx, admin_request const& req) {
    return as_admin(ctx, req, [&](store::lease& lease, std::string const&) {
        std::vector<store::domain_row> out;
        lease.read([&](store::session& s) { out = store::list_domains(s, req.organization_id); });
        return out;
    });
}

store::domain_row show_domain(context const& ctx, admin_request const& req, std::string const& name) {
    return as_admin(ctx, req, [&](store::lease& lease, std::string const&) {
        auto const domain_name = domain_name_of(name);
        store::domain_row out;
        lease.read([&](store::session& s) { out = existing_domain(s, req, domain_name); });
        return out;
    });
}

store::domain_row verify_domain(context const& ctx, admin_request const& req, std::string const& name) {
    return audited_admin_write(ctx, req, {"domain.verify", "Domain", 200}, name, [&](admin_write& write) {
        auto const domain_name = domain_name_of(name);
        store::domain_row unverified;
        write.lease().read([&](store::session& s) { unverified = existing_domain(s, req, domain_name); });
        // The lookup waits for a name server (a few seconds at most, txt_lookup.cpp): outside
        // any transaction, so that nothing is locked meanwhile; the lease stays idle until the
        // record is there.
        auto const record = domain::verification_record_name(domain_name);
        auto const found = txt_records(record, ctx.config.dns_server);
        if (!domain::proves_ownership(found, unverified.verification_token)) {
            throw core::error(core::error_type::conflict,
                              "no TXT record \"" + domain::verification_record_value(unverified.verification_token) +
                                  "\" at " + record + " yet (" + std::to_string(found.size()) +
                                  " TXT records found); publish it and verify again");
        }
        store::domain_row out;
        write.transact([&](store::session& s) {
            auto marked = store::mark_domain_verified(s, req.organization_id, domain_name);
            if (marked.verified_elsewhere) {
                throw core::error(core::error_type::conflict, "another organization has verified " + domain_name);
            }
            // Removed since it was read: nothing to verify.
            if (!marked.domain) no_such_domain(domain_name);
            out = std::move(*marked.domain);
            write.target(out.name);
            write.compare(audit_fields(unverified), audit_fields(out));
        });
        return out;
    });
}

// A claim or a removal holds the domain's row FOR UPDATE, and an account written on the domain
// takes it FOR KEY SHARE (store/account_links.cpp) after locking the account: either the account
// waits and then sees the domain as the claim or removal left it, or it was written first. The
// accounts are changed once before the domain is locked, so that both take their locks in the
// same order (accounts, then the domain: no deadlock), and once more after, for the accounts
// written while the lock was awaited.
claimed_domain claim_domain(context const& ctx, admin_request const& req, std::string const& name) {
    return audited_admin_write(ctx, req, {"domain.claim", "Domain", 200}, name, [&](admin_write& write) {
        auto const domain_name = domain_name_of(name);
        claimed_domain out;
        write.transact([&](store::session& s) {
            auto const state = [&](bool for_update) {
                auto const found = store::find_domain(s, req.organization_id, domain_name, for_update);
                if (!found) no_such_domain(domain_name);
                return domain::parse_domain_state(found->state).value_or(domain::domain_state::unverified);
            };
            domain::check_claim(state(false), domain_name);
            out.claimed_accounts = store::claim_domain_accounts(s, req.organization_id, domain_name);
            domain::check_claim(state(true), domain_name);
            out.claimed_accounts += store::claim_domain_accounts(s, req.organization_id, domain_name);
            auto const before = store::find_domain(s, req.organization_id, domain_name);
            auto claimed = store::mark_domain_claimed(s, req.organization_id, domain_name);
            if (!claimed) no_such_domain(domain_name);
            out.domain = std::move(*claimed);
            write.target(out.domain.name);
            if (before) write.compare(audit_fields(*before), audit_fields(out.domain));
            write.changed("claimedAccounts", nullptr, out.claimed_accounts);
        });
        return out;
    });
}

void remove_domain(context const& ctx, admin_request const& req, std::string const& name) {
    audited_admin_write(ctx, req, {"domain.remove", "Domain", 204}, name, [&](admin_write& write) {
        auto const domain_name = domain_name_of(name);
        write.transact([&](store::session& s) {
            // Locked as claim_domain locks it, for the same reason.
            if (!store::find_domain(s, req.organization_id, domain_name)) no_such_domain(domain_name);
            auto released = store::release_domain_accounts(s, req.organization_id, domain_name);
            auto const removed = store::find_domain(s, req.organization_id, domain_name, true);
            if (!removed) no_such_domain(domain_name);
            released += store::release_domain_accounts(s, req.organization_id, domain_name);
            store::remove_domain(s, req.organization_id, domain_name);
            write.target(domain_name);
            write.compare(audit_fields(*removed), {});
            write.changed("releasedAccounts", nullptr, released);
        });
    });
}

}  // namespace scim::service
