// SCIM Users (RFC 7644 §3.3 create, §3.4.1 retrieve, §3.4.2 list, §3.5.1 replace, §3.5.2 modify,
// §3.6 delete).
// Glue only: validation and rendering live in protocol/, rows in store/.

#include <boost/json/parse.hpp>

#include "scim/api/directory_tokens.hpp"
#include "scim/api/endpoints.hpp"
#include "scim/core/error.hpp"
#include "scim/core/log.hpp"
#include "scim/protocol/account_profile.hpp"
#include "scim/protocol/journal.hpp"
#include "scim/protocol/json_body.hpp"
#include "scim/protocol/list_query.hpp"
#include "scim/protocol/patch.hpp"
#include "scim/protocol/validation.hpp"
#include "scim/store/accounts.hpp"
#include "scim/store/group_members.hpp"
#include "scim/store/user_listing.hpp"
#include "scim/store/users.hpp"
#include "journaled_write.hpp"
#include "listing.hpp"
#include "resource_requests.hpp"
#include "scim_io.hpp"
#include "user_rendering.hpp"

namespace scim::api {
namespace {

// The queried attributes go to columns too; the object itself is kept whole.
store::user_fields fields_from(boost::json::object const& attributes) {
    store::user_fields f;
    f.user_name = std::string(attributes.at("userName").as_string());
    if (auto const* external_id = attributes.if_contains("externalId")) {
        f.external_id = std::string(external_id->as_string());
    }
    if (auto const* active = attributes.if_contains("active")) f.active = active->as_bool();
    f.attributes_json = protocol::serialize(attributes);
    return f;
}

// The User as the response shows it, with its relations when the response shows them.
http::response single_user(context const& ctx, http::request const& req, std::string const& directory, int status,
                           store::user_row const& row, user_relations const& relations) {
    auto const projection = requested_projection(ctx, req, ctx.registry.user_type());
    return single_resource(status, render_user(ctx, directory_base_url(ctx, req, directory), row, projection, relations),
                           row.version);
}

// The relations of `user_id` that a response to `req` shows (they cost a query each).
user_relations relations_for(context const& ctx, http::request const& req, soci::session& s, std::string const& user_id) {
    return read_relations(ctx, s, requested_projection(ctx, req, ctx.registry.user_type()), user_id);
}

// GET /Users and its .search: one page, with each kind of relation read in one query.
http::response list_users(context const& ctx, http::request const& req, std::string const& directory,
                          protocol::list_query const& query) {
    listing_plan const plan(ctx, ctx.registry.user_type(), directory, query);
    store::listing<store::user_row> page;
    std::optional<user_page_view> users;
    ctx.db.read([&](soci::session& s) {
        page = store::list_users(s, plan.request());
        users.emplace(ctx, s, plan.projection(), page.rows);
    });
    auto const base_url = directory_base_url(ctx, req, directory);
    return plan.respond(page, [&](store::user_row const& row) { return users->render(base_url, row); });
}

}  // namespace

void add_user_routes(http::router& routes, context& ctx) {
    std::string const base = "/scim/directory/{directory}";
    std::string_view const kind = "User";

    routes.add("POST", base + "/Users", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& directory = p.at("directory");
        auto const& type = ctx.registry.user_type();
        return journaled_write(ctx, req, directory, type, {}, [&](write_journal& journal, store::directory_settings const&) {
            auto body = journal.read_body();
            auto resource = protocol::validate_for_create(ctx.registry, type, body);
            journal.normalized(with_schemas(type, resource.attributes));
            auto fields = fields_from(resource.attributes);
            auto const profile = protocol::account_profile_of(resource.attributes);
            store::user_row row;
            user_relations relations;
            journal.transact(201, [&](soci::session& s) {
                auto const id = store::insert_user(s, directory, fields).id;
                journal.resource(id);
                store::link_account(s, directory, id, profile);
                row = *store::find_user(s, directory, id);
                journal.changed(protocol::attribute_diff(ctx.registry, type, {}, resource.attributes));
                // A new User is in no group yet, but its account may already be on the organization's sites.
                relations = relations_for(ctx, req, s, id);
            });
            auto res = single_user(ctx, req, directory, 201, row, relations);
            res.set_header("Location", directory_base_url(ctx, req, directory) + "/Users/" + row.id);
            return res;
        });
    });

    routes.add("GET", base + "/Users/{id}", [&ctx, kind](http::request const& req, http::route_params const& p) {
        auto const& directory = p.at("directory");
        authenticate_directory(ctx.db, req, directory);
        std::optional<store::user_row> row;
        user_relations relations;
        ctx.db.read([&](soci::session& s) {
            row = store::find_user(s, directory, p.at("id"));
            if (row) relations = relations_for(ctx, req, s, row->id);
        });
        if (!row) resource_not_found(kind, p.at("id"));
        if (auto res = not_modified(req, row->version)) return std::move(*res);
        return single_user(ctx, req, directory, 200, *row, relations);
    });

