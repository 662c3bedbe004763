// Listings read their totals from tallies and their pages from either end, in two branches
// when the sort value may be missing (store/resource_listing.cpp, docs/paging.md). Whatever
// the path, a page is exactly its slice of the whole sorted listing and totalResults is
// exactly count(*).

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "scim/protocol/filter.hpp"
#include "scim/protocol/filter_binding.hpp"
#include "scim/protocol/list_query.hpp"
#include "scim/store/resource_tallies.hpp"
#include "scim/store/scim_users.hpp"
#include "store_fixture.hpp"

namespace scim::store {
namespace {

using testing::store_test;

constexpr int user_count = 23;

class resource_listing : public store_test {
protected:
    // Users 1..`count`; every third has no title, and titles repeat so that ids break ties.
    void seed(std::string const& directory_id, int first, int count) {
        db().transact([&](session& s) {
            sql_text seed(
                "INSERT INTO scim_users (id, directory_id, user_name, active, attributes) "
                "SELECT gen_random_uuid(), CAST(");
            seed.bind(directory_id) << " AS uuid), 'user' || i || '@example.com', true, "
                                       "jsonb_build_object('userName', 'user' || i || '@example.com') || "
                                       "CASE WHEN i % 3 = 0 THEN '{}'::jsonb "
                                       "ELSE jsonb_build_object('title', 'Title ' || (i % 5)) END "
                                       "FROM generate_series(CAST(";
            seed.bind_number(first) << " AS integer), CAST(";
            seed.bind_number(first + count - 1) << " AS integer)) AS i";
            s.run_once(seed);
        });
    }

    std::int64_t counted(std::string const& directory_id) {
        std::int64_t n = 0;
        db().read([&](session& s) {
            sql_text sql("SELECT count(*) AS n FROM scim_users WHERE directory_id = CAST(");
            sql.bind(directory_id) << " AS uuid)";
            n = s.run(sql).front().number("n");
        });
        return n;
    }

    listing<user_row> list(listing_request const& request) {
        listing<user_row> out;
        db().read([&](session& s) { out = list_users(s, request); });
        return out;
    }

    listing_request request(std::string const& sort_by, bool descending, std::int64_t limit) {
        listing_request r;
        r.owner_id = directory_id_;
        if (!sort_by.empty()) {
            sort_ = protocol::bind_sort_by(sort_by, {}, registry_, registry_.user_type());
            r.sort_by = &*sort_;
        }
        r.descending = descending;
        r.limit = limit;
        return r;
    }

    static std::vector<std::string> ids(listing<user_row> const& l) {
        std::vector<std::string> out;
        for (auto const& r : l.rows) out.push_back(r.row.id);
        return out;
    }

