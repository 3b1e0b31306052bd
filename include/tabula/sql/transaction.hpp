// Transaction control per dialect, from options that name what the application wants rather than
// one database's BEGIN words: an isolation level and whether the transaction only reads.
//   SQLite      BEGIN IMMEDIATE (takes the write lock at once, so writers queue on busy_timeout
//               instead of failing at their first write); read-only: BEGIN DEFERRED. SQLite's
//               transactions are always serializable, which satisfies every level.
//   PostgreSQL  BEGIN [ISOLATION LEVEL ...] [READ ONLY]
//   MySQL       SET TRANSACTION ISOLATION LEVEL ... (when asked), then START TRANSACTION [READ ONLY]
#pragma once

#include <cstdint>
#include <string_view>

#include <tabula/sql/dialect.hpp>
#include <tabula/sql/writer.hpp>

namespace tabula {

enum class isolation_level : std::uint8_t { database_default, read_committed, repeatable_read, serializable };

struct transaction_options {
    isolation_level isolation = isolation_level::database_default;
    bool read_only = false;
};

// A read-only transaction at the database's default isolation: db.transaction(tabula::read_only).
inline constexpr transaction_options read_only{.isolation = isolation_level::database_default, .read_only = true};

}  // namespace tabula

namespace tabula::sql {

constexpr std::string_view to_sql(isolation_level level) noexcept {
    switch (level) {
        case isolation_level::read_committed: return "READ COMMITTED";
        case isolation_level::repeatable_read: return "REPEATABLE READ";
        case isolation_level::serializable: return "SERIALIZABLE";
        case isolation_level::database_default: break;
    }
    return "";
}

// MySQL sets the level of the next transaction with a statement of its own; empty elsewhere or
// when the database's default is wanted.
template <class Sink>
constexpr void set_next_isolation(statement_writer<Sink>& w, const transaction_options& options) {
    if (w.target != dialect::mysql || options.isolation == isolation_level::database_default) return;
    w.put("SET TRANSACTION ISOLATION LEVEL ").put(to_sql(options.isolation));
}

template <class Sink>
constexpr void begin_transaction(statement_writer<Sink>& w, const transaction_options& options) {
    switch (w.target) {
        case dialect::sqlite: w.put(options.read_only ? "BEGIN DEFERRED" : "BEGIN IMMEDIATE"); break;
        case dialect::postgres:
            w.put("BEGIN");
            if (options.isolation != isolation_level::database_default) w.put(" ISOLATION LEVEL ").put(to_sql(options.isolation));
            if (options.read_only) w.put(" READ ONLY");
            break;
        case dialect::mysql: w.put(options.read_only ? "START TRANSACTION READ ONLY" : "START TRANSACTION"); break;
    }
}

template <class Sink>
constexpr void commit_transaction(statement_writer<Sink>& w) {
    w.put("COMMIT");
}
template <class Sink>
constexpr void rollback_transaction(statement_writer<Sink>& w) {
    w.put("ROLLBACK");
}
template <class Sink>
constexpr void savepoint(statement_writer<Sink>& w, std::string_view name) {
    w.put("SAVEPOINT ").identifier(name);
}
template <class Sink>
constexpr void release_savepoint(statement_writer<Sink>& w, std::string_view name) {
    w.put("RELEASE SAVEPOINT ").identifier(name);
}
template <class Sink>
constexpr void rollback_to_savepoint(statement_writer<Sink>& w, std::string_view name) {
    w.put("ROLLBACK TO SAVEPOINT ").identifier(name);
}

}  // namespace tabula::sql
