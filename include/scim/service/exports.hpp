#pragma once
// The two CSV exports of DOMAIN.md "Admin API" (the seed's "Export managed accounts" and
// "Export users from a site"), opened for streaming: the use case checks the token and opens a
// snapshot on the request's own connection, which takes one of the --max-concurrent-exports
// places of all the replicas sharing the database (store/exports.hpp; each running export
// holds a database connection, which the other requests need too). Whoever sends the file
// then reads it a batch at a time, so that neither scimd nor the database connection ever
// holds the whole file; the place and the connection are held until the open export is
// destroyed (last row sent, client gone, or shutdown).

#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "scim/service/admin_request.hpp"
#include "scim/service/context.hpp"
#include "scim/store/exports.hpp"

namespace scim::service {

// scimd_exports_running (docs/metrics.md): one for each open export of this process, from
// its opening to its destruction.
class running_export {
public:
    running_export();
    ~running_export();
    running_export(running_export&& other) noexcept;
    running_export(running_export const&) = delete;
    running_export& operator=(running_export const&) = delete;
    running_export& operator=(running_export&&) = delete;

private:
    bool counted_ = true;
};

// An export being read, from one snapshot.
template <typename Reader>
class open_export {
public:
    explicit open_export(std::unique_ptr<Reader> reader) : reader_(std::move(reader)) {}

    // The product columns, sorted.
    std::vector<std::string> const& products() const noexcept { return reader_->products(); }
    // The next rows, at most `batch_rows`; none once the export is complete, and then its
    // connection is back in the pool.
    auto next_batch(std::size_t batch_rows) { return reader_->next_batch(batch_rows); }

private:
    std::unique_ptr<Reader> reader_;
    running_export counted_;
};

// The organization's managed accounts: one row each, by email.
using managed_accounts_export = open_export<store::managed_accounts_export>;
managed_accounts_export open_managed_accounts_export(context const& ctx, admin_request const& req);

// The users of the sites `site_ids` (none: all the organization's sites), managed and
// external, one row per membership, by email then site name; core::error(not_found) unless
// each site is the organization's.
using site_users_export = open_export<store::site_users_export>;
site_users_export open_site_users_export(context const& ctx, admin_request const& req,
                                         std::vector<std::string> const& site_ids);

}  // namespace scim::service
