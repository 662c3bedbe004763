#include "scim/service/scim_users.hpp"

#include <boost/json/parse.hpp>

#include "account_sync.hpp"
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
#include "scim/store/database.hpp"
#include "scim/store/scim_users.hpp"
#include "scim_write.hpp"
#include "user_relations.hpp"

namespace scim::service {
namespace {

constexpr std::string_view kind = "User";

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
store::user_row write_user(scim_request const& req, store::session& s, std::string const& id,
                           boost::json::object const& attributes, std::int64_t version) {
    push_profile(s, req.directory_id, id, protocol::account_profile_of(attributes), req.link_base);
    auto const fields = fields_from(attributes);
    auto updated = store::update_user(s, req.directory_id, id, fields, version);
    if (updated.user_name_taken) user_name_taken(fields.user_name);
    if (!updated.row) changed_while_written(kind, id);
    return std::move(*updated.row);
}

}  // namespace

user_view create_user(context const& ctx, scim_request const& req) {
    auto const& type = ctx.registry.user_type();
    return journaled_write(ctx, req, type, {}, [&](scim_write& write, store::directory_settings const&) {
        auto const body = write.read_body();
        auto const resource = protocol::validate_for_create(ctx.registry, type, body);
        write.normalized(protocol::with_schemas(type, resource.attributes));
        auto const fields = fields_from(resource.attributes);
        auto const profile = protocol::account_profile_of(resource.attributes);
        user_view view;
        write.transact(201, [&](store::session& s) {
            auto const inserted = store::insert_user(s, req.directory_id, fields);
            if (inserted.user_name_taken) user_name_taken(fields.user_name);
            auto const id = inserted.row->id;
            write.resource(id);
            link_new_user(s, req.directory_id, id, profile);
            // Read again: linking gave the user its account, which the response shows.
            auto row = store::find_user(s, req.directory_id, id);
            write.changed(protocol::attribute_diff(ctx.registry, type, {}, resource.attributes));
            // A new User is in no group yet, but its account may already be on the organization's sites.
            view = with_relations(ctx, s, req.projection, std::move(*row));
        });
        return view;
    });
}

user_answer read_user(context const& ctx, scim_request const& req, std::string const& id) {
    user_answer answer;
    ctx.db.acquire().read([&](store::session& s) {
        authenticate_directory(s, req);
        auto row = store::find_user(s, req.directory_id, id);
        if (!row) resource_not_found(kind, id);
        answer.version = row->version;
        // A client whose copy is current reads nothing more.
        if (not_modified(req, row->version)) return;
        answer.user = with_relations(ctx, s, req.projection, std::move(*row));
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
            auto const resource = protocol::validate_for_replace(ctx.registry, type, body, before);
            write.normalized(protocol::with_schemas(type, resource.attributes));
            auto row = write_user(req, s, id, resource.attributes, existing.version);
            write.changed(protocol::attribute_diff(ctx.registry, type, before, resource.attributes));
            view = with_relations(ctx, s, req.projection, std::move(row));
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
            patched = protocol::apply_patch(ctx.registry, type, before, body);
            write.normalized(protocol::applied_patch(ctx.registry, type, body, patched.normalizations));
            // The patched resource meets the same rules as a PUT body (RFC 7644 §3.5.2: the result
            // must be a valid resource; immutable attributes stay).
            auto const resource = protocol::validate_for_replace(
                ctx.registry, type, protocol::with_schemas(type, patched.attributes), before);
            // Nothing changed (Okta repeats renames and deactivations): no new version.
            auto row = std::move(existing);
            if (resource.attributes != before) {
                row = write_user(req, s, id, resource.attributes, row.version);
                write.changed(protocol::attribute_diff(ctx.registry, type, before, resource.attributes));
            }
            answer.version = row.version;
            answer.user.reset();
            if (with_body) answer.user = with_relations(ctx, s, req.projection, std::move(row));
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
            unlink_user(s, req.directory_id, id);
            // Thrown inside the transaction, so that the unlinking is undone.
            if (!store::delete_user(s, req.directory_id, id, existing.version)) resource_not_found(kind, id);
        });
    });
}

listed_page<user_view> list_users(context const& ctx, scim_request const& req, protocol::list_query const& query) {
    listed_page<user_view> page;
    ctx.db.acquire().read([&](store::session& s) {
        authenticate_directory(s, req);
        listing_plan const plan(ctx, ctx.registry.user_type(), req.directory_id, query);
        auto const rows = store::list_users(s, plan.request());
        std::vector<user_view> users;
        users.reserve(rows.rows.size());
        for (auto const& r : rows.rows) users.push_back(user_view{r.row, {}, {}});
        read_relations(ctx, s, plan.projection(), users);
        page = plan.page(rows, std::move(users));
    });
    return page;
}

}  // namespace scim::service
