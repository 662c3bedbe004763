// ETags and preconditions (RFC 7644 §3.14) and concurrent writers, over real HTTPS with
// real parallel requests.

#include <algorithm>
#include <atomic>
#include <functional>
#include <thread>

#include "e2e_fixture.hpp"

namespace scim::testing {
namespace {

namespace json = boost::json;

std::string const patch_op = R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":)";

class etags : public e2e_test {
protected:
    std::string create(std::string const& user_name) {
        auto reply = scim("POST", "/Users", user_body(user_name));
        EXPECT_EQ(reply.status, 201) << reply.body;
        return std::string(reply.json().at("id").as_string());
    }

    // The same request from `n` clients at once; the statuses they got.
    std::vector<int> at_once(int n, std::function<http_reply(https_client&, int)> const& send) {
        std::vector<int> statuses(n);
        std::vector<std::thread> threads;
        std::atomic<int> ready{0};
        for (int i = 0; i < n; ++i) {
            threads.emplace_back([&, i] {
                https_client c("127.0.0.1", server().port());
                ++ready;
                while (ready < n) std::this_thread::yield();
                statuses[i] = send(c, i).status;
            });
        }
        for (auto& t : threads) t.join();
        return statuses;
    }

    std::vector<std::pair<std::string, std::string>> auth(std::vector<std::pair<std::string, std::string>> more = {}) {
        more.emplace_back("Authorization", "Bearer " + directory().token);
        return more;
    }
};

TEST_F(etags, if_match_guards_put_patch_and_delete) {
    auto const id = create("guarded@acme.com");
    auto const path = "/Users/" + id;
    auto const stale = std::vector<std::pair<std::string, std::string>>{{"If-Match", R"(W/"7")"}};
    expect_scim_error(scim("PUT", path, user_body("guarded@acme.com", R"("title":"x")"), stale), 412, "");
    expect_scim_error(scim("PATCH", path, patch_op + R"([{"op":"add","path":"title","value":"x"}]})", stale), 412, "");
    expect_scim_error(scim("DELETE", path, {}, stale), 412, "");
    EXPECT_EQ(scim("GET", path).json().at("meta").at("version"), "W/\"1\"");

    auto put = scim("PUT", path, user_body("guarded@acme.com", R"("title":"x")"), {{"If-Match", R"(W/"1")"}});
    ASSERT_EQ(put.status, 200) << put.body;
    EXPECT_EQ(put.header("etag"), "W/\"2\"");
    auto patch =
        scim("PATCH", path, patch_op + R"([{"op":"add","path":"title","value":"y"}]})", {{"If-Match", R"("2")"}});
    ASSERT_EQ(patch.status, 200) << patch.body;
    EXPECT_EQ(patch.header("etag"), "W/\"3\"");
    EXPECT_EQ(scim("DELETE", path, {}, {{"If-Match", "*"}}).status, 204);
    expect_scim_error(scim("DELETE", path, {}, {{"If-Match", "*"}}), 404, "");
}

TEST_F(etags, if_none_match_answers_304_while_the_copy_is_current) {
    auto const id = create("cached@acme.com");
    auto unchanged = scim("GET", "/Users/" + id, {}, {{"If-None-Match", R"(W/"1")"}});
    EXPECT_EQ(unchanged.status, 304);
    EXPECT_TRUE(unchanged.body.empty());
    EXPECT_EQ(unchanged.header("etag"), "W/\"1\"");
    ASSERT_EQ(scim("PATCH", "/Users/" + id, patch_op + R"([{"op":"add","path":"title","value":"new"}]})").status, 200);
    auto changed = scim("GET", "/Users/" + id, {}, {{"If-None-Match", R"(W/"1")"}});
    EXPECT_EQ(changed.status, 200);
    EXPECT_EQ(changed.json().at("title"), "new");
}

TEST_F(etags, concurrent_patches_without_if_match_all_apply) {
    auto const id = create("busy@acme.com");
    int const writers = 8;
    auto statuses = at_once(writers, [&](https_client& c, int i) {
        return c.request("PATCH", directory().base_path + "/Users/" + id,
                         patch_op + R"([{"op":"add","path":"emails","value":[{"value":"w)" + std::to_string(i) +
                             R"(@acme.com","type":"other"}]}]})",
                         auth());
    });
    for (auto status : statuses) EXPECT_EQ(status, 200);
    auto const user = scim("GET", "/Users/" + id).json();
    EXPECT_EQ(user.at("emails").as_array().size(), static_cast<std::size_t>(writers)) << user;
    EXPECT_EQ(user.at("meta").at("version").as_string(), "W/\"" + std::to_string(writers + 1) + "\"");
}

TEST_F(etags, concurrent_patches_with_the_same_if_match_have_one_winner) {
    auto const id = create("race@acme.com");
    int const writers = 8;
    auto statuses = at_once(writers, [&](https_client& c, int i) {
        return c.request("PATCH", directory().base_path + "/Users/" + id,
                         patch_op + R"([{"op":"replace","path":"title","value":"t)" + std::to_string(i) + R"("}]})",
                         auth({{"If-Match", R"(W/"1")"}}));
    });
    EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 200), 1);
    EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 412), writers - 1);
    EXPECT_EQ(scim("GET", "/Users/" + id).json().at("meta").at("version"), "W/\"2\"");
}

}  // namespace
}  // namespace scim::testing
