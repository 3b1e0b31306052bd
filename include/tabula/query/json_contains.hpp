// Containment and membership inside JSON columns, by a path fixed at compile time:
//   tabula::json_array<&Chat::meta, "$.tags">.contains("work")                     (an element)
//   tabula::json_array<&Chat::meta, "$.sizes", std::int64_t>.contains(3)
//   tabula::json_object<&Chat::meta, "$.settings">.contains(tabula::json_entry<"model">("llama"),
//                                                          tabula::json_entry<"beta">(true))
// One meaning on every backend: PostgreSQL's jsonb @>, which MySQL's JSON_CONTAINS does not share
// (it also finds "x" in [["x"]] and in {"k": ["x"]}), so MySQL reads the elements with JSON_TABLE
// and SQLite with json_each/json_type. Values compare with their JSON type: a string never equals
// a number, numbers compare as numbers (1 equals 1.0), true is not 1. The test is never NULL: a
// NULL column, a missing path or a value of another JSON type gives false, so NOT(...) holds there.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include <tabula/error.hpp>
#include <tabula/query/expression.hpp>
#include <tabula/query/json_path.hpp>
#include <tabula/reflect/fixed_string.hpp>
#include <tabula/schema/detail/declared.hpp>
#include <tabula/schema/value_traits.hpp>
#include <tabula/sql/writer.hpp>

