// What the migration runner needs from SQLite beyond statements: foreign keys off while tables are
// rebuilt (PRAGMA foreign_keys only changes outside a transaction), a long lock wait so concurrent
// upgraders queue on each revision's write transaction instead of failing, and a foreign key check
// before each revision commits.
#pragma once

#include <string>
#include <string_view>

#include <tabula/backend/migration_contract.hpp>
#include <tabula/backend/sqlite/backend.hpp>
#include <tabula/backend/sqlite/introspection.hpp>
#include <tabula/backend/sqlite/schema_editor.hpp>
#include <tabula/error.hpp>

namespace tabula {

template <>
struct migration_support<sqlite> {
    using connection = sqlite_backend::connection;
    using editor = sqlite_backend::schema_editor;
    static constexpr bool transactional_ddl = true;
    // Table rebuilds need foreign keys off, which PRAGMA can change only outside a transaction.
    static constexpr std::string_view offline_prologue = "PRAGMA foreign_keys = OFF;\n";
    static constexpr std::string_view offline_epilogue = "PRAGMA foreign_keys = ON;\n";

    // SQLite has no lock apart from its write lock, which each revision's transaction takes
    // (BEGIN IMMEDIATE) before it reads the version table again. This guard makes those waits
    // long and turns foreign keys off for table rebuilds, for the duration of the command.
    class lock {
    public:
        lock(connection& db, int timeout_ms) : db_(db) {
            sqlite_backend::statement read = db_.prepare("PRAGMA foreign_keys", false);
            read.step();
            foreign_keys_ = read.column(0).as_int64() != 0;
            read.reset();
            db_.execute("PRAGMA foreign_keys = OFF");
            db_.set_busy_timeout(timeout_ms);
        }
        lock(const lock&) = delete;
        lock& operator=(const lock&) = delete;
        ~lock() {
            db_.set_busy_timeout(db_.settings().busy_timeout_ms);
            try {
                if (foreign_keys_) db_.execute("PRAGMA foreign_keys = ON");
            } catch (...) {
                // Only fails inside a transaction, which the migrator never leaves open.
            }
        }

    private:
        connection& db_;
        bool foreign_keys_ = true;
    };

    // Every row violating a foreign key after the revision's steps, as "table(rowid) -> parent".
    static void verify_revision(connection& db, std::string_view revision) {
        // table, rowid, parent, fkid (the PRAGMA: its table-valued form needs SQLite 3.16).
        sqlite_backend::statement check = db.prepare("PRAGMA foreign_key_check", false);
        std::string violations;
        int count = 0;
        while (check.step()) {
            if (count++ < 5) {
                if (!violations.empty()) violations += ", ";
                violations += std::string(check.column(0).as_text()) + "(rowid " + std::string(check.column(1).as_text()) + ") -> " +
                              std::string(check.column(2).as_text());
            }
        }
        if (count > 0)
            throw migration_error("tabula: revision " + std::string(revision) + " leaves " + std::to_string(count) +
                                      " row(s) violating foreign keys: " + violations + (count > 5 ? ", ..." : ""),
                                  std::string(revision));
    }

    static live_schema read_schema(connection& db) { return sqlite_backend::introspect(db); }

    static bool has_table(connection& db, std::string_view table) { return sqlite_backend::has_table(db, table); }
};

static_assert(migration_backend<sqlite>, "SQLite's migration support must meet the contract (backend/migration_contract.hpp)");

}  // namespace tabula
