// What the migrator needs from SQLite beyond statements: foreign keys off while tables are rebuilt
// (PRAGMA foreign_keys only changes outside a transaction), a long lock wait so concurrent
// upgraders queue instead of failing, and a foreign key check before each revision commits.
#pragma once

#include <string>
#include <string_view>

#include <tabula/backend/sqlite/connection.hpp>
#include <tabula/backend/sqlite/introspection.hpp>
#include <tabula/backend/sqlite/schema_editor.hpp>
#include <tabula/error.hpp>

namespace tabula::sqlite_backend {

struct migration_support {
    using editor = schema_editor;

    // Set for the migration's duration, restored by its destructor.
    class session_settings {
    public:
        session_settings(connection& db, int lock_timeout_ms) : db_(db) {
            statement read = db_.prepare("PRAGMA foreign_keys", false);
            read.step();
            foreign_keys_ = read.column(0).as_int64() != 0;
            read.reset();
            db_.execute("PRAGMA foreign_keys = OFF");
            sqlite3_busy_timeout(db_.native_handle(), lock_timeout_ms);
        }
        session_settings(const session_settings&) = delete;
        session_settings& operator=(const session_settings&) = delete;
        ~session_settings() {
            sqlite3_busy_timeout(db_.native_handle(), db_.settings().busy_timeout_ms);
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
    static void check_foreign_keys(connection& db, std::string_view revision) {
        statement check = db.prepare("SELECT \"table\", rowid, parent FROM pragma_foreign_key_check", false);
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

    static live_schema read_schema(connection& db) { return introspect(db); }

    static bool has_table(connection& db, std::string_view table) {
        statement lookup = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", false);
        lookup.bind_text(1, table);
        return lookup.step();
    }
};

}  // namespace tabula::sqlite_backend
