#include "filter_sql.hpp"

#include <variant>

#include "identifiers.hpp"
#include "scim/core/error.hpp"
#include "scim/core/text.hpp"

namespace scim::store {
namespace {

using protocol::attribute;
using protocol::attribute_type;
using protocol::bound_path;
using protocol::comparison_operator;

// The case fold of schemas/sql/002_query.sql; the indexes are built on this exact expression.
std::string fold(std::string const& sql) { return "lower(" + sql + " COLLATE \"und-x-icu\")"; }

std::string json_text(std::string const& json) { return "(" + json + " #>> '{}')"; }

std::string ordering_operator(comparison_operator op) {
    switch (op) {
        case comparison_operator::gt: return " > ";
        case comparison_operator::ge: return " >= ";
        case comparison_operator::lt: return " < ";
        case comparison_operator::le: return " <= ";
        default: return " = ";
    }
}

// The JSONB path of `path` inside the resource's attribute document: extensions are stored
// under their URN (protocol/validation.hpp), names in the registry's spelling.
std::string json_path(std::string const& document, bound_path const& path, bool with_sub = true) {
    std::string keys;
    auto add = [&](std::string const& key) { keys += (keys.empty() ? "" : ", ") + sql_literal(key); };
    if (!path.schema_urn.empty()) add(path.schema_urn);
    if (path.attribute) add(path.attribute->name);
    if (with_sub && path.sub_attribute) add(path.sub_attribute->name);
    return "(" + document + " #> ARRAY[" + keys + "]::text[])";
}

// Where the values of the attribute being tested are: the resource row, or one element of
// a multi-valued (or the object of a single-valued) complex attribute.
struct element_scope {
    std::string json;  // the element as jsonb, when it comes from JSON
    side_table const* side = nullptr;
    std::string alias;  // the side table's alias
};

class emitter {
public:
    emitter(sql_text& out, resource_table const& table) : out_(out), table_(table) {}

    void filter(protocol::bound_filter const& f, element_scope const* scope) {
        std::visit([&](auto const& node) { emit(node, scope); }, f.node);
    }

    bool row_local() const noexcept { return row_local_; }

private:
    void emit(protocol::bound_logical const& l, element_scope const* scope) {
        char const* separator = l.op == protocol::logical_operator::conjunction ? " AND " : " OR ";
        out_ << "(";
        for (std::size_t i = 0; i < l.operands.size(); ++i) {
            if (i > 0) out_ << separator;
            filter(l.operands[i], scope);
        }
        out_ << ")";
    }

    void emit(protocol::bound_not const& n, element_scope const* scope) {
        out_ << "NOT coalesce((";
        filter(*n.operand, scope);
        out_ << "), false)";
    }

    void emit(protocol::bound_value_path const& v, element_scope const* scope) {
        // The binder refuses nested value paths, so `scope` is null here.
        (void)scope;
        any_element(v.path, [&](element_scope const& element) { filter(*v.condition, &element); });
    }

    void emit(protocol::bound_presence const& p, element_scope const* scope) {
        if (p.negated) out_ << "NOT coalesce((";
        if (scope) {
            present(element_value(*scope, p.path.leaf()));
        } else if (!p.path.attribute) {
            present({sql_form::json, "(" + table_.json + " -> " + sql_literal(p.path.schema_urn) + ")"});
        } else if (p.path.attribute->multi_valued && p.path.sub_attribute) {
            any_element(p.path, [&](element_scope const& e) { present(element_value(e, *p.path.sub_attribute)); });
        } else if (p.path.attribute->multi_valued && table_.side_table_for(p.path)) {
            // A value kept in a side table (Users' groups) is present when it has a row.
            any_element(p.path, [&](element_scope const&) { out_ << "TRUE"; });
        } else {
            present(resource_value(p.path));
        }
        if (p.negated) out_ << "), false)";
    }

