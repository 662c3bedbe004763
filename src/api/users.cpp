// SCIM Users (RFC 7644 §3.3 create, §3.4.1 retrieve, §3.4.2 list, §3.5.1 replace, §3.5.2 modify,
// §3.6 delete).
// Glue only: validation and rendering live in protocol/, rows in store/.

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include "scim/api/directory_tokens.hpp"
#include "scim/api/endpoints.hpp"
#include "scim/core/error.hpp"
#include "scim/core/log.hpp"
#include "scim/core/text.hpp"
#include "scim/protocol/json_body.hpp"
#include "scim/protocol/list_query.hpp"
#include "scim/protocol/patch.hpp"
#include "scim/protocol/preconditions.hpp"
#include "scim/protocol/rendering.hpp"
#include "scim/protocol/validation.hpp"
#include "scim/store/users.hpp"
#include "listing.hpp"
#include "scim_io.hpp"

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

// RFC 7644 §3.9: attributes / excludedAttributes shape single-resource responses too.
boost::json::object render_user(context const& ctx, http::request const& req, std::string const& base_url,
                                store::user_row const& row) {
    auto attributes = boost::json::parse(row.attributes_json).as_object();
    protocol::resource_meta meta{row.created, row.last_modified, base_url + "/Users/" + row.id, row.version};
    auto const& type = ctx.registry.user_type();
    return protocol::apply_projection(ctx.registry, type, protocol::render_resource(ctx.registry, type, row.id, attributes, meta),
                                      requested_projection(ctx, req));
}

// RFC 7644 §3.14: single-resource responses carry the version as ETag.
http::response single_user(context const& ctx, http::request const& req, std::string const& base_url, int status,
                           store::user_row const& row) {
    auto res = scim_json(status, render_user(ctx, req, base_url, row));
    res.set_header("ETag", protocol::entity_tag(row.version));
    return res;
}

// A stored resource as a request body: the schemas it uses, then its attributes.
boost::json::object with_schemas(context const& ctx, boost::json::object const& attributes) {
    auto const& type = ctx.registry.user_type();
    boost::json::array schemas{boost::json::value(type.schema)};
    for (auto const& e : type.extensions) {
        if (attributes.contains(e.schema)) schemas.emplace_back(e.schema);
    }
    boost::json::object body = attributes;
    body["schemas"] = std::move(schemas);
    return body;
}

// RFC 7644 §3.14: If-Match makes a write conditional on the version the client last saw.
// Called with the row locked, and the write repeats the version condition, so nobody can
// slip in between the check and the write.
void require_if_match(http::request const& req, std::int64_t version) {
    if (!req.has_header("if-match")) return;
    auto const given = req.header("if-match");
    if (!protocol::names_version(given, version)) {
        throw core::error(core::error_type::precondition_failed,
                          "If-Match " + std::string(given) + " does not name the current version " +
                              protocol::entity_tag(version) + "; read the user again");
    }
}

bool prefers_minimal(http::request const& req) {
    auto const prefer = core::to_lower_ascii(req.header("prefer"));
    return prefer.find("return=minimal") != std::string::npos;
}

// The row is locked before it is written, so this only happens if that lock was lost.
[[noreturn]] void version_moved(std::string const& id) {
    throw core::error(core::error_type::precondition_failed, "User \"" + id + "\" changed while it was written; try again");
}

[[noreturn]] void user_not_found(std::string const& id) {
    throw core::error(core::error_type::not_found, "no User with id \"" + id + "\"");
}

}  // namespace

