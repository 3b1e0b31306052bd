// ALTER TABLE and the other statements migration steps run, per dialect. Schema editors decide
// which statements a step needs (SQLite rebuilds a table where ALTER TABLE cannot make a change);
// the text itself is written here, once for every backend.
#pragma once

#include <span>
#include <string_view>

#include <tabula/schema/descriptor.hpp>
#include <tabula/sql/ddl.hpp>
#include <tabula/sql/type_map.hpp>
#include <tabula/sql/writer.hpp>

namespace tabula::sql {

template <class Sink>
constexpr statement_writer<Sink>& alter_table(statement_writer<Sink>& w, std::string_view table) {
    return w.put("ALTER TABLE ").identifier(table).put(' ');
}

template <class Sink>
constexpr void rename_table(statement_writer<Sink>& w, std::string_view from, std::string_view to) {
    alter_table(w, from).put("RENAME TO ").identifier(to);
}

template <class Sink>
constexpr void rename_column(statement_writer<Sink>& w, std::string_view table, std::string_view from, std::string_view to) {
    alter_table(w, table).put("RENAME COLUMN ").identifier(from).put(" TO ").identifier(to);
}

// `table` is the table the column is added to, for the type map's key rule (MySQL VARCHAR(255)).
template <class Sink>
constexpr void add_column(statement_writer<Sink>& w, const table_descriptor& table, const column_descriptor& column) {
    alter_table(w, table.name).put("ADD COLUMN ");
    column_definition(w, table, column);
}

template <class Sink>
constexpr void drop_column(statement_writer<Sink>& w, std::string_view table, std::string_view column) {
    alter_table(w, table).put("DROP COLUMN ").identifier(column);
}

// MySQL restates a column whole (type, nullability, default) to change any part of it.
template <class Sink>
constexpr void modify_column(statement_writer<Sink>& w, const table_descriptor& table, const column_descriptor& column) {
    alter_table(w, table.name).put("MODIFY COLUMN ");
    column_definition(w, table, column);
}

// PostgreSQL: ALTER COLUMN c TYPE t [USING expr]. `using_expression` converts existing values
// where no implicit cast exists (text -> integer: "c::integer").
template <class Sink>
constexpr void alter_column_type(statement_writer<Sink>& w, const table_descriptor& table, const column_descriptor& column,
                                 std::string_view using_expression = {}) {
    alter_table(w, table.name).put("ALTER COLUMN ").identifier(column.name).put(" TYPE ").put(column_type(table, column, w.target));
    if (!using_expression.empty()) w.put(" USING ").put(using_expression);
}

template <class Sink>
constexpr void alter_column_nullability(statement_writer<Sink>& w, std::string_view table, std::string_view column, bool nullable) {
    alter_table(w, table).put("ALTER COLUMN ").identifier(column).put(nullable ? " DROP NOT NULL" : " SET NOT NULL");
}

template <class Sink>
constexpr void alter_column_default(statement_writer<Sink>& w, std::string_view table, std::string_view column,
                                    std::string_view server_default) {
    alter_table(w, table).put("ALTER COLUMN ").identifier(column);
    if (server_default.empty()) w.put(" DROP DEFAULT");
    else w.put(" SET DEFAULT ").put(server_default);
}

template <class Sink>
constexpr void add_unique(statement_writer<Sink>& w, std::string_view table, const unique_descriptor& unique) {
    alter_table(w, table).put("ADD ");
    unique_constraint(w, unique);
}

// MySQL keeps a unique constraint as an index of the same name.
template <class Sink>
constexpr void drop_unique(statement_writer<Sink>& w, std::string_view table, std::string_view name) {
    alter_table(w, table).put(w.target == dialect::mysql ? "DROP INDEX " : "DROP CONSTRAINT ").identifier(name);
}

template <class Sink>
constexpr void add_foreign_key(statement_writer<Sink>& w, std::string_view table, const foreign_key_descriptor& fk) {
    alter_table(w, table).put("ADD ");
    foreign_key_constraint(w, fk);
}

template <class Sink>
constexpr void drop_foreign_key(statement_writer<Sink>& w, std::string_view table, std::string_view name) {
    alter_table(w, table).put(w.target == dialect::mysql ? "DROP FOREIGN KEY " : "DROP CONSTRAINT ").identifier(name);
}

// PostgreSQL drops a primary key by its constraint name (`constraint_name`); MySQL has one unnamed.
template <class Sink>
constexpr void drop_primary_key(statement_writer<Sink>& w, std::string_view table, std::string_view constraint_name) {
    if (w.target == dialect::mysql) alter_table(w, table).put("DROP PRIMARY KEY");
    else alter_table(w, table).put("DROP CONSTRAINT ").identifier(constraint_name);
}

template <class Sink>
constexpr void add_primary_key(statement_writer<Sink>& w, std::string_view table, const name_list& columns) {
    alter_table(w, table).put("ADD PRIMARY KEY ");
    identifier_list(w, columns);
}

// INSERT INTO "into" ("a", "b") SELECT <source of a>, <source of b> FROM "from": the copy of a
// table rebuild. `sources[i]` is an SQL expression over the old table for `columns[i]`.
template <class Sink>
constexpr void copy_rows(statement_writer<Sink>& w, std::string_view into, std::span<const std::string_view> columns,
                         std::span<const std::string_view> sources, std::string_view from) {
    w.put("INSERT INTO ").identifier(into).put(" (");
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (i) w.put(", ");
        w.identifier(columns[i]);
    }
    w.put(") SELECT ");
    for (std::size_t i = 0; i < sources.size(); ++i) {
        if (i) w.put(", ");
        w.put(sources[i]);
    }
    w.put(" FROM ").identifier(from);
}

}  // namespace tabula::sql
