// Finding Users over real HTTPS (RFC 7644 §3.4.2 filter, sort, paging, projection; §3.4.3
// .search; RFC 9865 cursors). The operator-by-type semantics are proven below HTTP in
// tests/store/user_filter_pgtest.cpp; here: the wiring, the errors and the paging contracts.

#include <algorithm>
#include <cctype>
#include <set>
#include <tuple>

#include "e2e_fixture.hpp"

namespace scim::testing {
namespace {

namespace json = boost::json;

class queries : public e2e_test {
protected:
    static void SetUpTestSuite() {
        e2e_test::SetUpTestSuite();
        https_client c("127.0.0.1", server().port());
        for (auto const& [name, family, email_type] :
             std::vector<std::tuple<std::string, std::string, std::string>>{{"Ann@Acme.com", "Young", "work"},
                                                                            {"ben@acme.com", "Adams", "home"},
                                                                            {"cat@acme.com", "Young", "work"},
                                                                            {"dan@other.org", "Baker", "work"},
                                                                            {"eli@acme.com", "Clark", "work"}}) {
            auto reply =
                c.request("POST", directory().base_path + "/Users",
                          user_body(name, R"("name":{"familyName":")" + family + R"("},"emails":[{"value":")" + name +
                                              R"(","type":")" + email_type + R"("}],)" +
                                              R"("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":)" +
                                              R"({"department":"D-)" + family + R"("})"),
                          {{"Authorization", "Bearer " + directory().token}});
            ASSERT_EQ(reply.status, 201) << reply.body;
        }
    }

    json::object list(std::string const& query) {
        auto reply = scim("GET", "/Users?" + query);
        EXPECT_EQ(reply.status, 200) << query << ": " << reply.body;
        return reply.status == 200 ? reply.json().as_object() : json::object{};
    }

    std::vector<std::string> names(json::object const& listing) {
        std::vector<std::string> out;
        if (!listing.contains("Resources")) return out;
        for (auto const& r : listing.at("Resources").as_array()) out.emplace_back(r.at("userName").as_string());
        return out;
    }

    std::vector<std::string> filtered(std::string const& filter) {
        auto found = names(list("filter=" + url_encode(filter)));
        std::sort(found.begin(), found.end());
        return found;
    }
};

TEST_F(queries, filters_find_users) {
    using v = std::vector<std::string>;
    EXPECT_EQ(filtered(R"(userName eq "ANN@acme.COM")"), v{"Ann@Acme.com"});
    EXPECT_EQ(filtered(R"(emails[type eq "work"].value eq "cat@acme.com")"), v{"cat@acme.com"});
    EXPECT_EQ(filtered(R"(emails[type eq "work"].value eq "ben@acme.com")"), v{});
    EXPECT_EQ(filtered(R"(userName co "@acme" and not (name.familyName eq "young"))"),
              (v{"ben@acme.com", "eli@acme.com"}));
    EXPECT_EQ(filtered(R"(urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department sw "d-b")"),
              v{"dan@other.org"});
    EXPECT_EQ(filtered(R"(meta.created gt "2000-01-01T00:00:00Z" and userName ew ".org")"), v{"dan@other.org"});
    auto const found = list("filter=" + url_encode(R"(userName sw "a")"));
    EXPECT_EQ(found.at("totalResults"), 1);
}

TEST_F(queries, bad_filters_are_invalid_filter_with_a_detail) {
    for (auto const& bad :
         {R"(nope eq "x")", R"(active gt true)", R"(active eq "yes")", R"(userName eq)", R"(password eq "secret")",
          R"(name.nope pr)", R"(meta.created gt "yesterday")", R"(urn:example:Unknown:attr eq 1)"}) {
        auto reply = scim("GET", "/Users?filter=" + url_encode(bad));
        expect_scim_error(reply, 400, "invalidFilter");
    }
    auto const unknown = scim("GET", "/Users?filter=" + url_encode(R"(nope eq "x")")).json();
    EXPECT_NE(std::string(unknown.at("detail").as_string()).find("\"nope\""), std::string::npos) << unknown;
}

