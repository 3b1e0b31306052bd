// SELECT, COUNT, EXISTS and DELETE-by-condition statements over one table, per dialect. The query
// layer supplies its condition and ordering as render callbacks; this file owns the clauses whose
// words differ between dialects (LIMIT/OFFSET, LIKE's escape character).
#pragma once

#include <cstdint>
#include <string_view>

#include <tabula/schema/descriptor.hpp>
#include <tabula/sql/dml.hpp>
#include <tabula/sql/writer.hpp>

namespace tabula::sql {

enum class select_shape : std::uint8_t { rows, first, count, exists, remove, remove_returning };

// What a query adds to the table: a condition, an ordering, LIMIT and OFFSET parameters.
template <class Where, class Order>
struct select_clauses {
    bool has_where = false;
    Where where;  // void(statement_writer&): renders the condition
    bool has_order = false;
    Order order;  // void(statement_writer&): renders the ordering terms
    bool limited = false;
    bool offset = false;
};

namespace detail {

template <class Sink, class Where, class Order>
constexpr void where_clause(statement_writer<Sink>& w, const select_clauses<Where, Order>& c) {
    if (!c.has_where) return;
    w.put(" WHERE ");
    c.where(w);
}

template <class Sink, class Where, class Order>
constexpr void order_clause(statement_writer<Sink>& w, const select_clauses<Where, Order>& c) {
    if (!c.has_order) return;
    w.put(" ORDER BY ");
    c.order(w);
}

template <class Sink, class Where, class Order>
constexpr void limit_clause(statement_writer<Sink>& w, const select_clauses<Where, Order>& c, bool force_one) {
    if (force_one) {
        w.put(" LIMIT 1");
    } else if (c.limited) {
        w.put(" LIMIT ").parameter();
    } else if (c.offset) {
        // SQLite and MySQL accept OFFSET only after a LIMIT: use the largest.
        if (w.target == dialect::sqlite) w.put(" LIMIT -1");
        if (w.target == dialect::mysql) w.put(" LIMIT 18446744073709551615");
    }
    if (c.offset) w.put(" OFFSET ").parameter();
}

}  // namespace detail

template <class Sink, class Where, class Order>
constexpr void select_statement(statement_writer<Sink>& w, const table_descriptor& table, select_shape shape,
                                const select_clauses<Where, Order>& c) {
    switch (shape) {
        case select_shape::rows:
        case select_shape::first:
            select_columns(w, table);
            detail::where_clause(w, c);
            detail::order_clause(w, c);
            detail::limit_clause(w, c, shape == select_shape::first);
            break;
        case select_shape::count:
            if (c.limited || c.offset) {
                w.put("SELECT COUNT(*) FROM (SELECT 1 FROM ").identifier(table.name);
                detail::where_clause(w, c);
                detail::order_clause(w, c);
                detail::limit_clause(w, c, false);
                w.put(") AS counted");
            } else {
                w.put("SELECT COUNT(*) FROM ").identifier(table.name);
                detail::where_clause(w, c);
            }
            break;
        case select_shape::exists:
            w.put("SELECT EXISTS (SELECT 1 FROM ").identifier(table.name);
            detail::where_clause(w, c);
            detail::order_clause(w, c);
            detail::limit_clause(w, c, false);
            w.put(')');
            break;
        case select_shape::remove:
        case select_shape::remove_returning:
            w.put("DELETE FROM ").identifier(table.name);
            detail::where_clause(w, c);
            if (shape == select_shape::remove_returning) returning_columns(w, table);
            break;
    }
}

// UPDATE "t" SET "a" = ?, "b" = ? [WHERE ...]: an update by query. The query layer renders the
// assignments and the condition.
template <class Sink, class Assignments, class Where>
constexpr void update_where(statement_writer<Sink>& w, std::string_view table, const Assignments& assignments, bool has_where,
                            const Where& where) {
    w.put("UPDATE ").identifier(table).put(" SET ");
    assignments(w);
    if (has_where) {
        w.put(" WHERE ");
        where(w);
    }
}

// ---- SELECT of chosen values from one or more tables ----------------------------------------------

enum class join_kind : std::uint8_t { inner, left };

// "t"."a", "t"."b", ...: every column of a table, qualified, as a joined query reads whole rows.
template <class Sink>
constexpr void qualified_columns(statement_writer<Sink>& w, const table_descriptor& table) {
    bool first = true;
    for (const column_descriptor& column : table.columns) {
        if (!first) w.put(", ");
        first = false;
        w.qualified(table.name, column.name);
    }
}

// ` INNER JOIN "t" ON <condition>`
template <class Sink, class On>
constexpr void join_clause(statement_writer<Sink>& w, join_kind kind, std::string_view table, std::string_view alias, const On& on) {
    w.put(kind == join_kind::inner ? " INNER JOIN " : " LEFT JOIN ").identifier(table);
    if (!alias.empty()) w.put(" AS ").identifier(alias);  // a self-join: the table read a second time
    w.put(" ON ");
    on(w);
}

// The parts of SELECT [DISTINCT] <values> FROM <tables> [WHERE] [GROUP BY] [HAVING] [ORDER BY]
// [LIMIT] [OFFSET]: each render callback writes its clause's body; this function owns the words.
template <class Values, class From, class Where, class Group, class Having, class Order>
struct select_parts {
    bool distinct = false;
    Values values;
    From from;  // the first table and its joins
    bool has_where = false;
    Where where;
    bool has_group = false;
    Group group;
    bool has_having = false;
    Having having;
    bool has_order = false;
    Order order;
    bool limited = false;
    bool offset = false;
};

template <class Sink, class Values, class From, class Where, class Group, class Having, class Order>
constexpr void select_values(statement_writer<Sink>& w, const select_parts<Values, From, Where, Group, Having, Order>& p) {
    w.put(p.distinct ? "SELECT DISTINCT " : "SELECT ");
    p.values(w);
    w.put(" FROM ");
    p.from(w);
    if (p.has_where) {
        w.put(" WHERE ");
        p.where(w);
    }
    if (p.has_group) {
        w.put(" GROUP BY ");
        p.group(w);
    }
    if (p.has_having) {
        w.put(" HAVING ");
        p.having(w);
    }
    if (p.has_order) {
        w.put(" ORDER BY ");
        p.order(w);
    }
    const select_clauses<int, int> limits{.has_where = false, .where = 0, .has_order = false, .order = 0, .limited = p.limited, .offset = p.offset};
    detail::limit_clause(w, limits, false);
}

// `column LIKE ? ESCAPE '\'`: the same escape character on every dialect (tabula::escape_like).
// MySQL reads backslashes inside string literals, so its one backslash is written twice.
template <class Sink>
constexpr void like_escape(statement_writer<Sink>& w) {
    w.put(w.target == dialect::mysql ? " ESCAPE '\\\\'" : " ESCAPE '\\'");
}

}  // namespace tabula::sql
