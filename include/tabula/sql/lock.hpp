// The lock that serialises migrations across every instance sharing a database, per dialect:
// PostgreSQL's session-level advisory lock (a 64-bit key), MySQL's named lock. SQLite needs no
// statement: each revision's write transaction is the lock.
#pragma once

#include <tabula/sql/dialect.hpp>
#include <tabula/sql/writer.hpp>

namespace tabula::sql {

// One parameter: the key (PostgreSQL) or the lock's name (MySQL). Returns one row: 1 when taken.
template <class Sink>
constexpr void try_lock(statement_writer<Sink>& w) {
    if (w.target == dialect::postgres) w.put("SELECT pg_try_advisory_lock(").parameter().put(")::int");
    else w.put("SELECT GET_LOCK(").parameter().put(", 0)");
}

template <class Sink>
constexpr void unlock(statement_writer<Sink>& w) {
    if (w.target == dialect::postgres) w.put("SELECT pg_advisory_unlock(").parameter().put(")::int");
    else w.put("SELECT RELEASE_LOCK(").parameter().put(")");
}

}  // namespace tabula::sql
