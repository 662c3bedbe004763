#pragma once
// POST /.search at a directory's base URL (RFC 7644 §3.4.3): one search across Users and
// Groups. The result lists the matching Users, then the matching Groups, with index paging
// over that sequence. A filter names attributes of one type or the other; for the type that
// lacks an attribute the filter matches nothing of it (RFC 7644 §3.4.2.1 reads a missing
// attribute as having no value). sortBy and cursors need one order across types, which
// resources of different schemas do not have: they are refused here (core::error invalid_value)
// and supported on /Users/.search and /Groups/.search.

#include <cstdint>
#include <vector>

#include "scim/protocol/list_query.hpp"
#include "scim/protocol/projection.hpp"
#include "scim/service/context.hpp"
#include "scim/service/scim_groups.hpp"
#include "scim/service/scim_request.hpp"
#include "scim/service/scim_users.hpp"

namespace scim::service {

struct search_page {
    std::int64_t total = 0;
    std::int64_t start_index = 1;
    std::vector<user_view> users;
    protocol::projection user_projection;
    std::vector<group_view> groups;
    protocol::projection group_projection;
};

search_page search_directory(context const& ctx, scim_request const& req, protocol::list_query const& query);

}  // namespace scim::service
