// The sync lock, whole (docs/accounts.md "The sync lock, action by action"): seeded random walks
// of admin and identity provider actions on one managed account, against the real binary, with
// two directories of the organization ("okta", linked first, and "entra"). A model of the rules
// says what each action must answer and do; after every step the test checks that the admin API
// and every directory's SCIM view agree with the model and with each other — the lifecycle, the
// display name, which directory syncs the account, and that the owning directory's `active` is
// the account's — and that someone can still move the account: its owning directory, or the
// admin when none owns it. A "rescue" step, drawn like any other and run at the end of every
// walk, makes whoever the model says can move the account bring it back to active.

#include <map>
#include <optional>
#include <random>
#include <sstream>

#include "admin_fixture.hpp"

namespace scim::testing {
namespace {

namespace json = boost::json;

std::string const patch_op = R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":)";

// One SCIM connection of the organization.
struct idp {
    std::string name;
    std::string id;
    std::string base_path;
    std::string token;
};

// What the rules say the account is.
struct model {
    struct link {
        std::string user_id;
        bool active = true;
        std::string display_name;
        int order = 0;  // when it linked: the first link of the organization owns the account
    };
    std::string lifecycle = "active";
    std::string display_name;
    std::map<int, link> links;  // by directory index
    std::optional<int> owner;   // the directory the account follows
    int next_order = 0;

    // domain::follow_directory.
    void follow(bool active) {
        if (active) {
            lifecycle = "active";
        } else if (lifecycle != "pending_deletion") {
            lifecycle = "deactivated";
        }
    }
    void follow_owner() {
        follow(links.at(*owner).active);
        display_name = links.at(*owner).display_name;
    }
};

class sync_lock_walk : public acme_managed_e2e_test {
protected:
    static void SetUpTestSuite() {
        acme_managed_e2e_test::SetUpTestSuite();
        idps_.push_back({"okta", directory().directory_id, directory().base_path, directory().token});
    }

    void SetUp() override {
        if (idps_.size() > 1) return;
        auto const entra = ok(admin("POST", "/directories", R"({"name":"entra"})"), 201);
        ASSERT_FALSE(entra.empty());
        idps_.push_back({"entra", std::string(entra.at("id").as_string()),
                         std::string(entra.at("basePath").as_string()), std::string(entra.at("token").as_string())});
    }

    http_reply scim_of(int d, std::string_view method, std::string const& path, std::string_view body = {}) {
        return client().request(method, idps_.at(static_cast<std::size_t>(d)).base_path + path, body,
                                {{"Authorization", "Bearer " + idps_.at(static_cast<std::size_t>(d)).token}});
    }

