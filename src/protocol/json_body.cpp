#include "scim/protocol/json_body.hpp"

#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/error.hpp>
#include <boost/json/parse_options.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_stack.hpp>

#include "scim/core/error.hpp"
#include "scim/core/text.hpp"
#include "scim/protocol/rendering.hpp"

namespace scim::protocol {
namespace {

namespace json = boost::json;

// Says what is wrong in the client's terms; the parser's own wording stays out of responses.
std::string problem(boost::system::error_code const& ec, std::size_t max_depth) {
    if (ec == json::error::too_deep) return "nesting is deeper than " + std::to_string(max_depth) + " levels";
    if (ec == json::error::incomplete) return "the JSON text ends early";
    if (ec == json::error::extra_data) return "unexpected data after the JSON value";
    if (ec == json::error::syntax) return "malformed JSON or invalid UTF-8";
    return "malformed JSON";
}

[[noreturn]] void refuse(std::string detail) {
    throw core::error(core::error_type::invalid_syntax, "request body: " + std::move(detail));
}

// A member name or path as an error detail shows it: control characters escaped (a detail is
// stored in the journal, where NUL cannot go), and cut after 64 bytes, at a whole character.
std::string printable(std::string_view text) {
    constexpr std::size_t shown = 64;
    std::string out;
    std::size_t cut = text.size() <= shown ? text.size() : shown;
    while (cut < text.size() && cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    for (char const c : text.substr(0, cut)) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04X", static_cast<unsigned>(c));
            out += escaped;
        } else {
            out += c;
        }
    }
    if (cut < text.size()) out += "...";
    return out;
}

// Builds the value as boost::json::parser does (a value_stack), and holds the body to two rules
// of its own while doing so (docs/errors.md "Limits"):
// - no string and no member name holds U+0000: PostgreSQL cannot store it in text or jsonb,
//   and libpq would cut a text parameter short at it (invalidValue, naming where);
// - no object names a member twice, in any case: SCIM attribute names are case-insensitive
//   (RFC 7643 §2.1), and RFC 8259 §4 leaves what a duplicate means to each reader, so one is
//   refused rather than silently losing to the other (invalidSyntax, naming the member);
// - no number is beyond the range of a double (1e400): the parser reads one as infinity, which
//   no JSON text can hold (RFC 8259 §6), and written back (a journal entry, a stored value) it
//   would be "Infinity", which PostgreSQL's jsonb and every JSON reader refuse (invalidSyntax).
class checked_builder {
public:
    static constexpr std::size_t max_object_size = json::object::max_size();
    static constexpr std::size_t max_array_size = json::array::max_size();
    static constexpr std::size_t max_key_size = json::string::max_size();
    static constexpr std::size_t max_string_size = json::string::max_size();

    json::value_stack stack;
    // Set when a rule stopped the parse.
    std::optional<core::error> refusal;

