#include "sql_text.hpp"

namespace scim::store {

sql_text& sql_text::bind(std::string value) { return bind_nullable(std::move(value)); }

sql_text& sql_text::bind_nullable(std::optional<std::string> value) {
    values_.push_back(std::move(value));
    text_ += "$" + std::to_string(values_.size());
    return *this;
}

std::string sql_text::parameter(std::string value) {
    values_.push_back(std::move(value));
    return "$" + std::to_string(values_.size());
}

sql_text& sql_text::bind_number(std::int64_t value) { return bind(std::to_string(value)); }

sql_text& sql_text::bind_flag(bool value) { return bind(value ? "true" : "false"); }

sql_text sql_text::after(std::string_view prefix) const {
    sql_text copy = *this;
    copy.text_.insert(0, prefix);
    return copy;
}

sql_text sql_text::with_text(std::string text) const {
    sql_text copy = *this;
    copy.text_ = std::move(text);
    return copy;
}

std::string sql_literal(std::string const& text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\'') out += '\'';
        out += c;
    }
    return out + "'";
}

std::string like_escape(std::string const& value) {
    std::string out;
    for (char c : value) {
        if (c == '\\' || c == '%' || c == '_') out += '\\';
        out += c;
    }
    return out;
}

std::string uuid_array(std::vector<std::string> const& ids) {
    std::string out = "{";
    for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? "," : "") + ids[i];
    return out + "}";
}

}  // namespace scim::store
