// Rendering of INSERT/SELECT/UPDATE/DELETE/UPSERT from table descriptors. Values are always bound
// parameters; identifiers are always quoted.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

#include <tabula/schema/descriptor.hpp>
#include <tabula/sql/ddl.hpp>
#include <tabula/sql/writer.hpp>

namespace tabula::sql {

// Columns an INSERT writes: all but a database-generated key.
constexpr bool inserted(const column_descriptor& column) noexcept { return !column.autoincrement; }

template <class Sink>
constexpr void column_list(statement_writer<Sink>& w, const table_descriptor& table, bool include_generated) {
    bool first = true;
    for (const column_descriptor& column : table.columns) {
        if (!include_generated && !inserted(column)) continue;
        if (!first) w.put(", ");
        first = false;
        w.identifier(column.name);
    }
}

template <class Sink>
constexpr void values_row(statement_writer<Sink>& w, std::size_t count) {
    w.put('(');
    for (std::size_t i = 0; i < count; ++i) {
        if (i) w.put(", ");
        w.parameter();
    }
    w.put(')');
}

constexpr std::size_t inserted_count(const table_descriptor& table, bool include_generated) noexcept {
    std::size_t n = 0;
    for (const column_descriptor& column : table.columns) n += include_generated || inserted(column);
    return n;
}

// INSERT INTO "t" ("a", "b") VALUES (?, ?)[, (?, ?)...] [RETURNING "id"]
// PostgreSQL has no last-insert-id call, so it asks for the generated key back.
template <class Sink>
constexpr void insert(statement_writer<Sink>& w, const table_descriptor& table, std::size_t rows = 1) {
    w.put("INSERT INTO ").identifier(table.name).put(" (");
    column_list(w, table, false);
    w.put(") VALUES ");
    const std::size_t count = inserted_count(table, false);
    for (std::size_t r = 0; r < rows; ++r) {
        if (r) w.put(", ");
        values_row(w, count);
    }
    if (table.autoincrement && w.target == dialect::postgres) {
        w.put(" RETURNING ").identifier(table.primary_key[0]);
    }
}

template <class Sink>
constexpr void select_columns(statement_writer<Sink>& w, const table_descriptor& table) {
    w.put("SELECT ");
    column_list(w, table, true);
    w.put(" FROM ").identifier(table.name);
}

template <class Sink>
constexpr void where_key(statement_writer<Sink>& w, const table_descriptor& table) {
    w.put(" WHERE ");
    for (std::size_t i = 0; i < table.primary_key.size(); ++i) {
        if (i) w.put(" AND ");
        w.identifier(table.primary_key[i]).put(" = ").parameter();
    }
}

template <class Sink>
constexpr void select_by_key(statement_writer<Sink>& w, const table_descriptor& table) {
    select_columns(w, table);
    where_key(w, table);
}

template <class Sink>
constexpr void select_all(statement_writer<Sink>& w, const table_descriptor& table) {
    select_columns(w, table);
}

// UPDATE "t" SET "a" = ?, "b" = ? WHERE "id" = ?  — every column outside the key, or the chosen ones.
template <class Sink>
constexpr void update_by_key(statement_writer<Sink>& w, const table_descriptor& table, std::span<const std::string_view> chosen = {}) {
    w.put("UPDATE ").identifier(table.name).put(" SET ");
    bool first = true;
    auto set = [&](std::string_view name) {
        if (!first) w.put(", ");
        first = false;
        w.identifier(name).put(" = ").parameter();
    };
    if (chosen.empty()) {
        for (const column_descriptor& column : table.columns)
            if (!column.primary_key) set(column.name);
    } else {
        for (std::string_view name : chosen) set(name);
    }
    where_key(w, table);
}

template <class Sink>
constexpr void delete_by_key(statement_writer<Sink>& w, const table_descriptor& table) {
    w.put("DELETE FROM ").identifier(table.name);
    where_key(w, table);
}

// Insert, or update every non-key column of the row with the same key.
template <class Sink>
constexpr void upsert(statement_writer<Sink>& w, const table_descriptor& table) {
    w.put("INSERT INTO ").identifier(table.name).put(" (");
    column_list(w, table, true);
    w.put(") VALUES ");
    values_row(w, table.columns.size());
    bool any_value_column = false;
    for (const column_descriptor& column : table.columns) any_value_column = any_value_column || !column.primary_key;
    if (w.target == dialect::mysql) {
        w.put(" ON DUPLICATE KEY UPDATE ");
        bool first = true;
        for (const column_descriptor& column : table.columns) {
            // A key-only table still needs one assignment for the statement to be valid.
            if (column.primary_key && any_value_column) continue;
            if (!first) w.put(", ");
            first = false;
            w.identifier(column.name).put(" = VALUES(").identifier(column.name).put(')');
            if (!any_value_column) break;
        }
        return;
    }
    w.put(" ON CONFLICT ");
    identifier_list(w, table.primary_key);
    if (!any_value_column) {
        w.put(" DO NOTHING");
        return;
    }
    w.put(" DO UPDATE SET ");
    bool first = true;
    for (const column_descriptor& column : table.columns) {
        if (column.primary_key) continue;
        if (!first) w.put(", ");
        first = false;
        w.identifier(column.name).put(" = excluded.").identifier(column.name);
    }
}

// COPY "t" ("a", "b") FROM STDIN: PostgreSQL's bulk load of the inserted columns.
template <class Sink>
constexpr void copy_from_stdin(statement_writer<Sink>& w, const table_descriptor& table) {
    w.put("COPY ").identifier(table.name).put(" (");
    column_list(w, table, false);
    w.put(") FROM STDIN");
}

template <class Sink>
constexpr void count_all(statement_writer<Sink>& w, const table_descriptor& table) {
    w.put("SELECT COUNT(*) FROM ").identifier(table.name);
}

}  // namespace tabula::sql
