// What the migration runner needs from MySQL/MariaDB. The difference from SQLite and PostgreSQL:
// MySQL commits every DDL statement implicitly, so a revision cannot be one transaction and a
// failure cannot be rolled back. transactional_ddl is false, and the runner instead
//   - records its progress through a revision, unit by unit (each schema step, each hand-written
//     SQL statement, the data function), in a table beside the version table,
//     <version_table>_progress(revision, direction, step), which exists only while a revision is
//     under way;
//   - runs hand-written SQL and data functions each in a transaction of their own, together with
//     the progress record, so each of them happens once (hand-written DDL commits on its own: a
//     crash right after it runs it again);
//   - applies schema steps through an editor that skips what is already done (schema_editor.hpp),
//     so a revision stopped anywhere (a failed step, kill -9, a lost server) continues where it
//     stopped when upgrade runs again;
//   - when a revision fails before any of its SQL or data committed and none of its finished steps
//     destroyed data, undoes those steps so the database is back at the revision before; otherwise
//     it says which step it stopped at and that running upgrade again resumes there.
// A named lock (GET_LOCK) is held for the whole upgrade or downgrade, so concurrent instances
// wait, then find the work done.
#pragma once

#include <cstdint>
#include <string>
#include <span>
#include <string_view>
#include <vector>

#include <tabula/backend/migration_contract.hpp>
#include <tabula/backend/migration_lock.hpp>
#include <tabula/backend/mysql/backend.hpp>
#include <tabula/backend/mysql/introspection.hpp>
#include <tabula/backend/mysql/schema_editor.hpp>

namespace tabula {

template <>
struct migration_support<mysql> {
    using connection = mysql_backend::connection;
    using editor = mysql_backend::schema_editor;
    static constexpr bool transactional_ddl = false;
    static constexpr std::string_view offline_prologue = "";
    static constexpr std::string_view offline_epilogue = "";
    // The mysql client stops at the first failing statement (unless --force).
    static constexpr bool offline_revision_transactions = false;
    static std::string offline_revision_end(std::string_view, const std::vector<std::string_view>&, std::span<const migration_step>) { return {}; }

    class lock {
    public:
        lock(connection& db, int timeout_ms) : held_(db, name(db), timeout_ms) {}

    private:
        // GET_LOCK names are server-wide and at most 64 characters: the database's name, hashed.
        static std::string name(connection& db) {
            mysql_backend::statement query = db.prepare("SELECT DATABASE()");
            const std::string database = query.step() && !query.column(0).is_null() ? std::string(query.column(0).as_text()) : std::string();
            constexpr char hex[] = "0123456789abcdef";
            std::string out = "tabula_migrations_";
            for (auto key = static_cast<std::uint64_t>(detail::lock_key(database)); out.size() < 34; key >>= 4) out += hex[key & 0xf];
            return out;
        }
        detail::polled_lock<connection, sql::dialect::mysql> held_;
    };

    // MySQL checks foreign keys as each constraint is added, on that table's rows alone, and the
    // runner never turns them off: nothing is left to check.
    static void verify_revision(connection&, std::string_view, const revision_footprint&) {}

    static live_schema read_schema(connection& db) { return mysql_backend::introspect(db); }

    static bool has_table(connection& db, std::string_view table) { return mysql_backend::has_table(db, table); }
};

static_assert(migration_backend<mysql>, "MySQL's migration support must meet the contract (backend/migration_contract.hpp)");

}  // namespace tabula
