// The filters identity providers send most use an index at 100,000 users: the EXPLAIN plan
// of each page query names the expected index and reads no table sequentially. The plans are
// printed so that the test log shows them (docs/filters.md explains them).

#include <iostream>

#include <gtest/gtest.h>

#include "scim/protocol/filter.hpp"
#include "scim/protocol/filter_binding.hpp"
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

    std::string plan(std::string const& filter, std::string const& sort_by = "") {
        std::optional<protocol::bound_filter> bound;
        if (!filter.empty())
            bound = protocol::bind_filter(protocol::parse_filter(filter, {}), registry_, registry_.user_type());
        std::optional<protocol::bound_path> sort;
        if (!sort_by.empty()) {
            sort = protocol::bind_path({"", sort_by, ""}, registry_, registry_.user_type(),
                                       core::error_type::invalid_value, "sortBy");
        }
        listing_request request;
        request.directory_id = directory_id_;
        request.filter = bound ? &*bound : nullptr;
        request.sort_by = sort ? &*sort : nullptr;
        request.limit = 100;
        std::string out;
        db().read([&](session& s) { out = explain_list_users(s, request); });
        std::cout << (filter.empty() ? "sortBy=" + sort_by : filter) << "\n" << out << "\n";
        return out;
    }

    void expect_index(std::string const& filter, std::string const& index, std::string const& sort_by = "") {
        auto const p = plan(filter, sort_by);
        EXPECT_NE(p.find(index), std::string::npos) << filter << " does not use " << index << ":\n" << p;
        EXPECT_EQ(p.find("Seq Scan"), std::string::npos) << filter << " reads a table sequentially:\n" << p;
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
    expect_index(R"(name.familyName eq "family42")", "scim_users_search_document");
    expect_index(R"(emails[type eq "home"] and name.familyName eq "Family42")", "scim_users_search_document");
    expect_index("", "scim_users_user_name_order", "userName");
    expect_index("", "scim_users_listing");
}

}  // namespace
}  // namespace scim::store
