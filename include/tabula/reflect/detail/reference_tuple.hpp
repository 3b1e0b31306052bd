// A tuple of references with constant-depth access: each element is a base class tagged with its
// index, and reference_at<I> finds it by overload resolution (derived-to-base deduction), so neither making
// nor reading one instantiates a recursive template, unlike std::tuple. It holds the fields that
// tie_fields (reflect/detail/field_tie.hpp) binds.
#pragma once

#include <cstddef>
#include <utility>

namespace tabula::reflect::detail {

template <std::size_t I, class T>
struct tied_reference {
    T& value;
};

template <class Indices, class... T>
struct reference_tuple;

template <std::size_t... I, class... T>
struct reference_tuple<std::index_sequence<I...>, T...> : tied_reference<I, T>... {};

template <class... T>
constexpr auto make_reference_tuple(T&... values) noexcept {
    return reference_tuple<std::index_sequence_for<T...>, T...>{{values}...};
}

// Element I; T is deduced from the one base tagged I.
template <std::size_t I, class T>
constexpr T& reference_at(const tied_reference<I, T>& element) noexcept {
    return element.value;
}

}  // namespace tabula::reflect::detail
