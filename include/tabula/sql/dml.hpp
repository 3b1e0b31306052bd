// Rendering of INSERT/SELECT/UPDATE/DELETE/UPSERT from table descriptors. Values are always bound
// parameters; identifiers are always quoted.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

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
// PostgreSQL has no last-insert-id call, so it asks for the generated key back. With
// `with_keys`, a generated key is written as the rows give it (bulk inserts of rows whose keys
// are all set; PostgreSQL's sequence is then moved by advance_key_sequence()).
template <class Sink>
constexpr void insert(statement_writer<Sink>& w, const table_descriptor& table, std::size_t rows = 1, bool with_keys = false) {
    w.put("INSERT INTO ").identifier(table.name).put(" (");
    column_list(w, table, with_keys);
    w.put(") VALUES ");
    const std::size_t count = inserted_count(table, with_keys);
    for (std::size_t r = 0; r < rows; ++r) {
        if (r) w.put(", ");
        values_row(w, count);
    }
    if (!with_keys && table.autoincrement && w.target == dialect::postgres) {
        w.put(" RETURNING ").identifier(table.primary_key[0]);
    }
}

// Which statements return rows with RETURNING: PostgreSQL and SQLite (3.35 on) all of them,
// MariaDB INSERT and DELETE (10.5 and 10.0.5 on) but no UPDATE. MySQL itself has none and refuses
// the statement when it runs.
enum class returning_statement : std::uint8_t { insert, update, remove };
constexpr bool has_returning(dialect d, returning_statement statement) noexcept {
    return d != dialect::mysql || statement != returning_statement::update;
}

// " RETURNING "a", "b", ...: every column of the table, in the order rows are read.
template <class Sink>
constexpr void returning_columns(statement_writer<Sink>& w, const table_descriptor& table) {
    w.put(" RETURNING ");
    column_list(w, table, true);
}

// INSERT INTO "t" ("b") VALUES (?) RETURNING "id", "a", "b": one row, read back as stored. The
// columns `defaulted` flags (by position) are left out so that the database writes their
// defaults; a generated key is written only `with_key`.
template <class Sink, class Defaulted>
constexpr void insert_returning(statement_writer<Sink>& w, const table_descriptor& table, bool with_key, const Defaulted& defaulted) {
    auto written = [&](std::size_t i) { return !defaulted[i] && (with_key || inserted(table.columns[i])); };
    std::size_t count = 0;
    for (std::size_t i = 0; i < table.columns.size(); ++i) count += written(i);
    w.put("INSERT INTO ").identifier(table.name);
    if (count == 0) {
        // Every column takes its default.
        w.put(w.target == dialect::mysql ? " () VALUES ()" : " DEFAULT VALUES");
    } else {
        w.put(" (");
        std::size_t k = 0;
        for (std::size_t i = 0; i < table.columns.size(); ++i)
            if (written(i)) (k++ ? w.put(", ") : w).identifier(table.columns[i].name);
        w.put(") VALUES ");
        values_row(w, count);
    }
    returning_columns(w, table);
}

// 'text' as an SQL string literal, quotes doubled.
template <class Sink>
constexpr void string_literal(statement_writer<Sink>& w, std::string_view text) {
    w.put('\'');
    for (char c : text) {
        if (c == '\'') w.put('\'');
        w.put(c);
    }
    w.put('\'');
}

// PostgreSQL's identity sequence does not move when a row is written with a key the caller chose,
// so the next generated key could collide with it. A statement that writes such keys is wrapped:
//   WITH written AS (<statement> RETURNING "id") SELECT "id", CASE WHEN "id" > COALESCE(
//   pg_sequence_last_value(<sequence>), 0) THEN setval(<sequence>, "id") END FROM written
// which moves the sequence past the largest key written, in the same round trip, and returns a
// row for each row written. (A concurrent writer of a chosen key may still race it; generated
// keys never do.)
template <class Sink>
constexpr void key_sequence_of(statement_writer<Sink>& w, const table_descriptor& table) {
    w.put("pg_get_serial_sequence(");
    // The table argument is parsed as an identifier (so it is written as one inside the literal),
    // the column argument taken literally.
    if (needs_quotes(table.name, dialect::postgres)) {
        w.put("'\"");
        for (char c : table.name) {
            if (c == '"' || c == '\'') w.put(c);
            w.put(c);
        }
        w.put("\"'");
    } else {
        w.put('\'').put(table.name).put('\'');
    }
    w.put(", ");
    string_literal(w, table.primary_key[0]);
    w.put(')');
}

