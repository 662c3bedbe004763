#pragma once
// What recent pages of listings showed, kept so that the next page of the same listing costs
// what the first did (docs/paging.md "What a listing costs"):
// - where index pages of unfiltered listings ended, so that the next page of a pass through a
//   directory (startIndex=1, 1001, 2001, … as identity providers import) seeks past the previous
//   page's last row instead of skipping every row before it;
// - the totals of filtered listings whose filter reads the user (or group) row alone, so that
//   the next page, or the same first page asked again, does not count the matches again.
// Each is used only while the directory's write stamp is the one it was read with: while it is,
// no row of the type changed, so the row at that offset is the same row and the count is the
// same count. Each server keeps its own; what it does not know is read as before.

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
    // `capacity` bounds each kind of entry; the least recently used goes first.
    explicit listing_memory(std::size_t capacity);

    // The end of a page of the listing `fingerprint` (listing_plan) that the page at `offset`
    // follows.
    std::optional<store::index_resume> find_end(std::string const& fingerprint, std::int64_t offset);
    void remember_end(std::string const& fingerprint, store::index_resume const& end);

    std::optional<store::known_total> find_total(std::string const& fingerprint);
    void remember_total(std::string const& fingerprint, store::known_total const& total);

    // Keeps what a page of the listing `fingerprint` lets the next one reuse, when it was read
    // with a write stamp: the total of a filtered listing, or, for an unfiltered one with rows
    // after the page, where the page ended (`next_offset` and `next_after`, after its last row).
    void remember_page(std::string const& fingerprint, bool filtered, std::optional<std::int64_t> stamp,
                       std::int64_t total, std::int64_t next_offset,
                       std::optional<store::keyset_boundary> const& next_after);

private:
    // A map whose least recently used entry goes when it is full.
    template <typename Value>
    class recent {
    public:
        explicit recent(std::size_t capacity) : capacity_(capacity) {}
        std::optional<Value> find(std::string const& key);
        void put(std::string key, Value const& value);

    private:
        struct entry {
            Value value;
            std::list<std::string>::iterator use;
        };
        std::size_t capacity_;
        std::list<std::string> uses_;  // most recent first
        std::unordered_map<std::string, entry> entries_;
    };

    std::mutex mutex_;
    recent<store::index_resume> ends_;
    recent<store::known_total> totals_;
};

}  // namespace scim::service
