// The one table from value kinds to SQL type names, per dialect. Later backends extend it here.
// MySQL cannot index TEXT/BLOB without a length, so text and blob columns that take part in a key,
// unique constraint, index or foreign key use VARCHAR(255)/VARBINARY(255) there.
#pragma once

#include <string_view>

#include <tabula/schema/descriptor.hpp>
#include <tabula/schema/value_kind.hpp>
#include <tabula/sql/dialect.hpp>

namespace tabula::sql {

constexpr std::string_view type_name(value_kind kind, dialect d, bool in_key = false) noexcept {
    switch (d) {
        case dialect::sqlite:
            switch (kind) {
                case value_kind::boolean: return "BOOLEAN";
                case value_kind::int8:
                case value_kind::int16:
                case value_kind::uint8: return "SMALLINT";
                case value_kind::int32:
                case value_kind::uint16: return "INTEGER";
                case value_kind::int64:
                case value_kind::uint32:
                case value_kind::uint64: return "BIGINT";
                case value_kind::float32:
                case value_kind::float64: return "REAL";
                case value_kind::text: return "TEXT";
                case value_kind::blob: return "BLOB";
                // TEXT, not JSON: a column declared JSON has NUMERIC affinity in SQLite, which
                // would turn the document "12345678901234567890" into an approximate REAL.
                case value_kind::json: return "TEXT";
                case value_kind::unsupported: break;
            }
            break;
        case dialect::postgres:
            switch (kind) {
                case value_kind::boolean: return "BOOLEAN";
                case value_kind::int8:
                case value_kind::int16:
                case value_kind::uint8: return "SMALLINT";
                case value_kind::int32:
                case value_kind::uint16: return "INTEGER";
                case value_kind::int64:
                case value_kind::uint32:
                case value_kind::uint64: return "BIGINT";
                case value_kind::float32: return "REAL";
                case value_kind::float64: return "DOUBLE PRECISION";
                case value_kind::text: return "TEXT";
                case value_kind::blob: return "BYTEA";
                case value_kind::json: return "JSONB";
                case value_kind::unsupported: break;
            }
            break;
        case dialect::mysql:
            switch (kind) {
                case value_kind::boolean: return "BOOLEAN";
                case value_kind::int8: return "TINYINT";
                case value_kind::int16: return "SMALLINT";
                case value_kind::int32: return "INT";
                case value_kind::int64: return "BIGINT";
                case value_kind::uint8: return "TINYINT UNSIGNED";
                case value_kind::uint16: return "SMALLINT UNSIGNED";
                case value_kind::uint32: return "INT UNSIGNED";
                case value_kind::uint64: return "BIGINT UNSIGNED";
                case value_kind::float32: return "FLOAT";
                case value_kind::float64: return "DOUBLE";
                case value_kind::text: return in_key ? "VARCHAR(255)" : "LONGTEXT";
                case value_kind::blob: return in_key ? "VARBINARY(255)" : "LONGBLOB";
                case value_kind::json: return "JSON";
                case value_kind::unsupported: break;
            }
            break;
    }
    return "";
}

// The text a per_dialect declaration gives dialect d, empty when none.
constexpr std::string_view for_dialect(const per_dialect& texts, dialect d) noexcept {
    switch (d) {
        case dialect::sqlite: return texts.sqlite;
        case dialect::postgres: return texts.postgres;
        case dialect::mysql: return texts.mysql;
    }
    return {};
}

// The column's declared type on dialect d (type_on before type), empty when it has none.
constexpr std::string_view declared_type(const column_descriptor& column, dialect d) noexcept {
    const std::string_view specific = for_dialect(column.type_on, d);
    return specific.empty() ? column.type_override : specific;
}

// True when the column takes part in the key, a unique constraint, an index or a foreign key.
constexpr bool column_in_key(const table_descriptor& table, std::string_view column) noexcept {
    if (table.primary_key.contains(column)) return true;
    for (const unique_descriptor& u : table.uniques)
        if (u.columns.contains(column)) return true;
    for (const index_descriptor& i : table.indexes)
        if (i.columns.contains(column)) return true;
    for (const foreign_key_descriptor& f : table.foreign_keys)
        if (f.columns.contains(column)) return true;
    return false;
}

// A column's declared server default as the dialect writes it (default_on, else server_default).
// Booleans may be declared with 0/1 or false/true: PostgreSQL's BOOLEAN takes only false/true, the others store 0/1.
// SQLite before 3.23 (SQLCipher 3) would store the word TRUE as text, so it gets 1/0 too.
constexpr std::string_view column_default(const column_descriptor& column, dialect d) noexcept {
    const std::string_view specific = for_dialect(column.default_on, d);
    if (!specific.empty()) return specific;
    const std::string_view value = column.server_default;
    if (column.kind != value_kind::boolean || !declared_type(column, d).empty()) return value;
    const bool is_false = value == "0" || value == "FALSE" || value == "false";
    const bool is_true = value == "1" || value == "TRUE" || value == "true";
    // PostgreSQL reads a quoted '1' back as true: written so, `check` compares like with like.
    if (d == dialect::postgres) return is_false || value == "'0'" ? "false" : is_true || value == "'1'" ? "true" : value;
    return is_false ? "0" : is_true ? "1" : value;
}

// True for the one integer column of a single-column key: on SQLite it is declared exactly
// INTEGER so that it aliases the rowid. Declared BIGINT it would get a second B-tree of its own,
// costing a quarter more work per lookup, update and insert (measured with callgrind).
constexpr bool sqlite_rowid_key(const table_descriptor& table, const column_descriptor& column) noexcept {
    return column.primary_key && table.primary_key.size() == 1 && is_integer_kind(column.kind);
}

// The SQL type of a column as created: the declared override, else the mapped type. SQLite's
// integer keys, generated or supplied, must be exactly INTEGER to alias the rowid.
constexpr std::string_view column_type(const table_descriptor& table, const column_descriptor& column, dialect d) noexcept {
    if (const std::string_view declared = declared_type(column, d); !declared.empty()) return declared;
    if (d == dialect::sqlite && (column.autoincrement || sqlite_rowid_key(table, column))) return "INTEGER";
    if (column.kind == value_kind::json && column.json == json_format::text && d == dialect::postgres) return "JSON";
    return type_name(column.kind, d, column_in_key(table, column.name));
}

// The types earlier versions of tabula declared for a column, which `check` still accepts: they
// created a supplied integer key on SQLite with its mapped type (BIGINT, SMALLINT), not as the
// rowid. Such a table works as before, only slower; a migration that rebuilds it, or dropping and
// recreating it, gives it the rowid key. Empty when there is none.
constexpr std::string_view former_column_type(const table_descriptor& table, const column_descriptor& column, dialect d) noexcept {
    if (d != dialect::sqlite || !declared_type(column, d).empty() || column.autoincrement || !sqlite_rowid_key(table, column)) return {};
    const std::string_view mapped = type_name(column.kind, d, true);
    return mapped == "INTEGER" ? std::string_view{} : mapped;
}

}  // namespace tabula::sql