    void emit(protocol::bound_comparison const& c, element_scope const* scope) {
        if (c.op == comparison_operator::ne) {
            // "ne" is "not eq" (filter_sql.hpp), including for absent and multi-valued attributes.
            out_ << "NOT coalesce((";
            emit(protocol::bound_comparison{c.path, comparison_operator::eq, c.value}, scope);
            out_ << "), false)";
            return;
        }
        if (scope) {
            compare(element_value(*scope, c.path.leaf()), c.path.leaf(), c.op, c.value);
            return;
        }
        if (sort_indexed(c)) {
            // Equal folds are equal bytes under any deterministic collation, so comparing in
            // COLLATE "C" is the same test, on the expression the sort index is built on.
            compare_text(resource_value(c.path), c.path.leaf(), c.op, std::get<std::string>(c.value), true);
            return;
        }
        bool const narrowed = narrow_by_search_document(c);
        if (c.path.attribute->multi_valued) {
            // Some value matches (RFC 7644 §3.4.2.2); a simple multi-valued attribute's
            // elements are the values themselves.
            any_element(c.path, [&](element_scope const& e) {
                auto const& leaf = c.path.leaf();
                compare(c.path.sub_attribute ? element_value(e, leaf) : sql_value{sql_form::json, e.json}, leaf, c.op,
                        c.value);
            });
        } else {
            compare(resource_value(c.path), c.path.leaf(), c.op, c.value);
        }
        if (narrowed) out_ << ")";
    }

    // "eq" on a case-insensitive single-valued string that has a sort index
    // (resource_table::sort_indexed).
    bool sort_indexed(protocol::bound_comparison const& c) const {
        auto const& leaf = c.path.leaf();
        return c.op == comparison_operator::eq && table_.sort_indexed && !c.path.attribute->multi_valued &&
               (leaf.type == attribute_type::string || leaf.type == attribute_type::reference) && !leaf.case_exact &&
               table_.sort_indexed(c.path);
    }

    // "eq" on a string kept only in the JSONB document: a containment test on the case-folded
    // copy, which its GIN index answers, in front of the exact comparison, which decides
    // (folding makes the containment a necessary condition, caseExact or not). Opens a
    // parenthesis the caller closes when it returns true.
    bool narrow_by_search_document(protocol::bound_comparison const& c) {
        auto const& leaf = c.path.leaf();
        if (table_.search_document.empty() || c.op != comparison_operator::eq ||
            (leaf.type != attribute_type::string && leaf.type != attribute_type::reference)) {
            return false;
        }
        bound_path whole{c.path.schema_urn, c.path.attribute, nullptr, c.path.common};
        if (table_.column(c.path) || table_.column(whole) || table_.side_table_for(whole)) return false;
        auto key = [](std::string const& name) { return sql_literal(core::to_lower_ascii(name)); };
        out_ << "(" << table_.search_document << " @> ";
        std::string closing;
        if (!c.path.schema_urn.empty()) {
            out_ << "jsonb_build_object(" << key(c.path.schema_urn) << ", ";
            closing += ")";
        }
        out_ << "jsonb_build_object(" << key(c.path.attribute->name) << ", ";
        closing += ")";
        if (c.path.attribute->multi_valued) {
            out_ << "jsonb_build_array(";
            closing += ")";
        }
        if (c.path.sub_attribute) {
            out_ << "jsonb_build_object(" << key(c.path.sub_attribute->name) << ", ";
            closing += ")";
        }
        out_ << "lower(CAST(";
        out_.bind(std::get<std::string>(c.value)) << " AS text) COLLATE \"und-x-icu\")" << closing << " AND ";
        return true;
    }

    sql_value resource_value(bound_path const& path) {
        if (auto column = table_.column(path)) {
            row_local_ = row_local_ && column->row_local;
            return *column;
        }
        return {sql_form::json, json_path(table_.json, path)};
    }

    sql_value element_value(element_scope const& scope, attribute const& sub) {
        if (scope.side) {
            if (auto column = scope.side->column(scope.alias, sub)) {
                row_local_ = row_local_ && column->row_local;
                return *column;
            }
            throw core::error(core::error_type::invalid_filter, "\"" + sub.name + "\" cannot be filtered on");
        }
        return {sql_form::json, "(" + scope.json + " -> " + sql_literal(sub.name) + ")"};
    }

