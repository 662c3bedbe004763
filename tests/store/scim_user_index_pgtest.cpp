// The filters identity providers send most use an index at 100,000 users: the EXPLAIN plan
// of each page query names the expected index and reads no table sequentially. The plans are
// printed so that the test log shows them (docs/filters.md explains them).

#include <iostream>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "scim/protocol/filter.hpp"
#include "scim/protocol/filter_binding.hpp"
#include "scim/protocol/list_query.hpp"
#include "scim/store/scim_users.hpp"
#include "store_fixture.hpp"

namespace scim::store {
namespace {

using testing::store_test;

constexpr int user_count = 100000;

class user_indexes : public store_test {
protected:
    void SetUp() override {
        store_test::SetUp();
        db().transact([&](session& s) {
            // Seeding 100,000 users takes longer than the server's per-statement limit on a
            // busy 2-core machine; the limit is for requests, not for this fixture.
            s.run_script("SET LOCAL statement_timeout = 0");
            // Shaped like what identity providers send; last_modified one minute apart.
            sql_text seed(
                "INSERT INTO scim_users (id, directory_id, user_name, external_id, active, attributes, created, "
                "last_modified) "
                "SELECT gen_random_uuid(), CAST(");
            seed.bind(directory_id_)
                << " AS uuid), 'User' || i || '@Example.com', 'ext-' || i, true, "
                   "jsonb_build_object('userName', 'User' || i || '@Example.com', 'externalId', 'ext-' || i, "
                   "  'name', jsonb_build_object('familyName', 'Family' || (i % 5000)), "
                   "  'emails', jsonb_build_array(jsonb_build_object('value', 'user' || i || '@example.com', 'type', "
                   "'work', "
                   "  'primary', true), jsonb_build_object('value', 'u' || i || '@home.example.net', 'type', "
                   "'home'))), "
                   "now() - i * interval '1 minute', now() - i * interval '1 minute' "
                   "FROM generate_series(1, CAST(";
            seed.bind_number(user_count) << " AS integer)) AS i";
            s.run_once(seed);
        });
        db().transact([&](session& s) {
            s.run_script("ANALYZE scim_users; ANALYZE scim_user_emails");
            sql_text some("SELECT id::text AS id FROM scim_users WHERE directory_id = CAST(");
            some.bind(directory_id_) << " AS uuid) LIMIT 1";
            some_id_ = s.run(some).front().text("id");
        });
    }

    std::string plan(std::string const& filter, std::string const& sort_by = "", bool descending = false) {
        std::optional<protocol::bound_filter> bound;
        if (!filter.empty())
            bound = protocol::bind_filter(protocol::parse_filter(filter, {}), registry_, registry_.user_type());
        std::optional<protocol::bound_path> sort;
        if (!sort_by.empty()) sort = protocol::bind_sort_by(sort_by, {}, registry_, registry_.user_type());
        listing_request request;
        request.owner_id = directory_id_;
        request.filter = bound ? &*bound : nullptr;
        request.sort_by = sort ? &*sort : nullptr;
        request.descending = descending;
        request.limit = 100;
        std::string out;
        db().read([&](session& s) { out = explain_list_users(s, request); });
        std::cout << (filter.empty() ? "sortBy=" + sort_by + (descending ? " descending" : "") : filter) << "\n"
                  << out << "\n";
        return out;
    }

    void expect_index(std::string const& filter, std::string const& index, std::string const& sort_by = "") {
        auto const p = plan(filter, sort_by);
        EXPECT_NE(p.find(index), std::string::npos) << filter << " does not use " << index << ":\n" << p;
        // The users and their emails are never read whole; the few-row tables of the relations
        // (directories) may be, whatever the planner finds cheaper there.
        EXPECT_EQ(p.find("Seq Scan on scim_user"), std::string::npos) << filter << " reads users sequentially:\n" << p;
    }