template <class Sink, class Statement>
constexpr void advancing_key_sequence(statement_writer<Sink>& w, const table_descriptor& table, Statement&& statement) {
    const bool wrap = table.autoincrement && w.target == dialect::postgres;
    if (wrap) w.put("WITH written AS (");
    statement();
    if (!wrap) return;
    const std::string_view key = table.primary_key[0];
    w.put(" RETURNING ").identifier(key).put(") SELECT ").identifier(key).put(", CASE WHEN ").identifier(key);
    w.put(" > COALESCE(pg_sequence_last_value(");
    key_sequence_of(w, table);
    w.put("), 0) THEN setval(");
    key_sequence_of(w, table);
    w.put(", ").identifier(key).put(") END FROM written");
}

// INSERT of every column, a generated key included: the row's key was set by the caller.
template <class Sink>
constexpr void insert_with_key(statement_writer<Sink>& w, const table_descriptor& table) {
    advancing_key_sequence(w, table, [&] {
        w.put("INSERT INTO ").identifier(table.name).put(" (");
        column_list(w, table, true);
        w.put(") VALUES ");
        values_row(w, table.columns.size());
    });
}

// "a", "b" (no parentheses)
template <class Sink>
constexpr void identifier_list_bare(statement_writer<Sink>& w, const name_list& names) {
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i) w.put(", ");
        w.identifier(names[i]);
    }
}

// INSERT ... ON CONFLICT DO NOTHING: the row is not written when it would break the primary key
// or a unique constraint; a row comes back for a row written. PostgreSQL's form (the session
// ignores those errors on SQLite and MySQL, where a failed statement leaves the transaction
// usable). `with_key`: a generated key the caller set is written too.
template <class Sink>
constexpr void insert_or_ignore(statement_writer<Sink>& w, const table_descriptor& table, bool with_key) {
    auto statement = [&] {
        w.put("INSERT INTO ").identifier(table.name).put(" (");
        column_list(w, table, with_key);
        w.put(") VALUES ");
        values_row(w, inserted_count(table, with_key));
        w.put(" ON CONFLICT DO NOTHING");
    };
    if (with_key || !table.autoincrement) {
        if (with_key) advancing_key_sequence(w, table, statement);
        else statement();
        return;
    }
    statement();
    w.put(" RETURNING ").identifier(table.primary_key[0]);
}

// Insert, or update the row that holds the same values in `target` (the primary key or a unique
// constraint's columns): every column outside the target and the primary key is written.
// MySQL names no target: ON DUPLICATE KEY UPDATE updates the row any unique key matches.
// PostgreSQL returns the written row's key.
template <class Sink>
constexpr void upsert_on(statement_writer<Sink>& w, const table_descriptor& table, const name_list& target, bool with_key) {
    auto updated = [&](const column_descriptor& column) { return !column.primary_key && !target.contains(column.name); };
    bool any_updated = false;
    for (const column_descriptor& column : table.columns) any_updated = any_updated || updated(column);
    auto statement = [&] {
        w.put("INSERT INTO ").identifier(table.name).put(" (");
        column_list(w, table, with_key);
        w.put(") VALUES ");
        values_row(w, inserted_count(table, with_key));
        bool first = true;
        if (w.target == dialect::mysql) {
            w.put(" ON DUPLICATE KEY UPDATE ");
            for (const column_descriptor& column : table.columns) {
                if (!updated(column)) continue;
                if (!first) w.put(", ");
                first = false;
                w.identifier(column.name).put(" = VALUES(").identifier(column.name).put(')');
            }
            // Nothing to update: an assignment that changes nothing keeps the statement valid.
            if (first) w.identifier(target[0]).put(" = ").identifier(target[0]);
            return;
        }
        w.put(" ON CONFLICT ");
        identifier_list(w, target);
        if (!any_updated) {
            // DO NOTHING would return no row; an update that changes nothing returns it.
            w.put(" DO UPDATE SET ").identifier(target[0]).put(" = excluded.").identifier(target[0]);
        } else {
            w.put(" DO UPDATE SET ");
            for (const column_descriptor& column : table.columns) {
                if (!updated(column)) continue;
                if (!first) w.put(", ");
                first = false;
                w.identifier(column.name).put(" = excluded.").identifier(column.name);
            }
        }
    };
    if (w.target != dialect::postgres) return statement();
    if (with_key && table.autoincrement) return advancing_key_sequence(w, table, statement);
    statement();
    w.put(" RETURNING ");
    identifier_list_bare(w, table.primary_key);
}

