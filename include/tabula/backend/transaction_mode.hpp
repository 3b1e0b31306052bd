// How a transaction starts. SQLite takes its write lock at BEGIN IMMEDIATE, so two writers queue
// on the busy timeout instead of failing at their first write with "database is locked";
// deferred suits read-only scopes. Server databases start every transaction the same way.
#pragma once

#include <cstdint>

namespace tabula {

enum class transaction_mode : std::uint8_t { immediate, deferred, exclusive };

}  // namespace tabula
