#pragma once
// Memory the process freed goes back to the system: glibc's allocator keeps freed heap pages
// for reuse, so after a burst of connections (each TLS connection holds about 70 KB while it is
// open) the resident size would stay at its peak for good.

namespace scim::core {

// Returns the allocator's free pages to the system (glibc malloc_trim); cheap when there are
// none.
void release_free_memory() noexcept;

}  // namespace scim::core
