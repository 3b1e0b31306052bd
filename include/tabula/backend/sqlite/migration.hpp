// What the migration runner needs from SQLite beyond statements: foreign keys off while tables are
// rebuilt (PRAGMA foreign_keys only changes outside a transaction), a lock on the database file for
// the whole command and a long lock wait, so concurrent upgraders queue instead of failing, and a
// foreign key check before each revision commits.
#pragma once

#include <algorithm>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <tabula/backend/file_lock.hpp>
#include <tabula/backend/migration_contract.hpp>
#include <tabula/backend/sqlite/backend.hpp>
#include <tabula/backend/sqlite/introspection.hpp>
#include <tabula/backend/sqlite/schema_editor.hpp>
#include <tabula/error.hpp>
#include <tabula/sql/dml.hpp>

namespace tabula {

template <>
struct migration_support<sqlite> {
    using connection = sqlite_backend::connection;
    using editor = sqlite_backend::schema_editor;
    static constexpr bool transactional_ddl = true;
    // Table rebuilds need foreign keys off, which PRAGMA can change only outside a transaction.
    // The sqlite3 shell goes on after a failed statement (without -bail), so an offline script
    // guards itself in plain SQL: each revision is a transaction that ends by inserting into a
    // temporary table whose trigger rolls the transaction back unless the revision's tables, row
    // counts and version rows are what they must be (offline_revision_end). A later revision
    // then fails its own check (the version rows are wrong), so the database stays at the last
    // complete revision.
    static constexpr std::string_view offline_prologue =
        "PRAGMA foreign_keys = OFF;\n"
        "CREATE TEMP TABLE IF NOT EXISTS _tabula_rows (name TEXT PRIMARY KEY, before_rows INTEGER, after_rows INTEGER);\n"
        "CREATE TEMP TABLE IF NOT EXISTS _tabula_guard (ok INTEGER);\n"
        "CREATE TEMP TRIGGER IF NOT EXISTS _tabula_guard_failed BEFORE INSERT ON _tabula_guard WHEN NEW.ok IS NOT 1 "
        "BEGIN SELECT RAISE(ROLLBACK, 'tabula: a statement of this revision failed (see the error before this one): the revision "
        "was rolled back, the database stays at the last complete revision'); END;\n";
    static constexpr std::string_view offline_epilogue = "PRAGMA foreign_keys = ON;\n";
    static constexpr bool offline_revision_transactions = true;

    // The check that ends a revision's transaction in an offline script: every table the steps
    // leave has its columns, every rebuilt table its rows, every dropped table or index is gone,
    // and the version table holds exactly `heads`.
    static std::string offline_revision_end(std::string_view version_table, std::vector<std::string_view> heads,
                                            std::span<const migration_step> steps) {
        auto literal = [](std::string_view text) { return sql::text(sql::dialect::sqlite, [&](auto& w) { sql::string_literal(w, text); }); };
        auto identifier = [](std::string_view name) { return sql::text(sql::dialect::sqlite, [&](auto& w) { w.identifier(name); }); };
        std::vector<std::string> conditions;
        std::sort(heads.begin(), heads.end());
        std::string versions;
        for (std::string_view h : heads) versions += (versions.empty() ? "" : ",") + std::string(h);
        const std::string version = identifier("version_num");
        conditions.push_back("(SELECT group_concat(" + version + ", ',') FROM (SELECT " + version + " FROM " + identifier(version_table) +
                             " ORDER BY " + version + ")) IS " + (versions.empty() ? std::string("NULL") : literal(versions)));
        std::vector<std::string_view> checked;
        for (const migration_step& s : steps) {
            const std::string table(s.table_name());
            if (s.kind == step_kind::drop_table) {
                conditions.push_back("NOT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = " + literal(table) + ")");
                continue;
            }
            if (s.kind == step_kind::create_index || s.kind == step_kind::drop_index)
                conditions.push_back(std::string(s.kind == step_kind::drop_index ? "NOT " : "") +
                                     "EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = " + literal(s.index->name) + ")");
            if (std::find(checked.begin(), checked.end(), s.after->name) != checked.end()) continue;
            checked.push_back(s.after->name);
            std::vector<std::string_view> columns;
            for (const column_descriptor& c : s.after->columns) columns.push_back(c.name);
            std::sort(columns.begin(), columns.end());
            std::string names;
            for (std::string_view c : columns) names += (names.empty() ? "" : ",") + std::string(c);
            conditions.push_back("(SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_table_info(" + literal(s.after->name) +
                                 ") ORDER BY name)) IS " + literal(names));
        }
        conditions.push_back("NOT EXISTS (SELECT 1 FROM temp._tabula_rows WHERE after_rows IS NOT before_rows)");
        std::string out = "INSERT INTO temp._tabula_guard (ok) SELECT ";
        for (std::size_t i = 0; i < conditions.size(); ++i) out += (i ? "\n  AND " : "") + conditions[i];
        out += ";\nDELETE FROM temp._tabula_rows;\n";
        return out;
    }

    // SQLite's own lock is its write lock, which each revision's transaction takes (BEGIN
    // IMMEDIATE) before it reads the version table again; it ends with each commit. A revision
    // whose data function commits page by page spans many, so a database file is also locked as
    // a whole for the command, through `<file>-tabula-lock` beside it (backend/file_lock.hpp).
    // An in-memory database has no other process to keep out. This guard also makes the waits
    // long and turns foreign keys off for table rebuilds, for the duration of the command.
    class lock {
    public:
        lock(connection& db, int timeout_ms) : db_(db) {
            if (const char* file = sqlite3_db_filename(db.native_handle(), "main"); file && *file)
                file_lock_.emplace(std::string(file) + "-tabula-lock", timeout_ms);
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
        std::optional<detail::file_lock> file_lock_;
        bool foreign_keys_ = true;
    };

    // Every row violating a foreign key after the revision, as "table(rowid) -> parent". Rebuilds
    // run with foreign keys off, so a revision is checked before it commits: with PRAGMA
    // foreign_key_check(table) for the tables of its footprint and those referencing its
    // `referenced` tables, so that it costs what the revision touched, not a scan of every row.
    static void verify_revision(connection& db, std::string_view revision, const revision_footprint& footprint) {
        std::vector<std::string> tables;
        auto add = [&](std::string table) {
            if (std::find(tables.begin(), tables.end(), table) == tables.end()) tables.push_back(std::move(table));
        };
        if (footprint.everywhere) add({});  // one check without a table: the whole database
        else {
            for (const std::string& table : footprint.tables)
                if (sqlite_backend::has_table(db, table)) add(table);
            if (!footprint.referenced.empty())
                for (std::string& table : sqlite_backend::tables_referencing(db, footprint.referenced)) add(std::move(table));
        }
        std::string violations;
        int count = 0;
        for (const std::string& table : tables) {
            // table, rowid, parent, fkid (the PRAGMA: its table-valued form needs SQLite 3.16).
            sqlite_backend::statement check = table.empty() ? db.prepare("PRAGMA foreign_key_check", false)
                                                            : sqlite_backend::pragma_rows(db, "foreign_key_check", table);
            while (check.step()) {
                if (count++ < 5) {
                    if (!violations.empty()) violations += ", ";
                    violations += std::string(check.column(0).as_text()) + "(rowid " + std::string(check.column(1).as_text()) + ") -> " +
                                  std::string(check.column(2).as_text());
                }
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
