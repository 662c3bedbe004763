#pragma once
// What every use case needs, built once by the composition root (main.cpp).

#include <string>

#include "scim/core/config.hpp"
#include "scim/core/readiness.hpp"
#include "scim/protocol/schema_registry.hpp"
#include "scim/service/listing_memory.hpp"
#include "scim/service/rate_limiter.hpp"
#include "scim/service/token_cache.hpp"

namespace scim::store {
class database;
}

namespace scim::service {

struct context {
    store::database& db;
    protocol::schema_registry const& registry;
    core::config const& config;
    // Signs RFC 9865 cursors; the same on every replica (store/server_secrets.hpp).
    std::string cursor_key;
    // Directory tokens read recently (token_cache.hpp).
    token_cache& tokens;
    // Where recent index pages ended (listing_memory.hpp).
    listing_memory& listings;
    // Each directory's bucket in this process (rate_limiter.hpp, docs/rate-limits.md).
    rate_limiter& rate_limits;
    // Withdrawn from SIGTERM on: /readyz answers 503 (core/readiness.hpp).
    core::readiness const& readiness;
};

}  // namespace scim::service
