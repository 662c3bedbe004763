#pragma once
// What every admin endpoint needs, built once by the composition root (main.cpp).

#include "scim/core/config.hpp"
#include "scim/store/database.hpp"

namespace scim::admin {

struct context {
    store::database& db;
    core::config const& config;
};

}  // namespace scim::admin
