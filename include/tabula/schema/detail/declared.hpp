// Access to the optional members of a model<T> specialisation, and the member packs of the
// declaration types, so the descriptor builder can treat every model uniformly.
#pragma once

#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>

#include <tabula/reflect/fields.hpp>
#include <tabula/reflect/naming.hpp>
#include <tabula/schema/declarations.hpp>

namespace tabula::detail {

template <auto... Members>
struct member_list {
    static constexpr std::size_t size = sizeof...(Members);
};

template <class Declaration>
struct declaration_parts {
    static constexpr bool known = false;
};
template <auto M>
struct declaration_parts<column<M>> {
    static constexpr bool known = true;
    using members = member_list<M>;
};
template <auto... M>
struct declaration_parts<primary_key<M...>> {
    static constexpr bool known = true;
    using members = member_list<M...>;
};
template <auto... M>
struct declaration_parts<unique<M...>> {
    static constexpr bool known = true;
    using members = member_list<M...>;
};
template <auto... M>
struct declaration_parts<index<M...>> {
    static constexpr bool known = true;
    using members = member_list<M...>;
};
template <auto... M>
struct declaration_parts<foreign_key<M...>> {
    static constexpr bool known = true;
    using members = member_list<M...>;
};

template <class T>
constexpr auto declared_columns() {
    if constexpr (requires { model<T>::columns; }) return model<T>::columns;
    else return std::tuple<>{};
}
template <class T>
constexpr auto declared_uniques() {
    if constexpr (requires { model<T>::unique; }) return model<T>::unique;
    else return std::tuple<>{};
}
template <class T>
constexpr auto declared_indexes() {
    if constexpr (requires { model<T>::indexes; }) return model<T>::indexes;
    else return std::tuple<>{};
}
template <class T>
constexpr auto declared_foreign_keys() {
    if constexpr (requires { model<T>::foreign_keys; }) return model<T>::foreign_keys;
    else return std::tuple<>{};
}

template <class T>
constexpr std::string_view table_name_view() {
    if constexpr (requires { model<T>::table; }) return std::string_view{model<T>::table};
    else return reflect::snake_case_type_name<T>;
}

// Calls f(declaration) for each element of a constexpr tuple of declarations.
template <class Tuple, class F>
constexpr void for_each_declaration(const Tuple& declarations, F&& f) {
    std::apply([&](const auto&... d) { (f(d), ...); }, declarations);
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

// The options declared for field I of T (all defaults when none).
template <class T, std::size_t I>
struct declared_column_options {
    std::string_view name{};
    std::string_view type{};
    std::string_view server_default{};
    bool unique = false;
    bool index = false;
};

template <class T, std::size_t I>
constexpr declared_column_options<T, I> column_options() {
    declared_column_options<T, I> options{};
    for_each_declaration(declared_columns<T>(), [&]<class D>(const D& c) {
        if constexpr (is_column_declaration<D>) {
            if (field_of<T, first_member<D>>() == I) options = {c.name, c.type, c.server_default, c.unique, c.index};
        }
    });
    return options;
}

template <class T, std::size_t I>
constexpr std::string_view declared_column_name() {
    return column_options<T, I>().name;
}

}  // namespace tabula::detail

namespace tabula {

// The table a model maps to: model<T>::table, or the struct name in snake_case.
template <class T>
inline constexpr std::string_view table_name_of = detail::table_name_view<T>();

// The column field I of T maps to: its declared name, or the field name.
template <class T, std::size_t I>
inline constexpr std::string_view column_name_of =
    detail::declared_column_name<T, I>().empty() ? reflect::field_name<T, I> : detail::declared_column_name<T, I>();

// The column a pointer to member maps to: column_name<&User::email> == "email".
template <auto Member>
    requires reflect::data_member_pointer<Member>
inline constexpr std::string_view column_name = column_name_of<reflect::member_owner<Member>, reflect::field_index<Member>>;

}  // namespace tabula