void add_user_routes(http::router& routes, context& ctx) {
    std::string const base = "/scim/directory/{directory}";

    routes.add("POST", base + "/Users", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& directory = p.at("directory");
        authenticate_directory(ctx.db, req, directory);
        auto body = read_json_body(ctx, req);
        auto resource = protocol::validate_for_create(ctx.registry, ctx.registry.user_type(), body);
        auto fields = fields_from(resource.attributes);
        store::user_row row;
        ctx.db.transact([&](soci::session& s) { row = store::insert_user(s, directory, fields); });
        auto base_url = directory_base_url(ctx, req, directory);
        auto res = single_user(ctx, req, base_url, 201, row);
        res.set_header("Location", base_url + "/Users/" + row.id);
        return res;
    });

    routes.add("GET", base + "/Users/{id}", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& directory = p.at("directory");
        authenticate_directory(ctx.db, req, directory);
        std::optional<store::user_row> row;
        ctx.db.read([&](soci::session& s) { row = store::find_user(s, directory, p.at("id")); });
        if (!row) user_not_found(p.at("id"));
        // RFC 7644 §3.14: the client's copy is current.
        if (req.has_header("if-none-match") && protocol::names_version(req.header("if-none-match"), row->version)) {
            http::response res;
            res.status = 304;
            res.set_header("ETag", protocol::entity_tag(row->version));
            return res;
        }
        return single_user(ctx, req, directory_base_url(ctx, req, directory), 200, *row);
    });

    routes.add("PUT", base + "/Users/{id}", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& directory = p.at("directory");
        auto const& id = p.at("id");
        authenticate_directory(ctx.db, req, directory);
        auto body = read_json_body(ctx, req);
        // RFC 7644 §3.5.1: the id is the one in the URL; a different one in the body is a mistake.
        if (auto const* body_id = body.if_contains("id"); body_id && !(body_id->is_string() && body_id->as_string() == id)) {
            throw core::error(core::error_type::invalid_value, "\"id\" in the body does not match the URL");
        }
        std::optional<store::user_row> row;
        ctx.db.transact([&](soci::session& s) {
            auto existing = store::find_user_for_update(s, directory, id);
            if (!existing) user_not_found(id);
            require_if_match(req, existing->version);
            auto existing_attributes = boost::json::parse(existing->attributes_json).as_object();
            auto resource =
                protocol::validate_for_replace(ctx.registry, ctx.registry.user_type(), body, existing_attributes);
            row = store::update_user(s, directory, id, fields_from(resource.attributes), existing->version);
            if (!row) version_moved(id);
        });
        return single_user(ctx, req, directory_base_url(ctx, req, directory), 200, *row);
    });

    routes.add("PATCH", base + "/Users/{id}", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& directory = p.at("directory");
        auto const& id = p.at("id");
        authenticate_directory(ctx.db, req, directory);
        auto const body = read_json_body(ctx, req);
        auto const& type = ctx.registry.user_type();
        std::optional<store::user_row> row;
        protocol::patch_result patched;
        ctx.db.transact([&](soci::session& s) {
            auto existing = store::find_user_for_update(s, directory, id);
            if (!existing) user_not_found(id);
            require_if_match(req, existing->version);
            auto const before = boost::json::parse(existing->attributes_json).as_object();
            patched = protocol::apply_patch(ctx.registry, type, before, body);
            // The patched resource meets the same rules as a PUT body (RFC 7644 §3.5.2:
            // the result must be a valid resource; immutable attributes stay).
            auto const resource =
                protocol::validate_for_replace(ctx.registry, type, with_schemas(ctx, patched.attributes), before);
            // Nothing changed (Okta repeats renames and deactivations): no new version.
            row = resource.attributes == before
                      ? existing
                      : store::update_user(s, directory, id, fields_from(resource.attributes), existing->version);
            if (!row) version_moved(id);
        });
        // What scimd reinterpreted, so that an operator can see it (IDP-BEHAVIOUR.md).
        for (auto const& rule : patched.normalizations) {
            core::log::info("request normalized",
                            {{"id", req.request_id}, {"directory", directory}, {"user", id}, {"rule", rule}});
        }
        // RFC 7240 §4.2: a client that asks for a minimal answer gets 204 with the new ETag.
        if (prefers_minimal(req)) {
            http::response res;
            res.status = 204;
            res.set_header("ETag", protocol::entity_tag(row->version));
            res.set_header("Preference-Applied", "return=minimal");
            return res;
        }
        return single_user(ctx, req, directory_base_url(ctx, req, directory), 200, *row);
    });

    routes.add("DELETE", base + "/Users/{id}", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& directory = p.at("directory");
        authenticate_directory(ctx.db, req, directory);
        auto const& id = p.at("id");
        bool deleted = false;
        ctx.db.transact([&](soci::session& s) {
            std::optional<std::int64_t> expected;
            if (req.has_header("if-match")) {
                auto existing = store::find_user_for_update(s, directory, id);
                if (!existing) user_not_found(id);
                require_if_match(req, existing->version);
                expected = existing->version;
            }
            deleted = store::delete_user(s, directory, id, expected);
        });
        if (!deleted) user_not_found(p.at("id"));
        http::response res;
        res.status = 204;
        return res;
    });

    routes.add("GET", base + "/Users", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& directory = p.at("directory");
        authenticate_directory(ctx.db, req, directory);
        return list_users(ctx, req, directory, protocol::parse_list_query(http::query_parameters(req.query), ctx.config.scim));
    });

    // RFC 7644 §3.4.3: a search in the body, so that filters stay out of URLs and logs.
    // Users are the only resources yet, so a search at the root lists Users too.
    for (auto const* path : {"/Users/.search", "/.search"}) {
        routes.add("POST", base + path, [&ctx](http::request const& req, http::route_params const& p) {
            auto const& directory = p.at("directory");
            authenticate_directory(ctx.db, req, directory);
            return list_users(ctx, req, directory, protocol::parse_search_request(read_json_body(ctx, req), ctx.config.scim));
        });
    }
}

}  // namespace scim::api
