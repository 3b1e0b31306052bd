// Access to the optional members of a model<T> specialisation, and facts about a model's fields
// computed once per model as constexpr arrays (one pack expansion each, which keeps compile time
// flat in the number of fields; see benchmarks/compile_time).
#pragma once

#include <array>
#include <optional>
#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include <tabula/reflect/fields.hpp>
#include <tabula/reflect/naming.hpp>
#include <tabula/schema/declarations.hpp>
#include <tabula/schema/value_traits.hpp>

namespace tabula::detail {

template <auto... Members>
struct member_list {
    static constexpr std::size_t size = sizeof...(Members);
};

template <class Declaration>
struct declaration_parts;
template <auto M>
struct declaration_parts<column<M>> {
    using members = member_list<M>;
};
template <auto... M>
struct declaration_parts<primary_key<M...>> {
    using members = member_list<M...>;
};
template <auto... M>
struct declaration_parts<unique<M...>> {
    using members = member_list<M...>;
};
template <auto... M>
struct declaration_parts<index<M...>> {
    using members = member_list<M...>;
};
template <auto M, fixed_string Path, class T>
struct declaration_parts<json_index<M, Path, T>> {
    using members = member_list<M>;
};
template <>
struct declaration_parts<expression_index> {
    using members = member_list<>;
};
template <auto... M>
struct declaration_parts<foreign_key<M...>> {
    using members = member_list<M...>;
};

template <class T>
inline constexpr bool has_declared_columns = requires { model<T>::columns; };
template <class T>
inline constexpr bool has_declared_uniques = requires { model<T>::unique; };
template <class T>
inline constexpr bool has_declared_indexes = requires { model<T>::indexes; };
template <class T>
inline constexpr bool has_declared_foreign_keys = requires { model<T>::foreign_keys; };
template <class T>
inline constexpr bool has_declared_primary_key = requires { model<T>::primary_key; };

template <class T>
constexpr auto declared_columns() {
    if constexpr (has_declared_columns<T>) return model<T>::columns;
    else return std::tuple<>{};
}
template <class T>
constexpr auto declared_uniques() {
    if constexpr (has_declared_uniques<T>) return model<T>::unique;
    else return std::tuple<>{};
}
template <class T>
constexpr auto declared_indexes() {
    if constexpr (has_declared_indexes<T>) return model<T>::indexes;
    else return std::tuple<>{};
}
template <class T>
constexpr auto declared_foreign_keys() {
    if constexpr (has_declared_foreign_keys<T>) return model<T>::foreign_keys;
    else return std::tuple<>{};
}

template <class T>
constexpr std::string_view table_name_view() {
    if constexpr (requires { model<T>::table; }) return std::string_view{model<T>::table};
    else return reflect::snake_case_type_name<T>;
}

// Calls f(declaration) for each element of a tuple of declarations.
template <class Tuple, class F>
constexpr void for_each_declaration(const Tuple& declarations, F&& f) {
    [&]<std::size_t... D>(std::index_sequence<D...>) {
        (f(std::get<D>(declarations)), ...);
    }(std::make_index_sequence<std::tuple_size_v<Tuple>>{});
}

// The field index a member designates within T, or field_count<T> if it belongs to another struct.
template <class T, auto Member>
constexpr std::size_t field_of() {
    if constexpr (std::is_same_v<reflect::member_owner<Member>, T>) return reflect::field_index<Member>;
    else return reflect::field_count<T>;
}

template <class D>
inline constexpr bool is_column_declaration = false;
template <auto M>
inline constexpr bool is_column_declaration<column<M>> = true;

template <class D>
inline constexpr auto first_member = nullptr;
template <template <auto...> class Declaration, auto M, auto... Rest>
inline constexpr auto first_member<Declaration<M, Rest...>> = M;

// The options a tabula::column declaration gives one field (all defaults when none).
struct column_options {
    std::string_view name{};
    std::string_view type{};
    std::string_view server_default{};
    bool unique = false;
    bool index = false;
    json_format json = json_format::binary;
    per_dialect type_on{};
    per_dialect default_on{};
    bool key_nullable = false;
};

template <class T, std::size_t... I>
constexpr auto make_field_kinds(std::index_sequence<I...>) {
    return std::array<value_kind, sizeof...(I)>{value_traits<reflect::field_type<I, T>>::kind...};
}
template <class T, std::size_t... I>
constexpr auto make_field_nullable(std::index_sequence<I...>) {
    return std::array<bool, sizeof...(I)>{value_traits<reflect::field_type<I, T>>::nullable...};
}
template <class T, std::size_t... I>
constexpr auto make_text_enums_ok(std::index_sequence<I...>) {
    return std::array<bool, sizeof...(I)>{
        enum_text_well_formed<std::remove_cvref_t<decltype(*std::declval<std::optional<reflect::field_type<I, T>>>())>>...};
}

// Declarations naming members of another struct are skipped here and reported by diagnose().
template <class T>
constexpr auto make_column_options() {
    constexpr std::size_t count = reflect::field_count<T>;
    std::array<column_options, count> out{};
    if constexpr (has_declared_columns<T>) {
        for_each_declaration(model<T>::columns, [&]<class D>(const D& c) {
            if constexpr (is_column_declaration<D>) {
                constexpr std::size_t field = field_of<T, first_member<D>>();
                if constexpr (field < count) out[field] = {c.name, c.type, c.server_default, c.unique, c.index, c.json, c.type_on, c.default_on, c.key_nullable};
            }
        });
    }
    return out;
}

template <class T>
inline constexpr auto field_kinds = make_field_kinds<T>(std::make_index_sequence<reflect::field_count<T>>{});
template <class T>
inline constexpr auto field_nullable = make_field_nullable<T>(std::make_index_sequence<reflect::field_count<T>>{});
template <class T>
inline constexpr auto field_text_enums_ok = make_text_enums_ok<T>(std::make_index_sequence<reflect::field_count<T>>{});
template <class T>
inline constexpr auto field_column_options = make_column_options<T>();

template <class T>
constexpr auto make_column_names() {
    constexpr std::size_t count = reflect::field_count<T>;
    std::array<std::string_view, count> out{};
    for (std::size_t i = 0; i < count; ++i)
        out[i] = field_column_options<T>[i].name.empty() ? reflect::field_names<T>[i] : field_column_options<T>[i].name;
    return out;
}
template <class T>
inline constexpr auto field_column_names = make_column_names<T>();

template <class T>
constexpr std::size_t find_id_field() {
    for (std::size_t i = 0; i < reflect::field_count<T>; ++i)
        if (reflect::field_names<T>[i] == "id") return i;
    return reflect::field_count<T>;
}

// Facts about a model's fields, each an array indexed by field position.
template <class T>
struct field_facts {
    static constexpr std::size_t count = reflect::field_count<T>;
    static constexpr const auto& kinds = field_kinds<T>;
    static constexpr const auto& nullable = field_nullable<T>;
    static constexpr const auto& text_enums_ok = field_text_enums_ok<T>;
    static constexpr const auto& field_names = reflect::field_names<T>;
    static constexpr const auto& options = field_column_options<T>;
    static constexpr const auto& column_names = field_column_names<T>;
    static constexpr std::size_t id_field = find_id_field<T>();
};

}  // namespace tabula::detail

namespace tabula {

// The table a model maps to: model<T>::table, or the struct name in snake_case.
template <class T>
inline constexpr std::string_view table_name_of = detail::table_name_view<T>();

// The column field I of T maps to: its declared name, or the field name.
template <class T, std::size_t I>
inline constexpr std::string_view column_name_of = detail::field_facts<T>::column_names[I];

// The column a pointer to member maps to: column_name<&User::email> == "email".
template <auto Member>
    requires reflect::data_member_pointer<Member>
inline constexpr std::string_view column_name = column_name_of<reflect::member_owner<Member>, reflect::field_index<Member>>;

}  // namespace tabula
