#include "scim/protocol/member_changes.hpp"

#include <unordered_set>

#include <boost/json/array.hpp>

#include "scim/core/error.hpp"
#include "scim/core/text.hpp"

namespace scim::protocol {
namespace {

namespace json = boost::json;
using core::error_type;

// Ids in the order given, each once; `seen` holds them for a constant-time test, so that a
// request naming 10,000 members costs 10,000 steps, not 10,000².
struct distinct_ids {
    std::vector<std::string> ids;
    std::unordered_set<std::string> seen;

    void add(std::string id) {
        if (seen.insert(id).second) ids.push_back(std::move(id));
    }
};

std::string member_id(json::value const& element) {
    auto const* o = element.if_object();
    auto const* value = o ? o->if_contains("value") : nullptr;
    if (!value || !value->is_string() || value->as_string().empty()) {
        throw core::error(error_type::invalid_value, "each member needs a \"value\": the id of a User");
    }
    if (auto const* type = o->if_contains("type");
        type && !(type->is_string() && core::iequals(type->as_string(), "User"))) {
        throw core::error(error_type::invalid_value,
                          "members must be Users of this directory; groups cannot be nested");
    }
    return std::string(value->as_string());
}

// The id a value filter names when it says only "value eq <id>" (members[value eq "x"]).
std::optional<std::string> named_id(bound_filter const& condition) {
    auto const* c = std::get_if<bound_comparison>(&condition.node);
    if (!c || c->op != comparison_operator::eq || !c->path.attribute || c->path.attribute->name != "value")
        return std::nullopt;
    return std::get<std::string>(c->value);
}

// The changes in order, where consecutive adds (or consecutive removes of listed ids) are one
// set operation: clients that send one operation per member (1,000 single-member adds) cost
// one statement, not 1,000. Sets make it the same: adding a, then b, is adding {a, b}.
class change_list {
public:
    void push(member_change change) {
        using kind = member_change::kind;
        bool const joins = !out_.empty() && out_.back().what == change.what &&
                           (change.what == kind::add || change.what == kind::remove);
        auto ids = std::move(change.ids);
        if (!joins) {
            seal();
            out_.push_back(std::move(change));
        }
        for (auto& id : ids) tail_.add(std::move(id));
    }

    std::vector<member_change> release() {
        seal();
        return std::move(out_);
    }

private:
    // The last change's ids are gathered in tail_ until another change follows.
    void seal() {
        if (!out_.empty()) out_.back().ids = std::move(tail_.ids);
        tail_ = {};
    }

    std::vector<member_change> out_;
    distinct_ids tail_;
};

[[noreturn]] void sub_attribute_refused(external_operation const& op) {
    throw core::error(
        error_type::invalid_path,
        "\"" + to_string(op.path.target) + "\": a member's sub-attributes cannot be changed; add or remove the member");
}

}  // namespace

std::vector<std::string> member_ids(json::value const& members) {
    if (members.is_null()) return {};
    if (!members.is_array()) throw core::error(error_type::invalid_value, "\"members\" must be an array");
    distinct_ids distinct;
    for (auto const& element : members.as_array()) distinct.add(member_id(element));
    return std::move(distinct.ids);
}

std::vector<member_change> member_changes(std::vector<external_operation> operations) {
    using kind = member_change::kind;
    change_list out;
    for (auto& op : operations) {
        auto& path = op.path;
        if (path.target.sub_attribute) sub_attribute_refused(op);
        bool const value_sub = path.sub_after_filter && path.sub_after_filter->name == "value";
        if (path.sub_after_filter && !value_sub) sub_attribute_refused(op);

        if (path.value_filter) {
            if (op.kind == patch_op_kind::remove) {
                if (path.sub_after_filter) sub_attribute_refused(op);
                out.push({kind::remove_matching, {}, std::move(path.value_filter)});
                continue;
            }
            // add or replace through a filter: the member the value (or the filter) names.
            std::vector<std::string> ids;
            if (value_sub) {
                if (!op.value->is_string())
                    throw core::error(error_type::invalid_value, "a member's value is a User id");
                ids.emplace_back(op.value->as_string());
            } else if (op.value && op.value->is_object() && op.value->as_object().contains("value")) {
                ids = member_ids(json::array{*op.value});
            } else if (auto id = named_id(*path.value_filter)) {
                ids.push_back(*id);
            } else {
                throw core::error(error_type::invalid_value, "\"" + to_string(path.target) + "\" needs a member value");
            }
            if (op.kind == patch_op_kind::replace) out.push({kind::remove_matching, {}, std::move(path.value_filter)});
            out.push({kind::add, std::move(ids), std::nullopt});
            continue;
        }
        switch (op.kind) {
            case patch_op_kind::add: out.push({kind::add, member_ids(*op.value), std::nullopt}); break;
            case patch_op_kind::remove:
                if (op.value) {
                    out.push({kind::remove, member_ids(*op.value), std::nullopt});
                } else {
                    out.push({kind::remove_all, {}, std::nullopt});
                }
                break;
            case patch_op_kind::replace: out.push({kind::replace, member_ids(*op.value), std::nullopt}); break;
        }
    }
    return out.release();
}

std::size_t member_values(std::vector<member_change> const& changes) {
    std::size_t n = 0;
    for (auto const& c : changes) n += c.ids.size();
    return n;
}

}  // namespace scim::protocol
