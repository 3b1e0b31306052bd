// Reads an SQLite database's schema through its pragma table-valued functions.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <tabula/backend/sqlite/connection.hpp>
#include <tabula/backend/live_schema.hpp>

namespace tabula::sqlite_backend {

inline bool has_table(connection& db, std::string_view table) {
    statement lookup = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", false);
    lookup.bind_text(1, table);
    return lookup.step();
}

inline live_schema introspect(connection& db) {
    live_schema out;
    statement tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name", false);
    while (tables.step()) out.tables.push_back({std::string(tables.column(0).as_text()), {}, {}, {}, {}, {}});

    statement columns = db.prepare("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid", false);
    statement indexes = db.prepare("SELECT name, \"unique\", origin FROM pragma_index_list(?) ORDER BY name", false);
    statement index_columns = db.prepare("SELECT name FROM pragma_index_info(?) ORDER BY seqno", false);
    statement foreign_keys = db.prepare(
        "SELECT id, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq", false);

    for (live_table& table : out.tables) {
        std::vector<std::pair<int, std::string>> key;
        columns.reset();
        columns.bind_text(1, table.name);
        while (columns.step()) {
            live_column c{std::string(columns.column(0).as_text()), std::string(columns.column(1).as_text()), columns.column(2).as_int64() != 0, {}};
            if (!columns.column(3).is_null()) c.default_value = std::string(columns.column(3).as_text());
            if (const auto position = columns.column(4).as_int64(); position > 0) {
                key.emplace_back(static_cast<int>(position), c.name);
                // A key column counts as NOT NULL: an INTEGER PRIMARY KEY is the rowid, which
                // cannot be NULL, though SQLite reports it nullable unless it was declared so.
                c.not_null = true;
            }
            table.columns.push_back(std::move(c));
        }
        std::sort(key.begin(), key.end());
        for (auto& [position, name] : key) table.primary_key.push_back(std::move(name));

        indexes.reset();
        indexes.bind_text(1, table.name);
        while (indexes.step()) {
            const std::string name(indexes.column(0).as_text());
            const bool unique = indexes.column(1).as_int64() != 0;
            const std::string origin(indexes.column(2).as_text());
            if (origin == "pk") continue;
            std::vector<std::string> names;
            index_columns.reset();
            index_columns.bind_text(1, name);
            while (index_columns.step()) names.emplace_back(index_columns.column(0).as_text());
            if (origin == "u") table.uniques.push_back(std::move(names));
            else table.indexes.push_back({name, std::move(names), unique});
        }

        foreign_keys.reset();
        foreign_keys.bind_text(1, table.name);
        std::int64_t current = -1;
        while (foreign_keys.step()) {
            const std::int64_t id = foreign_keys.column(0).as_int64();
            if (id != current) {
                table.foreign_keys.push_back({{}, std::string(foreign_keys.column(1).as_text()), {}, std::string(foreign_keys.column(5).as_text()),
                                              std::string(foreign_keys.column(4).as_text())});
                current = id;
            }
            table.foreign_keys.back().columns.emplace_back(foreign_keys.column(2).as_text());
            table.foreign_keys.back().referenced_columns.emplace_back(foreign_keys.column(3).as_text());
        }
        // SQLite lists a table's foreign keys last-declared first.
        std::reverse(table.foreign_keys.begin(), table.foreign_keys.end());
    }
    return out;
}

}  // namespace tabula::sqlite_backend
