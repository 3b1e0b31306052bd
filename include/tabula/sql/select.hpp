// SELECT, COUNT, EXISTS and DELETE-by-condition statements over one table, per dialect. The query
// layer supplies its condition and ordering as render callbacks; this file owns the clauses whose
// words differ between dialects (LIMIT/OFFSET, LIKE's escape character).
#pragma once

#include <cstdint>

#include <tabula/schema/descriptor.hpp>
#include <tabula/sql/dml.hpp>
#include <tabula/sql/writer.hpp>

namespace tabula::sql {

enum class select_shape : std::uint8_t { rows, first, count, exists, remove };

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
            w.put("DELETE FROM ").identifier(table.name);
            detail::where_clause(w, c);
            break;
    }
}

// `column LIKE ? ESCAPE '\'`: the same escape character on every dialect (tabula::escape_like).
// MySQL reads backslashes inside string literals, so its one backslash is written twice.
template <class Sink>
constexpr void like_escape(statement_writer<Sink>& w) {
    w.put(w.target == dialect::mysql ? " ESCAPE '\\\\'" : " ESCAPE '\\'");
}

}  // namespace tabula::sql
