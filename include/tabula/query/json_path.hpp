// A value inside a JSON column, by a path fixed at compile time:
//   tabula::json<&Chat::meta, "$.settings.model"> == "llama"              (text, the default)
//   tabula::json<&Chat::meta, "$.tags[0]", std::int64_t> > 2               (a number)
//   tabula::json_has<&Chat::meta, "$.pinned">                              (the key exists)
// Each dialect reads it its own way (SQLite's json_extract, PostgreSQL's #>> on JSON and JSONB,
// MySQL's JSON_EXTRACT), so a query reads the same on every backend. The path is part of the
// statement's text, a compile-time constant: it compares, orders and is selected like a column.
// A missing key reads as NULL.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include <tabula/query/expression.hpp>
#include <tabula/reflect/fixed_string.hpp>
#include <tabula/schema/detail/declared.hpp>
#include <tabula/schema/json_path.hpp>
#include <tabula/schema/value_traits.hpp>
#include <tabula/sql/json_path.hpp>
#include <tabula/sql/writer.hpp>

namespace tabula {

namespace query_detail {

using detail::json_scalar;
using detail::valid_json_path;

template <class Sink>
constexpr void postgres_path(sql::statement_writer<Sink>& w, std::string_view path) {
    sql::postgres_json_path(w, path);
}

}  // namespace query_detail

// The value at Path in the JSON column Member, read as T (std::string, bool, std::int64_t or
// double); a missing key or JSON null is NULL, hence result_type is an optional.
template <auto Member, fixed_string Path, class T>
struct json_value : query_detail::node_base {
    static_assert(value_traits<reflect::member_type<Member>>::kind == value_kind::json,
                  "tabula: tabula::json<&T::f, path> reads inside a JSON column; this column is not JSON");
    static_assert(query_detail::valid_json_path(Path.view()),
                  "tabula: a JSON path is $ followed by .key steps (letters, digits, _ and -) and [index] steps, e.g. $.settings.tags[0]");
    static_assert(query_detail::json_scalar<T>, "tabula: a JSON value is read as std::string, bool, std::int64_t or double");

    static constexpr bool is_static = true;
    using value_type = T;
    using result_type = std::optional<T>;

    // Written by sql::json_path_value, as tabula::json_index is: the planner then uses the index.
    template <class Sink>
    static constexpr void render(sql::statement_writer<Sink>& w, const json_value*) {
        sql::json_path_value(w, [](auto& out) { column_ref<Member>::render(out, nullptr); }, Path.view(), detail::json_scalar_kind<T>);
    }
    template <class Binder>
    void bind(Binder&) const {}
    template <class F>
    static constexpr void visit_columns(F& f) {
        f(query_detail::member_constant<Member>{});
    }

    constexpr auto asc() const { return expression_order<std::true_type, json_value>{}; }
    constexpr auto desc() const { return expression_order<std::false_type, json_value>{}; }
    auto is_null() const { return null_test<json_value, false>{}; }
    auto is_not_null() const { return null_test<json_value, true>{}; }
};

// The key or index at Path exists in the JSON column Member (its value may be JSON null).
template <auto Member, fixed_string Path>
struct json_key_test : query_detail::node_base {
    static_assert(value_traits<reflect::member_type<Member>>::kind == value_kind::json,
                  "tabula: tabula::json_has<&T::f, path> reads inside a JSON column; this column is not JSON");
    static_assert(query_detail::valid_json_path(Path.view()),
                  "tabula: a JSON path is $ followed by .key steps (letters, digits, _ and -) and [index] steps, e.g. $.settings.tags[0]");
    static constexpr bool is_static = true;
    template <class Sink>
    static constexpr void render(sql::statement_writer<Sink>& w, const json_key_test*) {
        switch (w.target) {
            case sql::dialect::sqlite:
                w.put("json_type(");
                column_ref<Member>::render(w, nullptr);
                w.put(", '").put(Path.view()).put("') IS NOT NULL");
                break;
            case sql::dialect::postgres:
                w.put('(');
                column_ref<Member>::render(w, nullptr);
                w.put(" #> ");
                query_detail::postgres_path(w, Path.view());
                w.put(") IS NOT NULL");
                break;
            case sql::dialect::mysql:
                w.put("JSON_CONTAINS_PATH(");
                column_ref<Member>::render(w, nullptr);
                w.put(", 'one', '").put(Path.view()).put("') = 1");
                break;
        }
    }
    template <class Binder>
    void bind(Binder&) const {}
    template <class F>
    static constexpr void visit_columns(F& f) {
        f(query_detail::member_constant<Member>{});
    }
};

template <auto Member, fixed_string Path, class T = std::string>
    requires reflect::data_member_pointer<Member>
inline constexpr json_value<Member, Path, T> json{};

// Ordered by itself, ascending, like a column.
template <auto Member, fixed_string Path, class T>
struct order_of<json_value<Member, Path, T>> {
    using type = expression_order<std::true_type, json_value<Member, Path, T>>;
};

template <auto Member, fixed_string Path>
    requires reflect::data_member_pointer<Member>
inline constexpr json_key_test<Member, Path> json_has{};

}  // namespace tabula