namespace tabula {

namespace query_detail {

// The scalar a value is sent as: text, bool, std::int64_t or double; void for anything else.
template <class V>
constexpr auto json_scalar_for() {
    using value = std::remove_cvref_t<V>;
    if constexpr (std::is_same_v<value, bool>) return std::type_identity<bool>{};
    else if constexpr (std::is_integral_v<value>) return std::type_identity<std::int64_t>{};
    else if constexpr (std::is_floating_point_v<value>) return std::type_identity<double>{};
    else if constexpr (std::is_convertible_v<V, std::string_view>) return std::type_identity<std::string>{};
    else return std::type_identity<void>{};
}
template <class V>
using json_scalar_of = typename decltype(json_scalar_for<V>())::type;

// A value a JSON scalar of type T is compared with: the same kind of scalar; an integer element
// takes no floating value (3.5 is never an element of [3]; ask with json_array<..., double>).
template <class T, class V>
concept json_element_value = !std::is_void_v<json_scalar_of<V>> && (std::is_same_v<json_scalar_of<V>, T> ||
                                                                     (std::is_same_v<T, double> && std::is_same_v<json_scalar_of<V>, std::int64_t>));

// Keys of containment entries: an identifier, which every dialect's path syntax takes unquoted.
constexpr bool valid_entry_key(std::string_view key) noexcept {
    if (key.empty() || (key[0] >= '0' && key[0] <= '9')) return false;
    for (char c : key)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
}

// The JSON types (as each dialect names them) a scalar of type T matches.
template <class T, class Sink>
constexpr void sqlite_json_type_test(sql::statement_writer<Sink>& w) {
    if constexpr (std::is_same_v<T, std::string>) w.put(" = 'text'");
    else if constexpr (std::is_same_v<T, bool>) w.put(" IN ('true', 'false')");
    else w.put(" IN ('integer', 'real')");
}
template <class T, class Sink>
constexpr void json_type_test_for_mysql(sql::statement_writer<Sink>& w) {
    if constexpr (std::is_same_v<T, std::string>) w.put(" = 'STRING'");
    else if constexpr (std::is_same_v<T, bool>) w.put(" = 'BOOLEAN'");
    else w.put(" IN ('INTEGER', 'UNSIGNED INTEGER', 'DOUBLE', 'DECIMAL')");
}
// A JSON_TABLE column reading a scalar of type T: text compared byte for byte (the connection's
// collation would fold case), numbers exactly (int64 fits DECIMAL(65,30)), booleans as 'true'.
template <class T, class Sink>
constexpr void scalar_column_type_for_mysql(sql::statement_writer<Sink>& w) {
    if constexpr (std::is_same_v<T, std::int64_t> || std::is_same_v<T, double>) w.put("DECIMAL(65,30)");
    else w.put("LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
}
template <class T, class Sink>
constexpr void scalar_parameter_for_mysql(sql::statement_writer<Sink>& w) {
    if constexpr (std::is_same_v<T, bool>) w.put("IF(").parameter().put(", 'true', 'false')");
    else w.parameter();
}
// A parameter as a jsonb scalar of type T: jsonb_build_* takes "any", so the type is spelled out.
template <class T, class Sink>
constexpr void postgres_typed_parameter(sql::statement_writer<Sink>& w) {
    w.put("CAST(").parameter();
    if constexpr (std::is_same_v<T, std::string>) w.put(" AS TEXT)");
    else if constexpr (std::is_same_v<T, bool>) w.put(" AS BOOLEAN)");
    else if constexpr (std::is_same_v<T, std::int64_t>) w.put(" AS BIGINT)");
    else w.put(" AS DOUBLE PRECISION)");
}

// The jsonb value at Path, for @>: the column itself for "$" (so a GIN index on it serves), a
// JSON (text) column cast to jsonb, which alone has @>.
template <auto Member, fixed_string Path, class Sink>
constexpr void postgres_jsonb_at(sql::statement_writer<Sink>& w) {
    using model = reflect::member_owner<Member>;
    constexpr bool text_format = detail::field_column_options<model>[reflect::field_index<Member>].json == json_format::text;
    if constexpr (Path.view() != "$") w.put('(');
    if constexpr (text_format) w.put("CAST(");
    column_ref<Member>::render(w, nullptr);
    if constexpr (text_format) w.put(" AS JSONB)");
    if constexpr (Path.view() != "$") {
        w.put(" #> ");
        postgres_path(w, Path.view());
        w.put(')');
    }
}

// The column inside a subquery of SQLite or MySQL: with its table, since json_each's own
// columns (key, value, type, path, json...) would take an unqualified name first.
template <auto Member, class Sink>
constexpr void qualified_column(sql::statement_writer<Sink>& w) {
    w.qualified(table_name_of<reflect::member_owner<Member>>, column_name<Member>);
}

// SQLite's JSON functions read a string holding \u0000 only up to it ("a\u0000b" as "a"), so a
// value with a NUL byte would match more than asked; PostgreSQL's jsonb cannot hold one. Refused
// everywhere, as like() refuses such patterns.
template <auto Member, class V>
void refuse_nul(const V& value) {
    if constexpr (std::is_same_v<V, std::string>) {
        if (value.find('\0') == std::string::npos) return;
        using model = reflect::member_owner<Member>;
        throw type_mismatch("tabula: a JSON containment or membership value for column '" + std::string(column_name<Member>) +
                                "' of table '" + std::string(table_name_of<model>) +
                                "' contains a NUL byte, which SQLite's JSON functions would read as the string's end and PostgreSQL's "
                                "jsonb cannot hold",
                            std::string(table_name_of<model>), std::string(column_name<Member>), {});
    }
}

template <auto Member, fixed_string Path>
constexpr void check_json_target() {
    static_assert(value_traits<reflect::member_type<Member>>::kind == value_kind::json,
                  "tabula: json_array and json_object read inside a JSON column; this column is not JSON");
    static_assert(valid_json_path(Path.view()),
                  "tabula: a JSON path is $ followed by .key steps (letters, digits, _ and -) and [index] steps, e.g. $.settings.tags[0]");
}

}  // namespace query_detail

// ---- array membership ------------------------------------------------------------------------

// A scalar of type T is an element of the JSON array at Path (not of a nested array, and false
// when the value there is no array).
template <auto Member, fixed_string Path, class T>
struct json_membership : query_detail::node_base {
    static constexpr bool is_static = true;
    T value;