    // EXISTS over the values of `path.attribute`, with `body` emitting the condition on one.
    template <typename Body>
    void any_element(bound_path const& path, Body const& body) {
        bound_path whole{path.schema_urn, path.attribute, nullptr, path.common};
        auto const n = std::to_string(++aliases_);
        if (auto const* side = table_.side_table_for(whole)) {
            row_local_ = row_local_ && side->row_local;
            element_scope scope{"", side, "e" + n};
            out_ << "EXISTS (SELECT 1 FROM " << side->table << " " << scope.alias << " WHERE "
                 << side->join(scope.alias) << " AND (";
            body(scope);
            out_ << "))";
            return;
        }
        auto const json = json_path(table_.json, whole, false);
        if (!path.attribute->multi_valued) {
            // A value filter on a single-valued complex attribute tests its one object.
            body(element_scope{json, nullptr, ""});
            return;
        }
        element_scope scope{"x" + n + ".v", nullptr, ""};
        out_ << "EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(" << json << ") = 'array' THEN "
             << json << " ELSE '[]'::jsonb END) AS x" << n << " (v) WHERE (";
        body(scope);
        out_ << "))";
    }

    // RFC 7644 §3.4.2.2 "pr": a value that is not null and not empty.
    void present(sql_value const& v) {
        switch (v.form) {
            case sql_form::text: out_ << "(" << v.sql << " IS NOT NULL AND " << v.sql << " <> '')"; return;
            case sql_form::boolean:
            case sql_form::uuid:
            case sql_form::timestamp: out_ << "(" << v.sql << " IS NOT NULL)"; return;
            case sql_form::json:
                out_ << "(" << v.sql << " NOT IN ('null'::jsonb, '\"\"'::jsonb, '[]'::jsonb, '{}'::jsonb))";
                return;
        }
    }

    void compare(sql_value const& v, attribute const& leaf, comparison_operator op,
                 protocol::comparison_value const& value) {
        switch (leaf.type) {
            case attribute_type::boolean: {
                auto const b = std::string(std::get<bool>(value) ? "true" : "false");
                if (v.form == sql_form::json) {
                    out_ << "(" << v.sql << " = to_jsonb(CAST(";
                    out_.bind(b) << " AS boolean)))";
                } else {
                    out_ << "(" << v.sql << " = CAST(";
                    out_.bind(b) << " AS boolean))";
                }
                return;
            }
            case attribute_type::integer:
            case attribute_type::decimal:
                out_ << "((CASE WHEN jsonb_typeof(" << v.sql << ") = 'number' THEN (" << v.sql << ")::numeric END)"
                     << ordering_operator(op) << "CAST(";
                out_.bind(std::get<protocol::number_literal>(value).text) << " AS numeric))";
                return;
            case attribute_type::date_time: {
                auto const instant = v.form == sql_form::timestamp
                                         ? v.sql
                                         : "(CASE WHEN jsonb_typeof(" + v.sql + ") = 'string' THEN CAST(" +
                                               json_text(v.sql) + " AS timestamptz) END)";
                out_ << "(" << instant << ordering_operator(op) << "CAST(";
                out_.bind(std::get<std::string>(value)) << " AS timestamptz))";
                return;
            }
            default: compare_text(v, leaf, op, std::get<std::string>(value)); return;
        }
    }

    void compare_text(sql_value const& v, attribute const& leaf, comparison_operator op, std::string const& value,
                      bool code_point_eq = false) {
        if (v.form == sql_form::uuid && op == comparison_operator::eq) {
            // A uuid column: anything that is not a UUID names no row (and must not reach the cast).
            if (!is_uuid(value)) {
                out_ << "FALSE";
                return;
            }
            out_ << "(" << v.sql << " = CAST(";
            out_.bind(value) << " AS uuid))";
            return;
        }
        std::string text = v.form == sql_form::json   ? json_text(v.sql)
                           : v.form == sql_form::uuid ? v.sql + "::text"
                                                      : v.sql;
        bool const folded = !leaf.case_exact;
        if (folded) text = fold(text);
        // `code_points`: the left side is COLLATE "C", and the fold's own explicit collation
        // must be overridden on this side too.
        auto operand = [&](std::string bound, bool code_points = false) {
            out_ << (code_points ? "(" : "") << (folded ? "lower(CAST(" : "CAST(");
            out_.bind(std::move(bound)) << (folded ? " AS text) COLLATE \"und-x-icu\")" : " AS text)");
            out_ << (code_points ? " COLLATE \"C\")" : "");
        };
        switch (op) {
            case comparison_operator::co:
                out_ << "(" << text << " LIKE ";
                operand("%" + like_escape(value) + "%");
                break;
            case comparison_operator::sw:
                // COLLATE "C" lets a btree on the same expression serve the prefix.
                out_ << "((" << text << " COLLATE \"C\") LIKE ";
                operand(like_escape(value) + "%", true);
                break;
            case comparison_operator::ew:
                out_ << "(" << text << " LIKE ";
                operand("%" + like_escape(value));
                break;
            case comparison_operator::eq:
                if (code_point_eq) {
                    out_ << "((" << text << " COLLATE \"C\") = ";
                    operand(value, true);
                    break;
                }
                out_ << "(" << text << " = ";
                operand(value);
                break;
            default:
                out_ << "((" << text << " COLLATE \"C\")" << ordering_operator(op);
                operand(value, true);
                break;
        }
        out_ << ")";
    }