// SELECT "id" FROM "t" WHERE "a" = ? AND "b" = ?: the key of the row an upsert on `target` wrote,
// where the statement cannot return it.
template <class Sink>
constexpr void select_key_where(statement_writer<Sink>& w, const table_descriptor& table, const name_list& target) {
    w.put("SELECT ");
    identifier_list_bare(w, table.primary_key);
    w.put(" FROM ").identifier(table.name).put(" WHERE ");
    for (std::size_t i = 0; i < target.size(); ++i) {
        if (i) w.put(" AND ");
        w.identifier(target[i]).put(" = ").parameter();
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

// Insert, or update every non-key column of the row with the same key. (The session upserts a row
// whose generated key is unset as an insert.)
template <class Sink>
constexpr void upsert_statement(statement_writer<Sink>& w, const table_descriptor& table) {
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

template <class Sink>
constexpr void upsert(statement_writer<Sink>& w, const table_descriptor& table) {
    advancing_key_sequence(w, table, [&] { upsert_statement(w, table); });
}

// ---- Upsert on SQLite before 3.24 -----------------------------------------------------------------
// SQLite learnt INSERT ... ON CONFLICT in 3.24; SQLCipher 3 embeds 3.15. There the SQLite backend
// runs upsert()'s text as two statements in a savepoint: the UPDATE of the row with the key and,
// when it changed no row, the INSERT. Both number their parameters (?N) as upsert() orders its
// values, so the values bound to the upsert serve both unchanged. A table of key columns only has
// nothing to update: one INSERT adds the row unless its key is there (upsert()'s DO NOTHING).

// UPDATE "t" SET "a" = ?2, "b" = ?3 WHERE "id" = ?1
template <class Sink>
constexpr void upsert_update_part(statement_writer<Sink>& w, const table_descriptor& table) {
    w.put("UPDATE ").identifier(table.name).put(" SET ");
    bool first = true;
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
        if (table.columns[i].primary_key) continue;
        if (!first) w.put(", ");
        first = false;
        w.identifier(table.columns[i].name).put(" = ?").number(i + 1);
    }
    w.put(" WHERE ");
    for (std::size_t k = 0; k < table.primary_key.size(); ++k) {
        if (k) w.put(" AND ");
        w.identifier(table.primary_key[k]).put(" = ?").number(table.column_position(table.primary_key[k]) + 1);
    }
}

// INSERT INTO "t" ("id", "a") VALUES (?1, ?2); with key columns only:
// INSERT INTO "t" ("a", "b") SELECT ?1, ?2 WHERE NOT EXISTS (SELECT 1 FROM "t" WHERE "a" = ?1 AND "b" = ?2)
template <class Sink>
constexpr void upsert_insert_part(statement_writer<Sink>& w, const table_descriptor& table) {
    bool key_only = true;
    for (const column_descriptor& column : table.columns) key_only = key_only && column.primary_key;
    w.put("INSERT INTO ").identifier(table.name).put(" (");
    column_list(w, table, true);
    w.put(key_only ? ") SELECT " : ") VALUES (");
    for (std::size_t i = 0; i < table.columns.size(); ++i) w.put(i ? ", ?" : "?").number(i + 1);
    if (!key_only) {
        w.put(')');
        return;
    }
    w.put(" WHERE NOT EXISTS (SELECT 1 FROM ").identifier(table.name).put(" WHERE ");
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
        if (i) w.put(" AND ");
        w.identifier(table.columns[i].name).put(" = ?").number(i + 1);
    }
    w.put(')');
}

struct upsert_fallback_sql {
    std::string update;  // empty for a table of key columns only
    std::string insert;
};

// The two statements for a text exactly as upsert() renders it for SQLite (the table's shape is
// read back from the text, which must then render the same); nothing for any other text.
inline std::optional<upsert_fallback_sql> sqlite_upsert_fallback(std::string_view text) {
    std::size_t at = 0;
    auto literal = [&](std::string_view expected) {
        if (text.substr(at, expected.size()) != expected) return false;
        at += expected.size();
        return true;
    };
    // name, or "name" with quote characters doubled inside.
    auto identifier = [&](std::string& out) {
        if (at < text.size() && text[at] != '"') {
            const std::size_t begin = at;
            while (at < text.size() && text[at] != ' ' && text[at] != ',' && text[at] != '(' && text[at] != ')') ++at;
            out.assign(text.substr(begin, at - begin));
            return at > begin;
        }
        if (at >= text.size() || text[at] != '"') return false;
        for (std::size_t i = at + 1; i < text.size(); ++i) {
            if (text[i] != '"') {
                out.push_back(text[i]);
            } else if (i + 1 < text.size() && text[i + 1] == '"') {
                out.push_back('"');
                ++i;
            } else {
                at = i + 1;
                return true;
            }
        }
        return false;
    };
    auto identifiers = [&](std::vector<std::string>& out) {
        if (!literal("(")) return false;
        do {
            if (!identifier(out.emplace_back())) return false;
        } while (literal(", "));
        return literal(")");
    };

    std::string table;
    std::vector<std::string> columns;
    std::vector<std::string> key;
    if (!literal("INSERT INTO ") || !identifier(table) || !literal(" ") || !identifiers(columns)) return std::nullopt;
    at = text.find(" ON CONFLICT ", at);
    if (at == std::string_view::npos) return std::nullopt;
    at += std::string_view(" ON CONFLICT ").size();
    if (!identifiers(key) || key.size() > max_key_columns) return std::nullopt;

    name_list primary_key;
    for (const std::string& name : key) primary_key.push_back(name);
    std::vector<column_descriptor> described;
    for (const std::string& name : columns) described.push_back({.name = name, .primary_key = primary_key.contains(name)});
    const table_descriptor shape{.name = table, .columns = described, .primary_key = primary_key};
    for (std::string_view name : primary_key)
        if (!shape.find_column(name)) return std::nullopt;
    if (sql::text(dialect::sqlite, [&](auto& w) { upsert(w, shape); }) != text) return std::nullopt;

    upsert_fallback_sql out;
    bool key_only = true;
    for (const column_descriptor& column : described) key_only = key_only && column.primary_key;
    if (!key_only)
        out.update = sql::text(dialect::sqlite, [&](auto& w) { upsert_update_part(w, shape); });
    out.insert = sql::text(dialect::sqlite, [&](auto& w) { upsert_insert_part(w, shape); });
    return out;
}

// COPY "t" ("a", "b") FROM STDIN: PostgreSQL's bulk load of the inserted columns (with_keys: and
// of the generated key the rows set).
template <class Sink>
constexpr void copy_from_stdin(statement_writer<Sink>& w, const table_descriptor& table, bool with_keys = false) {
    w.put("COPY ").identifier(table.name).put(" (");
    column_list(w, table, with_keys);
    w.put(") FROM STDIN");
}

// After a bulk load that wrote keys the rows chose, PostgreSQL's sequence moves past the largest:
//   SELECT setval(<sequence>, m) FROM (SELECT MAX("id") AS m FROM "t") AS largest
//   WHERE m > COALESCE(pg_sequence_last_value(<sequence>), 0)
template <class Sink>
constexpr void advance_key_sequence(statement_writer<Sink>& w, const table_descriptor& table) {
    w.put("SELECT setval(");
    key_sequence_of(w, table);
    w.put(", m) FROM (SELECT MAX(").identifier(table.primary_key[0]).put(") AS m FROM ").identifier(table.name);
    w.put(") AS largest WHERE m > COALESCE(pg_sequence_last_value(");
    key_sequence_of(w, table);
    w.put("), 0)");
}

template <class Sink>
constexpr void count_all(statement_writer<Sink>& w, const table_descriptor& table) {
    w.put("SELECT COUNT(*) FROM ").identifier(table.name);
}

}  // namespace tabula::sql