    template <class Sink>
    static constexpr void render(sql::statement_writer<Sink>& w, const json_membership*) {
        switch (w.target) {
            case sql::dialect::sqlite:
                w.put("EXISTS (SELECT 1 FROM json_each(");
                query_detail::qualified_column<Member>(w);
                w.put(", '").put(Path.view()).put("') AS json_element WHERE json_type(");
                query_detail::qualified_column<Member>(w);
                w.put(", '").put(Path.view()).put("') = 'array' AND json_element.type");
                query_detail::sqlite_json_type_test<T>(w);
                w.put(" AND json_element.value = ").parameter().put(')');
                break;
            case sql::dialect::postgres:
                w.put('(');
                query_detail::postgres_jsonb_at<Member, Path>(w);
                w.put(" IS NOT NULL AND ");
                query_detail::postgres_jsonb_at<Member, Path>(w);
                w.put(" @> jsonb_build_array(");
                query_detail::postgres_typed_parameter<T>(w);
                w.put("))");
                break;
            case sql::dialect::mysql:
                // [*] yields nothing on a scalar or an object, and reads one level only.
                w.put("EXISTS (SELECT 1 FROM JSON_TABLE(");
                query_detail::qualified_column<Member>(w);
                w.put(", '").put(Path.view()).put("[*]' COLUMNS (j JSON PATH '$', v ");
                query_detail::scalar_column_type_for_mysql<T>(w);
                w.put(" PATH '$')) AS json_element WHERE JSON_TYPE(json_element.j)");
                query_detail::json_type_test_for_mysql<T>(w);
                w.put(" AND json_element.v = ");
                query_detail::scalar_parameter_for_mysql<T>(w);
                w.put(')');
                break;
        }
    }
    template <class Binder>
    void bind(Binder& binder) const {
        binder(value);
    }
    template <class F>
    static constexpr void visit_columns(F& f) {
        f(query_detail::member_constant<Member>{});
    }
};

// The JSON array at Path in column Member, whose elements are read as T (std::string, bool,
// std::int64_t or double).
template <auto Member, fixed_string Path, class T>
struct json_array_ref {
    static_assert(query_detail::json_scalar<T>, "tabula: JSON array elements are read as std::string, bool, std::int64_t or double");

    template <class V>
        requires query_detail::json_element_value<T, V>
    auto contains(V&& value) const {
        query_detail::check_json_target<Member, Path>();
        json_membership<Member, Path, T> node{{}, T(std::forward<V>(value))};
        query_detail::refuse_nul<Member>(node.value);
        return node;
    }
};

template <auto Member, fixed_string Path, class T = std::string>
    requires reflect::data_member_pointer<Member>
inline constexpr json_array_ref<Member, Path, T> json_array{};

// ---- object containment ----------------------------------------------------------------------

// One key of a containment test and the scalar it must hold: tabula::json_entry<"model">("llama").
template <fixed_string Key, class T>
struct json_entry_value {
    static constexpr auto key = Key;
    using value_type = T;
    T value;
};

template <fixed_string Key, class V>
auto json_entry(V&& value) {
    static_assert(query_detail::valid_entry_key(Key.view()),
                  "tabula: a json_entry key is an identifier (letters, digits and _, not starting with a digit)");
    using stored = query_detail::json_scalar_of<V>;
    static_assert(!std::is_void_v<stored>,
                  "tabula: a json_entry holds a scalar (text, bool, integer or floating point); nested objects and arrays are not "
                  "supported, since PostgreSQL's @> and MySQL's JSON_CONTAINS match them differently");
    if constexpr (std::is_void_v<stored>) return json_entry_value<Key, int>{0};
    else return json_entry_value<Key, stored>{stored(std::forward<V>(value))};
}

// The value at Path is an object, and each entry's key holds a JSON scalar of the entry's type
// equal to its value; other keys may hold anything (PostgreSQL's @> for flat objects).
template <auto Member, fixed_string Path, class... Entries>
struct json_containment : query_detail::node_base {
    static constexpr bool is_static = true;
    std::tuple<Entries...> entries;

