// Compile-time names of enumerators, for enums a model stores as text. Each value in the scanned
// range is tested by printing it as a template argument: a named enumerator prints as its name,
// any other value as a cast "(E)5". The range is [0, 128) unless enum_range<E> says otherwise.
#pragma once

#include <array>
#include <cstddef>
#include <limits>
#include <string_view>
#include <type_traits>
#include <utility>

#include <tabula/reflect/detail/pretty_function.hpp>
#include <tabula/reflect/fixed_string.hpp>

namespace tabula {

// Specialise to widen or move the scanned range for one enum: a wider range costs compile time.
template <class E>
struct enum_range {
    static constexpr long long min = 0;
    static constexpr long long max = 127;
};

}  // namespace tabula

namespace tabula::reflect {

namespace detail {

template <auto Value>
consteval std::string_view pretty_enumerator() {
    return __PRETTY_FUNCTION__;
}

template <auto Value>
consteval std::string_view enumerator_name_view() {
    const std::string_view text = template_argument_text(pretty_enumerator<Value>(), "Value");
    if (text.empty() || text.front() == '(' || (text.front() >= '0' && text.front() <= '9') || text.front() == '-')
        return {};
    const std::size_t scope = text.rfind("::");
    return scope == std::string_view::npos ? text : text.substr(scope + 2);
}

template <auto Value>
inline constexpr auto enumerator_name_storage =
    to_fixed_string<enumerator_name_view<Value>().size()>(enumerator_name_view<Value>());

}  // namespace detail

// Only an enum with a fixed underlying type (every enum class, or `enum E : int`) may hold every
// value of the scanned range; for others, even forming the value is undefined.
template <class E>
concept fixed_underlying_enum = std::is_enum_v<E> && requires { E{std::underlying_type_t<E>{}}; };

namespace detail {
template <class E>
consteval long long clamp_to_underlying(long long value) {
    using U = std::underlying_type_t<E>;
    const long long low = std::numeric_limits<U>::is_signed ? static_cast<long long>(std::numeric_limits<U>::min()) : 0;
    const long long high = static_cast<unsigned long long>(std::numeric_limits<U>::max()) >
                                   static_cast<unsigned long long>(std::numeric_limits<long long>::max())
                               ? std::numeric_limits<long long>::max()
                               : static_cast<long long>(std::numeric_limits<U>::max());
    return value < low ? low : value > high ? high : value;
}
}  // namespace detail

template <class E>
struct enumerator {
    E value;
    std::string_view name;
};

// Every named enumerator of E inside enum_range<E>, in ascending value order.
namespace detail {
// Names of every value in the scanned range, empty for unnamed values. A braced list, not a fold:
// folds over hundreds of values exceed Clang's nesting limit.
template <class E, long long Low, std::size_t... I>
constexpr auto scanned_names(std::index_sequence<I...>) {
    return std::array<std::string_view, sizeof...(I)>{
        enumerator_name_storage<static_cast<E>(Low + static_cast<long long>(I))>.view()...};
}
}  // namespace detail

// Every named enumerator of E inside enum_range<E>, in ascending value order.
template <fixed_underlying_enum E>
inline constexpr auto enumerators = [] {
    constexpr long long low = detail::clamp_to_underlying<E>(enum_range<E>::min);
    constexpr long long count = detail::clamp_to_underlying<E>(enum_range<E>::max) - low + 1;
    static_assert(count > 0 && count <= 1024, "tabula: enum_range<E> must span 1 to 1024 values");
    constexpr auto names = detail::scanned_names<E, low>(std::make_index_sequence<static_cast<std::size_t>(count)>{});
    constexpr std::size_t named = [&] {
        std::size_t n = 0;
        for (std::string_view name : names) n += !name.empty();
        return n;
    }();
    std::array<enumerator<E>, named> out{};
    std::size_t next = 0;
    for (std::size_t i = 0; i < names.size(); ++i)
        if (!names[i].empty()) out[next++] = {static_cast<E>(low + static_cast<long long>(i)), names[i]};
    return out;
}();

}  // namespace tabula::reflect