    protocol::schema_registry registry_ = protocol::schema_registry::builtin();
    std::string some_id_;
};

TEST_F(user_indexes, the_filters_identity_providers_send_use_an_index) {
    expect_index(R"(userName eq "USER4242@example.COM")", "scim_users_user_name_key");
    expect_index(R"(externalId eq "ext-4242")", "scim_users_external_id");
    expect_index(R"(id eq ")" + some_id_ + R"(")", "scim_users_pkey");
    expect_index(R"(emails.value eq "User4242@Example.com")", "scim_user_emails_value");
    expect_index(R"(emails[type eq "work"].value eq "user4242@example.com")", "scim_user_emails_type_value");
    expect_index(R"(emails[type eq "work" and value eq "user4242@example.com"])", "scim_user_emails_type_value");
    expect_index(R"(meta.lastModified gt ")" + std::string("2999-01-01T00:00:00Z") + R"(")",
                 "scim_users_last_modified");
    expect_index(R"(userName sw "user4242")", "scim_users_user_name_order");
    expect_index(R"(userName co "er4242@")", "scim_users_user_name_trigram");
    expect_index(R"(emails.value co "4242@home")", "scim_user_emails_value_trigram");
    expect_index(R"(name.familyName eq "family42")", "scim_users_sort_name_family_name");
    expect_index(R"(emails[type eq "home"] and name.familyName eq "Family42")", "scim_users_sort_name_family_name");
    expect_index(R"(title eq "Engineer")", "scim_users_sort_title");
    expect_index(R"(nickName sw "Bab")", "scim_users_sort_nick_name");
    expect_index("", "scim_users_user_name_order", "userName");
    expect_index("", "scim_users_listing");
}

// Every attribute a client may sort Users on (RFC 7644 §3.4.2.3) is read in order from an index,
// ascending and descending, so that the first page of any sorted listing stops after the page
// (schemas/sql/013_listing.sql). The account extension's attributes come from the accounts table
// and are not indexed, nor are meta.version and meta.resourceType (docs/paging.md).
TEST_F(user_indexes, every_sortable_attribute_is_read_in_order_from_an_index) {
    std::string const enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:";
    std::map<std::string, std::string> const index_for = {
        {"id", "scim_users_sort_id"},
        {"externalId", "scim_users_sort_external_id"},
        {"meta.created", "scim_users_listing"},
        {"meta.lastModified", "scim_users_last_modified"},
        {"userName", "scim_users_user_name_order"},
        {"active", "scim_users_sort_active"},
        {"name.formatted", "scim_users_sort_name_formatted"},
        {"name.familyName", "scim_users_sort_name_family_name"},
        {"name.givenName", "scim_users_sort_name_given_name"},
        {"name.middleName", "scim_users_sort_name_middle_name"},
        {"name.honorificPrefix", "scim_users_sort_name_honorific_prefix"},
        {"name.honorificSuffix", "scim_users_sort_name_honorific_suffix"},
        {"displayName", "scim_users_sort_display_name"},
        {"nickName", "scim_users_sort_nick_name"},
        {"profileUrl", "scim_users_sort_profile_url"},
        {"title", "scim_users_sort_title"},
        {"userType", "scim_users_sort_user_type"},
        {"preferredLanguage", "scim_users_sort_preferred_language"},
        {"locale", "scim_users_sort_locale"},
        {"timezone", "scim_users_sort_timezone"},
        {enterprise + "employeeNumber", "scim_users_sort_employee_number"},
        {enterprise + "costCenter", "scim_users_sort_cost_center"},
        {enterprise + "organization", "scim_users_sort_organization"},
        {enterprise + "division", "scim_users_sort_division"},
        {enterprise + "department", "scim_users_sort_department"},
        {enterprise + "manager", "scim_users_sort_manager_value"},
        {enterprise + "manager.value", "scim_users_sort_manager_value"},
        {enterprise + "manager.$ref", "scim_users_sort_manager_ref"},
        {enterprise + "manager.displayName", "scim_users_sort_manager_display_name"},
    };
    // What the registry offers: every single-valued attribute and sub-attribute sortBy accepts.
    std::vector<std::string> offered;
    auto offer = [&](std::string const& prefix, protocol::attribute const& a) {
        if (a.multi_valued) return;
        offered.push_back(prefix + a.name);
        for (auto const& sub : a.sub_attributes) {
            if (!sub.multi_valued) offered.push_back(prefix + a.name + "." + sub.name);
        }
    };
    for (auto const& a : registry_.common_attributes()) offer("", a);
    auto const& type = registry_.user_type();
    for (auto const& a : registry_.find_schema(type.schema)->attributes) offer("", a);
    for (auto const& extension : type.extensions) {
        if (extension.schema == "urn:scimd:params:scim:schemas:extension:account:2.0:User") continue;
        for (auto const& a : registry_.find_schema(extension.schema)->attributes) offer(extension.schema + ":", a);
    }
    std::size_t checked = 0;
    for (auto const& path : offered) {
        if (path == "meta" || path == "meta.version" || path == "meta.resourceType" || path == "meta.location" ||
            path == "name") {
            continue;
        }
        try {
            protocol::bind_sort_by(path, {}, registry_, type);
        } catch (core::error const&) {
            continue;  // not sortable (password, which is never returned)
        }
        auto const index = index_for.find(path);
        ASSERT_NE(index, index_for.end()) << "sortBy=" << path << " is offered and has no index listed here";
        for (bool descending : {false, true}) {
            auto const p = plan("", path, descending);
            EXPECT_NE(p.find(" using " + index->second + " "), std::string::npos)
                << "sortBy=" << path << (descending ? " descending" : "") << " does not read " << index->second << ":\n"
                << p;
            EXPECT_EQ(p.find("Seq Scan on scim_user"), std::string::npos) << p;
        }
        ++checked;
    }
    EXPECT_EQ(checked, index_for.size());
}

}  // namespace
}  // namespace scim::store