    protocol::schema_registry registry_ = protocol::schema_registry::builtin();
    std::optional<protocol::bound_path> sort_;
    std::optional<protocol::bound_filter> filter_;
};

TEST_F(resource_listing, the_total_without_a_filter_is_the_count_before_and_after_a_fold) {
    seed(directory_id_, 1, user_count);
    seed(other_directory_id_, 1, 5);
    auto const total = [&] { return list(request("", false, 0)).total; };
    EXPECT_EQ(total(), user_count);
    db().transact([&](session& s) { fold_resource_tallies(s); });
    EXPECT_EQ(total(), user_count);
    db().transact([&](session& s) {
        sql_text sql("DELETE FROM scim_users WHERE directory_id = CAST(");
        sql.bind(directory_id_) << " AS uuid) AND user_name LIKE 'user1%'";
        s.run_once(sql);
    });
    EXPECT_EQ(total(), counted(directory_id_));
    seed(directory_id_, 100, 4);
    EXPECT_EQ(total(), counted(directory_id_));
    db().transact([&](session& s) { fold_resource_tallies(s); });
    EXPECT_EQ(total(), counted(directory_id_));

    // A directory's deletion cascades to its users; their changes are dropped by the fold.
    db().transact([&](session& s) {
        sql_text sql("DELETE FROM directories WHERE id = CAST(");
        sql.bind(other_directory_id_) << " AS uuid)";
        s.run_once(sql);
    });
    db().transact([&](session& s) { fold_resource_tallies(s); });
    db().read([&](session& s) {
        EXPECT_EQ(s.run(sql_text("SELECT count(*) AS n FROM resource_tally_changes")).front().number("n"), 0);
    });
    EXPECT_EQ(total(), counted(directory_id_));
}

TEST_F(resource_listing, any_write_moves_the_stamp_and_a_resumed_page_is_the_page_at_its_offset) {
    seed(directory_id_, 1, user_count);
    auto const whole = ids(list(request("title", true, 1000)));
    auto first = list(request("title", true, 10));
    ASSERT_TRUE(first.stamp);
    auto const& last = first.rows.back();
    index_resume const end{10, *first.stamp, {true, last.sort_key, last.row.id}};

    auto next = request("title", true, 10);
    next.offset = 10;
    next.resume = end;
    auto const resumed = list(next);
    EXPECT_EQ(ids(resumed), std::vector<std::string>(whole.begin() + 10, whole.begin() + 20));
    EXPECT_TRUE(resumed.more);
    EXPECT_EQ(resumed.total, user_count);

    // A resume point for another offset is not used; neither is one from an older stamp.
    next.offset = 11;
    EXPECT_EQ(ids(list(next)), std::vector<std::string>(whole.begin() + 11, whole.begin() + 21));

    db().transact([&](session& s) {
        sql_text sql("UPDATE scim_users SET attributes = attributes - 'title' WHERE id = CAST(");
        sql.bind(whole[2]) << " AS uuid)";
        s.run_once(sql);
    });
    auto const after_update = list(request("title", true, 1000));
    ASSERT_TRUE(after_update.stamp);
    EXPECT_GT(*after_update.stamp, *first.stamp);
    db().transact([&](session& s) { fold_resource_tallies(s); });
    EXPECT_EQ(list(request("title", true, 0)).stamp, after_update.stamp);
    next.offset = 10;
    auto const moved = ids(after_update);
    EXPECT_EQ(ids(list(next)), std::vector<std::string>(moved.begin() + 10, moved.begin() + 20));
}

TEST_F(resource_listing, a_count_is_reused_while_the_stamp_stays_and_the_filter_reads_the_row_alone) {
    seed(directory_id_, 1, user_count);
    auto filtered = [&](std::string const& filter, std::optional<known_total> counted) {
        filter_ = protocol::bind_filter(protocol::parse_filter(filter, {}), registry_, registry_.user_type());
        auto r = request("userName", false, 2);
        r.filter = &*filter_;
        r.counted = counted;
        return list(r);
    };
    auto const first = filtered(R"(title pr)", std::nullopt);
    EXPECT_EQ(first.total, 16);  // every third of 23 has no title
    ASSERT_TRUE(first.stamp);
    // A count this listing remembered at this stamp is taken as it is (here a made-up one, to
    // see that it was).
    EXPECT_EQ(filtered(R"(title pr)", known_total{*first.stamp, 999}).total, 999);
    EXPECT_EQ(filtered(R"(title pr)", known_total{*first.stamp - 1, 999}).total, 16);

    // The account extension is read from the accounts table, which the stamp does not follow.
    auto const accounts = filtered(R"(urn:scimd:params:scim:schemas:extension:account:2.0:User:lifecycle pr or )"
                                   R"(title pr)",
                                   known_total{*first.stamp, 999});
    EXPECT_EQ(accounts.total, 16);
    EXPECT_FALSE(accounts.stamp);
}

TEST_F(resource_listing, every_index_page_is_its_slice_of_the_whole_listing) {
    seed(directory_id_, 1, user_count);
    for (std::string const sort_by : {"", "userName", "title"}) {
        for (bool const descending : {false, true}) {
            for (bool const filtered : {false, true}) {
                SCOPED_TRACE(sort_by + (descending ? " descending" : "") + (filtered ? " filtered" : ""));
                auto whole_request = request(sort_by, descending, 1000);
                if (filtered) {
                    filter_ = protocol::bind_filter(protocol::parse_filter(R"(userName sw "user")", {}), registry_,
                                                    registry_.user_type());
                    whole_request.filter = &*filter_;
                }
                auto const whole = ids(list(whole_request));
                ASSERT_EQ(whole.size(), static_cast<std::size_t>(user_count));
                for (std::int64_t offset = 0; offset <= user_count + 1; ++offset) {
                    auto page_request = whole_request;
                    page_request.limit = 4;
                    page_request.offset = offset;
                    auto const page = list(page_request);
                    auto const from = std::min<std::int64_t>(offset, user_count);
                    auto const to = std::min<std::int64_t>(offset + 4, user_count);
                    EXPECT_EQ(ids(page), std::vector<std::string>(whole.begin() + from, whole.begin() + to))
                        << "offset " << offset;
                    EXPECT_EQ(page.total, user_count) << "offset " << offset;
                    EXPECT_EQ(page.more, offset + 4 < user_count) << "offset " << offset;
                }
            }
        }
    }
}

TEST_F(resource_listing, cursors_walk_the_whole_listing_both_ways) {
    seed(directory_id_, 1, user_count);
    for (std::string const sort_by : {"userName", "title"}) {
        for (bool const descending : {false, true}) {
            SCOPED_TRACE(sort_by + (descending ? " descending" : ""));
            auto const whole = ids(list(request(sort_by, descending, 1000)));
            for (bool const forward : {true, false}) {
                std::vector<std::string> walked;
                std::optional<keyset_boundary> boundary;
                for (int page = 0; page < user_count; ++page) {
                    auto r = request(sort_by, descending, 5);
                    r.boundary = boundary;
                    if (!forward && !boundary) r.offset = user_count - 5;  // the last page, by index
                    auto const got = list(r);
                    auto const page_ids = ids(got);
                    walked.insert(forward ? walked.end() : walked.begin(), page_ids.begin(), page_ids.end());
                    if (got.rows.empty() || (!got.more && r.boundary)) break;
                    auto const& edge = forward ? got.rows.back() : got.rows.front();
                    boundary = keyset_boundary{forward, edge.sort_key, edge.row.id};
                }
                EXPECT_EQ(walked, whole) << (forward ? "forward" : "backward");
            }
        }
    }
}

}  // namespace
}  // namespace scim::store
