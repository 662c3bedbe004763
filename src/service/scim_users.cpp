#include "scim/service/scim_users.hpp"

#include <boost/json/parse.hpp>

#include "account_sync.hpp"
#include "account_values.hpp"
#include "directory_authentication.hpp"
#include "listing_plan.hpp"
#include "resource_writes.hpp"
#include "scim/core/error.hpp"
#include "scim/protocol/account_profile.hpp"
#include "scim/protocol/journal.hpp"
#include "scim/protocol/json_body.hpp"
#include "scim/protocol/patch.hpp"
#include "scim/protocol/rendering.hpp"
#include "scim/protocol/validation.hpp"
#include "scim/protocol/value_limits.hpp"
#include "scim/store/database.hpp"
#include "scim/store/scim_users.hpp"
#include "scim_write.hpp"
#include "user_relations.hpp"

namespace scim::service {
namespace {

constexpr std::string_view kind = "User";

// docs/errors.md "Limits": values per multi-valued attribute, operations per PATCH.
protocol::value_limits limits_of(context const& ctx) { return protocol::value_limits_of(ctx.config.scim); }

// The queried attributes go to columns too; the object itself is kept whole.
store::user_fields fields_from(boost::json::object const& attributes) {
    store::user_fields f;
    f.user_name = std::string(attributes.at("userName").as_string());
    if (auto const* external_id = attributes.if_contains("externalId"))
        f.external_id = std::string(external_id->as_string());
    if (auto const* active = attributes.if_contains("active")) f.active = active->as_bool();
    f.attributes_json = protocol::serialize(attributes);
    return f;
}

// userName is unique per directory ignoring case; the error names the clashing value.
[[noreturn]] void user_name_taken(std::string const& user_name) {
    throw core::error(core::error_type::uniqueness,
                      "userName \"" + user_name + "\" is already in use in this directory");
}

// Writes a new version of the user: first what the identity provider owns of its account
// (account_sync.hpp), so that the user row the UPDATE returns carries the account as it now is.
// `relations` are read with the row the UPDATE returns.
store::user_row write_user(context const& ctx, scim_request const& req, store::session& s, std::string const& id,
                           boost::json::object const& attributes, std::int64_t version,
                           store::user_relations relations) {
    push_profile(s, req.directory_id, id, protocol::account_profile_of(attributes), ctx.config.public_url);
    auto const fields = fields_from(attributes);
    auto updated = store::update_user(s, req.directory_id, id, fields, version, relations);
    if (updated.user_name_taken) user_name_taken(fields.user_name);
    if (!updated.row) changed_while_written(kind, id);
    return std::move(*updated.row);
}

// One account per address, provisioned once per directory (docs/accounts.md): the error names
// the attribute that gave the account address and says why it must be unique (/Schemas declares
// emails.value uniqueness "server" for it).
[[noreturn]] void account_taken(boost::json::object const& attributes, std::string const& address) {
    auto const* emails = attributes.if_contains("emails");
    std::string const attribute =
        emails && emails->is_array() && !emails->as_array().empty() ? "emails.value" : "userName";
    throw core::error(core::error_type::uniqueness,
                      attribute + " \"" + address + "\" is the account address of another User in this directory: " +
                          "the primary email (else the first) links a User to its account, and an account is " +
                          "provisioned once per directory");
}

}  // namespace

user_view create_user(context const& ctx, scim_request const& req) {
    auto const& type = ctx.registry.user_type();
    return journaled_write(ctx, req, type, {}, [&](scim_write& write, store::directory_settings const& directory) {
        auto const body = write.read_body();
        auto const resource = protocol::validate_for_create(ctx.registry, type, body, limits_of(ctx));
        write.normalized(protocol::with_schemas(type, resource.attributes));
        write.note(resource.normalizations);
        auto const fields = fields_from(resource.attributes);
        auto const profile = protocol::account_profile_of(resource.attributes);
        user_view view;
        write.transact(201, [&](store::session& s) {
            // The account first, so that the user is inserted linked, and the row its INSERT
            // returns shows the account as it now is. A new User is in no group yet, but its
            // account may already be on the organization's sites.
            check_account_values(s, {}, resource.attributes);
            auto const account_id = account_for_new_user(s, req.directory_id, directory.organization_id, profile);
            write.account(account_id);
            auto relations = relations_shown(ctx, req.projection);
            relations.groups = false;
            auto inserted = store::insert_user(s, req.directory_id, fields, account_id, relations);
            if (inserted.user_name_taken) user_name_taken(fields.user_name);
            if (inserted.account_taken) account_taken(resource.attributes, profile.email.value_or("this user"));
            write.resource(inserted.row->id);
            write.changed(protocol::attribute_diff(ctx.registry, type, {}, resource.attributes));
            view = std::move(*inserted.row);
        });
        return view;
    });
}

user_answer read_user(context const& ctx, scim_request const& req, std::string const& id) {
    user_answer answer;
    ctx.db.acquire().read([&](store::session& s) {
        authenticate_directory(ctx, s, req);
        // One statement: the row with the relations the response shows. A client that may hold
        // the current copy (If-None-Match) gets the row alone first, and the relations only when
        // its copy is not current.
        auto const relations = relations_shown(ctx, req.projection);
        auto row = store::find_user(s, req.directory_id, id, req.if_none_match ? store::user_relations{} : relations);
        if (!row) resource_not_found(kind, id);
        answer.version = row->version;
        if (not_modified(req, row->version)) return;
        if (req.if_none_match && (relations.groups || relations.site_memberships)) {
            row = store::find_user(s, req.directory_id, id, relations);
            if (!row) resource_not_found(kind, id);
        }
        answer.user = std::move(*row);
    });
    return answer;
}

user_view replace_user(context const& ctx, scim_request const& req, std::string const& id) {
    auto const& type = ctx.registry.user_type();
    return journaled_write(ctx, req, type, id, [&](scim_write& write, store::directory_settings const&) {
        auto const body = write.read_body();
        user_view view;
        write.transact(200, [&](store::session& s) {
            auto const existing =
                lock_for_write(req, kind, id, [&] { return store::find_user_for_update(s, req.directory_id, id); });
            auto const before = boost::json::parse(existing.attributes_json).as_object();
            auto const resource = protocol::validate_for_replace(ctx.registry, type, body, before, limits_of(ctx));
            write.normalized(protocol::with_schemas(type, resource.attributes));
            write.note(resource.normalizations);
            check_account_values(s, before, resource.attributes);
            view = write_user(ctx, req, s, id, resource.attributes, existing.version,
                              relations_shown(ctx, req.projection));
            write.changed(protocol::attribute_diff(ctx.registry, type, before, resource.attributes));
        });
        return view;
    });
}

user_answer patch_user(context const& ctx, scim_request const& req, std::string const& id) {
    auto const& type = ctx.registry.user_type();
    return journaled_write(ctx, req, type, id, [&](scim_write& write, store::directory_settings const& settings) {
        bool const with_body = patch_answers_with_body(req, settings, true);
        auto const body = write.read_body();
        user_answer answer;
        protocol::patch_result patched;
        write.transact(with_body ? 200 : 204, [&](store::session& s) {
            auto existing =
                lock_for_write(req, kind, id, [&] { return store::find_user_for_update(s, req.directory_id, id); });
            auto const before = boost::json::parse(existing.attributes_json).as_object();
            patched = protocol::apply_patch(ctx.registry, type, before, body, {}, limits_of(ctx));
            write.normalized(protocol::applied_patch(ctx.registry, type, body, patched.normalizations));
            // The patched resource meets the same rules as a PUT body (RFC 7644 §3.5.2: the result
            // must be a valid resource; immutable attributes stay).
            auto const resource = protocol::validate_for_replace(
                ctx.registry, type, protocol::with_schemas(type, patched.attributes), before, limits_of(ctx));
            check_account_values(s, before, resource.attributes);
            auto const relations = with_body ? relations_shown(ctx, req.projection) : store::user_relations{};
            answer.user.reset();
            if (resource.attributes != before) {
                answer.user = write_user(ctx, req, s, id, resource.attributes, existing.version, relations);
                write.changed(protocol::attribute_diff(ctx.registry, type, before, resource.attributes));
            } else {
                // Nothing changed (Okta repeats renames and deactivations): no new version. The
                // push still says what the identity provider owns, and the account follows it
                // again, so that a repeated `active: true` reconciles an account that differs
                // (docs/accounts.md "The sync lock, action by action").
                push_profile(s, req.directory_id, id, protocol::account_profile_of(resource.attributes),
                             ctx.config.public_url);
                if (with_body) {
                    // The row as it stands, with what the response shows.
                    answer.user = store::find_user(s, req.directory_id, id, relations);
                    if (!answer.user) resource_not_found(kind, id);
                } else {
                    answer.user = std::move(existing);
                }
            }
            answer.version = answer.user->version;
            if (!with_body) answer.user.reset();
        });
        log_normalizations(req, "user", id, patched.normalizations);
        return answer;
    });
}

void delete_user(context const& ctx, scim_request const& req, std::string const& id) {
    auto const& type = ctx.registry.user_type();
    journaled_write(ctx, req, type, id, [&](scim_write& write, store::directory_settings const&) {
        write.transact(204, [&](store::session& s) {
            auto const existing =
                lock_for_write(req, kind, id, [&] { return store::find_user_for_update(s, req.directory_id, id); });
            auto const before = boost::json::parse(existing.attributes_json).as_object();
            write.changed(protocol::attribute_diff(ctx.registry, type, before, {}));
            // DOMAIN.md: the link goes, the account stays (deactivated when managed).
            unlink_user(s, req.directory_id, id, ctx.config.public_url);
            // Thrown inside the transaction, so that the unlinking is undone.
            if (!store::delete_user(s, req.directory_id, id, existing.version)) resource_not_found(kind, id);
        });
    });
}

listed_page<user_view> list_users(context const& ctx, scim_request const& req, protocol::list_query const& query) {
    listed_page<user_view> page;
    ctx.db.acquire().read([&](store::session& s) {
        authenticate_directory(ctx, s, req);
        listing_plan const plan(ctx, ctx.registry.user_type(), req.directory_id, query);
        auto rows = store::list_users(s, plan.request(), relations_shown(ctx, plan.projection()));
        std::vector<user_view> users;
        users.reserve(rows.rows.size());
        for (auto& r : rows.rows) users.push_back(r.row);
        page = plan.page(rows, std::move(users));
    });
    return page;
}

}  // namespace scim::service
