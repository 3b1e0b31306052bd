// Aggregates a query selects, groups by and filters with having():
//   tabula::count(), tabula::count(col<&Post::id>), sum(col<&Item::price>), min(...), max(...), avg(...)
// Each is an expression with a value type, so it compares with values (`count() > 2`) like a
// column does, and a result type: what reading it gives (COUNT: std::int64_t; SUM, MIN, MAX: an
// optional of the column's type, empty over no rows; AVG: std::optional<double>).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>

#include <tabula/query/expression.hpp>
#include <tabula/reflect/fixed_string.hpp>
#include <tabula/schema/value_traits.hpp>
#include <tabula/sql/writer.hpp>

namespace tabula {

// COUNT(*)
struct count_rows : query_detail::node_base {
    static constexpr bool is_static = true;
    using value_type = std::int64_t;
    using result_type = std::int64_t;
    template <class Sink>
    static constexpr void render(sql::statement_writer<Sink>& w, const count_rows*) {
        w.put("COUNT(*)");
    }
    template <class Binder>
    void bind(Binder&) const {}
    template <class F>
    static constexpr void visit_columns(F&) {}
};

namespace query_detail {

template <class T>
inline constexpr bool summable = std::is_arithmetic_v<T> && !std::is_same_v<T, bool>;

// MIN and MAX order values: numbers, text, enums, times; not booleans (PostgreSQL has no MIN of a
// boolean), JSON or blobs.
template <class T>
inline constexpr bool orderable = summable<T> || std::is_same_v<T, std::string> || std::is_enum_v<T> ||
                                  detail::is_system_time_point<T> || detail::is_duration<T>;

}  // namespace query_detail

// Opening column): Result is what a row of the result holds.
template <fixed_string Opening, class Column, class Value, class Result>
struct column_aggregate : query_detail::node_base {
    static constexpr bool is_static = true;
    using value_type = Value;
    using result_type = Result;
    template <class Sink>
    static constexpr void render(sql::statement_writer<Sink>& w, const column_aggregate*) {
        w.put(Opening.view());
        Column::render(w, nullptr);
        w.put(')');
    }
    template <class Binder>
    void bind(Binder&) const {}
    template <class F>
    static constexpr void visit_columns(F& f) {
        Column::visit_columns(f);
    }
};

constexpr count_rows count() { return {}; }

// COUNT(column): the rows where the column is not NULL.
template <class Column>
    requires is_column<Column>
constexpr auto count(Column) {
    return column_aggregate<"COUNT(", Column, std::int64_t, std::int64_t>{};
}

// COUNT(DISTINCT column)
template <class Column>
    requires is_column<Column>
constexpr auto count_distinct(Column) {
    return column_aggregate<"COUNT(DISTINCT ", Column, std::int64_t, std::int64_t>{};
}

// The type a column holds, without its optional.
template <class Column>
using aggregated_value = query_detail::unwrapped<typename Column::value_type>;
template <auto Member>
using column_value = aggregated_value<column_ref<Member>>;

// SUM of an integer column is an int64 on every backend, of a floating column a double.
template <class Column>
    requires is_column<Column> && query_detail::summable<aggregated_value<Column>>
constexpr auto sum(Column) {
    using value = std::conditional_t<std::is_integral_v<aggregated_value<Column>>, std::int64_t, double>;
    return column_aggregate<"SUM(", Column, value, std::optional<value>>{};
}

template <class Column>
    requires is_column<Column> && query_detail::orderable<aggregated_value<Column>>
constexpr auto min(Column) {
    using value = aggregated_value<Column>;
    return column_aggregate<"MIN(", Column, value, std::optional<value>>{};
}

template <class Column>
    requires is_column<Column> && query_detail::orderable<aggregated_value<Column>>
constexpr auto max(Column) {
    using value = aggregated_value<Column>;
    return column_aggregate<"MAX(", Column, value, std::optional<value>>{};
}

template <class Column>
    requires is_column<Column> && query_detail::summable<aggregated_value<Column>>
constexpr auto avg(Column) {
    return column_aggregate<"AVG(", Column, double, std::optional<double>>{};
}

}  // namespace tabula
