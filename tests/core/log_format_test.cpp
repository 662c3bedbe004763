#include <string>

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

#include "scim/core/log.hpp"

namespace scim::core::log {
namespace {

TEST(log_format, text_line_quotes_values_that_need_it) {
    EXPECT_EQ(format_line(format::text, "2026-01-02T03:04:05.006Z", level::info, "request",
                          {{"path", "/Users"}, {"note", "two words"}}),
              "2026-01-02T03:04:05.006Z INFO request path=/Users note=\"two words\"");
}

TEST(log_format, json_line_is_one_object_with_the_same_fields) {
    auto const line = format_line(format::json, "2026-01-02T03:04:05.006Z", level::warn, "request",
                                  {{"path", "/Users"}, {"id", "abc"}});
    EXPECT_EQ(line,
              R"({"time":"2026-01-02T03:04:05.006Z","level":"WARN","message":"request","path":"/Users","id":"abc"})");
}

TEST(log_format, json_escapes_quotes_controls_and_invalid_utf8) {
    std::string const nasty = "a\"b\\c\nd\x01\xc3\xa9\xff\xe2\x82";  // é is valid; 0xff and a cut sequence are not
    auto const line = format_line(format::json, "t", level::error, "m", {{"detail", nasty}});
    EXPECT_EQ(line.find('\n'), std::string::npos);
    auto const parsed = boost::json::parse(line).as_object();
    EXPECT_EQ(parsed.at("detail").as_string(), "a\"b\\c\nd\x01\xc3\xa9\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
}

}  // namespace
}  // namespace scim::core::log
