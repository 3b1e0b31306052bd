// Reads a MySQL/MariaDB schema (the connection's current database) from information_schema:
// tables, columns with their types spelt as sql/type_map.hpp spells them, defaults, keys, indexes,
// unique constraints and foreign keys. Each catalog view is read once for the whole database.
//
// What MySQL's catalog cannot say, and how it is read instead:
//   JSON            MariaDB's JSON is LONGTEXT with a CHECK (json_valid(`c`)) named after the
//                   column: such a column reads as JSON
//   BOOLEAN         is TINYINT(1): reads as BOOLEAN
//   unique index or UNIQUE constraint: MySQL keeps both as unique indexes. A unique index named
//                   ix_... (the name tabula gives indexes) is an index, any other a constraint
//   foreign key indexes  InnoDB indexes a foreign key's columns under the constraint's name when
//                   no index covers them; such indexes belong to the key and are not listed
//   RESTRICT        InnoDB's default action, identical to NO ACTION: read as NO ACTION, which is
//                   what a model that declares no action means
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <tabula/backend/live_schema.hpp>
#include <tabula/backend/mysql/connection.hpp>

namespace tabula::mysql_backend {

namespace detail {

// "bigint(20) unsigned" -> "BIGINT UNSIGNED", "tinyint(1)" -> "BOOLEAN", "varchar(255)" ->
// "VARCHAR(255)": integer display widths are dropped, as type_map.hpp writes no widths.
inline std::string type_name(std::string_view column_type) {
    std::string type;
    for (char c : column_type) type.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
    if (type == "TINYINT(1)") return "BOOLEAN";
    for (std::string_view integer : {"TINYINT", "SMALLINT", "MEDIUMINT", "INT", "BIGINT"}) {
        if (type.rfind(integer, 0) != 0 || type.size() <= integer.size() || type[integer.size()] != '(') continue;
        const std::size_t close = type.find(')', integer.size());
        if (close == std::string::npos) break;
        type.erase(integer.size(), close + 1 - integer.size());
        break;
    }
    return type;
}

// COLUMN_DEFAULT as a model declares it: MariaDB writes string literals quoted ('guest'),
// numbers bare, a NULL default as NULL and functions with parentheses (current_timestamp()).
inline std::optional<std::string> default_value(const cell& value) {
    if (value.is_null()) return std::nullopt;
    std::string text(value.as_text());
    if (text == "NULL") return std::nullopt;
    if (text == "current_timestamp()") return std::string("CURRENT_TIMESTAMP");
    return text;
}

inline std::string action_name(std::string_view rule) { return rule == "RESTRICT" ? std::string("NO ACTION") : std::string(rule); }

template <class F>
void each_row(connection& db, std::string_view sql, std::string_view parameter, F&& f) {
    statement query = db.prepare(sql);
    if (!parameter.empty()) query.bind_text(1, parameter);
    while (query.step()) f(query);
}

inline std::string text(const statement& row, int column) { return std::string(row.column(column).as_text()); }

}  // namespace detail

inline bool has_table(connection& db, std::string_view table) {
    statement lookup = db.prepare(
        "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND TABLE_TYPE = 'BASE TABLE'");
    lookup.bind_text(1, table);
    return lookup.step();
}

inline live_schema introspect(connection& db) {
    live_schema out;
    detail::each_row(db,
                     "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' "
                     "ORDER BY TABLE_NAME",
                     {}, [&](statement& row) { out.tables.push_back({detail::text(row, 0), {}, {}, {}, {}, {}}); });
    auto table = [&](const std::string& name) -> live_table* {
        for (live_table& t : out.tables)
            if (t.name == name) return &t;
        return nullptr;
    };

    // Columns carrying MariaDB's JSON check.
    std::vector<std::pair<std::string, std::string>> json_columns;
    detail::each_row(db,
                     "SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS "
                     "WHERE CONSTRAINT_SCHEMA = DATABASE()",
                     {}, [&](statement& row) {
                         const std::string column = detail::text(row, 1);
                         // Quoted as the session's sql_mode says: in double quotes under ANSI_QUOTES.
                         const std::string clause = detail::text(row, 2);
                         if (clause == "json_valid(`" + column + "`)" || clause == "json_valid(\"" + column + "\")")
                             json_columns.emplace_back(detail::text(row, 0), column);
                     });
    detail::each_row(db,
                     "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT FROM information_schema.COLUMNS "
                     "WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION",
                     {}, [&](statement& row) {
                         live_table* t = table(detail::text(row, 0));
                         if (!t) return;
                         live_column c{detail::text(row, 1), detail::type_name(row.column(2).as_text()), row.column(3).as_text() == "NO",
                                       detail::default_value(row.column(4))};
                         if (c.type == "LONGTEXT" &&
                             std::find(json_columns.begin(), json_columns.end(), std::pair{t->name, c.name}) != json_columns.end())
                             c.type = "JSON";
                         t->columns.push_back(std::move(c));
                     });

    detail::each_row(
        db,
        "SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, r.DELETE_RULE, "
        "r.UPDATE_RULE FROM information_schema.KEY_COLUMN_USAGE k JOIN information_schema.REFERENTIAL_CONSTRAINTS r "
        "ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.TABLE_NAME = k.TABLE_NAME AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME "
        "WHERE k.TABLE_SCHEMA = DATABASE() AND k.REFERENCED_TABLE_NAME IS NOT NULL "
        "ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION",
        {}, [&, previous = std::string()](statement& row) mutable {
            live_table* t = table(detail::text(row, 0));
            if (!t) return;
            const std::string key = t->name + '\x1f' + detail::text(row, 1);
            if (key != previous) {
                t->foreign_keys.push_back({{}, detail::text(row, 3), {}, detail::action_name(row.column(5).as_text()),
                                           detail::action_name(row.column(6).as_text())});
                previous = key;
            }
            t->foreign_keys.back().columns.push_back(detail::text(row, 2));
            t->foreign_keys.back().referenced_columns.push_back(detail::text(row, 4));
        });
    std::vector<std::pair<std::string, std::string>> foreign_key_names;
    detail::each_row(db,
                     "SELECT TABLE_NAME, CONSTRAINT_NAME FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = DATABASE() "
                     "AND CONSTRAINT_TYPE = 'FOREIGN KEY'",
                     {}, [&](statement& row) { foreign_key_names.emplace_back(detail::text(row, 0), detail::text(row, 1)); });

    detail::each_row(db,
                     "SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME FROM information_schema.STATISTICS "
                     "WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX",
                     {}, [&, previous = std::string()](statement& row) mutable {
                         live_table* t = table(detail::text(row, 0));
                         if (!t) return;
                         const std::string name = detail::text(row, 1);
                         const bool unique = row.column(2).as_int64() == 0;
                         const std::string column = detail::text(row, 3);
                         const std::string key = t->name + '\x1f' + name;
                         const bool continues = key == previous;
                         previous = key;
                         if (name == "PRIMARY") {
                             t->primary_key.push_back(column);
                         } else if (!unique && std::find(foreign_key_names.begin(), foreign_key_names.end(), std::pair{t->name, name}) !=
                                                   foreign_key_names.end()) {
                             // InnoDB's own index for a foreign key.
                         } else if (unique && name.rfind("ix_", 0) != 0) {
                             if (!continues) t->uniques.emplace_back();
                             t->uniques.back().push_back(column);
                         } else {
                             if (!continues) t->indexes.push_back({name, {}, unique, {}});
                             t->indexes.back().columns.push_back(column);
                         }
                     });
    for (live_table& t : out.tables) std::sort(t.indexes.begin(), t.indexes.end(), [](const live_index& a, const live_index& b) { return a.name < b.name; });
    return out;
}

// The column of `table` as the database has it now, or nothing (for resumable steps).
inline std::optional<live_column> find_column(connection& db, std::string_view table, std::string_view column) {
    statement lookup = db.prepare(
        "SELECT COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
        "AND TABLE_NAME = ? AND COLUMN_NAME = ?");
    lookup.bind_text(1, table);
    lookup.bind_text(2, column);
    if (!lookup.step()) return std::nullopt;
    return live_column{std::string(column), detail::type_name(lookup.column(0).as_text()), lookup.column(1).as_text() == "NO",
                       detail::default_value(lookup.column(2))};
}

// Whether `table` has an index (a unique constraint is one too) or a foreign key named `name`.
inline bool has_index(connection& db, std::string_view table, std::string_view name) {
    statement lookup = db.prepare(
        "SELECT 1 FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND INDEX_NAME = ? LIMIT 1");
    lookup.bind_text(1, table);
    lookup.bind_text(2, name);
    return lookup.step();
}
inline bool has_foreign_key(connection& db, std::string_view table, std::string_view name) {
    statement lookup = db.prepare(
        "SELECT 1 FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? "
        "AND CONSTRAINT_NAME = ? AND CONSTRAINT_TYPE = 'FOREIGN KEY'");
    lookup.bind_text(1, table);
    lookup.bind_text(2, name);
    return lookup.step();
}
inline std::vector<std::string> primary_key(connection& db, std::string_view table) {
    std::vector<std::string> out;
    statement lookup = db.prepare(
        "SELECT COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? "
        "AND INDEX_NAME = 'PRIMARY' ORDER BY SEQ_IN_INDEX");
    lookup.bind_text(1, table);
    while (lookup.step()) out.emplace_back(lookup.column(0).as_text());
    return out;
}

}  // namespace tabula::mysql_backend
