#pragma once
// What the single-resource endpoints of every resource type share: preconditions
// (RFC 7644 §3.14), response preferences (RFC 7240), projections (RFC 7644 §3.9) and the
// errors for a resource that is not there.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include "scim/api/context.hpp"
#include "scim/http/message.hpp"
#include "scim/protocol/journal.hpp"
#include "scim/protocol/projection.hpp"
#include "scim/protocol/schema_registry.hpp"
#include "scim/store/tenants.hpp"
#include "journaled_write.hpp"

namespace scim::api {

// If-Match makes a write conditional on the version the client last saw. Call it with the
// row locked, and repeat the version condition in the write, so that nobody can slip in
// between the check and the write.
void require_if_match(http::request const& req, std::int64_t version, std::string_view resource_type);

// If-None-Match naming the current version: 304 with the ETag (the client's copy is current).
std::optional<http::response> not_modified(http::request const& req, std::int64_t version);

// RFC 7240 Prefer: return=minimal / return=representation.
bool prefers_minimal(http::request const& req);
bool prefers_representation(http::request const& req);

// Whether a PATCH answers 200 with the resource (else 204 with the ETag): what the client
// asks for (Prefer: return=minimal or return=representation, RFC 7240; an attributes or
// excludedAttributes parameter), else the directory's patch_response setting, else
// `by_default` (Users true; Groups false, what group pushes want).
bool patch_answers_with_body(http::request const& req, store::directory_settings const& directory, bool by_default);

// 204 with the new ETag, for a write answered without a body; with Preference-Applied when
// the client asked for it (RFC 7240 §3).
http::response no_content(http::request const& req, std::int64_t version);

// A response with the resource and its version as ETag.
http::response single_resource(int status, boost::json::object const& resource, std::int64_t version);

// attributes / excludedAttributes of a single-resource request.
protocol::projection requested_projection(context const& ctx, http::request const& req, protocol::resource_type const& type);
bool projection_requested(http::request const& req);

// A stored resource as a request body: the schemas it uses, then its attributes.
boost::json::object with_schemas(protocol::resource_type const& type, boost::json::object const& attributes);


// What scimd reinterpreted in a request, one log line per rule, so that an operator can see
// it (IDP-BEHAVIOUR.md). `resource_key` is the log key for the id ("user", "group").
void log_normalizations(http::request const& req, std::string const& directory, std::string const& resource_key,
                        std::string const& id, std::vector<std::string> const& rules);

[[noreturn]] void resource_not_found(std::string_view resource_type, std::string const& id);

// The row of a resource about to be written, locked by `find_for_update` (a store function
// taking the session), once If-Match allows the write.
template <typename FindForUpdate>
auto lock_for_write(http::request const& req, std::string_view resource_type, std::string const& id,
                    FindForUpdate const& find_for_update) {
    auto existing = find_for_update();
    if (!existing) resource_not_found(resource_type, id);
    require_if_match(req, existing->version, resource_type);
    return *existing;
}

// DELETE (RFC 7644 §3.6): 204, or 404 when there is no such resource. The row is locked and
// checked against If-Match first; `remove(s, row)` deletes that version. The journal entry's
// diff shows every attribute going.
template <typename FindForUpdate, typename Delete>
http::response delete_resource(context const& ctx, http::request const& req, write_journal& journal,
                               protocol::resource_type const& type, std::string const& id,
                               FindForUpdate const& find_for_update, Delete const& remove) {
    journal.transact(204, [&](soci::session& s) {
        auto const existing = lock_for_write(req, type.name, id, [&] { return find_for_update(s); });
        auto const before = boost::json::parse(existing.attributes_json).as_object();
        journal.changed(protocol::attribute_diff(ctx.registry, type, before, {}));
        // Thrown inside the transaction, so that whatever `remove` did first is undone.
        if (!remove(s, existing)) resource_not_found(type.name, id);
    });
    http::response res;
    res.status = 204;
    return res;
}
// The row is locked before it is written, so this only happens if that lock was lost.
[[noreturn]] void changed_while_written(std::string_view resource_type, std::string const& id);

}  // namespace scim::api
