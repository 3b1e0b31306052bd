// Compile-time checks of a query, in the style of schema/diagnostics.hpp: query_report is
// instantiated with the queried model, the problem and its subject (a column as
// "app::Post::title", a field of a result struct), so the compiler prints all three:
//   in instantiation of 'tabula::query_report<app::Post, tabula::query_problem::column_outside_query, "app::User::name">'
//   static assertion failed: tabula: the query names a column of a model it does not read from
#pragma once

#include <cstdint>
#include <string_view>

#include <tabula/query/expression.hpp>
#include <tabula/reflect/fixed_string.hpp>

namespace tabula {

enum class query_problem : std::uint8_t {
    none,
    column_outside_query,
    result_field_count,
    result_field_type,
    join_without_foreign_key,
    join_with_several_foreign_keys,
    conflict_target_not_unique,
    defaulted_column_without_default,
};

template <class Model, query_problem Problem, fixed_string Subject>
struct query_report {
    static_assert(Problem != query_problem::column_outside_query,
                  "tabula: the query names a column of a model it does not read from (join that model first)");
    static_assert(Problem != query_problem::result_field_count,
                  "tabula: the result struct's field count differs from the number of values selected");
    static_assert(Problem != query_problem::result_field_type,
                  "tabula: a field of the result struct cannot hold the value selected for it");
    static_assert(Problem != query_problem::join_without_foreign_key,
                  "tabula: join<M>() without a condition needs a foreign key between M and a model already in the query");
    static_assert(Problem != query_problem::join_with_several_foreign_keys,
                  "tabula: join<M>() without a condition found several foreign keys to join on; name the condition");
    static_assert(Problem != query_problem::conflict_target_not_unique,
                  "tabula: a conflict target must be the primary key or a declared unique constraint or unique index");
    static_assert(Problem != query_problem::defaulted_column_without_default,
                  "tabula: insert_returning<...>() leaves a column to its server default, but the column declares none "
                  "(tabula::column<&T::f>{.server_default = ...}) or is part of the primary key");
    static constexpr bool ok = Problem == query_problem::none;
};

// Every column E names belongs to one of List's models; otherwise a query_report naming the first
// that does not. Model is the model the query starts from.
template <class Model, class List, class E>
inline constexpr bool columns_checked =
    query_report<Model, column_outside<List, E>().empty() ? query_problem::none : query_problem::column_outside_query,
                 to_fixed_string<column_outside<List, E>().size()>(column_outside<List, E>())>::ok;

}  // namespace tabula