    routes.add("PUT", base + "/Users/{id}", [&ctx, kind](http::request const& req, http::route_params const& p) {
        auto const& directory = p.at("directory");
        auto const& id = p.at("id");
        auto const& type = ctx.registry.user_type();
        return journaled_write(ctx, req, directory, type, id, [&](write_journal& journal, store::directory_settings const&) {
            auto body = journal.read_body();
            std::optional<store::user_row> row;
            user_relations relations;
            journal.transact(200, [&](soci::session& s) {
                auto const existing =
                    lock_for_write(req, kind, id, [&] { return store::find_user_for_update(s, directory, id); });
                auto existing_attributes = boost::json::parse(existing.attributes_json).as_object();
                auto resource = protocol::validate_for_replace(ctx.registry, type, body, existing_attributes);
                journal.normalized(with_schemas(type, resource.attributes));
                if (!store::update_user(s, directory, id, fields_from(resource.attributes), existing.version)) {
                    changed_while_written(kind, id);
                }
                store::push_profile(s, directory, id, protocol::account_profile_of(resource.attributes),
                                    http::public_base_url(req, ctx.config.public_url));
                journal.changed(protocol::attribute_diff(ctx.registry, type, existing_attributes, resource.attributes));
                row = store::find_user(s, directory, id);
                relations = relations_for(ctx, req, s, id);
            });
            return single_user(ctx, req, directory, 200, *row, relations);
        });
    });

    routes.add("PATCH", base + "/Users/{id}", [&ctx, kind](http::request const& req, http::route_params const& p) {
        auto const& directory = p.at("directory");
        auto const& id = p.at("id");
        auto const& type = ctx.registry.user_type();
        return journaled_write(ctx, req, directory, type, id, [&](write_journal& journal, store::directory_settings const& settings) {
            bool const with_body = patch_answers_with_body(req, settings, true);
            auto const body = journal.read_body();
            std::optional<store::user_row> row;
            user_relations relations;
            protocol::patch_result patched;
            journal.transact(with_body ? 200 : 204, [&](soci::session& s) {
                auto const existing =
                    lock_for_write(req, kind, id, [&] { return store::find_user_for_update(s, directory, id); });
                auto const before = boost::json::parse(existing.attributes_json).as_object();
                patched = protocol::apply_patch(ctx.registry, type, before, body);
                journal.normalized(protocol::applied_patch(ctx.registry, type, body, patched.normalizations));
                // The patched resource meets the same rules as a PUT body (RFC 7644 §3.5.2:
                // the result must be a valid resource; immutable attributes stay).
                auto const resource =
                    protocol::validate_for_replace(ctx.registry, type, with_schemas(type, patched.attributes), before);
                // Nothing changed (Okta repeats renames and deactivations): no new version.
                if (resource.attributes == before) {
                    row = existing;
                } else {
                    if (!store::update_user(s, directory, id, fields_from(resource.attributes), existing.version)) {
                        changed_while_written(kind, id);
                    }
                    store::push_profile(s, directory, id, protocol::account_profile_of(resource.attributes),
                                        http::public_base_url(req, ctx.config.public_url));
                    journal.changed(protocol::attribute_diff(ctx.registry, type, before, resource.attributes));
                    row = store::find_user(s, directory, id);
                }
                if (with_body) relations = relations_for(ctx, req, s, id);
            });
            log_normalizations(req, directory, "user", id, patched.normalizations);
            if (!with_body) return no_content(req, row->version);
            return single_user(ctx, req, directory, 200, *row, relations);
        });
    });

    routes.add("DELETE", base + "/Users/{id}", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& directory = p.at("directory");
        auto const& id = p.at("id");
        auto const& type = ctx.registry.user_type();
        return journaled_write(ctx, req, directory, type, id, [&](write_journal& journal, store::directory_settings const&) {
            return delete_resource(
                ctx, req, journal, type, id, [&](soci::session& s) { return store::find_user_for_update(s, directory, id); },
                [&](soci::session& s, store::user_row const& existing) {
                    // DOMAIN.md: the link goes, the account stays (deactivated when managed).
                    store::unlink_account(s, directory, id);
                    return store::delete_user(s, directory, id, existing.version);
                });
        });
    });

    routes.add("GET", base + "/Users", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& directory = p.at("directory");
        authenticate_directory(ctx.db, req, directory);
        return list_users(ctx, req, directory, protocol::parse_list_query(http::query_parameters(req.query), ctx.config.scim));
    });

    // RFC 7644 §3.4.3: a search in the body, so that filters stay out of URLs and logs.
    routes.add("POST", base + "/Users/.search", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& directory = p.at("directory");
        authenticate_directory(ctx.db, req, directory);
        return list_users(ctx, req, directory, protocol::parse_search_request(read_json_body(ctx, req), ctx.config.scim));
    });
}

}  // namespace scim::api
