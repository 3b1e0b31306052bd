// Compile-time view of a struct's fields: how many, their types, their names, and which field a
// pointer to member designates. Aggregates are seen through a structured binding of the counted
// fields (reflect/detail/field_tie.hpp), names through __PRETTY_FUNCTION__; a struct_adapter
// specialisation (<tabula/reflect/hana.hpp> for Boost.Hana Structs) replaces both for structs an
// aggregate's binding cannot see through. The struct needs
// external linkage because its fields are addressed through an extern object that is never
// defined (only addresses are taken, so nothing is read or linked).
#pragma once

#include <array>
#include <concepts>
#include <cstddef>
#include <memory>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include <tabula/reflect/detail/field_tie.hpp>
#include <tabula/reflect/detail/pretty_function.hpp>
#include <tabula/reflect/fixed_string.hpp>

namespace tabula::reflect {

// How the fields of a struct a structured binding cannot see through (a base class, a
// user-declared constructor, private members) are found. The primary template adapts nothing, so
// aggregates take the structured-binding path below; a specialisation provides
//   static constexpr std::size_t field_count;
//   template <std::size_t I, class U> static constexpr auto& get(U& value);  // U: T or const T
//   template <std::size_t I> static constexpr std::string_view field_name;
// It must be visible wherever the struct is reflected (include it with the struct's definition).
template <class T>
struct struct_adapter {};

template <class T>
concept adapted_struct = requires {
    { struct_adapter<T>::field_count } -> std::convertible_to<std::size_t>;
};

// A struct tabula can map: an aggregate, or an adapted struct.
template <class T>
concept reflectable = std::is_class_v<T> && !std::is_union_v<T> && std::is_same_v<T, std::remove_cvref_t<T>> &&
                      (std::is_aggregate_v<T> || adapted_struct<T>);

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
                  "put the base's fields in the struct, make the base a field, or adapt the model as a Boost.Hana "
                  "Struct listing the base's fields too (BOOST_HANA_ADAPT_STRUCT) and include <tabula/reflect/hana.hpp>");
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

// Whether T takes N initializers: empty braces (reflect/detail/field_tie.hpp), far cheaper to
// compile and exact when every field can be value-initialized, as every model's can; or
// initializers converting to any type.
template <class T, bool Braces, std::size_t N>
consteval bool takes_initializers() {
    if constexpr (Braces) return brace_probe<N>::template takes<T>;
    else return initializable_with<T, N>;
}

template <class T, bool Braces, std::size_t Low, std::size_t High>
consteval std::size_t narrow_field_count() {
    if constexpr (Low + 1 >= High) {
        return Low;
    } else {
        constexpr std::size_t middle = (Low + High) / 2;
        if constexpr (takes_initializers<T, Braces, middle>()) return narrow_field_count<T, Braces, middle, High>();
        else return narrow_field_count<T, Braces, Low, middle>();
    }
}

// Doubling, then halving: probes with few initializers, where Boost.PFR 1.81's own count starts its
// search at sizeof(T) * CHAR_BIT initializers (the dominant cost of reflecting a struct, see
// benchmarks/compile_time). Aggregate initialization with fewer initializers than fields is valid,
// so "takes N initializers" holds exactly for N up to the field count.
template <class T, bool Braces, std::size_t N>
consteval std::size_t grow_field_count() {
    if constexpr (N > 1024) return N;
    else if constexpr (takes_initializers<T, Braces, N * 2>()) return grow_field_count<T, Braces, N * 2>();
    else return narrow_field_count<T, Braces, N, N * 2>();
}

template <class T, bool Braces>
consteval std::size_t search_field_count() {
    if constexpr (!takes_initializers<T, Braces, 1>()) return 0;
    else return grow_field_count<T, Braces, 1>();
}

template <class T>
consteval std::size_t count_fields_converting() {
    return search_field_count<T, false>();
}

