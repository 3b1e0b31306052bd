// Which C++ field types a model may hold and how each is stored. Applications opt types in here:
//   template <> inline constexpr bool tabula::stored_as_json<app::Settings> = true;
//   template <> inline constexpr auto tabula::enum_storage_of<app::Role> = tabula::enum_storage::text;
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

// Declarations only: nlohmann/json.hpp costs every includer about a second of parsing, and a
// program with JSON fields includes it itself (its fields need the complete type).
#include <nlohmann/json_fwd.hpp>

#include <tabula/reflect/enum_names.hpp>
#include <tabula/schema/value_kind.hpp>

namespace tabula {

// A type stored as JSON text (TEXT on SQLite, JSON/JSONB elsewhere) through nlohmann::json's
// to_json/from_json. nlohmann::json itself always is.
template <class T>
inline constexpr bool stored_as_json = false;

enum class enum_storage : std::uint8_t { integer, text };

// Enums are stored as their underlying integer unless declared text, which stores the
// enumerator's name (see reflect/enum_names.hpp for the scanned range).
template <class E>
inline constexpr enum_storage enum_storage_of = enum_storage::integer;

// Raw bytes.
using blob = std::vector<std::byte>;

namespace detail {
// nlohmann::json, named through T so that it is completed only where a JSON value is written
// or read, by then the program has included <nlohmann/json.hpp>.
template <class T>
struct json_document_of {
    using type = nlohmann::json;
};
template <class T>
using json_document = typename json_document_of<T>::type;

// Any nlohmann::basic_json instantiation (json, ordered_json, one of the application's own): all
// of them expose nlohmann's one value_t enumeration, public as basic_json::value_t. Neither of the
// obvious alternatives is public API: nlohmann's own trait is in nlohmann::detail, and
// basic_json's template parameter list, which a partial specialisation would have to spell out,
// grows between releases (3.11.3 added CustomBaseClass).
template <class T>
concept nlohmann_basic_json = requires {
    typename T::object_t;
    typename T::array_t;
    typename T::json_pointer;
    requires std::is_same_v<typename T::value_t, typename json_document<T>::value_t>;
};

template <class T>
inline constexpr bool is_nlohmann_json = nlohmann_basic_json<T>;

template <class T>
inline constexpr bool is_optional = false;
template <class T>
inline constexpr bool is_optional<std::optional<T>> = true;

template <class T>
inline constexpr bool is_system_time_point = false;
template <class Duration>
inline constexpr bool is_system_time_point<std::chrono::time_point<std::chrono::system_clock, Duration>> = true;

template <class T>
inline constexpr bool is_duration = false;
template <class Rep, class Period>
inline constexpr bool is_duration<std::chrono::duration<Rep, Period>> = true;

template <class I>
constexpr value_kind integer_kind() {
    if constexpr (std::is_signed_v<I>) {
        if constexpr (sizeof(I) == 1) return value_kind::int8;
        else if constexpr (sizeof(I) == 2) return value_kind::int16;
        else if constexpr (sizeof(I) == 4) return value_kind::int32;
        else return value_kind::int64;
    } else {
        if constexpr (sizeof(I) == 1) return value_kind::uint8;
        else if constexpr (sizeof(I) == 2) return value_kind::uint16;
        else if constexpr (sizeof(I) == 4) return value_kind::uint32;
        else return value_kind::uint64;
    }
}

// `char` is left out on purpose: it is a character, a small integer or a byte depending on intent.
template <class T>
inline constexpr bool is_plain_integer =
    std::is_integral_v<T> && !std::is_same_v<T, bool> && !std::is_same_v<T, char> && !std::is_same_v<T, wchar_t> &&
    !std::is_same_v<T, char8_t> && !std::is_same_v<T, char16_t> && !std::is_same_v<T, char32_t> && sizeof(T) <= 8;

template <class T>
constexpr value_kind kind_of() {
    if constexpr (std::is_same_v<T, bool>) return value_kind::boolean;
    else if constexpr (is_plain_integer<T>) return integer_kind<T>();
    else if constexpr (std::is_same_v<T, float>) return value_kind::float32;
    else if constexpr (std::is_same_v<T, double>) return value_kind::float64;
    else if constexpr (std::is_same_v<T, std::string>) return value_kind::text;
    else if constexpr (std::is_same_v<T, blob>) return value_kind::blob;
    else if constexpr (is_nlohmann_json<T> || stored_as_json<T>) return value_kind::json;
    else if constexpr (std::is_enum_v<T>) {
        if constexpr (enum_storage_of<T> == enum_storage::text) return value_kind::text;
        else return integer_kind<std::underlying_type_t<T>>();
    } else if constexpr (is_system_time_point<T>) {
        if constexpr (is_plain_integer<typename T::rep>) return value_kind::int64;
        else return value_kind::unsupported;
    }
    else if constexpr (is_duration<T>) {
        if constexpr (is_plain_integer<typename T::rep>) return value_kind::int64;
        else return value_kind::unsupported;
    } else return value_kind::unsupported;
}
}  // namespace detail

// How a field type is stored: its kind and whether NULL is allowed (std::optional).
template <class T>
struct value_traits {
    static constexpr bool nullable = false;
    static constexpr value_kind kind = detail::kind_of<T>();
};

template <class T>
struct value_traits<std::optional<T>> {
    static constexpr bool nullable = true;
    static constexpr value_kind kind = detail::is_optional<T> ? value_kind::unsupported : detail::kind_of<T>();
};

// Text enums need readable enumerator names, which need a fixed underlying type.
template <class T>
inline constexpr bool enum_text_well_formed = true;
template <class T>
    requires std::is_enum_v<T>
inline constexpr bool enum_text_well_formed<T> =
    enum_storage_of<T> != enum_storage::text || reflect::fixed_underlying_enum<T>;

template <class T>
concept storable = value_traits<T>::kind != value_kind::unsupported;

}  // namespace tabula
