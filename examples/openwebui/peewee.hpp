// A database Open WebUI's old Peewee layer made (up to 0.9.5; tests/data/openwebui/chain.md lists
// its migrations) and that never ran Alembic: revision 1's tables, a migratehistory table, no
// alembic_version. Open WebUI ran its Peewee migrations to 018 and then Alembic, whose first
// revision creates only the tables that are missing. Adopting one here:
//   - it is recognised by migratehistory without a version table;
//   - its Peewee migrations must have reached 018 and revision 1's tables must all be there (an
//     older database never had them in full: Open WebUI 0.9.5 completes it, this program refuses
//     it and changes nothing);
//   - prompt loses the integer id Peewee gave it: revision 30 rebuilds prompt with uuid ids, and
//     Open WebUI's copy into prompt_new leaves that column behind as well;
//   - it is stamped at revision 1, all under the migration lock, so that instances starting at
//     once adopt it once.
// The chain then continues it like any database; `db check` lists what the Peewee layer left
// different from the models (VARCHAR(255) columns, NOT NULL, <table>_id unique indexes instead of
// primary keys, DATETIME timestamps, migratehistory).
#pragma once

#include <algorithm>
#include <array>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>

#include <tabula/migrate.hpp>

#include "chain.hpp"

namespace openwebui::peewee {

inline constexpr std::string_view first_revision = "7e5b5dc7342b";
inline constexpr std::array<std::string_view, 12> revision_1_tables = {"auth", "chat",   "chatidtag", "document", "file", "function",
                                                                      "memory", "model", "prompt",    "tag",      "tool", "user"};

// Whether the database looks like the Peewee layer's and has no version table yet. Two lookups,
// not the whole schema: every start asks.
template <class Backend>
bool from_peewee(tabula::session<Backend>& db, std::string_view version_table = "alembic_version") {
    using support = tabula::migration_support<Backend>;
    return support::has_table(db.connection(), "migratehistory") && !support::has_table(db.connection(), version_table);
}

// Adopts a Peewee-era database (see above); false when the database is not one. Throws a
// std::runtime_error naming what is missing, before changing anything, for one it cannot adopt.
template <class Backend>
bool adopt(tabula::session<Backend>& db, std::ostream& out, int lock_timeout_ms = 10 * 60 * 1000) {
    using support = tabula::migration_support<Backend>;
    if (!from_peewee(db)) return false;
    typename support::lock guard(db.connection(), lock_timeout_ms);
    if (!from_peewee(db)) return false;  // another instance adopted it while this one waited
    const tabula::live_schema tables = support::read_schema(db.connection());

    const auto done = db.template raw<std::string>("SELECT name FROM migratehistory");
    if (std::none_of(done.begin(), done.end(), [](const std::string& name) { return name.rfind("018_", 0) == 0; }))
        throw std::runtime_error("a database from Open WebUI's Peewee layer whose Peewee migrations stop before 018 (" +
                                 std::to_string(done.size()) +
                                 " recorded in migratehistory): open it once with Open WebUI 0.9.5, which completes them; nothing was changed");
    std::string missing;
    for (std::string_view table : revision_1_tables)
        if (!tables.table(table)) missing += (missing.empty() ? "" : ", ") + std::string(table);
    if (!missing.empty())
        throw std::runtime_error("a database from Open WebUI's Peewee layer without the tables " + missing +
                                 ", which its migration 018 leaves; nothing was changed");

    const tabula::live_table& prompt = *tables.table("prompt");
    if (prompt.column("id") && prompt.column("command")) {
        auto scope = db.transaction();
        if constexpr (Backend::dialect == tabula::sql::dialect::sqlite) {
            // SQLite cannot drop a primary key column: the table is made again without it.
            std::string columns, definitions;
            for (const tabula::live_column& c : prompt.columns) {
                if (c.name == "id") continue;
                columns += (columns.empty() ? "\"" : ", \"") + c.name + "\"";
                definitions += (definitions.empty() ? "\"" : ", \"") + c.name + "\" " + c.type + (c.not_null ? " NOT NULL" : "");
            }
            const bool command_index = std::any_of(prompt.indexes.begin(), prompt.indexes.end(),
                                                   [](const tabula::live_index& i) { return i.name == "prompt_command"; });
            db.execute_script("CREATE TABLE \"prompt_peewee\" (" + definitions + ");\nINSERT INTO \"prompt_peewee\" (" + columns + ") SELECT " +
                              columns + " FROM \"prompt\";\nDROP TABLE \"prompt\";\nALTER TABLE \"prompt_peewee\" RENAME TO \"prompt\";\n" +
                              (command_index ? "CREATE UNIQUE INDEX \"prompt_command\" ON \"prompt\" (\"command\");\n" : ""));
        } else {
            db.execute("ALTER TABLE prompt DROP COLUMN id");
        }
        scope.commit();
    }
    tabula::migrator<openwebui::revisions, Backend>(db).stamp(first_revision);
    out << "a database from Open WebUI's Peewee layer (" << done.size() << " Peewee migrations): adopted, stamped at " << first_revision
        << " (init)\n";
    return true;
}

}  // namespace openwebui::peewee
