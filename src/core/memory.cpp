#include "scim/core/memory.hpp"

#include <malloc.h>

namespace scim::core {

void release_free_memory() noexcept { malloc_trim(0); }

}  // namespace scim::core