TEST_F(queries, a_deeply_nested_filter_is_refused_at_the_depth_limit) {
    // 2000 levels: the parser stops at level 17 (filter_limits), long before recursion could
    // matter, and says where.
    std::string deep(2000, '(');
    deep += R"(userName eq "x")";
    deep += std::string(2000, ')');
    auto reply = scim("POST", "/Users/.search",
                      json::serialize(json::object{{"schemas", {"urn:ietf:params:scim:api:messages:2.0:SearchRequest"}},
                                                   {"filter", deep}}));
    expect_scim_error(reply, 400, "invalidFilter");
    EXPECT_NE(reply.body.find("nests deeper than 16 levels"), std::string::npos) << reply.body;
    EXPECT_NE(reply.body.find("at position 16"), std::string::npos) << reply.body;

    std::string many_terms;
    for (int i = 0; i < 65; ++i)
        many_terms += std::string(i ? " or " : "") + "userName eq \"u" + std::to_string(i) + "\"";
    auto terms = scim("POST", "/Users/.search",
                      json::serialize(json::object{{"schemas", {"urn:ietf:params:scim:api:messages:2.0:SearchRequest"}},
                                                   {"filter", many_terms}}));
    expect_scim_error(terms, 400, "invalidFilter");
}

TEST_F(queries, sorting_by_any_single_valued_attribute) {
    using v = std::vector<std::string>;
    EXPECT_EQ(names(list("sortBy=userName")),
              (v{"Ann@Acme.com", "ben@acme.com", "cat@acme.com", "dan@other.org", "eli@acme.com"}));
    EXPECT_EQ(names(list("sortBy=userName&sortOrder=descending")),
              (v{"eli@acme.com", "dan@other.org", "cat@acme.com", "ben@acme.com", "Ann@Acme.com"}));
    auto by_family = names(list("sortBy=name.familyName&filter=" + url_encode(R"(name.familyName ne "Young")")));
    EXPECT_EQ(by_family, (v{"ben@acme.com", "dan@other.org", "eli@acme.com"}));
    auto by_department = names(list("sortBy=urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department"));
    EXPECT_EQ(by_department.front(), "ben@acme.com");
    expect_scim_error(scim("GET", "/Users?sortBy=emails"), 400, "invalidValue");
    expect_scim_error(scim("GET", "/Users?sortBy=nope"), 400, "invalidValue");
    expect_scim_error(scim("GET", "/Users?sortBy=meta.location"), 400, "invalidValue");
    expect_scim_error(scim("GET", "/Users?sortBy=userName&sortOrder=sideways"), 400, "invalidValue");
}

TEST_F(queries, index_paging) {
    auto page = list("sortBy=userName&startIndex=2&count=2");
    EXPECT_EQ(page.at("totalResults"), 5);
    EXPECT_EQ(page.at("startIndex"), 2);
    EXPECT_EQ(page.at("itemsPerPage"), 2);
    EXPECT_EQ(names(page), (std::vector<std::string>{"ben@acme.com", "cat@acme.com"}));
    auto only_total = list("count=0&filter=" + url_encode(R"(userName co "acme")"));
    EXPECT_EQ(only_total.at("totalResults"), 4);
    EXPECT_EQ(only_total.at("itemsPerPage"), 0);
    // RFC 7644 §3.4.2.4: a startIndex below 1 is read as 1, a negative count as 0.
    EXPECT_EQ(list("startIndex=-3&count=1").at("startIndex"), 1);
    EXPECT_EQ(list("count=-1").at("itemsPerPage"), 0);
    for (auto const& bad : {"count=1.5", "startIndex=x"}) {
        expect_scim_error(scim("GET", std::string("/Users?") + bad), 400, "invalidValue");
    }
}

