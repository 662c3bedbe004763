#include "scim/service/scim_bulk.hpp"

#include <exception>
#include <map>
#include <string_view>
#include <utility>

#include "scim/core/log.hpp"
#include "scim/protocol/json_body.hpp"
#include "scim/protocol/projection.hpp"
#include "scim/service/scim_groups.hpp"
#include "scim/service/scim_users.hpp"

namespace scim::service {
namespace {

using protocol::bulk_method;
using protocol::bulk_operation;
using protocol::bulk_resource;

// What a successful operation wrote.
struct written {
    std::string id;
    std::int64_t version = 0;
};

std::string collection_of(bulk_resource resource) { return resource == bulk_resource::user ? "/Users" : "/Groups"; }

int success_status(bulk_method verb) {
    switch (verb) {
        case bulk_method::post: return 201;
        case bulk_method::put: return 200;
        case bulk_method::patch: return 200;
        case bulk_method::remove: return 204;
    }
    return 200;
}

// The single request the operation stands for, as a client would have sent it alone.
struct operation_request {
    std::string body;  // what request.body points to
    scim_request request;
};

class bulk_run {
public:
    bulk_run(context const& ctx, scim_request const& bulk)
        : ctx_(ctx), bulk_(bulk),
          // A bulk response shows no resource, so none of their relations is read.
          user_projection_(id_only(ctx.registry.user_type())), group_projection_(id_only(ctx.registry.group_type())) {}

    bulk_result process(std::size_t index, bulk_operation const& op) {
        bulk_result result{index, 0, {}, {}, {}};
        if (op.refusal) {
            result.error = *op.refusal;
        } else {
            run_into(result, op);
        }
        if (result.error) result.status = result.error->status();
        return result;
    }

private:
    protocol::projection id_only(protocol::resource_type const& type) const {
        return protocol::parse_projection(std::string_view("id"), std::nullopt, ctx_.registry, type);
    }

    // A reference whose POST did not create anything (it failed or was refused) leaves the
    // operation nothing to stand for; §3.7.1 answers an unresolvable reference with 409.
    std::optional<std::string> id_of(std::string const& bulk_id) const {
        auto const found = created_.find(bulk_id);
        if (found == created_.end()) return std::nullopt;
        return found->second;
    }

    void require_resolved(bulk_operation const& op) const {
        for (auto const& bulk_id : op.references) {
            if (!id_of(bulk_id)) {
                throw core::error(core::error_type::conflict, "the POST operation with bulkId \"" + bulk_id +
                                                                  "\" created nothing, so this operation, which "
                                                                  "references it, was not run");
            }
        }
    }

    std::string resolved_target(bulk_operation const& op) const {
        if (auto const bulk_id = protocol::bulk_reference_of(op.target)) {
            if (auto const id = id_of(*bulk_id)) return *id;
            return {};
        }
        return op.target;
    }

    operation_request request_for(bulk_operation const& op, std::string const& target) const {
        operation_request out;
        if (op.verb != bulk_method::remove) {
            auto data = op.data;
            protocol::replace_bulk_references(data, [&](std::string const& id) { return id_of(id); });
            out.body = protocol::serialize(data);
        }
        auto& r = out.request;
        r.id = bulk_.id;
        r.method = op.method;
        r.path =
            "/scim/directory/" + bulk_.directory_id + collection_of(op.resource) + (target.empty() ? "" : "/" + target);
        r.directory_id = bulk_.directory_id;
        r.authorization = bulk_.authorization;
        r.content_type = "application/scim+json";
        r.projection = op.resource == bulk_resource::user ? user_projection_ : group_projection_;
        r.if_match = op.version;
        // A PATCH answers its new version either way; with the resource it is journaled as the
        // 200 the bulk response says (§3.7.3).
        r.prefer_representation = true;
        return out;
    }

    void run_into(bulk_result& result, bulk_operation const& op) {
        try {
            auto const target = resolved_target(op);
            if (!target.empty()) result.resource_path = collection_of(op.resource) + "/" + target;
            auto const done = run(op, target);
            if (op.verb == bulk_method::post) {
                created_.emplace(*op.bulk_id, done.id);
                result.resource_path = collection_of(op.resource) + "/" + done.id;
            }
            if (op.verb != bulk_method::remove) result.version = done.version;
            result.status = success_status(op.verb);
        } catch (core::error const& e) {
            result.error = e;
        } catch (std::exception const& e) {
            // As the router does for a single request: the client hears a generic 500, the log
            // says what failed.
            core::log::error("bulk operation failed", {{"id", bulk_.id}, {"error", e.what()}});
            result.error = core::error(core::error_type::internal, "internal server error");
        }
    }

    written run(bulk_operation const& op, std::string const& target) {
        require_resolved(op);
        auto call = request_for(op, target);
        call.request.body = call.body;
        auto const& req = call.request;
        bool const user = op.resource == bulk_resource::user;
        switch (op.verb) {
            case bulk_method::post: {
                if (user) {
                    auto const u = create_user(ctx_, req);
                    return {u.id, u.version};
                }
                auto const g = create_group(ctx_, req);
                return {g.row.id, g.row.version};
            }
            case bulk_method::put: {
                if (user) return {target, replace_user(ctx_, req, target).version};
                return {target, replace_group(ctx_, req, target).row.version};
            }
            case bulk_method::patch: {
                if (user) return {target, patch_user(ctx_, req, target).version};
                return {target, patch_group(ctx_, req, target).version};
            }
            case bulk_method::remove: {
                if (user) {
                    delete_user(ctx_, req, target);
                } else {
                    delete_group(ctx_, req, target);
                }
                return {target, 0};
            }
        }
        return {};
    }

    context const& ctx_;
    scim_request const& bulk_;
    protocol::projection user_projection_;
    protocol::projection group_projection_;
    std::map<std::string, std::string, std::less<>> created_;  // bulkId → the id its POST created
};

}  // namespace

std::vector<bulk_result> run_bulk(context const& ctx, scim_request const& bulk, protocol::bulk_plan const& plan) {
    bulk_run run(ctx, bulk);
    std::vector<bulk_result> results;
    results.reserve(plan.order.size());
    std::size_t failures = 0;
    for (auto const index : plan.order) {
        results.push_back(run.process(index, plan.operations[index]));
        if (results.back().error) ++failures;
        // §3.7.3: once failOnErrors operations failed, the rest are not run.
        if (plan.fail_on_errors && failures >= *plan.fail_on_errors) break;
    }
    return results;
}

}  // namespace scim::service