    bool on_document_begin(json::error_code&) { return true; }
    bool on_document_end(json::error_code&) { return true; }
    bool on_object_begin(json::error_code&) {
        frames_.push_back({true, 0, {}, {}});
        return true;
    }
    bool on_object_end(std::size_t n, json::error_code&) {
        stack.push_object(n);
        frames_.pop_back();
        return element_done();
    }
    bool on_array_begin(json::error_code&) {
        frames_.push_back({false, 0, {}, {}});
        return true;
    }
    bool on_array_end(std::size_t n, json::error_code&) {
        stack.push_array(n);
        frames_.pop_back();
        return element_done();
    }
    bool on_key_part(json::string_view s, std::size_t, json::error_code&) {
        stack.push_chars(s);
        key_.append(s.data(), s.size());
        return true;
    }
    bool on_key(json::string_view s, std::size_t, json::error_code& ec) {
        stack.push_key(s);
        key_.append(s.data(), s.size());
        auto& object = frames_.back();
        object.key.clear();  // where() names the object, not its previous member
        if (key_.find('\0') != std::string::npos) {
            return stop(ec, core::error_type::invalid_value,
                        "a member name at " + where() + " holds U+0000 (NUL), which no name or value may hold");
        }
        auto const [first, added] = object.names.try_emplace(core::to_lower_ascii(key_), key_);
        if (!added) {
            auto const spelled =
                first->second == key_ ? std::string() : " (first as \"" + printable(first->second) + "\")";
            return stop(ec, core::error_type::invalid_syntax,
                        "member \"" + printable(key_) + "\" is given twice in the object at " + where() + spelled +
                            "; names are case-insensitive and each may appear once");
        }
        object.key = std::move(key_);
        key_.clear();
        return true;
    }
    bool on_string_part(json::string_view s, std::size_t, json::error_code& ec) {
        stack.push_chars(s);
        return no_nul(s, ec);
    }
    bool on_string(json::string_view s, std::size_t, json::error_code& ec) {
        stack.push_string(s);
        return no_nul(s, ec) && element_done();
    }
    bool on_number_part(json::string_view, json::error_code&) { return true; }
    bool on_int64(std::int64_t i, json::string_view, json::error_code&) {
        stack.push_int64(i);
        return element_done();
    }
    bool on_uint64(std::uint64_t u, json::string_view, json::error_code&) {
        stack.push_uint64(u);
        return element_done();
    }
    bool on_double(double d, json::string_view, json::error_code& ec) {
        if (!std::isfinite(d)) {
            return stop(ec, core::error_type::invalid_syntax,
                        "the number at " + where() + " is out of range (beyond ±1.7976931348623157e308)");
        }
        stack.push_double(d);
        return element_done();
    }
    bool on_bool(bool b, json::error_code&) {
        stack.push_bool(b);
        return element_done();
    }
    bool on_null(json::error_code&) {
        stack.push_null();
        return element_done();
    }
    bool on_comment_part(json::string_view, json::error_code&) { return true; }
    bool on_comment(json::string_view, json::error_code&) { return true; }

private:
    struct frame {
        bool object;
        std::size_t index;                                   // arrays: the element being read
        std::string key;                                     // objects: the member being read
        std::unordered_map<std::string, std::string> names;  // objects: case-folded → as given
    };

    bool element_done() {
        if (!frames_.empty() && !frames_.back().object) ++frames_.back().index;
        return true;
    }

    bool no_nul(json::string_view s, json::error_code& ec) {
        if (s.find('\0') == json::string_view::npos) return true;
        return stop(ec, core::error_type::invalid_value,
                    "the value at " + where() + " holds U+0000 (NUL), which no name or value may hold");
    }

    // The place being read, as "emails[0].value", or "the top level".
    std::string where() const {
        std::string path;
        for (auto const& f : frames_) {
            if (!f.object) {
                path += "[" + std::to_string(f.index) + "]";
            } else if (!f.key.empty()) {
                if (!path.empty()) path += ".";
                path += f.key;
            }
        }
        return path.empty() ? std::string("the top level") : "\"" + printable(path) + "\"";
    }

    bool stop(json::error_code& ec, core::error_type type, std::string detail) {
        refusal.emplace(type, "request body: " + std::move(detail));
        ec = json::error::exception;
        return false;
    }

    std::vector<frame> frames_;
    std::string key_;
};

}  // namespace

json::object parse_request_object(std::string_view body, std::size_t max_depth) {
    if (body.empty()) refuse("empty; a JSON object is expected");
    json::parse_options options;
    options.max_depth = max_depth;
    json::basic_parser<checked_builder> parser(options);
    parser.handler().stack.reset();
    boost::system::error_code ec;
    // On failure write_some() reports how much it consumed, which is where the problem is.
    auto consumed = parser.write_some(false, body.data(), body.size(), ec);
    if (auto& refusal = parser.handler().refusal) throw std::move(*refusal);
    // write_some stops after one whole value (and the white space after it).
    if (!ec && consumed < body.size()) ec = json::error::extra_data;
    if (ec) refuse(problem(ec, max_depth) + " at offset " + std::to_string(consumed));
    auto value = parser.handler().stack.release();
    if (!value.is_object()) refuse("must be a JSON object");
    return std::move(value.as_object());
}

json::object parse_scim_body(std::optional<std::string> const& content_type, std::string_view body,
                             std::size_t max_depth) {
    if (content_type) {
        std::string_view type(*content_type);
        type = type.substr(0, type.find(';'));
        while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
        auto const lowered = core::to_lower_ascii(type);
        if (lowered != scim_media_type && lowered != "application/json") {
            throw core::error(core::error_type::unsupported_media_type,
                              "Content-Type must be application/scim+json or application/json");
        }
    }
    return parse_request_object(body, max_depth);
}

std::string serialize(json::value const& v) { return json::serialize(v); }

}  // namespace scim::protocol
