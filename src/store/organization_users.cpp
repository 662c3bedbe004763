// The organization's Users page (organization_users.hpp): the counts, one page of accounts,
// then the page's memberships with their product access and the page's groups — four
// statements whatever the page's size.

#include "scim/store/organization_users.hpp"

#include <algorithm>
#include <map>

#include <boost/json/parse.hpp>

#include "identifiers.hpp"
#include "session.hpp"
#include "site_sql.hpp"
#include "sql_text.hpp"

namespace scim::store {
namespace {

namespace json = boost::json;

// The users of the sites asked for, one row each (account_id, status, email_key), appended to
// `sql`, where the page's order (email_key, then account id) is an index range
// (026_users_page.sql): the organization's organization_users rows, or one site's memberships;
// for several sites, their memberships grouped by account. `status` narrows to one status when
// set. Ends in a WHERE clause that a caller may extend with AND.
void append_users(sql_text& sql, std::string const& organization_id, organization_users_query const& query) {
    if (query.site_ids.empty()) {
        sql << "SELECT account_id, status, email_key FROM organization_users WHERE organization_id = CAST(";
        sql.bind(organization_id) << " AS uuid)";
    } else if (query.site_ids.size() == 1) {
        sql << "SELECT account_id, status, email_key FROM site_memberships WHERE site_id = CAST(";
        sql.bind(query.site_ids.front()) << " AS uuid)";
    } else {
        sql << "SELECT * FROM (SELECT account_id, CASE WHEN bool_or(status = 'active') THEN 'active' "
               "WHEN bool_or(status = 'invited') THEN 'invited' ELSE 'suspended' END AS status, "
               "max(email_key) AS email_key FROM site_memberships WHERE site_id = ANY (CAST(";
        sql.bind(uuid_array(query.site_ids)) << " AS uuid[])) GROUP BY account_id) grouped WHERE true";
    }
    if (query.status) {
        sql << " AND status = ";
        sql.bind(std::string(domain::to_string(*query.status)));
    }
}

// The users of every status (the page shows them all, whatever the status asked): read from the
// tallies of the organization or the one site (026_users_page.sql), exact in the reader's
// snapshot; counted for several sites, whose users may be on more than one of them.
void count_users(session& s, std::string const& organization_id, organization_users_query const& query,
                 organization_user_page& page) {
    sql_text sql;
    if (query.site_ids.size() <= 1) {
        auto const scope = sql.parameter(query.site_ids.empty() ? organization_id : query.site_ids.front());
        sql << "SELECT status, sum(live) AS users, sum(writes) AS writes FROM (SELECT status, live, writes "
               "FROM user_tallies WHERE scope_id = CAST("
            << scope
            << " AS uuid) UNION ALL SELECT status, live_delta, writes FROM user_tally_changes "
               "WHERE scope_id = CAST("
            << scope << " AS uuid)) t GROUP BY status";
        page.stamp = 0;
    } else {
        auto all = query;
        all.status.reset();
        sql << "SELECT status, count(*) AS users FROM (";
        append_users(sql, organization_id, all);
        sql << ") users GROUP BY status";
    }
    for (auto const& r : s.run(sql)) {
        if (page.stamp) *page.stamp += r.number("writes");
        auto const status = domain::parse_membership_status(r.text("status"));
        if (!status) continue;
        if (*status == domain::membership_status::invited) page.invited = r.number("users");
        if (*status == domain::membership_status::active) page.active = r.number("users");
        if (*status == domain::membership_status::suspended) page.suspended = r.number("users");
    }
    if (!query.status) {
        page.total = page.invited + page.active + page.suspended;
    } else if (*query.status == domain::membership_status::invited) {
        page.total = page.invited;
    } else if (*query.status == domain::membership_status::active) {
        page.total = page.active;
    } else {
        page.total = page.suspended;
    }
}

// The page's users: the rows `offset` to `offset + limit` of append_users in the page's order
// (email_key, then account id; no address last). Three ways, each an index range: after the
// row where the previous page ended (the resume, while the stamp has not moved); from the end,
// reversed, for a page past the middle, skipping the rows after it; or from the start,
// skipping the rows before it.
void read_page(session& s, std::string const& organization_id, organization_users_query const& query,
               organization_user_page& page) {
    auto const end = std::min(page.total, query.offset + query.limit);
    auto const& resume = query.resume;
    bool const seek = resume && page.stamp && resume->stamp == *page.stamp && resume->offset == query.offset &&
                      resume->after.forward && resume->after.sort_key;
    bool const from_end = !seek && query.offset > page.total - end;
    sql_text sql;
    auto const organization = sql.parameter(organization_id);
    sql << "SELECT a.id::text AS account_id, a.email, a.display_name, coalesce(a.claimed_by = CAST(" << organization
        << " AS uuid), false) AS managed, p.status, p.email_key AS sort_key FROM (";
    if (seek) {
        // After the boundary: the rows with an address past it, then those without one (which
        // a row comparison leaves out), two ranges of the same index.
        auto const key = sql.parameter(*resume->after.sort_key);
        auto const id = sql.parameter(resume->after.id);
        auto const rows = sql.parameter(std::to_string(query.limit));
        sql << "(";
        append_users(sql, organization_id, query);
        sql << " AND (email_key, account_id) > (CAST(" << key << " AS text) COLLATE \"C\", CAST(" << id
            << " AS uuid)) ORDER BY email_key, account_id LIMIT CAST(" << rows << " AS bigint)) UNION ALL (";
        append_users(sql, organization_id, query);
        sql << " AND email_key IS NULL ORDER BY account_id LIMIT CAST(" << rows << " AS bigint)) ORDER BY "
            << "email_key, account_id LIMIT CAST(" << rows << " AS bigint)";
    } else {
        append_users(sql, organization_id, query);
        sql << (from_end ? " ORDER BY email_key DESC, account_id DESC" : " ORDER BY email_key, account_id")
            << " LIMIT ";
        sql.bind_number(end - query.offset) << " OFFSET ";
        sql.bind_number(from_end ? page.total - end : query.offset);
    }
    sql << ") p JOIN accounts a ON a.id = p.account_id ORDER BY p.email_key, p.account_id";
    std::optional<std::string> last_key;
    for (auto const& r : s.run(sql)) {
        organization_user u;
        u.account_id = r.text("account_id");
        u.email = r.nullable_text("email");
        u.display_name = r.nullable_text("display_name");
        u.type = r.flag("managed") ? domain::account_type::managed : domain::account_type::external;
        u.status = domain::parse_membership_status(r.text("status")).value_or(domain::membership_status::invited);
        last_key = r.nullable_text("sort_key");
        page.users.push_back(std::move(u));
    }
    // The total is exact in this snapshot: whether more follow is known without reading them.
    if (!page.users.empty() && query.offset + static_cast<std::int64_t>(page.users.size()) < page.total) {
        page.next_after = keyset_boundary{true, last_key, page.users.back().account_id};
    }
}

// The product access of one membership from its json_agg of [product, group id or null,
// group name or null], ordered by product, direct first.
std::vector<product_access> access_from(std::optional<std::string> const& aggregate) {
    std::vector<product_access> out;
    if (!aggregate) return out;
    auto const parsed = json::parse(*aggregate);
    for (auto const& item : parsed.as_array()) {
        auto const& row = item.as_array();
        std::string product(row[0].as_string());
        if (out.empty() || out.back().product != product) out.push_back({product, false, {}});
        if (row[1].is_null()) {
            out.back().direct = true;
        } else {
            out.back().groups.push_back({std::string(row[1].as_string()), std::string(row[2].as_string())});
        }
    }
    return out;
}

// The memberships of the page's users in the sites asked for, in one statement.
void read_sites(session& s, std::string const& organization_id, organization_users_query const& query,
                std::vector<std::string> const& ids, std::map<std::string, organization_user*> const& by_id) {
    sql_text sql;
    sql << "SELECT m.account_id::text AS account_id, st.id::text AS site_id, st.name AS site_name, m.status, "
        << SCIMD_SQL_RFC3339("m.invited_at") " AS invited_at, " SCIMD_SQL_RFC3339("m.joined_at") " AS joined_at, "
        << SCIMD_SQL_RFC3339("m.last_active_at") " AS last_active_at, "
        << "(SELECT json_agg(json_build_array(x.product, x.group_id::text, g.display_name) ORDER BY x.product, "
           "x.group_id IS NOT NULL, g.display_name, x.group_id)::text FROM ("
        << access_of_membership("m")
        << ") x LEFT JOIN scim_groups g ON g.id = x.group_id) AS access "
           "FROM site_memberships m JOIN sites st ON st.id = m.site_id WHERE m.account_id = ANY (CAST(";
    sql.bind(uuid_array(ids)) << " AS uuid[])) AND st.organization_id = CAST(";
    sql.bind(organization_id) << " AS uuid)";
    if (!query.site_ids.empty()) {
        sql << " AND st.id = ANY (CAST(";
        sql.bind(uuid_array(query.site_ids)) << " AS uuid[]))";
    }
    sql << " ORDER BY st.name, st.id";
    for (auto const& r : s.run(sql)) {
        user_site site;
        site.site_id = r.text("site_id");
        site.site_name = r.text("site_name");
        site.status = domain::parse_membership_status(r.text("status")).value_or(domain::membership_status::invited);
        site.invited_at = r.text("invited_at");
        site.joined_at = r.nullable_text("joined_at");
        site.last_active_on_site = r.nullable_text("last_active_at");
        site.products = access_from(r.nullable_text("access"));
        by_id.at(r.text("account_id"))->sites.push_back(std::move(site));
    }
}

// The organization's groups of the page's users, of both kinds, in one statement: admin-kept
// groups hold accounts, synced groups the accounts' SCIM users.
void read_groups(session& s, std::string const& organization_id, std::vector<std::string> const& ids,
                 std::map<std::string, organization_user*> const& by_id) {
    sql_text sql;
    sql << "SELECT x.account_id::text AS account_id, g.id::text AS id, g.display_name, "
           "(g.directory_id IS NOT NULL) AS synced FROM (SELECT ga.account_id, ga.group_id "
           "FROM group_account_members ga WHERE ga.account_id = ANY (CAST(";
    sql.bind(uuid_array(ids)) << " AS uuid[])) UNION SELECT su.account_id, gm.group_id FROM scim_users su "
                                 "JOIN scim_group_members gm ON gm.user_id = su.id WHERE su.account_id = ANY (CAST(";
    sql.bind(uuid_array(ids)) << " AS uuid[]))) x JOIN scim_groups g ON g.id = x.group_id "
                                 "WHERE g.organization_id = CAST(";
    sql.bind(organization_id) << " AS uuid) ORDER BY lower(g.display_name COLLATE \"und-x-icu\"), g.id";
    for (auto const& r : s.run(sql)) {
        by_id.at(r.text("account_id"))->groups.push_back({r.text("id"), r.text("display_name"), r.flag("synced")});
    }
}

}  // namespace

organization_user_page list_organization_users(session& s, std::string const& organization_id,
                                               organization_users_query const& query) {
    organization_user_page page;
    if (!is_uuid(organization_id)) return page;
    // One snapshot: the counts, the write stamp and the page agree.
    s.in_snapshot([&] {
        count_users(s, organization_id, query, page);
        if (query.limit <= 0 || page.total <= query.offset) return;
        read_page(s, organization_id, query, page);
        std::vector<std::string> ids;
        std::map<std::string, organization_user*> by_id;
        for (auto& u : page.users) {
            ids.push_back(u.account_id);
            by_id[u.account_id] = &u;
        }
        if (ids.empty()) return;
        read_sites(s, organization_id, query, ids, by_id);
        read_groups(s, organization_id, ids, by_id);
    });
    return page;
}

}  // namespace scim::store
