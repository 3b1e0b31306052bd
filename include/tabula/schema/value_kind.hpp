// The storage kinds a column can have, independent of any SQL dialect. The sql layer maps each
// kind to a type name per dialect (sql/type_map.hpp); the session maps each to bind/read calls.
#pragma once

#include <cstdint>
#include <string_view>

namespace tabula {

enum class value_kind : std::uint8_t {
    boolean,
    int8,
    int16,
    int32,
    int64,
    uint8,
    uint16,
    uint32,
    uint64,
    float32,
    float64,
    text,
    blob,
    json,
    unsupported,
};

constexpr bool is_integer_kind(value_kind kind) noexcept {
    return kind >= value_kind::int8 && kind <= value_kind::uint64;
}

constexpr std::string_view to_string(value_kind kind) noexcept {
    switch (kind) {
        case value_kind::boolean: return "boolean";
        case value_kind::int8: return "int8";
        case value_kind::int16: return "int16";
        case value_kind::int32: return "int32";
        case value_kind::int64: return "int64";
        case value_kind::uint8: return "uint8";
        case value_kind::uint16: return "uint16";
        case value_kind::uint32: return "uint32";
        case value_kind::uint64: return "uint64";
        case value_kind::float32: return "float32";
        case value_kind::float64: return "float64";
        case value_kind::text: return "text";
        case value_kind::blob: return "blob";
        case value_kind::json: return "json";
        case value_kind::unsupported: return "unsupported";
    }
    return "unsupported";
}

}  // namespace tabula
