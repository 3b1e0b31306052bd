// Compile-time names of types: the qualified name as the compiler spells it and the bare struct
// name, both as constants usable in static_assert.
#pragma once

#include <string_view>

#include <tabula/reflect/detail/pretty_function.hpp>
#include <tabula/reflect/fixed_string.hpp>

namespace tabula::reflect {

namespace detail {
template <class T>
consteval std::string_view pretty_type() {
    return __PRETTY_FUNCTION__;
}

template <class T>
consteval std::string_view qualified_name_view() {
    return template_argument_text(pretty_type<T>(), "T");
}

template <class T>
inline constexpr auto qualified_name_storage =
    to_fixed_string<qualified_name_view<T>().size()>(qualified_name_view<T>());

template <class T>
inline constexpr auto unqualified_name_storage =
    to_fixed_string<unqualified_name(qualified_name_view<T>()).size()>(unqualified_name(qualified_name_view<T>()));
}  // namespace detail

// "app::User" for app::User.
template <class T>
inline constexpr std::string_view qualified_type_name = detail::qualified_name_storage<T>.view();

// "User" for app::User and for app::User<int>.
template <class T>
inline constexpr std::string_view type_name = detail::unqualified_name_storage<T>.view();

}  // namespace tabula::reflect
