// Reads an SQLite database's schema through its PRAGMA statements. Their table-valued forms
// (pragma_table_info(?)) need SQLite 3.16, and SQLCipher 3 embeds 3.15; the statements read the
// same rows on every version, one prepared statement per table.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include <tabula/backend/sqlite/connection.hpp>
#include <tabula/backend/live_schema.hpp>
#include <tabula/sql/dialect.hpp>
#include <tabula/sql/writer.hpp>

namespace tabula::sqlite_backend {

// PRAGMA name("argument"): the rows of one catalog pragma for one table or index.
inline statement pragma_rows(connection& db, std::string_view pragma, std::string_view argument) {
    return db.prepare(sql::text(sql::dialect::sqlite, [&](auto& w) { w.put("PRAGMA ").put(pragma).put('(').identifier(argument).put(')'); }),
                      false);
}

inline bool has_table(connection& db, std::string_view table) {
    statement lookup = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", false);
    lookup.bind_text(1, table);
    return lookup.step();
}

// SQLite compares names without regard to ASCII case.
inline bool same_name(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

namespace detail {

// A CREATE INDEX statement as written, its keys split at top-level commas, and the condition of
// a partial index: SQLite keeps the statement's text, and it is the only place an expression key
// or a condition can be read back from.
struct written_index {
    std::vector<std::string> keys;
    std::string where;
};

inline written_index index_as_written(connection& db, std::string_view index) {
    statement lookup = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", false);
    lookup.bind_text(1, index);
    written_index out;
    if (!lookup.step() || lookup.column(0).is_null()) return out;
    const std::string text(lookup.column(0).as_text());
    // The key list is the first parenthesis after the table name, which follows " ON ".
    std::size_t on = text.find(" ON ");
    if (on == std::string::npos) on = text.find(" on ");
    std::size_t i = on == std::string::npos ? std::string::npos : text.find('(', on);
    if (i == std::string::npos) return out;
    int depth = 0;
    char quote = 0;
    std::string key;
    for (++i; i < text.size(); ++i) {
        const char c = text[i];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '\'' || c == '"' || c == '`') {
            quote = c;
        } else if (c == '(') {
            ++depth;
        } else if (c == ')' && depth-- == 0) {
            break;
        } else if (c == ',' && depth == 0) {
            out.keys.push_back(std::move(key));
            key.clear();
            continue;
        }
        key.push_back(c);
    }
    out.keys.push_back(std::move(key));
    // " WHERE <condition>" follows the key list, in any case of the keyword.
    std::size_t rest = i + 1;
    while (rest < text.size() && (text[rest] == ' ' || text[rest] == '\n' || text[rest] == '\t')) ++rest;
    if (text.size() - rest > 5 && same_name(std::string_view(text).substr(rest, 5), "where")) {
        rest += 5;
        while (rest < text.size() && (text[rest] == ' ' || text[rest] == '\n' || text[rest] == '\t')) ++rest;
        out.where = text.substr(rest);
    }
    return out;
}

}  // namespace detail

// The tables with a foreign key to any of `parents` (which need not exist any more), by name.
inline std::vector<std::string> tables_referencing(connection& db, const std::vector<std::string>& parents) {
    std::vector<std::string> tables;
    statement names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'", false);
    while (names.step()) tables.emplace_back(names.column(0).as_text());
    std::vector<std::string> out;
    for (const std::string& table : tables) {
        statement keys = pragma_rows(db, "foreign_key_list", table);  // id, seq, table, ...
        bool references = false;
        while (keys.step())
            for (const std::string& parent : parents) references = references || same_name(keys.column(2).as_text(), parent);
        if (references) out.push_back(table);
    }
    return out;
}

inline live_schema introspect(connection& db) {
    live_schema out;
    statement tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name", false);
    while (tables.step()) out.tables.push_back({std::string(tables.column(0).as_text()), {}, {}, {}, {}, {}});

    for (live_table& table : out.tables) {
        // table_info: cid, name, type, notnull, dflt_value, pk; in column order.
        std::vector<std::pair<int, std::string>> key;
        statement columns = pragma_rows(db, "table_info", table.name);
        while (columns.step()) {
            live_column c{std::string(columns.column(1).as_text()), std::string(columns.column(2).as_text()), columns.column(3).as_int64() != 0, {}};
            if (!columns.column(4).is_null()) c.default_value = std::string(columns.column(4).as_text());
            if (const auto position = columns.column(5).as_int64(); position > 0) {
                key.emplace_back(static_cast<int>(position), c.name);
                // A key column counts as NOT NULL: an INTEGER PRIMARY KEY is the rowid, which
                // cannot be NULL, though SQLite reports it nullable unless it was declared so.
                c.not_null = true;
            }
            table.columns.push_back(std::move(c));
        }
        std::sort(key.begin(), key.end());
        for (auto& [position, name] : key) table.primary_key.push_back(std::move(name));

        // index_list: seq, name, unique, origin, partial; read in name order.
        std::vector<std::tuple<std::string, bool, std::string, bool>> listed;
        statement indexes = pragma_rows(db, "index_list", table.name);
        while (indexes.step())
            listed.emplace_back(std::string(indexes.column(1).as_text()), indexes.column(2).as_int64() != 0,
                                std::string(indexes.column(3).as_text()), indexes.column(4).as_int64() != 0);
        std::sort(listed.begin(), listed.end());
        for (const auto& [name, unique, origin, partial] : listed) {
            if (origin == "pk") continue;
            // index_info: seqno, cid, name; in key order. An expression key (cid -2) has no name:
            // it reads as its text in the CREATE INDEX statement.
            std::vector<std::string> names;
            detail::written_index written;
            if (partial) written = detail::index_as_written(db, name);
            statement index_columns = pragma_rows(db, "index_info", name);
            while (index_columns.step()) {
                if (index_columns.column(1).as_int64() == -2) {
                    if (written.keys.empty()) written = detail::index_as_written(db, name);
                    names.push_back(names.size() < written.keys.size() ? written.keys[names.size()] : std::string());
                } else {
                    names.emplace_back(index_columns.column(2).as_text());
                }
            }
            if (origin == "u") table.uniques.push_back(std::move(names));
            else table.indexes.push_back({name, std::move(names), unique, std::move(written.where)});
        }

        // foreign_key_list: id, seq, table, from, to, on_update, on_delete, match; by id, then seq.
        statement foreign_keys = pragma_rows(db, "foreign_key_list", table.name);
        std::int64_t current = -1;
        while (foreign_keys.step()) {
            const std::int64_t id = foreign_keys.column(0).as_int64();
            if (id != current) {
                table.foreign_keys.push_back({{}, std::string(foreign_keys.column(2).as_text()), {}, std::string(foreign_keys.column(6).as_text()),
                                              std::string(foreign_keys.column(5).as_text())});
                current = id;
            }
            table.foreign_keys.back().columns.emplace_back(foreign_keys.column(3).as_text());
            table.foreign_keys.back().referenced_columns.emplace_back(foreign_keys.column(4).as_text());
        }
        // SQLite lists a table's foreign keys last-declared first.
        std::reverse(table.foreign_keys.begin(), table.foreign_keys.end());
    }
    return out;
}

}  // namespace tabula::sqlite_backend