    sql_text& out_;
    resource_table const& table_;
    int aliases_ = 0;
    bool row_local_ = true;
};

}  // namespace

bool emit_filter(sql_text& out, protocol::bound_filter const& filter, resource_table const& table) {
    emitter e(out, table);
    e.filter(filter, nullptr);
    return e.row_local();
}

void emit_element_filter(sql_text& out, protocol::bound_filter const& condition, side_table const& side,
                         std::string const& alias) {
    // Every term of a value filter's condition names a sub-attribute of the element, so the
    // resource table is never consulted.
    static resource_table const no_resource{};
    element_scope const scope{"", &side, alias};
    emitter(out, no_resource).filter(condition, &scope);
}

sort_expression sort_expression_for(bound_path const& bound, resource_table const& table) {
    auto const name = protocol::to_string(bound);
    if (!bound.attribute || bound.attribute->multi_valued) {
        throw core::error(
            core::error_type::invalid_value,
            "sortBy \"" + name + "\" is not a single-valued attribute; sorting needs one value per resource");
    }
    bound_path path = bound;
    if (path.leaf().type == attribute_type::complex) {
        path.sub_attribute = path.leaf().find_sub_attribute("value");
        if (!path.sub_attribute) {
            throw core::error(core::error_type::invalid_value,
                              "sortBy \"" + name + "\" is complex: name one of its sub-attributes");
        }
    }
    auto const& leaf = path.leaf();
    std::optional<sql_value> column;
    try {
        column = table.column(path);
    } catch (core::error const& e) {
        throw core::error(core::error_type::invalid_value, "sortBy: " + e.detail());
    }
    auto value = column.value_or(sql_value{sql_form::json, json_path(table.json, path)});
    bool const nullable = !value.never_null;
    switch (value.form) {
        case sql_form::boolean: return {value.sql, "boolean", false, nullable};
        case sql_form::uuid: return {value.sql, "uuid", false, nullable};
        case sql_form::timestamp: return {value.sql, "timestamptz", false, nullable};
        case sql_form::text:
        case sql_form::json: break;
    }
    auto const& json = value.sql;
    switch (leaf.type) {
        case attribute_type::boolean:
            return {"(CASE WHEN jsonb_typeof(" + json + ") = 'boolean' THEN (" + json + ")::boolean END)", "boolean",
                    false};
        case attribute_type::integer:
        case attribute_type::decimal:
            return {"(CASE WHEN jsonb_typeof(" + json + ") = 'number' THEN (" + json + ")::numeric END)", "numeric",
                    false};
        case attribute_type::date_time:
            return {"(CASE WHEN jsonb_typeof(" + json + ") = 'string' THEN CAST(" + json_text(json) +
                        " AS timestamptz) END)",
                    "timestamptz", false};
        default: break;
    }
    // RFC 7644 §3.4.2.3: case-insensitive attributes sort case-insensitively, in Unicode
    // code-point order with no locale.
    auto text = value.form == sql_form::json ? json_text(json) : json;
    if (!leaf.case_exact) text = fold(text);
    return {"(" + text + " COLLATE \"C\")", "text", true, nullable};
}

}  // namespace scim::store