    template <class Sink>
    static constexpr void render(sql::statement_writer<Sink>& w, const json_containment*) {
        switch (w.target) {
            case sql::dialect::sqlite: render_sqlite(w); break;
            case sql::dialect::postgres: render_postgres(w); break;
            case sql::dialect::mysql: render_mysql(w); break;
        }
    }
    template <class Binder>
    void bind(Binder& binder) const {
        std::apply([&](const auto&... e) { (binder(e.value), ...); }, entries);
    }
    template <class F>
    static constexpr void visit_columns(F& f) {
        f(query_detail::member_constant<Member>{});
    }

private:
    template <class Sink>
    static constexpr void sqlite_read(sql::statement_writer<Sink>& w, std::string_view function, std::string_view key) {
        w.put(function).put('(');
        column_ref<Member>::render(w, nullptr);
        w.put(", '").put(Path.view());
        if (!key.empty()) w.put('.').put(key);
        w.put("')");
    }
    template <class Sink>
    static constexpr void render_sqlite(sql::statement_writer<Sink>& w) {
        w.put("coalesce(");
        sqlite_read(w, "json_type", {});
        w.put(" = 'object'");
        auto entry = [&]<class E>(std::type_identity<E>) {
            w.put(" AND ");
            sqlite_read(w, "json_type", E::key.view());
            query_detail::sqlite_json_type_test<typename E::value_type>(w);
            w.put(" AND ");
            sqlite_read(w, "json_extract", E::key.view());
            w.put(" = ").parameter();
        };
        (entry(std::type_identity<Entries>{}), ...);
        w.put(", 0)");
    }
    template <class Sink>
    static constexpr void render_postgres(sql::statement_writer<Sink>& w) {
        w.put('(');
        query_detail::postgres_jsonb_at<Member, Path>(w);
        w.put(" IS NOT NULL AND ");
        query_detail::postgres_jsonb_at<Member, Path>(w);
        w.put(" @> jsonb_build_object(");
        bool first = true;
        auto entry = [&]<class E>(std::type_identity<E>) {
            if (!first) w.put(", ");
            first = false;
            w.put('\'').put(E::key.view()).put("', ");
            query_detail::postgres_typed_parameter<typename E::value_type>(w);
        };
        (entry(std::type_identity<Entries>{}), ...);
        w.put("))");
    }
    template <class Sink>
    static constexpr void render_mysql(sql::statement_writer<Sink>& w) {
        // One JSON_TABLE row for the object, a JSON column (its type) and a scalar column per key.
        w.put("EXISTS (SELECT 1 FROM JSON_TABLE(");
        query_detail::qualified_column<Member>(w);
        w.put(", '").put(Path.view()).put("' COLUMNS (o JSON PATH '$'");
        std::size_t i = 0;
        auto column = [&]<class E>(std::type_identity<E>) {
            ++i;
            w.put(", j").number(i).put(" JSON PATH '$.").put(E::key.view()).put("', v").number(i).put(' ');
            query_detail::scalar_column_type_for_mysql<typename E::value_type>(w);
            w.put(" PATH '$.").put(E::key.view()).put('\'');
        };
        (column(std::type_identity<Entries>{}), ...);
        w.put(")) AS json_element WHERE JSON_TYPE(json_element.o) = 'OBJECT'");
        i = 0;
        auto test = [&]<class E>(std::type_identity<E>) {
            ++i;
            w.put(" AND JSON_TYPE(json_element.j").number(i).put(')');
            query_detail::json_type_test_for_mysql<typename E::value_type>(w);
            w.put(" AND json_element.v").number(i).put(" = ");
            query_detail::scalar_parameter_for_mysql<typename E::value_type>(w);
        };
        (test(std::type_identity<Entries>{}), ...);
        w.put(')');
    }
};

template <class T>
inline constexpr bool is_json_entry = false;
template <fixed_string Key, class T>
inline constexpr bool is_json_entry<json_entry_value<Key, T>> = true;

// The JSON object at Path in column Member (the whole document for "$").
template <auto Member, fixed_string Path>
struct json_object_ref {
    template <class... Entries>
        requires(sizeof...(Entries) > 0 && (is_json_entry<std::remove_cvref_t<Entries>> && ...))
    auto contains(Entries&&... entries) const {
        query_detail::check_json_target<Member, Path>();
        json_containment<Member, Path, std::remove_cvref_t<Entries>...> node{{}, {std::forward<Entries>(entries)...}};
        std::apply([](const auto&... e) { (query_detail::refuse_nul<Member>(e.value), ...); }, node.entries);
        return node;
    }
};

template <auto Member, fixed_string Path = "$">
    requires reflect::data_member_pointer<Member>
inline constexpr json_object_ref<Member, Path> json_object{};

}  // namespace tabula