// Counted with braces first. A field that cannot be value-initialized (a reference, a type
// without a usable default constructor) ends that count early; an initializer converting to any
// type after the counted braces tells, and the converting search counts instead.
template <class T>
consteval std::size_t count_fields() {
    constexpr std::size_t braced = search_field_count<T, true>();
    if constexpr (braced == 0 ? initializable_with<T, 1> : brace_probe<braced>::template takes<T, any_field>)
        return count_fields_converting<T>();
    else
        return braced;
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

namespace detail {
template <class T>
consteval std::size_t field_count_of() {
    if constexpr (adapted_struct<T>) return struct_adapter<T>::field_count;
    else return checked_field_count<T>();
}
}  // namespace detail

template <reflectable T>
inline constexpr std::size_t field_count = detail::field_count_of<T>();

namespace detail {
// References to every field of an aggregate, in order, bound with the count computed above.
// Boost.PFR's public structure_tie would count again, expensively (see grow_field_count), and its
// tie taking a count is internal to PFR, so tabula binds the fields itself.
template <class T>
constexpr auto tie(T& value) noexcept {
    constexpr std::size_t count = field_count<std::remove_cv_t<T>>;
    static_assert(count <= max_tied_fields,
                  "tabula: this model has more fields than reflect/detail/field_tie.hpp binds; regenerate it "
                  "with scripts/generate-field-tie <count>, or adapt the model as a Boost.Hana Struct");
    if constexpr (count <= max_tied_fields) return tie_fields(value, field_count_tag<count>{});
}
}  // namespace detail

namespace detail {
// An adapted struct's fields, read through its adapter.
template <class T>
struct adapted_fields {
    T& value;
};
template <std::size_t I, class T>
constexpr auto& reference_at(const adapted_fields<T>& fields) noexcept {
    return struct_adapter<std::remove_cv_t<T>>::template get<I>(fields.value);
}
}  // namespace detail

// Every field at once, for code that visits each: reflect::tied<I>(fields) reads field I. One
// binding serves all fields, where get<I> binds them again for each (a function per field and
// model, which a model's row binding and reading used to instantiate).
template <class T>
constexpr auto tie_all(T& value) noexcept {
    if constexpr (adapted_struct<std::remove_cv_t<T>>) return detail::adapted_fields<T>{value};
    else return detail::tie(value);
}
template <std::size_t I, class Tied>
constexpr auto& tied(const Tied& fields) noexcept {
    return detail::reference_at<I>(fields);
}

// Field I alone.
template <std::size_t I, class T>
constexpr decltype(auto) get(T& value) noexcept {
    if constexpr (adapted_struct<std::remove_cv_t<T>>) return struct_adapter<std::remove_cv_t<T>>::template get<I>(value);
    else return detail::reference_at<I>(detail::tie(value));
}

namespace detail {
// A class, not an alias of the decltype: the compiler keeps a class template's instantiation, so
// the overload resolution behind a field's type runs once per field, not at every use.
template <std::size_t I, class T>
struct field_type_of {
    using type = std::remove_reference_t<decltype(detail::reference_at<I>(reflect::tie_all(std::declval<T&>())))>;
};
}  // namespace detail

template <std::size_t I, reflectable T>
using field_type = typename detail::field_type_of<I, T>::type;

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

template <class T, std::size_t I>
consteval std::string_view field_name_of() {
    if constexpr (adapted_struct<T>) return struct_adapter<T>::template field_name<I>;
    else return field_name_storage<T, I>.view();
}

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
inline constexpr std::string_view field_name = detail::field_name_of<T, I>();

// All field names in declaration order.
template <reflectable T>
inline constexpr auto field_names = []<std::size_t... I>(std::index_sequence<I...>) {
    return std::array<std::string_view, sizeof...(I)>{field_name<T, I>...};
}(std::make_index_sequence<field_count<T>>{});

// A field designated by its name, where &T::field cannot designate it as a field of T: a member of
// a base class (its pointer is a pointer to a member of the base, and neither compiler accepts it
// converted to T as a template argument) or a private member (not accessible outside T).
// tabula::named_field<T, "name"> stands wherever a declaration or a query takes &T::field.
template <class T, fixed_string Name>
struct field_designator {
    static constexpr auto name = Name;
};

namespace detail {

template <class T, fixed_string Name>
consteval std::size_t checked_index_of_name() {
    constexpr std::size_t index = [] {
        for (std::size_t i = 0; i < field_count<T>; ++i)
            if (field_names<T>[i] == Name.view()) return i;
        return field_count<T>;
    }();
    static_assert(index < field_count<T>, "tabula: named_field<Model, Name>: the model has no field of this name");
    return index;
}

template <class T, fixed_string Name>
struct member_pointer_parts<field_designator<T, Name>> {
    using owner = T;
    using member = field_type<checked_index_of_name<T, Name>(), T>;
};

template <class D>
inline constexpr bool is_field_designator = false;
template <class T, fixed_string Name>
inline constexpr bool is_field_designator<field_designator<T, Name>> = true;

}  // namespace detail

// The struct a pointer to data member (or a named_field) belongs to, and the member's type.
template <auto Member>
using member_owner = typename detail::member_pointer_parts<std::remove_cv_t<decltype(Member)>>::owner;
template <auto Member>
using member_type = typename detail::member_pointer_parts<std::remove_cv_t<decltype(Member)>>::member;

template <auto Member>
concept data_member_pointer =
    std::is_member_object_pointer_v<decltype(Member)> || detail::is_field_designator<std::remove_cv_t<decltype(Member)>>;

namespace detail {
template <auto Member>
consteval std::size_t index_of() {
    if constexpr (is_field_designator<std::remove_cv_t<decltype(Member)>>)
        return checked_index_of_name<member_owner<Member>, std::remove_cv_t<decltype(Member)>::name>();
    else return index_of_member<member_owner<Member>, member_type<Member>, Member>();
}
}  // namespace detail

// The position of the field a pointer to member designates: &User::email -> 2.
template <auto Member>
    requires data_member_pointer<Member> && reflectable<member_owner<Member>>
inline constexpr std::size_t field_index = detail::index_of<Member>();

// Calls f(std::integral_constant<std::size_t, I>{}) for every field index, in order.
template <reflectable T, class F>
constexpr void for_each_field_index(F&& f) {
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        (f(std::integral_constant<std::size_t, I>{}), ...);
    }(std::make_index_sequence<field_count<T>>{});
}

}  // namespace tabula::reflect

namespace tabula {

// The field of T named Name: tabula::named_field<app::Article, "id">.
template <class T, fixed_string Name>
inline constexpr reflect::field_designator<T, Name> named_field{};

}  // namespace tabula
