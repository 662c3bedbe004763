// The admin console's files over real HTTPS (docs/console.md): every file of console/ served
// with its type, an ETag and the console's security headers; the client's own routes answer
// index.html; unknown files 404; / and /console redirect; HEAD and If-None-Match.

#include <filesystem>
#include <fstream>
#include <sstream>

#include "admin_fixture.hpp"

namespace scim::testing {
namespace {

std::string const console_csp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

// The files of console/ in the source tree, by their path under it.
std::map<std::string, std::string> source_files() {
    std::map<std::string, std::string> files;
    std::filesystem::path const root(SCIMD_CONSOLE_DIR);
    for (auto const& entry : std::filesystem::recursive_directory_iterator(root)) {
        if (!entry.is_regular_file()) continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        files[entry.path().lexically_relative(root).generic_string()] = bytes.str();
    }
    return files;
}

void expect_console_headers(http_reply const& reply) {
    EXPECT_EQ(reply.header("content-security-policy"), console_csp) << reply.status;
    EXPECT_EQ(reply.header("x-content-type-options"), "nosniff");
    EXPECT_EQ(reply.header("referrer-policy"), "no-referrer");
    EXPECT_EQ(reply.header("x-frame-options"), "DENY");
}

class console_assets : public admin_e2e_test {};

TEST_F(console_assets, every_file_of_the_console_is_served_with_its_type_etag_and_headers) {
    auto const files = source_files();
    ASSERT_TRUE(files.contains("index.html"));
    std::map<std::string, std::string> const types{{".html", "text/html; charset=utf-8"},
                                                   {".css", "text/css; charset=utf-8"},
                                                   {".js", "text/javascript; charset=utf-8"},
                                                   {".png", "image/png"},
                                                   {".svg", "image/svg+xml"}};
    for (auto const& [path, bytes] : files) {
        SCOPED_TRACE(path);
        auto const reply = client().request("GET", "/console/" + path);
        ASSERT_EQ(reply.status, 200);
        EXPECT_EQ(reply.body, bytes);
        auto const extension = std::filesystem::path(path).extension().string();
        if (types.contains(extension)) {
            EXPECT_EQ(reply.header("content-type"), types.at(extension));
        }
        EXPECT_FALSE(reply.header("content-type").empty());
        EXPECT_EQ(reply.header("cache-control"), "no-cache");
        auto const etag = reply.header("etag");
        EXPECT_EQ(etag.size(), 34u) << etag;
        EXPECT_EQ(etag.front(), '"');
        expect_console_headers(reply);
    }
}

TEST_F(console_assets, an_etag_answers_304_and_a_changed_one_the_file) {
    auto const first = client().request("GET", "/console/index.html");
    auto const etag = first.header("etag");
    ASSERT_FALSE(etag.empty());
    auto const again = client().request("GET", "/console/index.html", {}, {{"If-None-Match", etag}});
    EXPECT_EQ(again.status, 304);
    EXPECT_EQ(again.body, "");
    EXPECT_EQ(again.header("etag"), etag);
    expect_console_headers(again);
    auto const weak = client().request("GET", "/console/index.html", {}, {{"If-None-Match", "\"x\", W/" + etag}});
    EXPECT_EQ(weak.status, 304);
    auto const other = client().request("GET", "/console/index.html", {}, {{"If-None-Match", "\"0123\""}});
    EXPECT_EQ(other.status, 200);
    EXPECT_EQ(other.body, first.body);
}

TEST_F(console_assets, the_clients_routes_answer_index_html) {
    auto const index = client().request("GET", "/console/index.html");
    ASSERT_EQ(index.status, 200);
    for (std::string const path :
         {"/console/", "/console/accounts", "/console/accounts/3f0c8a2e-1b4d-4c1e-9a55-0d6f2b7c9e01",
          "/console/sign-in", "/console/groups/abc/", "/console/journal?account=x", "/console/a/b/c/d/e"}) {
        SCOPED_TRACE(path);
        auto const reply = client().request("GET", path);
        EXPECT_EQ(reply.status, 200);
        EXPECT_EQ(reply.body, index.body);
        EXPECT_EQ(reply.header("content-type"), "text/html; charset=utf-8");
        EXPECT_EQ(reply.header("etag"), index.header("etag"));
        expect_console_headers(reply);
    }
}

TEST_F(console_assets, unknown_files_and_other_methods_are_refused_with_the_console_headers) {
    for (std::string const path :
         {"/console/missing.js", "/console/js/missing.js", "/console/accounts/x.png", "/console/a/b/c/d/e/f"}) {
        SCOPED_TRACE(path);
        auto const reply = client().request("GET", path);
        EXPECT_EQ(reply.status, 404);
        EXPECT_EQ(reply.header("content-type"), "application/json");
        EXPECT_EQ(reply.json().at("error").as_string(), "not_found");
        expect_console_headers(reply);
    }
    auto const post = client().request("POST", "/console/index.html", "{}");
    EXPECT_EQ(post.status, 405);
    EXPECT_EQ(post.header("allow"), "GET, HEAD");
    expect_console_headers(post);
}

TEST_F(console_assets, the_root_and_console_redirect_to_the_console) {
    for (std::string const path : {"/", "/console"}) {
        SCOPED_TRACE(path);
        auto const reply = client().request("GET", path);
        EXPECT_EQ(reply.status, 303);
        EXPECT_EQ(reply.header("location"), "console/");  // relative: "/" and "/console" both reach "/console/"
        expect_console_headers(reply);
        EXPECT_EQ(client().request("HEAD", path).status, 303);
    }
}

TEST_F(console_assets, head_answers_the_header_of_get_without_content) {
    auto const get = client().request("GET", "/console/index.html");
    auto const head = client().request("HEAD", "/console/index.html");
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(head.body, "");
    EXPECT_EQ(head.header("content-length"), std::to_string(get.body.size()));
    EXPECT_EQ(head.header("etag"), get.header("etag"));
    expect_console_headers(head);
    // The connection stays usable after a HEAD: the next answer is read whole.
    EXPECT_EQ(client().request("GET", "/console/index.html").body, get.body);
}

// Whatever answers, a browser never sniffs, caches or frames it (docs/console.md "Security").
TEST_F(console_assets, admin_scim_and_error_answers_carry_nosniff_no_store_and_a_policy) {
    std::vector<http_reply> replies{
        admin("GET", "/managed-accounts"),
        admin("GET", "/managed-accounts", {}, "scimdadmin_0000000000000000_wrong"),
        admin("POST", "/sites", "{not json"),
        scim("GET", "/Users"),
        scim("GET", "/Users/nobody"),
        client().request("GET", "/scim/directory/" + directory().directory_id + "/Users"),
        client().request("GET", "/nowhere"),
        client().request("GET", "/healthz"),
    };
    for (auto const& reply : replies) {
        SCOPED_TRACE(std::to_string(reply.status) + " " + reply.body);
        EXPECT_EQ(reply.header("x-content-type-options"), "nosniff");
        EXPECT_EQ(reply.header("cache-control"), "no-store");
        EXPECT_FALSE(reply.header("content-security-policy").empty());
    }
    EXPECT_EQ(scim("GET", "/Users").header("content-security-policy"), "default-src 'none'; frame-ancestors 'none'");
}

}  // namespace
}  // namespace scim::testing
