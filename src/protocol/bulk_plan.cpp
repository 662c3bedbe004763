#include "scim/protocol/bulk_plan.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <set>
#include <string_view>
#include <utility>

#include <boost/json/array.hpp>

#include "scim/core/text.hpp"

namespace scim::protocol {
namespace {

namespace json = boost::json;
using core::error;
using core::error_type;

constexpr std::size_t none = std::numeric_limits<std::size_t>::max();
// How many bulkIds a circle's detail names; a longer circle is cut with "…".
constexpr std::size_t circle_names_shown = 10;

// RFC 7643 §2.1: attribute names are case-insensitive.
json::value const* member(json::object const& o, std::string_view name) {
    for (auto const& m : o)
        if (core::iequals(m.key(), name)) return &m.value();
    return nullptr;
}

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

std::optional<bulk_method> method_of(std::string_view text) {
    if (core::iequals(text, "POST")) return bulk_method::post;
    if (core::iequals(text, "PUT")) return bulk_method::put;
    if (core::iequals(text, "PATCH")) return bulk_method::patch;
    if (core::iequals(text, "DELETE")) return bulk_method::remove;
    return std::nullopt;
}

char const* name_of(bulk_method verb) {
    switch (verb) {
        case bulk_method::post: return "POST";
        case bulk_method::put: return "PUT";
        case bulk_method::patch: return "PATCH";
        case bulk_method::remove: return "DELETE";
    }
    return "";
}

// §3.7: "/Users" or "/Groups" for a POST, "/Users/{id}" or "/Groups/{id}" for the others.
void read_path(bulk_operation& op, std::string_view path) {
    auto const post = op.verb == bulk_method::post;
    auto const wrong = [&] {
        return error(error_type::invalid_value,
                     post ? "the path of a POST must be \"/Users\" or \"/Groups\""
                          : "the path of a " + op.method + " must be \"/Users/{id}\" or \"/Groups/{id}\"");
    };
    std::string_view rest;
    if (path.starts_with("/Users")) {
        op.resource = bulk_resource::user;
        rest = path.substr(6);
    } else if (path.starts_with("/Groups")) {
        op.resource = bulk_resource::group;
        rest = path.substr(7);
    } else {
        throw wrong();
    }
    if (post) {
        if (!rest.empty()) throw wrong();
        return;
    }
    if (rest.size() < 2 || rest.front() != '/' || rest.find('/', 1) != std::string_view::npos) throw wrong();
    op.target = std::string(rest.substr(1));
}

std::vector<std::string> references_of(bulk_operation const& op) {
    std::vector<std::string> out;
    auto const add = [&](std::string id) {
        if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(std::move(id));
    };
    if (auto const id = bulk_reference_of(op.target)) add(*id);
    std::vector<json::value const*> pending{&op.data};
    while (!pending.empty()) {
        auto const* v = pending.back();
        pending.pop_back();
        if (auto const* s = v->if_string()) {
            if (auto const id = bulk_reference_of(*s)) add(*id);
        } else if (auto const* a = v->if_array()) {
            for (auto it = a->rbegin(); it != a->rend(); ++it) pending.push_back(&*it);
        } else if (auto const* o = v->if_object()) {
            for (auto it = o->crbegin(); it != o->crend(); ++it) pending.push_back(&it->value());
        }
    }
    return out;
}

// One operation as the request gives it. A malformed operation gets its refusal and no
// references: it never runs, so nothing waits for what it names.
bulk_operation read_operation(json::object const& o) {
    bulk_operation op;
    auto const* method = member(o, "method");
    if (method && method->is_string()) op.method = std::string(method->as_string());
    if (auto const* bulk_id = member(o, "bulkId"); bulk_id && bulk_id->is_string() && !bulk_id->as_string().empty())
        op.bulk_id = std::string(bulk_id->as_string());
    try {
        auto const verb = method && method->is_string() ? method_of(method->as_string()) : std::nullopt;
        if (!verb) throw error(error_type::invalid_value, "\"method\" must be POST, PUT, PATCH or DELETE");
        op.verb = *verb;
        op.method = name_of(*verb);
        auto const* bulk_id = member(o, "bulkId");
        if (bulk_id && !op.bulk_id) throw error(error_type::invalid_value, "\"bulkId\" must be a non-empty string");
        // §3.7: bulkId is "REQUIRED when "method" is "POST"".
        if (op.verb == bulk_method::post && !op.bulk_id)
            throw error(error_type::invalid_value, "a POST operation must have a \"bulkId\"");
        if (op.bulk_id && bulk_reference_of(*op.bulk_id))
            throw error(error_type::invalid_value, "a \"bulkId\" must not itself start with \"bulkId:\"");
        auto const* path = member(o, "path");
        if (!path || !path->is_string()) throw error(error_type::invalid_value, "\"path\" must be a string");
        read_path(op, path->as_string());
        if (auto const* version = member(o, "version")) {
            if (!version->is_string()) throw error(error_type::invalid_value, "\"version\" must be a string");
            op.version = std::string(version->as_string());
        }
        if (op.verb != bulk_method::remove) {
            auto const* data = member(o, "data");
            if (!data || !data->is_object())
                throw error(error_type::invalid_syntax, "the \"data\" of a " + op.method + " must be a JSON object");
            op.data = *data;
        }
        op.references = references_of(op);
    } catch (error const& e) {
        op.refusal = e;
        op.references.clear();
    }
    return op;
}

std::optional<std::size_t> fail_on_errors_of(json::object const& body) {
    auto const* given = member(body, "failOnErrors");
    if (!given || given->is_null()) return std::nullopt;
    if (given->is_int64() && given->get_int64() > 0) return static_cast<std::size_t>(given->get_int64());
    if (given->is_uint64() && given->get_uint64() > 0) {
        return static_cast<std::size_t>(
            std::min<std::uint64_t>(given->get_uint64(), std::numeric_limits<std::size_t>::max()));
    }
    throw error(error_type::invalid_value, "\"failOnErrors\" must be a positive integer");
}

// Tarjan's strongly connected components, with an explicit stack: component[v] for each
// operation; an operation is in a circle when its component has another operation or it
// references itself.
std::vector<std::size_t> components(std::vector<std::vector<std::size_t>> const& edges) {
    auto const n = edges.size();
    std::vector<std::size_t> index(n, none), low(n, 0), component(n, none);
    std::vector<bool> on_stack(n, false);
    std::vector<std::size_t> stack;
    std::vector<std::pair<std::size_t, std::size_t>> calls;  // (operation, next edge)
    std::size_t counter = 0;
    std::size_t components_found = 0;
    auto const enter = [&](std::size_t v) {
        index[v] = low[v] = counter++;
        stack.push_back(v);
        on_stack[v] = true;
        calls.emplace_back(v, 0);
    };
    for (std::size_t root = 0; root < n; ++root) {
        if (index[root] != none) continue;
        enter(root);
        while (!calls.empty()) {
            auto& [v, next] = calls.back();
            if (next < edges[v].size()) {
                auto const w = edges[v][next++];
                if (index[w] == none) {
                    enter(w);
                } else if (on_stack[w]) {
                    low[v] = std::min(low[v], index[w]);
                }
                continue;
            }
            auto const done = v;
            calls.pop_back();
            if (low[done] == index[done]) {
                std::size_t w = none;
                do {
                    w = stack.back();
                    stack.pop_back();
                    on_stack[w] = false;
                    component[w] = components_found;
                } while (w != done);
                ++components_found;
            }
            if (!calls.empty()) low[calls.back().first] = std::min(low[calls.back().first], low[done]);
        }
    }
    return component;
}

// §3.7.1 allows refusing what it cannot resolve with 409; scimd refuses every circle: creating
// each member without its references and patching them in afterwards would make one request of
// the client several writes, each journaled, none of which the client sent.
void refuse_circles(bulk_plan& plan, std::vector<std::vector<std::size_t>> const& edges,
                    std::vector<std::size_t> const& component) {
    std::map<std::size_t, std::vector<std::size_t>> members;
    for (std::size_t v = 0; v < edges.size(); ++v) members[component[v]].push_back(v);
    for (auto const& [c, ops] : members) {
        bool const circle =
            ops.size() > 1 || std::find(edges[ops[0]].begin(), edges[ops[0]].end(), ops[0]) != edges[ops[0]].end();
        if (!circle) continue;
        std::string names;
        for (std::size_t i = 0; i < ops.size() && i < circle_names_shown; ++i)
            names += (names.empty() ? "" : ", ") + quoted(*plan.operations[ops[i]].bulk_id);
        if (ops.size() > circle_names_shown) names += ", …";
        for (auto const v : ops) {
            plan.operations[v].refusal =
                error(error_type::conflict, "the bulkId references of the operations with bulkId " + names +
                                                " form a circle; none of them was run (RFC 7644 §3.7.1)");
        }
    }
}

// The request's order, except that an operation's referenced POSTs come first (§3.7.2): a
// depth-first walk over the references between circles (references within one are dropped:
// those operations are refused and wait for nothing).
std::vector<std::size_t> processing_order(std::vector<std::vector<std::size_t>> const& edges,
                                          std::vector<std::size_t> const& component) {
    auto const n = edges.size();
    std::vector<std::size_t> order;
    order.reserve(n);
    std::vector<bool> placed(n, false), entered(n, false);
    std::vector<std::pair<std::size_t, std::size_t>> walk;  // (operation, next edge)
    for (std::size_t root = 0; root < n; ++root) {
        if (placed[root]) continue;
        walk.emplace_back(root, 0);
        entered[root] = true;
        while (!walk.empty()) {
            auto& [v, next] = walk.back();
            if (next < edges[v].size()) {
                auto const w = edges[v][next++];
                if (!entered[w] && component[w] != component[v]) {
                    entered[w] = true;
                    walk.emplace_back(w, 0);
                }
                continue;
            }
            placed[v] = true;
            order.push_back(v);
            walk.pop_back();
        }
    }
    return order;
}

}  // namespace

std::optional<std::string> bulk_reference_of(std::string_view text) {
    std::string_view const prefix = bulk_reference_prefix;
    if (text.size() <= prefix.size() || !text.starts_with(prefix)) return std::nullopt;
    return std::string(text.substr(prefix.size()));
}

bulk_plan plan_bulk(json::object const& body, std::size_t max_operations) {
    auto const* schemas = member(body, "schemas");
    bool declared = false;
    if (schemas && schemas->is_array()) {
        for (auto const& s : schemas->as_array())
            declared = declared || (s.is_string() && core::iequals(s.as_string(), bulk_request_urn));
    }
    if (!declared)
        throw error(error_type::invalid_syntax, "\"schemas\" must contain \"" + std::string(bulk_request_urn) + "\"");
    auto const* operations = member(body, "Operations");
    if (!operations || !operations->is_array())
        throw error(error_type::invalid_syntax, "\"Operations\" must be an array");
    auto const& list = operations->as_array();
    // §3.7.4: a request over maxOperations is refused whole, with 413.
    if (list.size() > max_operations) {
        throw error(error_type::payload_too_large, "the bulk request has " + std::to_string(list.size()) +
                                                       " operations, more than maxOperations (" +
                                                       std::to_string(max_operations) + ")");
    }
    bulk_plan plan;
    plan.fail_on_errors = fail_on_errors_of(body);
    std::map<std::string, std::size_t, std::less<>> posts;  // bulkId → its POST
    std::set<std::string, std::less<>> bulk_ids;
    for (auto const& element : list) {
        if (!element.is_object()) throw error(error_type::invalid_syntax, "each of \"Operations\" must be an object");
        auto op = read_operation(element.as_object());
        if (op.bulk_id) {
            // §3.7: a bulkId is "unique within a bulk request"; a second one makes every
            // reference to it ambiguous.
            if (!bulk_ids.insert(*op.bulk_id).second)
                throw error(error_type::invalid_value, "bulkId " + quoted(*op.bulk_id) + " is given twice");
            // A refused POST keeps its bulkId: what references it waits for it, and fails after it.
            if (method_of(op.method) == bulk_method::post) posts.emplace(*op.bulk_id, plan.operations.size());
        }
        plan.operations.push_back(std::move(op));
    }
    std::vector<std::vector<std::size_t>> edges(plan.operations.size());
    for (std::size_t i = 0; i < plan.operations.size(); ++i) {
        auto& op = plan.operations[i];
        for (auto const& id : op.references) {
            auto const post = posts.find(id);
            if (post == posts.end()) {
                op.refusal =
                    error(error_type::invalid_value, "no POST operation of this bulk request has bulkId " + quoted(id));
                edges[i].clear();
                break;
            }
            edges[i].push_back(post->second);
        }
    }
    auto const component = components(edges);
    refuse_circles(plan, edges, component);
    plan.order = processing_order(edges, component);
    return plan;
}

}  // namespace scim::protocol
