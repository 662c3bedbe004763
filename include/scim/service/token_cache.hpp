#pragma once
// Directory tokens as recently read from the database, so that a SCIM request does not look its
// bearer token up again on every call (docs/authentication.md "Token cache"). An entry is
// trusted for `lifetime` at most: a token revoked, or a directory paused, on another replica
// takes effect here within that time; on this replica it takes effect at once (the admin use
// cases forget what they change). The secret is still compared with the stored hash, in
// constant time, on every request.

#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "scim/store/tenants.hpp"

namespace scim::service {

class token_cache {
public:
    // `lifetime` 0 turns the cache off; `capacity` bounds the entries (the oldest go first).
    token_cache(std::chrono::milliseconds lifetime, std::size_t capacity);

    std::optional<store::token_row> find(std::string const& token_id) const;
    void remember(store::token_row const& row);
    void forget_token(std::string const& token_id);
    void forget_directory(std::string const& directory_id);

private:
    struct entry {
        store::token_row row;
        std::chrono::steady_clock::time_point read_at;
    };
    std::chrono::milliseconds lifetime_;
    std::size_t capacity_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, entry> entries_;
};

}  // namespace scim::service
