#include "scim/service/scim_groups.hpp"

#include <boost/json/parse.hpp>

#include "directory_authentication.hpp"
#include "group_members_shown.hpp"
#include "listing_plan.hpp"
#include "resource_writes.hpp"
#include "scim/core/error.hpp"
#include "scim/domain/groups.hpp"
#include "scim/protocol/cursor.hpp"
#include "scim/protocol/journal.hpp"
#include "scim/protocol/json_body.hpp"
#include "scim/protocol/member_changes.hpp"
#include "scim/protocol/patch.hpp"
#include "scim/protocol/rendering.hpp"
#include "scim/protocol/validation.hpp"
#include "scim/protocol/value_limits.hpp"
#include "scim/store/database.hpp"
#include "scim_write.hpp"

namespace scim::service {
namespace {

constexpr std::string_view kind = "Group";

// docs/errors.md "Limits": values per multi-valued attribute and operations per PATCH; a
// group's members have limits of their own (--max-members-per-request, --max-group-members).
protocol::value_limits limits_of(context const& ctx) { return protocol::value_limits_of(ctx.config.scim, "members"); }

// The stored document: everything but members, which are rows of their own.
boost::json::object document_of(boost::json::object attributes) {
    attributes.erase("members");
    return attributes;
}

store::group_fields fields_from(boost::json::object const& resource) {
    auto const attributes = document_of(resource);
    store::group_fields f;
    f.display_name = std::string(attributes.at("displayName").as_string());
    if (auto const* external_id = attributes.if_contains("externalId"))
        f.external_id = std::string(external_id->as_string());
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

// DOMAIN.md: displayName is unique in the organization ignoring case, across synced and
// admin-kept groups; the error names the clashing value.
[[noreturn]] void display_name_taken(std::string const& display_name) {
    throw core::error(core::error_type::uniqueness,
                      "displayName \"" + display_name + "\" is already used by a group of this organization");
}

// A group's fields as written; the clash and the lost race are the client's answers.
store::group_row written_group(store::group_write written, std::string const& display_name, std::string const& id) {
    if (written.display_name_taken) display_name_taken(display_name);
    if (!written.row) changed_while_written(kind, id);
    return std::move(*written.row);
}

// Members named that are no User of the directory (or one deleted meanwhile): nothing was
// written, and the detail names the first few.
void require_added(store::member_additions const& additions) {
    if (additions.unknown_total > 0) {
        auto const total = additions.unknown_total;
        std::string detail =
            total == 1 ? "no User with id " : std::to_string(total) + " members are no User of this directory: ";
        for (std::size_t i = 0; i < additions.unknown.size(); ++i)
            detail += (i ? ", \"" : "\"") + additions.unknown[i] + "\"";
        if (total > additions.unknown.size()) detail += ", …";
        if (total == 1) detail += " in this directory";
        throw core::error(core::error_type::invalid_value, detail + "; no member was changed");
    }
    if (additions.vanished) {
        throw core::error(core::error_type::invalid_value,
                          "a member was deleted while it was being added; no member was changed");
    }
}

// Applies the member changes in order, recording them in `delta`.
void apply_member_changes(store::session& s, std::string const& directory, std::string const& group_id,
                          std::vector<protocol::member_change> const& changes, protocol::member_delta& delta) {
    using change_kind = protocol::member_change::kind;
    for (auto const& c : changes) {
        switch (c.what) {
            case change_kind::add: require_added(store::add_members(s, directory, group_id, c.ids, &delta)); break;
            case change_kind::remove: store::remove_members(s, group_id, c.ids, &delta); break;
            case change_kind::remove_matching: store::remove_matching_members(s, group_id, *c.condition, &delta); break;
            case change_kind::remove_all: store::remove_all_members(s, group_id, &delta); break;
            case change_kind::replace:
                require_added(store::replace_members(s, directory, group_id, c.ids, &delta));
                break;
        }
    }
}

// The group as it stands after `delta`: member changes move its count, version and
// lastModified (schemas/sql/004_groups.sql triggers), so a group whose members changed is read
// again; otherwise `row` (what the write returned, or the locked row) is already current.
// --max-group-members is checked here, inside the transaction, which a failure rolls back whole.
store::group_row after_members(context const& ctx, store::session& s, scim_request const& req, std::string const& id,
                               store::group_row row, protocol::member_delta const& delta) {
    if (delta.added.count == 0 && delta.removed.count == 0) return row;
    auto current = store::find_group(s, req.directory_id, id);
    if (!current) resource_not_found(kind, id);
    if (delta.added.count > 0) {
        domain::check_group_size(current->member_count, static_cast<std::int64_t>(ctx.config.scim.max_group_members));
    }
    return std::move(*current);
}

// The members a write added and removed, bounded (protocol/journal.hpp), in its journal entry.
void record_members(scim_write& write, protocol::member_delta const& delta) {
    if (auto members = protocol::member_diff(delta); !members.empty()) write.changed({{"members", std::move(members)}});
}

// The journal's view of a write to a group: the document's changes path by path, and the members'.
void record_changes(context const& ctx, scim_write& write, boost::json::object const& before,
                    boost::json::object const& after, protocol::member_delta const& delta) {
    write.changed(protocol::attribute_diff(ctx.registry, ctx.registry.group_type(), before, document_of(after)));
    record_members(write, delta);
}

// A POST or PUT as scimd took it: the document, and the member list bounded like a diff.
boost::json::object normalized_group(context const& ctx, boost::json::object const& attributes,
                                     std::vector<std::string> const& member_ids) {
    auto normalized = protocol::with_schemas(ctx.registry.group_type(), document_of(attributes));
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

group_view shown(context const& ctx, store::session& s, scim_request const& req, store::group_row row) {
    std::vector<group_view> one{group_view{std::move(row), std::nullopt}};
    read_members_shown(ctx, s, req.projection, one);
    return std::move(one.front());
}

}  // namespace

group_view create_group(context const& ctx, scim_request const& req) {
    auto const& type = ctx.registry.group_type();
    return journaled_write(ctx, req, type, {}, [&](scim_write& write, store::directory_settings const&) {
        auto const body = write.read_body();
        auto const resource = protocol::validate_for_create(ctx.registry, type, body, limits_of(ctx));
        auto const member_ids = members_of(ctx, resource.attributes);
        write.normalized(normalized_group(ctx, resource.attributes, member_ids));
        auto const fields = fields_from(resource.attributes);
        group_view view;
        write.transact(201, [&](store::session& s) {
            auto inserted = store::insert_group(s, req.directory_id, fields);
            if (inserted.display_name_taken) display_name_taken(fields.display_name);
            if (!inserted.row) throw core::error(core::error_type::not_found, "no such directory");
            auto row = std::move(*inserted.row);
            write.resource(row.id);
            protocol::member_delta delta;
            require_added(store::add_members(s, req.directory_id, row.id, member_ids, &delta));
            record_changes(ctx, write, {}, resource.attributes, delta);
            auto const id = row.id;
            view = shown(ctx, s, req, after_members(ctx, s, req, id, std::move(row), delta));
        });
        return view;
    });
}

group_answer read_group(context const& ctx, scim_request const& req, std::string const& id) {
    group_answer answer;
    ctx.db.acquire().read([&](store::session& s) {
        authenticate_directory(ctx, s, req);
        auto row = store::find_group(s, req.directory_id, id);
        if (!row) resource_not_found(kind, id);
        answer.version = row->version;
        // A client whose copy is current reads no members.
        if (not_modified(req, row->version)) return;
        answer.group = shown(ctx, s, req, std::move(*row));
    });
    return answer;
}

group_view replace_group(context const& ctx, scim_request const& req, std::string const& id) {
    auto const& type = ctx.registry.group_type();
    return journaled_write(ctx, req, type, id, [&](scim_write& write, store::directory_settings const&) {
        auto const body = write.read_body();
        group_view view;
        write.transact(200, [&](store::session& s) {
            auto const existing =
                lock_for_write(req, kind, id, [&] { return store::find_group_for_update(s, req.directory_id, id); });
            auto const before = boost::json::parse(existing.attributes_json).as_object();
            auto const resource = protocol::validate_for_replace(ctx.registry, type, body, before, limits_of(ctx));
            auto const member_ids = members_of(ctx, resource.attributes);
            write.normalized(normalized_group(ctx, resource.attributes, member_ids));
            auto const fields = fields_from(resource.attributes);
            auto updated = written_group(store::update_group(s, req.directory_id, id, fields, existing.version),
                                         fields.display_name, id);
            protocol::member_delta delta;
            require_added(store::replace_members(s, req.directory_id, id, member_ids, &delta));
            record_changes(ctx, write, before, resource.attributes, delta);
            view = shown(ctx, s, req, after_members(ctx, s, req, id, std::move(updated), delta));
        });
        return view;
    });
}

group_answer patch_group(context const& ctx, scim_request const& req, std::string const& id) {
    auto const& type = ctx.registry.group_type();
    return journaled_write(ctx, req, type, id, [&](scim_write& write, store::directory_settings const& settings) {
        // IDP-BEHAVIOUR.md: group pushes want 204 (or a body without members); the resource
        // comes back when the client or the directory asks for it.
        bool const with_body = patch_answers_with_body(req, settings, false);
        auto const body = write.read_body();
        protocol::patch_result patched;
        group_answer answer;
        write.transact(with_body ? 200 : 204, [&](store::session& s) {
            auto row =
                lock_for_write(req, kind, id, [&] { return store::find_group_for_update(s, req.directory_id, id); });
            auto const before = boost::json::parse(row.attributes_json).as_object();
            patched = protocol::apply_patch(ctx.registry, type, before, body, "members", limits_of(ctx));
            write.normalized(protocol::applied_patch(ctx.registry, type, body, patched.normalizations));
            auto const changes = protocol::member_changes(std::move(patched.external));
            check_members_per_request(ctx, protocol::member_values(changes));
            auto const resource = protocol::validate_for_replace(
                ctx.registry, type, protocol::with_schemas(type, patched.attributes), before, limits_of(ctx));
            // Nothing changed in the document (Okta repeats renames with every member change): no
            // new version for it.
            if (resource.attributes != before) {
                auto const fields = fields_from(resource.attributes);
                row = written_group(store::update_group(s, req.directory_id, id, fields, row.version),
                                    fields.display_name, id);
            }
            protocol::member_delta delta;
            apply_member_changes(s, req.directory_id, id, changes, delta);
            record_changes(ctx, write, before, resource.attributes, delta);
            row = after_members(ctx, s, req, id, std::move(row), delta);
            answer.version = row.version;
            answer.group.reset();
            if (with_body) answer.group = shown(ctx, s, req, std::move(row));
        });
        log_normalizations(req, "group", id, patched.normalizations);
        return answer;
    });
}

void delete_group(context const& ctx, scim_request const& req, std::string const& id) {
    auto const& type = ctx.registry.group_type();
    journaled_write(ctx, req, type, id, [&](scim_write& write, store::directory_settings const&) {
        write.transact(204, [&](store::session& s) {
            auto const existing =
                lock_for_write(req, kind, id, [&] { return store::find_group_for_update(s, req.directory_id, id); });
            auto const before = boost::json::parse(existing.attributes_json).as_object();
            write.changed(protocol::attribute_diff(ctx.registry, type, before, {}));
            // The memberships go with the group: the journal counts them and names the first.
            protocol::member_delta delta;
            std::vector<std::string> first;
            for (auto const& m : store::list_members(s, id, std::nullopt, 0, protocol::journal_listed_ids)) {
                first.push_back(m.user_id);
            }
            delta.removed.record(existing.member_count, first);
            record_members(write, delta);
            if (!store::delete_group(s, req.directory_id, id, existing.version)) resource_not_found(kind, id);
        });
    });
}

listed_page<group_view> list_groups(context const& ctx, scim_request const& req, protocol::list_query const& query) {
    listed_page<group_view> page;
    ctx.db.acquire().read([&](store::session& s) {
        authenticate_directory(ctx, s, req);
        listing_plan const plan(ctx, ctx.registry.group_type(), req.directory_id, query);
        auto const rows = store::list_groups(s, plan.request());
        std::vector<group_view> groups;
        groups.reserve(rows.rows.size());
        for (auto const& r : rows.rows) groups.push_back(group_view{r.row, std::nullopt});
        read_members_shown(ctx, s, plan.projection(), groups);
        page = plan.page(rows, std::move(groups));
    });
    return page;
}

member_page list_group_members(context const& ctx, scim_request const& req, std::string const& id,
                               protocol::list_query const& query) {
    if (query.filter || query.sort_by || query.attributes || query.excluded_attributes) {
        throw core::error(core::error_type::invalid_value,
                          "the member listing takes count, startIndex and cursor only; to test one member, "
                          "GET /Groups?filter=id eq \"<group>\" and members[value eq \"<user>\"]");
    }
    member_page page;
    ctx.db.acquire().read([&](store::session& s) {
        authenticate_directory(ctx, s, req);
        // RFC 9865: the cursor names the last member shown, in member id order, and is bound to
        // this directory's group.
        auto const fingerprint = req.directory_id + "\nmembers\n" + id;
        auto const now = std::chrono::system_clock::now();
        std::optional<std::string> after;
        if (query.cursor && !query.cursor->empty()) {
            auto const position = protocol::decode_cursor(*query.cursor, fingerprint, ctx.cursor_key, now,
                                                          ctx.config.scim.cursor_timeout);
            if (!position.forward)
                throw core::error(core::error_type::invalid_cursor, "member cursors go forward only");
            after = position.id;
        }
        auto const group = store::find_group(s, req.directory_id, id);
        if (!group) resource_not_found(kind, id);
        // One more than asked tells whether there are more.
        if (query.count > 0) {
            page.members = store::list_members(s, id, after, query.cursor ? 0 : query.start_index - 1, query.count + 1);
        }
        bool const more = static_cast<std::int64_t>(page.members.size()) > query.count;
        if (more) page.members.pop_back();
        page.total = group->member_count;
        page.cursor_paging = query.cursor.has_value();
        page.start_index = page.cursor_paging ? 1 : query.start_index;
        if (page.cursor_paging && more) {
            page.next_cursor = protocol::encode_cursor({true, std::nullopt, page.members.back().user_id}, fingerprint,
                                                       ctx.cursor_key, now);
        }
    });
    return page;
}

}  // namespace scim::service
