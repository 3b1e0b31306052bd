// Reads a PostgreSQL schema (the connection's current_schema(), which the URL's `schema` option
// sets) from the system catalogs: tables, columns with their types as format_type() spells them,
// defaults, keys, indexes, unique constraints and foreign keys.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tabula/backend/live_schema.hpp>
#include <tabula/backend/postgres/connection.hpp>

namespace tabula::postgres_backend {

namespace detail {

// format_type() spells types the long way; tabula's type map and declared types use the short
// SQL spellings. Both sides of a comparison meet in these.
inline std::string short_type_name(std::string type) {
    auto replace_prefix = [&](std::string_view from, std::string_view to) {
        if (type.rfind(from, 0) == 0) type = std::string(to) + type.substr(from.size());
    };
    replace_prefix("character varying", "VARCHAR");
    replace_prefix("timestamp without time zone", "TIMESTAMP");
    replace_prefix("timestamp with time zone", "TIMESTAMPTZ");
    replace_prefix("time without time zone", "TIME");
    replace_prefix("time with time zone", "TIMETZ");
    replace_prefix("character", "CHAR");
    if (type == "bit varying") type = "VARBIT";
    return type;
}

// pg_get_expr() prints literals with casts: '0'::integer, 'draft'::text. A literal whose cast
// is only its column's own type is written back the way a model declares it.
inline std::string plain_default(std::string expression) {
    if (expression.size() < 2 || expression.front() != '\'') return expression;
    const std::size_t close = expression.find("'::");
    if (close == std::string::npos || close == 0) return expression;
    if (expression.find('\'', 1) != close) return expression;  // quotes inside: leave it as it is
    const std::string literal = expression.substr(1, close - 1);
    bool number = !literal.empty();
    for (std::size_t i = 0; i < literal.size(); ++i)
        number = number && ((literal[i] >= '0' && literal[i] <= '9') || literal[i] == '.' || (i == 0 && literal[i] == '-'));
    return number ? literal : "'" + literal + "'";
}

inline std::string action_name(std::string_view code) {
    if (code == "r") return "RESTRICT";
    if (code == "c") return "CASCADE";
    if (code == "n") return "SET NULL";
    if (code == "d") return "SET DEFAULT";
    return "NO ACTION";
}

// Runs a catalog query with one text parameter and calls f(statement) per row.
template <class F>
void each_row(connection& db, std::string_view sql, std::string_view parameter, F&& f) {
    statement query = db.prepare(sql);
    if (!parameter.empty()) query.bind_text(1, parameter);
    while (query.step()) f(query);
}

inline std::vector<std::string> split_names(std::string_view list) {
    // array_to_string(..., E'\x1f'): names never hold the unit separator.
    std::vector<std::string> out;
    if (list.empty()) return out;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = list.find('\x1f', start);
        out.emplace_back(list.substr(start, end - start));
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return out;
}

}  // namespace detail

inline bool has_table(connection& db, std::string_view table) {
    statement lookup = db.prepare(
        "SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() AND c.relname = $1 AND c.relkind IN ('r', 'p')");
    lookup.bind_text(1, table);
    return lookup.step();
}

inline live_schema introspect(connection& db) {
    live_schema out;
    std::vector<std::string> oids;
    detail::each_row(db,
                     "SELECT c.oid::text, c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                     "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY c.relname",
                     {}, [&](statement& row) {
                         oids.emplace_back(row.column(0).as_text());
                         out.tables.push_back({std::string(row.column(1).as_text()), {}, {}, {}, {}, {}});
                     });
    for (std::size_t t = 0; t < out.tables.size(); ++t) {
        live_table& table = out.tables[t];
        const std::string& oid = oids[t];
        detail::each_row(db,
                         "SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid) "
                         "FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                         "WHERE a.attrelid = $1::oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
                         oid, [&](statement& row) {
                             live_column c{std::string(row.column(0).as_text()), detail::short_type_name(std::string(row.column(1).as_text())),
                                           row.column(2).as_bool(), {}};
                             if (!row.column(3).is_null()) c.default_value = detail::plain_default(std::string(row.column(3).as_text()));
                             table.columns.push_back(std::move(c));
                         });
        // Key columns in key order.
        detail::each_row(db,
                         "SELECT array_to_string(ARRAY(SELECT a.attname FROM unnest(i.indkey) WITH ORDINALITY k(attnum, position) "
                         "JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum ORDER BY k.position), E'\\x1f') "
                         "FROM pg_catalog.pg_index i WHERE i.indrelid = $1::oid AND i.indisprimary",
                         oid, [&](statement& row) { table.primary_key = detail::split_names(row.column(0).as_text()); });
        // Indexes that no constraint owns; expression columns and a partial index's condition as
        // pg_get_indexdef and pg_get_expr print them.
        detail::each_row(db,
                         "SELECT ic.relname, i.indisunique, array_to_string(ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true) "
                         "FROM generate_series(1, i.indnkeyatts) k), E'\\x1f'), pg_get_expr(i.indpred, i.indrelid, true) FROM pg_catalog.pg_index i "
                         "JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid = $1::oid AND NOT i.indisprimary "
                         "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x')) "
                         "ORDER BY ic.relname",
                         oid, [&](statement& row) {
                             table.indexes.push_back({std::string(row.column(0).as_text()), detail::split_names(row.column(2).as_text()),
                                                      row.column(1).as_bool(), row.column(3).is_null() ? std::string() : std::string(row.column(3).as_text())});
                         });
        detail::each_row(db,
                         "SELECT array_to_string(ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(attnum, position) "
                         "JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.position), E'\\x1f') "
                         "FROM pg_catalog.pg_constraint c WHERE c.conrelid = $1::oid AND c.contype = 'u' ORDER BY c.conname",
                         oid, [&](statement& row) { table.uniques.push_back(detail::split_names(row.column(0).as_text())); });
        detail::each_row(
            db,
            "SELECT array_to_string(ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(attnum, position) "
            "JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.position), E'\\x1f'), "
            "r.relname, array_to_string(ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(attnum, position) "
            "JOIN pg_catalog.pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.position), E'\\x1f'), "
            "c.confdeltype::text, c.confupdtype::text FROM pg_catalog.pg_constraint c JOIN pg_catalog.pg_class r ON r.oid = c.confrelid "
            "WHERE c.conrelid = $1::oid AND c.contype = 'f' ORDER BY c.conname",
            oid, [&](statement& row) {
                table.foreign_keys.push_back({detail::split_names(row.column(0).as_text()), std::string(row.column(1).as_text()),
                                              detail::split_names(row.column(2).as_text()), detail::action_name(row.column(3).as_text()),
                                              detail::action_name(row.column(4).as_text())});
            });
    }
    return out;
}

// The name of the table's primary key constraint, if it has one.
inline std::optional<std::string> find_primary_key_name(connection& db, std::string_view table) {
    statement lookup = db.prepare(
        "SELECT c.conname FROM pg_catalog.pg_constraint c JOIN pg_catalog.pg_class t ON t.oid = c.conrelid "
        "JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = current_schema() AND t.relname = $1 "
        "AND c.contype = 'p'");
    lookup.bind_text(1, table);
    if (lookup.step()) return std::string(lookup.column(0).as_text());
    return std::nullopt;
}

// Whether the table has a constraint of that name.
inline bool has_constraint(connection& db, std::string_view table, std::string_view name) {
    statement lookup = db.prepare(
        "SELECT 1 FROM pg_catalog.pg_constraint c JOIN pg_catalog.pg_class t ON t.oid = c.conrelid "
        "JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = current_schema() AND t.relname = $1 "
        "AND c.conname = $2");
    lookup.bind_text(1, table);
    lookup.bind_text(2, name);
    return lookup.step();
}

}  // namespace tabula::postgres_backend