    std::string user_json(std::string const& display_name, bool active) const {
        return user_body(user_name_, R"("displayName":")" + display_name + R"(","active":)" +
                                         (active ? "true" : "false") + R"(,"emails":[{"value":")" + email_ +
                                         R"(","primary":true}])");
    }

    // A status the model expects; on an expected refusal by the sync lock, the detail names
    // the owning directory.
    void expect_status(http_reply const& reply, int status) {
        EXPECT_EQ(reply.status, status) << reply.body;
        if (status == 403 && reply.status == 403 && m_.owner) {
            auto const detail = std::string(reply.json().at("detail").as_string());
            EXPECT_NE(detail.find("\"" + idps_.at(static_cast<std::size_t>(*m_.owner)).name + "\""), std::string::npos)
                << detail;
        }
    }
    static bool succeeded(int status) { return status == 200 || status == 204; }

    // --- the admin's actions -----------------------------------------------------------------

    void admin_lifecycle(std::string const& action) {
        auto const reply = admin("POST", "/accounts/" + account_ + "/" + action);
        int expected = 200;
        std::string after = m_.lifecycle;
        if (action == "deactivate" || action == "reactivate") {
            if (m_.owner) {
                expected = 403;
            } else if (m_.lifecycle == "pending_deletion") {
                expected = 409;
            } else {
                after = action == "deactivate" ? "deactivated" : "active";
            }
        } else if (action == "delete") {
            if (m_.owner && m_.lifecycle == "active") {
                expected = 403;
            } else {
                after = "pending_deletion";
            }
        } else {  // cancel-deletion
            if (m_.lifecycle == "pending_deletion") {
                after = "deactivated";
            } else {
                expected = 409;
            }
        }
        expect_status(reply, expected);
        m_.lifecycle = after;
    }

    void admin_edit(std::string const& field, std::string const& value) {
        auto const reply = admin("PATCH", "/accounts/" + account_, R"({")" + field + R"(":")" + value + R"("})");
        // What the identity provider owns is refused while a directory syncs the account; what
        // it does not own (location) is the admin's, whether the address is verified or not.
        bool const owned = field == "displayName";
        expect_status(reply, owned && m_.owner ? 403 : 200);
        if (owned && !m_.owner) m_.display_name = value;
    }

    void admin_email() {
        // The address is the identity provider's while synced (403); otherwise the gate holds it
        // until its owner verifies the current one (409): accounts a directory creates are
        // unverified.
        expect_status(admin("POST", "/accounts/" + account_ + "/email", R"({"email":"moved@acme.com"})"),
                      m_.owner ? 403 : 409);
    }

    // --- a directory's actions ---------------------------------------------------------------

    void idp_post(int d, std::string const& display_name) {
        auto const reply = scim_of(d, "POST", "/Users", user_json(display_name, true));
        ASSERT_EQ(reply.status, 201) << reply.body;
        auto const user = reply.json().as_object();
        EXPECT_EQ(user.at(account_urn).at("accountId"), json::value(account_));
        m_.links[d] = {std::string(user.at("id").as_string()), true, display_name, m_.next_order++};
        if (!m_.owner) {
            m_.owner = d;
            m_.follow_owner();
        }
    }

    void idp_push(int d, bool active, std::string const& display_name, bool put) {
        auto& link = m_.links.at(d);
        auto const reply =
            put ? scim_of(d, "PUT", "/Users/" + link.user_id, user_json(display_name, active))
                : scim_of(d, "PATCH", "/Users/" + link.user_id,
                          patch_op + R"([{"op":"replace","value":{"active":)" + (active ? "true" : "false") +
                              R"(,"displayName":")" + display_name + R"("}}]})");
        EXPECT_TRUE(succeeded(reply.status)) << reply.body;
        link.active = active;
        link.display_name = display_name;
        // Only the owner's push changes the account; the others are recorded in their users.
        if (m_.owner == d) m_.follow_owner();
    }

    void idp_delete(int d) {
        EXPECT_EQ(scim_of(d, "DELETE", "/Users/" + m_.links.at(d).user_id).status, 204);
        m_.links.erase(d);
        if (m_.owner != d) return;
        // The next directory that linked the account owns it, and the account takes its state;
        // with none left, the account is deactivated and unsynced.
        m_.owner.reset();
        for (auto const& [other, link] : m_.links) {
            if (!m_.owner || link.order < m_.links.at(*m_.owner).order) m_.owner = other;
        }
        if (m_.owner) {
            m_.follow_owner();
        } else {
            m_.follow(false);
        }
    }

    // Whoever the model says can move the account brings it back to active.
    void rescue() {
        if (m_.owner) {
            idp_push(*m_.owner, true, m_.links.at(*m_.owner).display_name, false);
        } else {
            if (m_.lifecycle == "pending_deletion") admin_lifecycle("cancel-deletion");
            admin_lifecycle("reactivate");
        }
        EXPECT_EQ(m_.lifecycle, "active");
    }

    // --- what every step must leave ----------------------------------------------------------

    void check_agreement() {
        // Someone can move it: the owner's link exists (its pushes move the account), or none
        // owns it and every admin lifecycle action is the admin's (the account is managed).
        if (m_.owner) {
            ASSERT_EQ(m_.links.count(*m_.owner), 1u);
        }

        auto const seen = ok(admin("GET", "/accounts/" + account_));
        ASSERT_FALSE(seen.empty());
        EXPECT_EQ(seen.at("accountType"), "managed");
        EXPECT_EQ(seen.at("lifecycle"), json::value(m_.lifecycle)) << seen;
        EXPECT_EQ(seen.at("displayName"), json::value(m_.display_name)) << seen;
        EXPECT_EQ(seen.at("synced"), m_.owner.has_value()) << seen;
        if (m_.owner) {
            EXPECT_EQ(seen.at("syncedBy").at("name"), json::value(idps_.at(static_cast<std::size_t>(*m_.owner)).name));
        }
        for (auto const& [d, link] : m_.links) {
            auto const reply = scim_of(d, "GET", "/Users/" + link.user_id);
            ASSERT_EQ(reply.status, 200) << reply.body;
            auto const user = reply.json().as_object();
            auto const& account = user.at(account_urn).as_object();
            // Every directory sees the account as the admin does …
            EXPECT_EQ(account.at("lifecycle"), seen.at("lifecycle")) << idps_.at(static_cast<std::size_t>(d)).name;
            EXPECT_EQ(account.at("synced"), seen.at("synced"));
            if (m_.owner) {
                EXPECT_EQ(account.at("syncedBy"), seen.at("syncedBy").at("id"));
            }
            // … its user holds what it pushed …
            EXPECT_EQ(user.at("active"), link.active) << idps_.at(static_cast<std::size_t>(d)).name;
            EXPECT_EQ(user.at("displayName"), json::value(link.display_name));
            // … and the owner's `active` is the account's.
            if (m_.owner == d) {
                EXPECT_EQ(user.at("active").as_bool(), m_.lifecycle == "active") << user;
                EXPECT_EQ(user.at("displayName"), seen.at("displayName"));
            }
        }
    }

    // One walk of `steps` random actions from `seed` on a new account.
    void walk(unsigned seed, int steps) {
        std::mt19937 random(seed);
        auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(random); };
        m_ = model{};
        user_name_ = "walker" + std::to_string(seed);
        email_ = user_name_ + "@acme.com";
        std::ostringstream trace;
        trace << "seed " << seed << ":";

        int const first = pick(2);
        trace << " post(" << idps_[static_cast<std::size_t>(first)].name << ")";
        SCOPED_TRACE(trace.str());
        auto const created = scim_of(first, "POST", "/Users", user_json("Walker 0", true));
        ASSERT_EQ(created.status, 201) << created.body;
        account_ = std::string(created.json().at(account_urn).at("accountId").as_string());
        m_.links[first] = {std::string(created.json().at("id").as_string()), true, "Walker 0", m_.next_order++};
        m_.owner = first;
        m_.display_name = "Walker 0";
        check_agreement();

        // Each step: its label joins the trace shown with any failure, then the action, then the checks.
        auto run = [&](std::string const& label, auto&& action) {
            trace << " " << label;
            SCOPED_TRACE(trace.str());
            action();
            if (!HasFatalFailure()) check_agreement();
        };
        for (int step = 1; step <= steps && !HasFatalFailure(); ++step) {
            std::string const name = "Walker " + std::to_string(step);
            int const d = pick(2);
            auto const& dir = idps_[static_cast<std::size_t>(d)].name;
            bool const linked = m_.links.count(d) == 1;
            int const action = pick(12);
            if (action < 4) {
                static char const* const lifecycle_actions[] = {"deactivate", "reactivate", "delete",
                                                                "cancel-deletion"};
                auto const* what = lifecycle_actions[action];
                run(what, [&] { admin_lifecycle(what); });
            } else if (action == 4) {
                run("admin-edit-name", [&] { admin_edit("displayName", name); });
            } else if (action == 5) {
                run("admin-edit-location", [&] { admin_edit("location", name); });
            } else if (action == 6) {
                run("admin-email", [&] { admin_email(); });
            } else if (action == 7) {
                run("rescue", [&] { rescue(); });
            } else if (!linked) {
                run("post(" + dir + ")", [&] { idp_post(d, name); });
            } else if (action == 8) {
                run("delete(" + dir + ")", [&] { idp_delete(d); });
            } else {
                bool const put = pick(2) == 1;
                // Sometimes the push repeats what the directory said last.
                bool const repeat = pick(4) == 0;
                bool const active = repeat ? m_.links.at(d).active : pick(2) == 1;
                auto const display_name = repeat ? m_.links.at(d).display_name : name;
                run(std::string(put ? "put(" : "patch(") + dir + ", active=" + (active ? "true" : "false") +
                        (repeat ? ", repeated)" : ")"),
                    [&] { idp_push(d, active, display_name, put); });
            }
        }
        run("| rescue", [&] { rescue(); });
    }

    static inline std::vector<idp> idps_;
    model m_;
    std::string account_;
    std::string user_name_;
    std::string email_;
};

TEST_F(sync_lock_walk, seeded_random_walks_leave_no_account_stuck_and_no_view_disagreeing) {
    for (unsigned seed = 1; seed <= 12 && !HasFatalFailure(); ++seed) walk(seed, 60);
}

}  // namespace
}  // namespace scim::testing
