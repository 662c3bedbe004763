// SCIM Groups (RFC 7644 §3.3 create, §3.4.1 retrieve, §3.4.2 list, §3.5.1 replace, §3.5.2
// modify, §3.6 delete). Members are set operations in SQL (store/group_members.hpp): no
// request loads a group's member list to change it.
// Glue only: validation and PATCH live in protocol/, rows in store/.

#include <boost/json/parse.hpp>

#include "scim/api/directory_tokens.hpp"
#include "scim/api/endpoints.hpp"
#include "scim/core/error.hpp"
#include "scim/domain/groups.hpp"
#include "scim/protocol/journal.hpp"
#include "scim/protocol/json_body.hpp"
#include "scim/protocol/list_query.hpp"
#include "scim/protocol/member_changes.hpp"
#include "scim/protocol/patch.hpp"
#include "scim/protocol/validation.hpp"
#include "scim/store/group_members.hpp"
#include "scim/store/groups.hpp"
#include "group_rendering.hpp"
#include "journaled_write.hpp"
#include "listing.hpp"
#include "resource_requests.hpp"
#include "scim_io.hpp"

namespace scim::api {
namespace {

constexpr std::string_view kind = "Group";

// The stored document: everything but members, which are rows of their own.
boost::json::object document_of(boost::json::object attributes) {
    attributes.erase("members");
    return attributes;
}

store::group_fields fields_from(boost::json::object const& resource) {
    auto const attributes = document_of(resource);
    store::group_fields f;
    f.display_name = std::string(attributes.at("displayName").as_string());
    if (auto const* external_id = attributes.if_contains("externalId")) {
        f.external_id = std::string(external_id->as_string());
    }
    f.attributes_json = protocol::serialize(attributes);
    return f;
}

// --max-members-per-request: a request naming more members is refused before anything is
// written (RFC 7644 §3.12 has no scimType for it; 413 is what Bulk uses for too many operations).
void check_members_per_request(context const& ctx, std::size_t values) {
    auto const limit = ctx.config.scim.max_members_per_request;
    if (values > limit) {
        throw core::error(core::error_type::payload_too_large,
                          "the request names " + std::to_string(values) + " members; at most " + std::to_string(limit) +
                              " may be added or removed in one request: send them in several PATCH requests");
    }
}

// --max-group-members, checked after the changes inside the transaction, which a failure
// rolls back whole.
void check_group_size(context const& ctx, soci::session& s, std::string const& group_id) {
    domain::check_group_size(store::member_count(s, group_id), static_cast<std::int64_t>(ctx.config.scim.max_group_members));
}

// Applies the member changes in order, recording them in `delta`; answers whether any member
// was added.
bool apply_member_changes(soci::session& s, std::string const& directory, std::string const& group_id,
                          std::vector<protocol::member_change> const& changes, protocol::member_delta& delta) {
    using change_kind = protocol::member_change::kind;
    bool added = false;
    for (auto const& c : changes) {
        switch (c.what) {
            case change_kind::add: added = store::add_members(s, directory, group_id, c.ids, &delta) > 0 || added; break;
            case change_kind::remove: store::remove_members(s, group_id, c.ids, &delta); break;
            case change_kind::remove_matching: store::remove_matching_members(s, group_id, *c.condition, &delta); break;
            case change_kind::remove_all: store::remove_all_members(s, group_id, &delta); break;
            case change_kind::replace:
                added = store::replace_members(s, directory, group_id, c.ids, &delta) > 0 || added;
                break;
        }
    }
    return added;
}

// The members a write added and removed, bounded (protocol/journal.hpp), in its journal entry.
void record_members(write_journal& journal, protocol::member_delta const& delta) {
    if (auto members = protocol::member_diff(delta); !members.empty()) journal.changed({{"members", std::move(members)}});
}

// The journal's view of a write to a group: the document's changes path by path, and the members'.
void record_changes(context const& ctx, write_journal& journal, boost::json::object const& before,
                    boost::json::object const& after, protocol::member_delta const& delta) {
    journal.changed(protocol::attribute_diff(ctx.registry, ctx.registry.group_type(), before, document_of(after)));
    record_members(journal, delta);
}

// A POST or PUT as scimd took it: the document, and the member list bounded like a diff.
boost::json::object normalized_group(context const& ctx, boost::json::object const& attributes,
                                     std::vector<std::string> const& member_ids) {
    auto normalized = with_schemas(ctx.registry.group_type(), document_of(attributes));
    normalized["members"] = protocol::listed_members(member_ids);
    return normalized;
}

// The members a POST or PUT body gives (all of them: RFC 7644 §3.5.1 replaces the list).
std::vector<std::string> members_of(context const& ctx, boost::json::object const& attributes) {
    auto const* members = attributes.if_contains("members");
    auto ids = members ? protocol::member_ids(*members) : std::vector<std::string>{};
    check_members_per_request(ctx, ids.size());
    return ids;
}

struct shown_group {
    store::group_row row;
    std::optional<std::vector<store::group_member>> members;
};

// The group as it now stands in the transaction, with the members the response shows.
shown_group reread(context const& ctx, http::request const& req, soci::session& s, std::string const& directory,
                   std::string const& id) {
    auto row = store::find_group(s, directory, id);
    if (!row) resource_not_found(kind, id);
    return {*row, members_to_show(ctx, s, *row, requested_projection(ctx, req, ctx.registry.group_type()))};
}

http::response single_group(context const& ctx, http::request const& req, std::string const& directory, int status,
                            shown_group const& group) {
    auto const projection = requested_projection(ctx, req, ctx.registry.group_type());
    return single_resource(
        status, render_group(ctx, directory_base_url(ctx, req, directory), group.row, projection, group.members),
        group.row.version);
}

// GET /Groups and its .search.
http::response list_groups(context const& ctx, http::request const& req, std::string const& directory,
                           protocol::list_query const& query) {
    listing_plan const plan(ctx, ctx.registry.group_type(), directory, query);
    store::listing<store::group_row> page;
    std::vector<std::optional<std::vector<store::group_member>>> members;
    ctx.db.read([&](soci::session& s) {
        page = store::list_groups(s, plan.request());
        members = members_to_show(ctx, s, page.rows, plan.projection());
    });
    auto const base_url = directory_base_url(ctx, req, directory);
    std::size_t i = 0;
    return plan.respond(page, [&](store::group_row const& row) {
        return render_group(ctx, base_url, row, plan.projection(), members[i++]);
    });
}

}  // namespace

void add_group_routes(http::router& routes, context& ctx) {
    std::string const base = "/scim/directory/{directory}";

    routes.add("POST", base + "/Groups", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& directory = p.at("directory");
        auto const& type = ctx.registry.group_type();
        return journaled_write(ctx, req, directory, type, {}, [&](write_journal& journal, store::directory_settings const&) {
            auto const body = journal.read_body();
            auto const resource = protocol::validate_for_create(ctx.registry, type, body);
            auto const member_ids = members_of(ctx, resource.attributes);
            journal.normalized(normalized_group(ctx, resource.attributes, member_ids));
            auto const fields = fields_from(resource.attributes);
            shown_group group;
            journal.transact(201, [&](soci::session& s) {
                auto const row = store::insert_group(s, directory, fields);
                journal.resource(row.id);
                protocol::member_delta delta;
                if (store::add_members(s, directory, row.id, member_ids, &delta) > 0) check_group_size(ctx, s, row.id);
                record_changes(ctx, journal, {}, resource.attributes, delta);
                group = reread(ctx, req, s, directory, row.id);
            });
            auto res = single_group(ctx, req, directory, 201, group);
            res.set_header("Location", directory_base_url(ctx, req, directory) + "/Groups/" + group.row.id);
            return res;
        });
    });

