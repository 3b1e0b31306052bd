// What the migration runner needs from PostgreSQL: DDL is transactional, so each revision is one
// transaction with its version-table update; a session-level advisory lock, keyed by the schema
// and the version table, is held for the whole upgrade or downgrade.
#pragma once

#include <string>
#include <span>
#include <string_view>
#include <vector>

#include <tabula/backend/migration_contract.hpp>
#include <tabula/backend/migration_lock.hpp>
#include <tabula/backend/postgres/backend.hpp>
#include <tabula/backend/postgres/introspection.hpp>
#include <tabula/backend/postgres/schema_editor.hpp>

namespace tabula {

template <>
struct migration_support<postgres> {
    using connection = postgres_backend::connection;
    using editor = postgres_backend::schema_editor;
    static constexpr bool transactional_ddl = true;
    static constexpr std::string_view offline_prologue = "";
    static constexpr std::string_view offline_epilogue = "";
    // psql runs the script as one transaction: an error aborts it, and COMMIT then rolls it back.
    static constexpr bool offline_revision_transactions = false;
    static std::string offline_revision_end(std::string_view, const std::vector<std::string_view>&, std::span<const migration_step>) { return {}; }

    class lock {
    public:
        lock(connection& db, int timeout_ms) : held_(db, "tabula migrations in schema " + current_schema(db), timeout_ms) {}

    private:
        static std::string current_schema(connection& db) {
            postgres_backend::statement query = db.prepare("SELECT current_schema()");
            return query.step() && !query.column(0).is_null() ? std::string(query.column(0).as_text()) : std::string("public");
        }
        detail::polled_lock<connection, sql::dialect::postgres> held_;
    };

    // PostgreSQL checks foreign keys as each constraint is added, on that table's rows alone, and
    // the runner never turns them off: nothing is left to check.
    static void verify_revision(connection&, std::string_view, const revision_footprint&) {}

    static live_schema read_schema(connection& db) { return postgres_backend::introspect(db); }

    static bool has_table(connection& db, std::string_view table) { return postgres_backend::has_table(db, table); }
};

static_assert(migration_backend<postgres>, "PostgreSQL's migration support must meet the contract (backend/migration_contract.hpp)");

}  // namespace tabula
