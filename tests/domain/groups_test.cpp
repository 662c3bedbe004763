// The group rules of DOMAIN.md, on values alone: an admin's displayName, and the sync lock of
// groups an identity provider pushes.

#include <gtest/gtest.h>

#include "scim/core/error.hpp"
#include "scim/domain/groups.hpp"
#include "scim/domain/sync_lock.hpp"

namespace scim::domain {
namespace {

std::string repeat(std::string const& part, std::size_t times) {
    std::string out;
    for (std::size_t i = 0; i < times; ++i) out += part;
    return out;
}

TEST(group_names, are_trimmed) {
    struct {
        std::string in;
        std::string out;
    } const cases[] = {
        {"Sales", "Sales"},
        {"  Sales EMEA\t\n", "Sales EMEA"},
        {"Ventes é", "Ventes é"},
        {repeat("x", max_group_name_length), repeat("x", max_group_name_length)},
        // The limit counts characters, not bytes.
        {repeat("é", max_group_name_length), repeat("é", max_group_name_length)},
    };
    for (auto const& c : cases) EXPECT_EQ(normalize_group_name(c.in), c.out) << c.in;
}

TEST(group_names, refuses_empty_long_and_control_characters) {
    for (std::string const& bad : {std::string(), std::string("   "), std::string("\t\n"),
                                   repeat("é", max_group_name_length + 1), std::string("Sales\nEMEA"),
                                   std::string("a\x7f"
                                               "b"),
                                   std::string("a\0b", 3)}) {
        try {
            normalize_group_name(bad);
            ADD_FAILURE() << "accepted: " << bad;
        } catch (core::error const& e) {
            EXPECT_EQ(e.type(), core::error_type::invalid_value) << bad;
            EXPECT_NE(e.detail().find("displayName"), std::string::npos) << e.detail();
        }
    }
}

TEST(group_size, is_refused_above_the_limit_naming_it) {
    EXPECT_NO_THROW(check_group_size(0, 0));
    EXPECT_NO_THROW(check_group_size(10, 10));
    try {
        check_group_size(11, 10);
        ADD_FAILURE() << "accepted";
    } catch (core::error const& e) {
        EXPECT_EQ(e.type(), core::error_type::invalid_value);
        EXPECT_NE(e.detail().find("at most 10"), std::string::npos) << e.detail();
    }
}

TEST(group_sync_lock, a_synced_groups_name_membership_and_existence_are_its_directorys) {
    struct {
        group_change change;
        bool locked;
        char const* says;
    } const cases[] = {
        {group_change::name, true, "name"},
        {group_change::membership, true, "membership"},
        {group_change::deletion, true, "delete it"},
        {group_change::product_grants, false, ""},
    };
    for (auto const& c : cases) {
        // An admin-kept group is the admin's in every way.
        EXPECT_NO_THROW(check_group_edit(std::nullopt, c.change));
        if (!c.locked) {
            EXPECT_NO_THROW(check_group_edit(std::string("okta"), c.change));
            continue;
        }
        try {
            check_group_edit(std::string("okta"), c.change);
            ADD_FAILURE() << "accepted: " << c.says;
        } catch (core::error const& e) {
            EXPECT_EQ(e.type(), core::error_type::forbidden);
            EXPECT_NE(e.detail().find("\"okta\""), std::string::npos) << e.detail();
            EXPECT_NE(e.detail().find(c.says), std::string::npos) << e.detail();
        }
    }
}

}  // namespace
}  // namespace scim::domain
