// What a backend found in a result cell, so the session can check it against the field's type
// before converting (no silent coercion of 'abc' to 0).
#pragma once

#include <cstdint>
#include <string_view>

namespace tabula {

// `bytes` is a BLOB (an enumerator named blob would shadow tabula::blob for GCC's -Wshadow).
// The values are SQLite's fundamental datatype codes, so that the SQLite backend, which reads a
// storage class for every cell, converts with a cast instead of a switch.
enum class storage_class : std::uint8_t { integer = 1, real = 2, text = 3, bytes = 4, null = 5 };

constexpr std::string_view to_string(storage_class storage) noexcept {
    switch (storage) {
        case storage_class::null: return "NULL";
        case storage_class::integer: return "INTEGER";
        case storage_class::real: return "REAL";
        case storage_class::text: return "TEXT";
        case storage_class::bytes: return "BLOB";
    }
    return "NULL";
}

}  // namespace tabula
