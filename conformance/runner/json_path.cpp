#include "json_path.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <variant>

#include <boost/json/parse.hpp>

#include "scim/core/text.hpp"

namespace scim::conformance {
namespace {

namespace json = boost::json;
using nodes = std::vector<json::value const*>;

struct member {
    std::string name;
};
struct index {
    std::size_t position;
};
struct every {};
struct where {  // [?(@.name==literal)]
    std::string name;
    json::value literal;
};
using step = std::variant<member, index, every, where>;

class parser {
public:
    explicit parser(std::string_view path) : path_(path) {}

    std::vector<step> parse() {
        if (path_.empty() || path_[0] != '$') fail("a path starts with $");
        pos_ = 1;
        std::vector<step> steps;
        while (pos_ < path_.size()) {
            if (path_[pos_] == '.') {
                ++pos_;
                steps.push_back(member{identifier()});
            } else if (path_[pos_] == '[') {
                ++pos_;
                steps.push_back(bracket());
            } else {
                fail("expected . or [");
            }
        }
        return steps;
    }

private:
    [[noreturn]] void fail(std::string const& why) const {
        throw path_error("bad path '" + std::string(path_) + "' at character " + std::to_string(pos_) + ": " + why);
    }

    bool at(char c) const { return pos_ < path_.size() && path_[pos_] == c; }
    void expect(std::string_view text) {
        if (path_.substr(pos_, text.size()) != text) fail("expected " + std::string(text));
        pos_ += text.size();
    }

    std::string identifier() {
        auto start = pos_;
        while (pos_ < path_.size() && path_[pos_] != '.' && path_[pos_] != '[' && path_[pos_] != '=' &&
               path_[pos_] != ')') {
            ++pos_;
        }
        if (pos_ == start) fail("expected a member name");
        return std::string(path_.substr(start, pos_ - start));
    }

    std::string quoted() {
        char quote = path_[pos_++];
        auto end = path_.find(quote, pos_);
        if (end == std::string_view::npos) fail("unterminated quote");
        std::string text(path_.substr(pos_, end - pos_));
        pos_ = end + 1;
        return text;
    }

    json::value literal() {
        if (at('\'') || at('"')) return json::string(quoted());
        auto end = path_.find(")]", pos_);
        if (end == std::string_view::npos) fail("expected )]");
        boost::system::error_code ec;
        auto value = json::parse(path_.substr(pos_, end - pos_), ec);
        if (ec) fail("expected a JSON literal");
        pos_ = end;
        return value;
    }

    step bracket() {
        step result;
        if (at('\'') || at('"')) {
            result = member{quoted()};
        } else if (at('*')) {
            ++pos_;
            result = every{};
        } else if (at('?')) {
            expect("?(@.");
            auto name = identifier();
            expect("==");
            auto value = literal();
            expect(")");
            result = where{std::move(name), std::move(value)};
        } else {
            auto start = pos_;
            while (pos_ < path_.size() && path_[pos_] >= '0' && path_[pos_] <= '9') ++pos_;
            if (pos_ == start) fail("expected an index, *, ?( or a quoted name");
            result = index{std::stoul(std::string(path_.substr(start, pos_ - start)))};
        }
        expect("]");
        return result;
    }

    std::string_view path_;
    std::size_t pos_ = 0;
};

json::value const* find_member(json::value const& v, std::string_view name) {
    if (!v.is_object()) return nullptr;
    for (auto const& [key, value] : v.get_object()) {
        if (core::iequals(key, name)) return &value;
    }
    return nullptr;
}

void apply(step const& s, json::value const& v, nodes& out) {
    if (auto const* m = std::get_if<member>(&s)) {
        if (auto const* found = find_member(v, m->name)) out.push_back(found);
        return;
    }
    if (!v.is_array()) return;
    auto const& array = v.get_array();
    if (auto const* i = std::get_if<index>(&s)) {
        if (i->position < array.size()) out.push_back(&array[i->position]);
        return;
    }
    auto const* w = std::get_if<where>(&s);
    for (auto const& element : array) {
        if (!w) {
            out.push_back(&element);
            continue;
        }
        auto const* field = find_member(element, w->name);
        if (field && same_value(*field, w->literal)) out.push_back(&element);
    }
}

}  // namespace

bool same_value(json::value const& a, json::value const& b) {
    if (a.is_number() && b.is_number()) return a.to_number<double>() == b.to_number<double>();
    return a == b;
}

std::vector<json::value const*> select(json::value const& root, std::string_view path) {
    nodes current{&root};
    for (auto const& s : parser(path).parse()) {
        nodes next;
        for (auto const* v : current) apply(s, *v, next);
        current = std::move(next);
    }
    return current;
}

}  // namespace scim::conformance
