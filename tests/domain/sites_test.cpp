// The site membership rules of DOMAIN.md on values alone: the transitions of a membership
// (invite, use, suspend, restore), products a site offers, and site URLs and names.

#include <gtest/gtest.h>

#include "scim/core/error.hpp"
#include "scim/domain/sites.hpp"

namespace scim::domain {
namespace {

using enum membership_status;

TEST(sites, membership_status_names_round_trip) {
    for (auto status : {invited, active, suspended}) EXPECT_EQ(parse_membership_status(to_string(status)), status);
    EXPECT_FALSE(parse_membership_status("removed"));
    EXPECT_FALSE(parse_membership_status("Active"));
}

struct invitation_case {
    lifecycle account;
    std::optional<membership_status> existing;
    bool allowed;
};

TEST(sites, who_can_be_invited) {
    invitation_case const cases[] = {
        {lifecycle::active, std::nullopt, true},
        // Deactivation is organization-level; site membership is a separate act.
        {lifecycle::deactivated, std::nullopt, true},
        {lifecycle::pending_deletion, std::nullopt, true},
        {lifecycle::deleted, std::nullopt, false},
        {lifecycle::active, invited, false},
        {lifecycle::active, active, false},
        {lifecycle::active, suspended, false},
    };
    for (auto const& c : cases) {
        SCOPED_TRACE(std::string(to_string(c.account)) + " / " +
                     std::string(c.existing ? to_string(*c.existing) : "none"));
        if (c.allowed) {
            EXPECT_NO_THROW(check_invitation(c.account, c.existing));
            continue;
        }
        try {
            check_invitation(c.account, c.existing);
            ADD_FAILURE() << "allowed";
        } catch (core::error const& e) {
            EXPECT_EQ(e.status(), 409);
            EXPECT_NE(e.detail().find(c.existing ? "already a user of the site" : "deleted"), std::string::npos)
                << e.detail();
        }
    }
}

struct transition {
    membership_status from;
    bool joined;
    membership_action action;
    std::optional<membership_status> to;  // nullopt: 409
};

TEST(sites, membership_transitions) {
    using enum membership_action;
    transition const cases[] = {
        {invited, false, use, active},
        {active, true, use, active},
        {suspended, true, use, std::nullopt},
        {invited, false, suspend, suspended},
        {active, true, suspend, suspended},
        {suspended, true, suspend, std::nullopt},
        // A restored membership goes back to where it was.
        {suspended, true, restore, active},
        {suspended, false, restore, invited},
        {invited, false, restore, std::nullopt},
        {active, true, restore, std::nullopt},
    };
    for (auto const& c : cases) {
        SCOPED_TRACE(std::string(to_string(c.from)) + (c.joined ? " joined" : "") + " action " +
                     std::to_string(static_cast<int>(c.action)));
        if (c.to) {
            EXPECT_EQ(apply(c.from, c.joined, c.action), *c.to);
            continue;
        }
        try {
            apply(c.from, c.joined, c.action);
            ADD_FAILURE() << "allowed";
        } catch (core::error const& e) {
            EXPECT_EQ(e.status(), 409);
            EXPECT_NE(e.detail().find(to_string(c.from)), std::string::npos) << e.detail();
        }
    }
}

TEST(sites, product_access_names_an_offered_product) {
    std::vector<std::string> const offered{"jira", "confluence"};
    EXPECT_NO_THROW(require_offered(offered, "jira"));
    try {
        require_offered(offered, "bitbucket");
        ADD_FAILURE() << "allowed";
    } catch (core::error const& e) {
        EXPECT_EQ(e.status(), 400);
        EXPECT_EQ(core::describe(e.type()).scim_type, "invalidValue");
        EXPECT_NE(e.detail().find("bitbucket"), std::string::npos) << e.detail();
    }
    EXPECT_THROW(require_offered({}, "jira"), core::error);
}

struct text_case {
    std::string input;
    std::optional<std::string> normalized;  // nullopt: 400
};

TEST(sites, product_names) {
    text_case const cases[] = {
        {"jira", "jira"},
        {" Confluence ", "confluence"},
        {"jira-service_desk.2", "jira-service_desk.2"},
        {"", std::nullopt},
        {"   ", std::nullopt},
        {"jira software", std::nullopt},
        {"jira/x", std::nullopt},
        {std::string(101, 'a'), std::nullopt},
    };
    for (auto const& c : cases) {
        SCOPED_TRACE(c.input);
        if (c.normalized) {
            EXPECT_EQ(normalize_product(c.input), *c.normalized);
        } else {
            EXPECT_THROW(normalize_product(c.input), core::error);
        }
    }
}

TEST(sites, site_urls_are_lower_case_host_names) {
    text_case const cases[] = {
        {"acme.example.net", "acme.example.net"},
        {"Acme.Example.NET", "acme.example.net"},
        {"https://acme.example.net/", "acme.example.net"},
        {"HTTP://eu-1.acme.example.net", "eu-1.acme.example.net"},
        {" acme.example.net ", "acme.example.net"},
        {"localhost", std::nullopt},
        {"", std::nullopt},
        {"https://", std::nullopt},
        {"acme.example.net/wiki", std::nullopt},
        {"acme.example.net:8443", std::nullopt},
        {"-acme.example.net", std::nullopt},
        {"acme-.example.net", std::nullopt},
        {"acme..example.net", std::nullopt},
        {"acme_site.example.net", std::nullopt},
        {std::string(64, 'a') + ".example.net", std::nullopt},
        {"ftp://acme.example.net", std::nullopt},
    };
    for (auto const& c : cases) {
        SCOPED_TRACE(c.input);
        if (c.normalized) {
            EXPECT_EQ(normalize_site_url(c.input), *c.normalized);
            continue;
        }
        try {
            normalize_site_url(c.input);
            ADD_FAILURE() << "accepted";
        } catch (core::error const& e) {
            EXPECT_EQ(e.status(), 400);
            EXPECT_EQ(core::describe(e.type()).scim_type, "invalidValue");
        }
    }
}

TEST(sites, site_names) {
    text_case const cases[] = {
        {"Acme", "Acme"},
        {"  Acme Cloud ", "Acme Cloud"},
        {"", std::nullopt},
        {" ", std::nullopt},
        {std::string(200, 'x'), std::string(200, 'x')},
        {std::string(201, 'x'), std::nullopt},
    };
    for (auto const& c : cases) {
        SCOPED_TRACE(c.input);
        if (c.normalized) {
            EXPECT_EQ(normalize_site_name(c.input), *c.normalized);
        } else {
            EXPECT_THROW(normalize_site_name(c.input), core::error);
        }
    }
}

}  // namespace
}  // namespace scim::domain
