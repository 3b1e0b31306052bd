// Compile-time view of an aggregate's fields: how many, their types, their names, and which field a
// pointer to member designates. Names come from Boost.PFR's structure_tie and __PRETTY_FUNCTION__;
// the struct needs external linkage because its fields are addressed through an extern object that
// is never defined (only addresses are taken, so nothing is read or linked).
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include <boost/pfr/core.hpp>
#include <boost/pfr/tuple_size.hpp>

#include <tabula/reflect/detail/pretty_function.hpp>
#include <tabula/reflect/fixed_string.hpp>

namespace tabula::reflect {

// An aggregate PFR can see through: the only kind of struct tabula maps.
template <class T>
concept reflectable = std::is_aggregate_v<T> && std::is_class_v<T> && !std::is_union_v<T> &&
                      std::is_same_v<T, std::remove_cvref_t<T>>;

template <reflectable T>
inline constexpr std::size_t field_count = boost::pfr::tuple_size_v<T>;

template <std::size_t I, reflectable T>
using field_type = boost::pfr::tuple_element_t<I, T>;

namespace detail {

#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wundefined-var-template"
#endif

// Declared, never defined: its fields are only ever addressed at compile time.
template <class T>
extern const T fake_object;

// Clang prints a bare pointer argument without the member's name; wrapped in a struct it prints
// "{&fake_object.field}". GCC prints the name either way.
template <class T>
struct field_address {
    const T* pointer;
};

template <class T, std::size_t I>
consteval auto address_of_field() {
    using field = std::remove_cvref_t<decltype(std::get<I>(boost::pfr::structure_tie(fake_object<T>)))>;
    return field_address<field>{std::addressof(std::get<I>(boost::pfr::structure_tie(fake_object<T>)))};
}

template <auto Address>
consteval std::string_view pretty_field() {
    return __PRETTY_FUNCTION__;
}

template <class T, std::size_t I>
consteval std::string_view field_name_view() {
    return trailing_identifier(pretty_field<address_of_field<T, I>()>());
}

template <class T, std::size_t I>
inline constexpr auto field_name_storage = to_fixed_string<field_name_view<T, I>().size()>(field_name_view<T, I>());

template <class T, class M, M T::*Member, std::size_t I>
consteval bool designates() {
    if constexpr (std::is_same_v<std::remove_cv_t<M>, field_type<I, T>>) {
        return std::addressof(fake_object<T>.*Member) == std::addressof(std::get<I>(boost::pfr::structure_tie(fake_object<T>)));
    } else {
        return false;
    }
}

template <class T, class M, M T::*Member>
consteval std::size_t index_of_member() {
    return []<std::size_t... I>(std::index_sequence<I...>) {
        std::size_t found = sizeof...(I);
        (void)((designates<T, M, Member, I>() ? (found = I, true) : false) || ...);
        return found;
    }(std::make_index_sequence<field_count<T>>{});
}

#if defined(__clang__)
#pragma clang diagnostic pop
#endif

template <class T>
struct member_pointer_parts;
template <class C, class M>
struct member_pointer_parts<M C::*> {
    using owner = C;
    using member = M;
};

}  // namespace detail

// The name of field I as written in the struct.
template <reflectable T, std::size_t I>
inline constexpr std::string_view field_name = detail::field_name_storage<T, I>.view();

// All field names in declaration order.
template <reflectable T>
inline constexpr auto field_names = []<std::size_t... I>(std::index_sequence<I...>) {
    return std::array<std::string_view, sizeof...(I)>{field_name<T, I>...};
}(std::make_index_sequence<field_count<T>>{});

// The struct a pointer to data member belongs to, and the member's type.
template <auto Member>
using member_owner = typename detail::member_pointer_parts<decltype(Member)>::owner;
template <auto Member>
using member_type = typename detail::member_pointer_parts<decltype(Member)>::member;

template <auto Member>
concept data_member_pointer = std::is_member_object_pointer_v<decltype(Member)>;

// The position of the field a pointer to member designates: &User::email -> 2.
template <auto Member>
    requires data_member_pointer<Member> && reflectable<member_owner<Member>>
inline constexpr std::size_t field_index =
    detail::index_of_member<member_owner<Member>, member_type<Member>, Member>();

// Calls f(std::integral_constant<std::size_t, I>{}) for every field index, in order.
template <reflectable T, class F>
constexpr void for_each_field_index(F&& f) {
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        (f(std::integral_constant<std::size_t, I>{}), ...);
    }(std::make_index_sequence<field_count<T>>{});
}

}  // namespace tabula::reflect
