#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "scim/core/error.hpp"
#include "scim/http/router.hpp"

namespace scim::http {
namespace {

// The renderer stands in for api::render_error: the body shows that it ran and with what.
response render(core::error const& e, request const* req) {
    response res;
    res.status = e.status();
    res.body = "error " + std::to_string(e.status()) + ": " + e.detail() + (req ? " for " + req->path : "");
    return res;
}

response text(std::string body) {
    response res;
    res.body = std::move(body);
    return res;
}

request make_request(std::string method, std::string path) {
    request req;
    req.method = std::move(method);
    req.target = path;
    req.path = std::move(path);
    req.request_id = "req-1";
    return req;
}

class router_test : public ::testing::Test {
protected:
    router_test() : routes_(render) {
        routes_.add("GET", "/", [](request const&, route_params const&) { return text("root"); });
        routes_.add("GET", "/Users", [](request const&, route_params const&) { return text("list"); });
        routes_.add("POST", "/Users", [](request const&, route_params const&) { return text("create"); });
        routes_.add("GET", "/Users/{id}",
                    [](request const&, route_params const& p) { return text("get " + p.at("id")); });
        routes_.add("PUT", "/Users/{id}",
                    [](request const&, route_params const& p) { return text("put " + p.at("id")); });
        routes_.add("GET", "/a/{x}/b/{y}",
                    [](request const&, route_params const& p) { return text(p.at("x") + "," + p.at("y")); });
        routes_.add("GET", "/Users/.search", [](request const&, route_params const&) { return text("search"); });
    }
    router routes_;
};

// Metrics label requests with the pattern of the route that ran, never the path itself.
TEST_F(router_test, route_pattern_names_the_route_dispatch_runs) {
    EXPECT_EQ(routes_.route_pattern("GET", "/"), "/");
    EXPECT_EQ(routes_.route_pattern("GET", "/Users/"), "/Users");
    EXPECT_EQ(routes_.route_pattern("PUT", "/Users/0f8fad5b-d9cb"), "/Users/{id}");
    EXPECT_EQ(routes_.route_pattern("GET", "/Users/.search"), "/Users/.search");
    EXPECT_EQ(routes_.route_pattern("GET", "/a/1/b/2"), "/a/{x}/b/{y}");
    EXPECT_EQ(routes_.route_pattern("DELETE", "/Users/42"), "");  // 405: no route ran
    EXPECT_EQ(routes_.route_pattern("GET", "/nothing/here"), "");
    EXPECT_EQ(routes_.route_pattern("GET", ""), "");
}

struct dispatch_case {
    char const* method;
    char const* path;
    int status;
    char const* body;
    char const* allow;  // expected Allow header, "" when none
};

TEST_F(router_test, matches_method_and_path) {
    std::vector<dispatch_case> cases = {
        {"GET", "/", 200, "root", ""},
        {"GET", "/Users", 200, "list", ""},
        {"GET", "/Users/", 200, "list", ""},
        {"POST", "/Users", 200, "create", ""},
        {"GET", "/Users/42", 200, "get 42", ""},
        {"GET", "/Users/42/", 200, "get 42", ""},
        {"PUT", "/Users/a b", 200, "put a b", ""},
        {"GET", "/a/1/b/2", 200, "1,2", ""},
        // A literal segment beats a placeholder added before it.
        {"GET", "/Users/.search", 200, "search", ""},
        {"GET", "/users", 404, "error 404: no such resource for /users", ""},
        {"GET", "/Users/42/extra", 404, "error 404: no such resource for /Users/42/extra", ""},
        {"GET", "/Users//", 404, "error 404: no such resource for /Users//", ""},
        {"GET", "/a//b/2", 404, "error 404: no such resource for /a//b/2", ""},
        {"GET", "", 404, "error 404: no such resource for ", ""},
        {"GET", "*", 404, "error 404: no such resource for *", ""},
        {"get", "/Users", 405, "error 405: method not allowed for /Users", "GET, POST"},
        {"DELETE", "/Users", 405, "error 405: method not allowed for /Users", "GET, POST"},
        {"PATCH", "/Users/42", 405, "error 405: method not allowed for /Users/42", "GET, PUT"},
    };
    for (auto const& c : cases) {
        SCOPED_TRACE(std::string(c.method) + " " + c.path);
        auto res = routes_.dispatch(make_request(c.method, c.path));
        EXPECT_EQ(res.status, c.status);
        EXPECT_EQ(res.body, c.body);
        EXPECT_EQ(res.header("Allow"), c.allow);
    }
}

// Endpoint names under a declared prefix match in any case; the prefix and the placeholders'
// values do not change case, and the handler hears which literals were respelled.
TEST(router, literals_after_a_prefix_match_in_any_case) {
    router routes(render);
    auto const shown = [](request const&, route_params const& p) {
        std::string out = p.at("d");
        if (auto const* id = p.find("id")) out += " " + *id;
        for (auto const& [given, declared] : p.respelled()) out += " " + given + "->" + declared;
        return text(out);
    };
    routes.add("GET", "/scim/directory/{d}/Users", shown);
    routes.add("GET", "/scim/directory/{d}/Users/{id}", shown);
    routes.add("GET", "/scim/directory/{d}/Users/.search", shown);
    routes.add("GET", "/scim/directory/{d}/ServiceProviderConfig", shown);
    routes.add("GET", "/elsewhere/Users", shown);
    routes.literals_in_any_case_after("/scim/directory/{d}");
    std::vector<std::pair<char const*, char const*>> const cases = {
        {"/scim/directory/D1/Users", "D1"},
        {"/scim/directory/D1/users", "D1 users->Users"},
        {"/scim/directory/D1/USERS/AbC", "D1 AbC USERS->Users"},
        {"/scim/directory/D1/users/.SEARCH", "D1 users->Users .SEARCH->.search"},
        {"/scim/directory/D1/Users/.search", "D1"},
        {"/scim/directory/D1/serviceproviderconfig/", "D1 serviceproviderconfig->ServiceProviderConfig"},
    };
    for (auto const& [path, body] : cases) {
        SCOPED_TRACE(path);
        auto res = routes.dispatch(make_request("GET", path));
        EXPECT_EQ(res.status, 200);
        EXPECT_EQ(res.body, body);
    }
    EXPECT_EQ(routes.dispatch(make_request("GET", "/SCIM/directory/D1/Users")).status, 404);
    EXPECT_EQ(routes.dispatch(make_request("GET", "/scim/Directory/D1/Users")).status, 404);
    EXPECT_EQ(routes.dispatch(make_request("GET", "/elsewhere/users")).status, 404);
    EXPECT_EQ(routes.loggable_path("/scim/directory/D1/users/x@y"), "/scim/directory/D1/users/{id}");
}

TEST_F(router_test, core_errors_are_rendered_with_their_status) {
    routes_.add("GET", "/conflict", [](request const&, route_params const&) -> response {
        throw core::error(core::error_type::uniqueness, "userName is taken");
    });
    routes_.add("GET", "/busy", [](request const&, route_params const&) -> response {
        throw core::error(core::error_type::service_unavailable, "later").retry_after(3);
    });
    auto res = routes_.dispatch(make_request("GET", "/conflict"));
    EXPECT_EQ(res.status, 409);
    EXPECT_EQ(res.body, "error 409: userName is taken for /conflict");
    EXPECT_EQ(routes_.dispatch(make_request("GET", "/busy")).status, 503);
}

TEST_F(router_test, other_exceptions_become_a_generic_500_and_a_log_line) {
    routes_.add("GET", "/std", [](request const&, route_params const&) -> response {
        throw std::runtime_error("relation \"secret_table\" does not exist");
    });
    routes_.add("GET", "/int", [](request const&, route_params const&) -> response { throw 42; });
    ::testing::internal::CaptureStderr();
    auto res = routes_.dispatch(make_request("GET", "/std"));
    auto logged = ::testing::internal::GetCapturedStderr();
    EXPECT_EQ(res.status, 500);
    EXPECT_EQ(res.body, "error 500: internal server error for /std");
    EXPECT_EQ(res.body.find("secret_table"), std::string::npos) << "what() must not reach the client";
    EXPECT_NE(logged.find("secret_table"), std::string::npos) << logged;
    EXPECT_NE(logged.find("req-1"), std::string::npos) << logged;
    EXPECT_EQ(routes_.dispatch(make_request("GET", "/int")).status, 500);
}

TEST(router, a_failing_renderer_still_yields_the_status) {
    router routes([](core::error const&, request const*) -> response { throw std::runtime_error("renderer broke"); });
    ::testing::internal::CaptureStderr();
    auto res = routes.dispatch(make_request("GET", "/nowhere"));
    auto logged = ::testing::internal::GetCapturedStderr();
    EXPECT_EQ(res.status, 404);
    EXPECT_EQ(res.body, "");
    EXPECT_NE(logged.find("renderer broke"), std::string::npos) << logged;
}

TEST(router, error_response_renders_server_errors) {
    router routes(render);
    auto res = routes.error_response(core::error(core::error_type::payload_too_large, "too big"), nullptr);
    EXPECT_EQ(res.status, 413);
    EXPECT_EQ(res.body, "error 413: too big");
}

// A second renderer for the paths under a prefix: unknown paths, handler errors and the
// server's own errors there all get it.
TEST(router, errors_under_a_prefix_get_its_renderer) {
    router routes(render);
    routes.errors_under("/admin/", [](core::error const& e, request const*) {
        response res;
        res.status = e.status();
        res.body = "admin " + std::to_string(e.status());
        return res;
    });
    routes.add("GET", "/admin/x", [](request const&, route_params const&) -> response {
        throw core::error(core::error_type::conflict, "no");
    });
    EXPECT_EQ(routes.dispatch(make_request("GET", "/admin/x")).body, "admin 409");
    EXPECT_EQ(routes.dispatch(make_request("GET", "/admin/nowhere")).body, "admin 404");
    auto const req = make_request("POST", "/admin/y");
    EXPECT_EQ(routes.error_response(core::error(core::error_type::payload_too_large, "big"), &req).body, "admin 413");
    EXPECT_EQ(routes.dispatch(make_request("GET", "/administrator")).body,
              "error 404: no such resource for /administrator");
}

// Logs show paths without their query, and a route's secret segment as the route says.
TEST(router, loggable_paths_hide_queries_and_secret_segments) {
    router routes(render);
    auto const ok = [](request const&, route_params const&) { return text("ok"); };
    routes.add("POST", "/links/{token}", ok,
               {"token", [](std::string_view t) { return std::string(t.substr(0, 3)) + "…"; }});
    routes.add("POST", "/plain/{token}", ok, {"token", {}});
    routes.add("GET", "/Users/{id}", ok);
    EXPECT_EQ(routes.loggable_path("/Users/7?filter=userName%20eq%20%22x%22"), "/Users/7");
    EXPECT_EQ(routes.loggable_path("/links/abcdef?x=1"), "/links/abc…");
    EXPECT_EQ(routes.loggable_path("/plain/abcdef"), "/plain/[redacted]");
    EXPECT_EQ(routes.loggable_path("/links/a/b"), "/links/a/b");
    EXPECT_EQ(routes.loggable_path("*"), "*");
}

// A client may put a userName or an address where an id belongs; logs show what scimd issues.
TEST(router, loggable_paths_show_only_issued_identifiers) {
    router routes(render);
    auto const ok = [](request const&, route_params const&) { return text("ok"); };
    routes.add("GET", "/Users/{id}", ok);
    routes.add("POST", "/Users/{id}/tokens/{token}", ok);
    EXPECT_EQ(routes.loggable_path("/Users/0936ef53-a32c-475d-8d4f-75f03e41c5c2"),
              "/Users/0936ef53-a32c-475d-8d4f-75f03e41c5c2");
    EXPECT_EQ(routes.loggable_path("/Users/bob@acme.com"), "/Users/{id}");
    EXPECT_EQ(routes.loggable_path("/Users/Bob%20Smith/tokens/5c2d8e1f0a9b7c6d"),
              "/Users/{id}/tokens/5c2d8e1f0a9b7c6d");
    // A path no route names: its words that are no route's literal go too.
    EXPECT_EQ(routes.loggable_path("/Users/bob@acme.com/other"), "/Users/*/*");
    EXPECT_EQ(routes.loggable_path("/jane.doe/7"), "/*/7");
}

// A route may declare its own body limit (POST /Bulk's maxPayloadSize); the server reads a
// request's body under it once the header names the route.
TEST(router, a_route_declares_its_own_body_limit) {
    router routes(render);
    auto const handle = [](request const&, route_params const&) { return text("ok"); };
    routes.add("POST", "/d/{d}/Bulk", handle, {}, {5000, "too large for bulk"});
    routes.add("POST", "/d/{d}/{resource}", handle);
    auto const limit = routes.body_limit_for("POST", "/d/x/Bulk?q=1");
    EXPECT_EQ(limit.bytes, 5000u);
    EXPECT_EQ(limit.too_large, "too large for bulk");
    EXPECT_EQ(routes.body_limit_for("POST", "/d/x/B%75lk").bytes, 5000u);
    EXPECT_EQ(routes.body_limit_for("POST", "/d/x/Users").bytes, 0u);
    EXPECT_EQ(routes.body_limit_for("PUT", "/d/x/Bulk").bytes, 0u);
    EXPECT_EQ(routes.body_limit_for("POST", "/d/x/Bulk/more").bytes, 0u);
    EXPECT_EQ(routes.body_limit_for("POST", "/d/%zz/Bulk").bytes, 0u);
    EXPECT_EQ(routes.body_limit_for("POST", "*").bytes, 0u);
}

// A route reached in another letter case is read under its own limit too: "/bulk" is Bulk.
TEST(router, a_body_limit_follows_the_route_in_any_letter_case) {
    router routes(render);
    routes.literals_in_any_case_after("/d/{d}");
    auto const handle = [](request const&, route_params const&) { return text("ok"); };
    routes.add("POST", "/d/{d}/Bulk", handle, {}, {5000, "too large for bulk"});
    routes.add("POST", "/d/{d}/{resource}", handle);
    EXPECT_EQ(routes.body_limit_for("POST", "/d/x/bulk").bytes, 5000u);
    EXPECT_EQ(routes.body_limit_for("POST", "/d/x/BULK").bytes, 5000u);
    EXPECT_EQ(routes.body_limit_for("POST", "/D/x/Bulk").bytes, 0u);
}

TEST(route_params, unknown_names_are_programming_errors) {
    route_params params;
    params.set("id", "7");
    EXPECT_EQ(params.at("id"), "7");
    EXPECT_THROW(params.at("other"), std::out_of_range);
}

}  // namespace
}  // namespace scim::http
