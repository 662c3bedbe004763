#pragma once
// The HTTP boundary of the SCIM API: a request read once into what the use cases take
// (service::scim_request) — the query string decoded once, each header read once, the
// projection parsed against the resource type — and the responses the handlers share.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "scim/http/message.hpp"
#include "scim/http/router.hpp"
#include "scim/protocol/list_query.hpp"
#include "scim/protocol/schema_registry.hpp"
#include "scim/service/context.hpp"
#include "scim/service/scim_request.hpp"

namespace scim::api {

struct scim_call {
    service::scim_request request;
    std::vector<std::pair<std::string, std::string>> parameters;  // the query string, decoded
    std::string base_url;  // the directory's SCIM base URL: meta.location, $ref, Location

    // The list parameters of the query string (RFC 7644 §3.4.2).
    protocol::list_query list_query(service::context const& ctx) const;
    // The SearchRequest of the body (RFC 7644 §3.4.3).
    protocol::list_query search_request(service::context const& ctx) const;
};

// `type`: the resource a single-resource request is about, whose attributes and
// excludedAttributes are parsed against it; nullptr for a listing, whose projection comes with
// its list parameters.
scim_call scim_call_of(service::context const& ctx, http::request const& req, http::route_params const& p,
                       protocol::resource_type const* type);

// A response with an application/scim+json body.
http::response scim_json(int status, boost::json::value const& body);
// A resource with its version as ETag.
http::response single_resource(int status, boost::json::object const& resource, std::int64_t version);
// 204 with the new ETag, for a write answered without a body; with Preference-Applied when the
// client asked for it (RFC 7240 §3).
http::response no_content(scim_call const& call, std::int64_t version);
// 304 with the ETag: the client's copy is current (RFC 7644 §3.14).
http::response not_modified(std::int64_t version);

// A route handler of the SCIM API: (ctx, request, route parameters) → response.
using scim_handler = http::response (*)(service::context const&, http::request const&, http::route_params const&);
inline http::handler bind(service::context const& ctx, scim_handler h) {
    return [&ctx, h](http::request const& req, http::route_params const& p) { return h(ctx, req, p); };
}

}  // namespace scim::api
