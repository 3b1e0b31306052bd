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
#include <tabula/schema/value_traits.hpp>
#include <tabula/sql/writer.hpp>

namespace tabula {

namespace query_detail {

constexpr bool path_key_character(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

// "$" then steps ".key" (letters, digits, _ and -) and "[index]": the subset of JSON path that
// reads the same in SQLite, MySQL and, translated to a text array, PostgreSQL.
constexpr bool valid_json_path(std::string_view path) noexcept {
    if (path.empty() || path[0] != '$') return false;
    std::size_t i = 1;
    while (i < path.size()) {
        if (path[i] == '.') {
            const std::size_t start = ++i;
            while (i < path.size() && path_key_character(path[i])) ++i;
            if (i == start) return false;
        } else if (path[i] == '[') {
            const std::size_t start = ++i;
            while (i < path.size() && path[i] >= '0' && path[i] <= '9') ++i;
            if (i == start || i >= path.size() || path[i] != ']') return false;
            ++i;
        } else {
            return false;
        }
    }
    return true;
}

// PostgreSQL's form of a path: '{settings,tags,0}' (#> and #>> take a text array).
template <class Sink>
constexpr void postgres_path(sql::statement_writer<Sink>& w, std::string_view path) {
    w.put("'{");
    bool first = true;
    for (std::size_t i = 1; i < path.size();) {
        if (!first) w.put(',');
        first = false;
        const bool index = path[i] == '[';
        ++i;
        while (i < path.size() && path[i] != '.' && path[i] != '[' && path[i] != ']') w.put(path[i++]);
        if (index) ++i;  // the closing ]
    }
    w.put("}'");
}

template <class T>
inline constexpr bool json_scalar =
    std::is_same_v<T, std::string> || std::is_same_v<T, bool> || std::is_same_v<T, std::int64_t> || std::is_same_v<T, double>;

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

    template <class Sink>
    static constexpr void render(sql::statement_writer<Sink>& w, const json_value*) {
        auto column = [&] { column_ref<Member>::render(w, nullptr); };
        switch (w.target) {
            case sql::dialect::sqlite:
                // json_extract returns SQL values already: text, integer (1/0 for booleans), real.
                if constexpr (std::is_same_v<T, std::int64_t>) w.put("CAST(");
                if constexpr (std::is_same_v<T, double>) w.put("CAST(");
                w.put("json_extract(");
                column();
                w.put(", '").put(Path.view()).put("')");
                if constexpr (std::is_same_v<T, std::int64_t>) w.put(" AS INTEGER)");
                if constexpr (std::is_same_v<T, double>) w.put(" AS REAL)");
                break;
            case sql::dialect::postgres:
                if constexpr (!std::is_same_v<T, std::string>) w.put("CAST(");
                w.put('(');
                column();
                w.put(" #>> ");
                query_detail::postgres_path(w, Path.view());
                w.put(')');
                if constexpr (std::is_same_v<T, std::int64_t>) w.put(" AS BIGINT)");
                if constexpr (std::is_same_v<T, double>) w.put(" AS DOUBLE PRECISION)");
                if constexpr (std::is_same_v<T, bool>) w.put(" AS BOOLEAN)");
                break;
            case sql::dialect::mysql:
                // JSON_UNQUOTE turns a JSON string into its text and true/false into 'true'/'false'.
                if constexpr (std::is_same_v<T, std::int64_t> || std::is_same_v<T, double>) w.put("CAST(");
                if constexpr (std::is_same_v<T, bool>) w.put('(');
                w.put("JSON_UNQUOTE(JSON_EXTRACT(");
                column();
                w.put(", '").put(Path.view()).put("'))");
                if constexpr (std::is_same_v<T, std::int64_t>) w.put(" AS SIGNED)");
                if constexpr (std::is_same_v<T, double>) w.put(" AS DOUBLE)");
                if constexpr (std::is_same_v<T, bool>) w.put(" = 'true')");
                break;
        }
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
