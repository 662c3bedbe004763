// POST /Bulk over HTTP (RFC 7644 §3.7, docs/bulk.md): the token checked once before the body
// is read, the BulkRequest planned (protocol/bulk_plan.hpp), its operations run through the
// single requests' use cases (service/scim_bulk.hpp), the BulkResponse rendered. The route
// declares maxPayloadSize as its body limit, so that the HTTP layer answers a larger body with
// §3.7.4's 413 before any of it is parsed.

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "api_routes.hpp"
#include "scim/protocol/bulk_plan.hpp"
#include "scim/protocol/json_body.hpp"
#include "scim/protocol/rendering.hpp"
#include "scim/service/directory_access.hpp"
#include "scim/service/scim_bulk.hpp"
#include "scim_call.hpp"

namespace scim::api {
namespace {

namespace json = boost::json;

// §3.7.3: each operation's method and bulkId as sent, the resource's location and version,
// its status as a string, and the SCIM error of one that failed.
json::object operation_response(std::string const& base_url, protocol::bulk_operation const& op,
                                service::bulk_result const& result) {
    json::object out{{"method", op.method}};
    if (op.bulk_id) out["bulkId"] = *op.bulk_id;
    if (result.resource_path) out["location"] = base_url + *result.resource_path;
    if (result.version) out["version"] = protocol::entity_tag(*result.version);
    out["status"] = std::to_string(result.status);
    if (result.error) out["response"] = protocol::error_body(*result.error);
    return out;
}

http::response bulk(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = scim_call_of(ctx, req, p, nullptr);
    // A caller without the directory's token learns nothing of how its request would be read.
    service::check_directory_access(ctx, call.request);
    // Each operation's data is read again by its use case under max_json_depth; the request
    // wraps it in two more levels (Operations, the operation).
    auto const body =
        protocol::parse_scim_body(call.request.content_type, call.request.body, ctx.config.scim.max_json_depth + 2);
    auto const plan = protocol::plan_bulk(body, ctx.config.bulk.max_operations);
    auto const results = service::run_bulk(ctx, call.request, plan);
    json::array operations;
    for (auto const& result : results)
        operations.push_back(operation_response(call.base_url, plan.operations[result.operation], result));
    return scim_json(200, json::object{{"schemas", json::array{protocol::bulk_response_urn}},
                                       {"Operations", std::move(operations)}});
}

}  // namespace

void add_bulk_routes(http::router& routes, service::context const& ctx) {
    auto const max_payload = ctx.config.bulk.max_payload_bytes;
    http::body_limit body{
        max_payload, "the size of the bulk request exceeds maxPayloadSize (" + std::to_string(max_payload) + " bytes)"};
    routes.add("POST", "/scim/directory/{directory}/Bulk", bind(ctx, bulk), {}, std::move(body));
}

}  // namespace scim::api
