// Compile-time view of an aggregate's fields: how many, their types, their names, and which field a
// pointer to member designates. Names come from Boost.PFR's structured-binding tie and
// __PRETTY_FUNCTION__;
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
#include <boost/version.hpp>

// tie() below calls Boost.PFR's structured-binding tie with a field count of our own; that entry
// point is internal to PFR, so the versions it is known in are pinned here.
#if BOOST_VERSION < 107500 || BOOST_VERSION >= 109000
#error "tabula: reflect/fields.hpp supports Boost.PFR from Boost 1.75 to 1.89"
#endif

#include <tabula/reflect/detail/pretty_function.hpp>
#include <tabula/reflect/fixed_string.hpp>

namespace tabula::reflect {

// An aggregate PFR can see through: the only kind of struct tabula maps.
template <class T>
concept reflectable = std::is_aggregate_v<T> && std::is_class_v<T> && !std::is_union_v<T> &&
                      std::is_same_v<T, std::remove_cvref_t<T>>;

namespace detail {

// An initializer that converts to any field type. It converts to an lvalue reference so that the
// converting constructors of std::optional and the like do not compete with it.
struct any_field {
    template <class U>
    operator U&() const noexcept;
};

template <class Model, class Field>
constexpr bool assert_not_a_base() {
    static_assert(!std::is_base_of_v<Field, Model> || std::is_same_v<Field, Model>,
                  "tabula: a model cannot have a base class (its fields are not reflectable one by one); "
                  "put the base's fields in the struct, or make the base a field");
    return true;
}

// The same, for the first field only: converting to a base class of T fails the static_assert
// above. The check sits in the exception specification, which the compiler instantiates whenever
// overload resolution picks the conversion, even in an unevaluated operand; neither a deleted nor
// a constrained conversion can tell a base apart (brace elision and compiler differences).
template <class T>
struct first_field_of {
    template <class U>
    operator U&() const noexcept(assert_not_a_base<T, std::remove_cv_t<U>>());
};

template <class T, std::size_t... I>
constexpr bool initializable(std::index_sequence<I...>) {
    return requires { T{(void(I), any_field{})...}; };
}
template <class T, std::size_t N>
inline constexpr bool initializable_with = initializable<T>(std::make_index_sequence<N>{});

template <class T, std::size_t Low, std::size_t High>
consteval std::size_t narrow_field_count() {
    if constexpr (Low + 1 >= High) {
        return Low;
    } else {
        constexpr std::size_t middle = (Low + High) / 2;
        if constexpr (initializable_with<T, middle>) return narrow_field_count<T, middle, High>();
        else return narrow_field_count<T, Low, middle>();
    }
}

// Doubling, then halving: probes with few initializers, where Boost.PFR 1.81 starts its search at
// sizeof(T) * CHAR_BIT initializers (the dominant cost of reflecting a struct, see
// benchmarks/compile_time). Aggregate initialization with fewer initializers than fields is valid,
// so "initializable with N" holds exactly for N up to the field count.
template <class T, std::size_t N>
consteval std::size_t grow_field_count() {
    if constexpr (N > 1024) return N;
    else if constexpr (initializable_with<T, N * 2>) return grow_field_count<T, N * 2>();
    else return narrow_field_count<T, N, N * 2>();
}

template <class T>
consteval std::size_t count_fields() {
    if constexpr (!initializable_with<T, 1>) return 0;
    else return grow_field_count<T, 1>();
}

template <class T, std::size_t... I>
constexpr bool first_field_is_not_a_base(std::index_sequence<I...>) {
    return requires { T{first_field_of<T>{}, (void(I), any_field{})...}; };
}

template <class T>
consteval std::size_t checked_field_count() {
    constexpr std::size_t count = count_fields<T>();
    if constexpr (count > 0) static_assert(first_field_is_not_a_base<T>(std::make_index_sequence<count - 1>{}));
    return count;
}

}  // namespace detail

template <reflectable T>
inline constexpr std::size_t field_count = detail::checked_field_count<T>();

// References to every field, in order, and field I alone. Boost.PFR's structured-binding tie is
// given the count computed above (its public structure_tie would count again, expensively).
template <class T>
constexpr auto tie(T& value) noexcept {
    return boost::pfr::detail::tie_as_tuple(value, boost::pfr::detail::size_t_<field_count<std::remove_cv_t<T>>>{});
}
template <std::size_t I, class T>
constexpr decltype(auto) get(T& value) noexcept {
    return boost::pfr::detail::sequence_tuple::get<I>(reflect::tie(value));
}

template <std::size_t I, reflectable T>
using field_type = std::remove_reference_t<decltype(reflect::get<I>(std::declval<T&>()))>;

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
    using field = std::remove_cvref_t<decltype(reflect::get<I>(fake_object<T>))>;
    return field_address<field>{std::addressof(reflect::get<I>(fake_object<T>))};
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
        return std::addressof(fake_object<T>.*Member) == std::addressof(reflect::get<I>(fake_object<T>));
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