TEST_F(queries, cursor_paging_walks_forward_and_back) {
    std::string const shape = "sortBy=name.familyName&count=2";
    std::vector<std::string> forward;
    std::vector<std::string> cursors;
    auto page = list(shape + "&cursor=");
    EXPECT_FALSE(page.contains("startIndex"));
    EXPECT_FALSE(page.contains("previousCursor"));
    for (int guard = 0; guard < 10; ++guard) {
        for (auto const& n : names(page)) forward.push_back(n);
        if (!page.contains("nextCursor")) break;
        auto const next = std::string(page.at("nextCursor").as_string());
        cursors.push_back(next);
        page = list(shape + "&cursor=" + url_encode(next));
        EXPECT_EQ(page.at("totalResults"), 5);
        EXPECT_TRUE(page.contains("previousCursor"));
    }
    // Adams, Baker, Clark, Young, Young: ties on the sort value broken by id, none lost.
    ASSERT_EQ(forward.size(), 5u);
    EXPECT_EQ(std::set<std::string>(forward.begin(), forward.end()).size(), 5u);
    EXPECT_EQ(std::vector<std::string>(forward.begin(), forward.begin() + 3),
              (std::vector<std::string>{"ben@acme.com", "dan@other.org", "eli@acme.com"}));

    // Back from the last page: the previous page is the second one.
    auto back = list(shape + "&cursor=" + url_encode(std::string(page.at("previousCursor").as_string())));
    EXPECT_EQ(names(back), (std::vector<std::string>{forward[2], forward[3]}));
    EXPECT_TRUE(back.contains("nextCursor"));
    EXPECT_TRUE(back.contains("previousCursor"));

    // A cursor is signed and bound to its query (RFC 9865 §4: invalidCursor).
    auto tampered = cursors.front();
    tampered[tampered.size() / 2] = tampered[tampered.size() / 2] == 'A' ? 'B' : 'A';
    expect_scim_error(scim("GET", "/Users?" + shape + "&cursor=" + url_encode(tampered)), 400, "invalidCursor");
    expect_scim_error(scim("GET", "/Users?sortBy=userName&count=2&cursor=" + url_encode(cursors.front())), 400,
                      "invalidCursor");
    expect_scim_error(scim("GET", "/Users?cursor=garbage"), 400, "invalidCursor");
    expect_scim_error(scim("GET", "/Users?cursor=&startIndex=2"), 400, "invalidValue");
}

TEST_F(queries, projection_on_lists_and_single_resources) {
    auto page = list("filter=" + url_encode(R"(userName eq "ann@acme.com")") + "&attributes=userName");
    auto const& ann = page.at("Resources").as_array().at(0).as_object();
    EXPECT_TRUE(ann.contains("id"));
    EXPECT_TRUE(ann.contains("userName"));
    EXPECT_FALSE(ann.contains("name"));
    EXPECT_FALSE(ann.contains("emails"));
    auto const id = std::string(ann.at("id").as_string());

    auto without = scim("GET", "/Users/" + id + "?excludedAttributes=emails,name.familyName");
    ASSERT_EQ(without.status, 200) << without.body;
    auto const body = without.json().as_object();
    EXPECT_FALSE(body.contains("emails"));
    EXPECT_TRUE(body.contains("userName"));
    EXPECT_FALSE(body.contains("name") && body.at("name").as_object().contains("familyName"));

    auto extension = scim(
        "GET", "/Users/" + id + "?attributes=urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department");
    ASSERT_EQ(extension.status, 200) << extension.body;
    auto const shown = extension.json().as_object();  // a copy: json() returns a temporary
    auto const& ext = shown.at("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User").as_object();
    EXPECT_EQ(ext.at("department"), "D-Young");
    EXPECT_FALSE(shown.contains("userName"));
}