    routes.add("GET", base + "/Groups/{id}", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& directory = p.at("directory");
        auto const& id = p.at("id");
        authenticate_directory(ctx.db, req, directory);
        std::optional<shown_group> group;
        ctx.db.read([&](soci::session& s) {
            auto row = store::find_group(s, directory, id);
            if (!row) return;
            // A client whose copy is current reads no members.
            if (req.has_header("if-none-match") && not_modified(req, row->version)) {
                group = shown_group{*row, std::nullopt};
                return;
            }
            group = reread(ctx, req, s, directory, id);
        });
        if (!group) resource_not_found(kind, id);
        if (auto res = not_modified(req, group->row.version)) return std::move(*res);
        return single_group(ctx, req, directory, 200, *group);
    });

    routes.add("PUT", base + "/Groups/{id}", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& directory = p.at("directory");
        auto const& id = p.at("id");
        auto const& type = ctx.registry.group_type();
        return journaled_write(ctx, req, directory, type, id, [&](write_journal& journal, store::directory_settings const&) {
            auto const body = journal.read_body();
            shown_group group;
            journal.transact(200, [&](soci::session& s) {
                auto const existing =
                    lock_for_write(req, kind, id, [&] { return store::find_group_for_update(s, directory, id); });
                auto const before = boost::json::parse(existing.attributes_json).as_object();
                auto const resource = protocol::validate_for_replace(ctx.registry, type, body, before);
                auto const member_ids = members_of(ctx, resource.attributes);
                journal.normalized(normalized_group(ctx, resource.attributes, member_ids));
                if (!store::update_group(s, directory, id, fields_from(resource.attributes), existing.version)) {
                    changed_while_written(kind, id);
                }
                protocol::member_delta delta;
                if (store::replace_members(s, directory, id, member_ids, &delta) > 0) check_group_size(ctx, s, id);
                record_changes(ctx, journal, before, resource.attributes, delta);
                group = reread(ctx, req, s, directory, id);
            });
            return single_group(ctx, req, directory, 200, group);
        });
    });

    routes.add("PATCH", base + "/Groups/{id}", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& directory = p.at("directory");
        auto const& id = p.at("id");
        auto const& type = ctx.registry.group_type();
        return journaled_write(ctx, req, directory, type, id, [&](write_journal& journal, store::directory_settings const& settings) {
            // IDP-BEHAVIOUR.md: group pushes want 204 (or a body without members); the resource
            // comes back when the client or the directory asks for it.
            bool const with_body = patch_answers_with_body(req, settings, false);
            auto const body = journal.read_body();
            protocol::patch_result patched;
            shown_group group;
            journal.transact(with_body ? 200 : 204, [&](soci::session& s) {
                auto const existing =
                    lock_for_write(req, kind, id, [&] { return store::find_group_for_update(s, directory, id); });
                auto const before = boost::json::parse(existing.attributes_json).as_object();
                patched = protocol::apply_patch(ctx.registry, type, before, body, "members");
                journal.normalized(protocol::applied_patch(ctx.registry, type, body, patched.normalizations));
                auto const changes = protocol::member_changes(std::move(patched.external));
                check_members_per_request(ctx, protocol::member_values(changes));
                auto const resource =
                    protocol::validate_for_replace(ctx.registry, type, with_schemas(type, patched.attributes), before);
                // Nothing changed in the document (Okta repeats renames with every member change):
                // no new version for it.
                if (resource.attributes != before &&
                    !store::update_group(s, directory, id, fields_from(resource.attributes), existing.version)) {
                    changed_while_written(kind, id);
                }
                protocol::member_delta delta;
                if (apply_member_changes(s, directory, id, changes, delta)) check_group_size(ctx, s, id);
                record_changes(ctx, journal, before, resource.attributes, delta);
                if (with_body) {
                    group = reread(ctx, req, s, directory, id);
                } else {
                    group.row = *store::find_group(s, directory, id);
                }
            });
            log_normalizations(req, directory, "group", id, patched.normalizations);
            if (!with_body) return no_content(req, group.row.version);
            return single_group(ctx, req, directory, 200, group);
        });
    });

    routes.add("DELETE", base + "/Groups/{id}", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& directory = p.at("directory");
        auto const& id = p.at("id");
        auto const& type = ctx.registry.group_type();
        return journaled_write(ctx, req, directory, type, id, [&](write_journal& journal, store::directory_settings const&) {
            return delete_resource(
                ctx, req, journal, type, id, [&](soci::session& s) { return store::find_group_for_update(s, directory, id); },
                [&](soci::session& s, store::group_row const& existing) {
                    // The memberships go with the group: the journal counts them and names the first.
                    protocol::member_delta delta;
                    std::vector<std::string> first;
                    for (auto const& m : store::list_members(s, id, std::nullopt, 0, protocol::journal_listed_ids)) {
                        first.push_back(m.user_id);
                    }
                    delta.removed.record(existing.member_count, first);
                    record_members(journal, delta);
                    return store::delete_group(s, directory, id, existing.version);
                });
        });
    });

    routes.add("GET", base + "/Groups", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& directory = p.at("directory");
        authenticate_directory(ctx.db, req, directory);
        return list_groups(ctx, req, directory, protocol::parse_list_query(http::query_parameters(req.query), ctx.config.scim));
    });

    // RFC 7644 §3.4.3: a search in the body, so that filters stay out of URLs and logs.
    routes.add("POST", base + "/Groups/.search", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& directory = p.at("directory");
        authenticate_directory(ctx.db, req, directory);
        return list_groups(ctx, req, directory, protocol::parse_search_request(read_json_body(ctx, req), ctx.config.scim));
    });
}

}  // namespace scim::api
