#pragma once
// Where recent index pages of unfiltered listings ended, so that the next page of a pass
// through a directory (startIndex=1, 1001, 2001, … as identity providers import) seeks past the
// previous page's last row instead of skipping every row before it (docs/paging.md). An entry
// is used only while the directory's write stamp is the one it was read with: while it is, no
// row of the type changed, and the row at that offset is the same row. Each server keeps its
// own; a page it does not know is read with OFFSET, as before.

#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "scim/store/listing_query.hpp"

namespace scim::service {

class listing_memory {
public:
    // `capacity` bounds the entries; the least recently used goes first.
    explicit listing_memory(std::size_t capacity);

    // The end of a page of the listing `fingerprint` (listing_plan) that the page at `offset`
    // follows.
    std::optional<store::index_resume> find(std::string const& fingerprint, std::int64_t offset);
    void remember(std::string const& fingerprint, store::index_resume const& end);

private:
    using key = std::string;  // fingerprint + '\n' + offset
    struct entry {
        store::index_resume end;
        std::list<key>::iterator use;
    };
    std::size_t capacity_;
    std::mutex mutex_;
    std::list<key> uses_;  // most recent first
    std::unordered_map<key, entry> entries_;
};

}  // namespace scim::service