TEST_F(queries, search_with_post_has_the_same_semantics) {
    auto body = json::serialize(json::object{
        {"schemas", {"urn:ietf:params:scim:api:messages:2.0:SearchRequest"}},
        {"filter", R"(emails.value ew "@acme.com")"},
        {"sortBy", "userName"},
        {"sortOrder", "descending"},
        {"attributes", {"userName"}},
        {"startIndex", 1},
        {"count", 2},
    });
    auto reply = scim("POST", "/Users/.search", body);
    ASSERT_EQ(reply.status, 200) << reply.body;
    auto const listing = reply.json().as_object();
    EXPECT_EQ(listing.at("totalResults"), 4);
    EXPECT_EQ(names(listing), (std::vector<std::string>{"eli@acme.com", "cat@acme.com"}));
    EXPECT_FALSE(listing.at("Resources").as_array().at(0).as_object().contains("emails"));

    // At the root, Users then Groups, without sortBy (docs/paging.md); Groups have no
    // emails, so this filter finds Users only.
    expect_scim_error(scim("POST", "/.search", body), 400, "invalidValue");
    auto root = scim("POST", "/.search",
                     json::serialize(json::object{
                         {"schemas", {"urn:ietf:params:scim:api:messages:2.0:SearchRequest"}},
                         {"filter", R"(emails.value ew "@acme.com")"},
                         {"attributes", {"userName"}},
                     }));
    ASSERT_EQ(root.status, 200) << root.body;
    EXPECT_EQ(root.json().at("totalResults"), 4);

    expect_scim_error(scim("POST", "/Users/.search",
                           R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"count":"two"})"),
                      400, "invalidValue");
}

// An identity provider's import: index pages one after the other. While nothing changes, the
// server seeks past the previous page's last row; once something changed it skips rows again
// (docs/paging.md). Either way each page is its slice of the listing as it is at that moment.
TEST_F(queries, a_pass_by_index_pages_is_the_listing_also_when_users_change_between_pages) {
    auto importer = server().bootstrap("acme", "importer");
    https_client c("127.0.0.1", server().port());
    auto call = [&](std::string const& method, std::string const& path, std::string const& body = "") {
        return c.request(method, importer.base_path + path, body, {{"Authorization", "Bearer " + importer.token}});
    };
    auto create = [&](std::string const& name) {
        auto const reply = call("POST", "/Users", user_body(name));
        ASSERT_EQ(reply.status, 201) << reply.body;
    };
    for (int i = 10; i < 22; ++i) create("u" + std::to_string(i) + "@pass.example");
    auto listed = [&](std::string const& query) {
        auto const reply = call("GET", "/Users?sortBy=userName&" + query);
        EXPECT_EQ(reply.status, 200) << reply.body;
        return reply.json().as_object();
    };
    auto page = [&](int start) { return names(listed("count=4&startIndex=" + std::to_string(start))); };
    using v = std::vector<std::string>;
    auto slice = [](v const& all, std::size_t from, std::size_t to) {
        return v(all.begin() + static_cast<std::ptrdiff_t>(std::min(from, all.size())),
                 all.begin() + static_cast<std::ptrdiff_t>(std::min(to, all.size())));
    };

    auto const before = names(listed("count=1000"));
    ASSERT_EQ(before.size(), 12u);
    EXPECT_EQ(page(1), slice(before, 0, 4));
    EXPECT_EQ(page(5), slice(before, 4, 8));
    EXPECT_EQ(page(9), slice(before, 8, 12));
    EXPECT_EQ(page(5), slice(before, 4, 8));  // again, from the same remembered end

    create("a-first@pass.example");  // sorts before every other: each later row moves by one
    auto const after = names(listed("count=1000"));
    ASSERT_EQ(after.size(), 13u);
    EXPECT_EQ(page(9), slice(after, 8, 12));
    auto const last = listed("count=4&startIndex=13");
    EXPECT_EQ(names(last), slice(after, 12, 16));
    EXPECT_EQ(last.at("totalResults"), 13);
}

TEST_F(queries, another_directory_sees_none_of_these_users) {
    auto other = server().bootstrap("acme", "entra");
    https_client c("127.0.0.1", server().port());
    auto reply = c.request("GET", other.base_path + "/Users?filter=" + url_encode(R"(userName pr)"), {},
                           {{"Authorization", "Bearer " + other.token}});
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(reply.json().at("totalResults"), 0);
}

}  // namespace
}  // namespace scim::testing
