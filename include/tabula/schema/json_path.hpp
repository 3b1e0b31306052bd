// What a JSON path is, shared by the query layer's tabula::json<> and the schema's
// tabula::json_index: the path syntax every dialect reads alike, and the scalar types a value
// at a path is read as.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

#include <tabula/schema/value_kind.hpp>

namespace tabula::detail {

constexpr bool path_key_character(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

// "$" then steps ".key" (letters, digits, _ and -) and "[index]": the subset of JSON path that
// reads the same in SQLite, MySQL and, translated to a text array, PostgreSQL.
constexpr bool valid_json_path(std::string_view path) noexcept {
    if (path.empty() || path[0] != '$') return false;
    std::size_t i = 1;
    while (i < path.size()) {
        if (path[i] == '.') {
            const std::size_t start = ++i;
            while (i < path.size() && path_key_character(path[i])) ++i;
            if (i == start) return false;
        } else if (path[i] == '[') {
            const std::size_t start = ++i;
            while (i < path.size() && path[i] >= '0' && path[i] <= '9') ++i;
            if (i == start || i >= path.size() || path[i] != ']') return false;
            ++i;
        } else {
            return false;
        }
    }
    return true;
}

template <class T>
inline constexpr bool json_scalar =
    std::is_same_v<T, std::string> || std::is_same_v<T, bool> || std::is_same_v<T, std::int64_t> || std::is_same_v<T, double>;

// The kind a JSON scalar is read as: text, boolean, int64 or float64.
template <class T>
    requires json_scalar<T>
inline constexpr value_kind json_scalar_kind = std::is_same_v<T, std::string> ? value_kind::text
                                               : std::is_same_v<T, bool>      ? value_kind::boolean
                                               : std::is_same_v<T, double>    ? value_kind::float64
                                                                              : value_kind::int64;

}  // namespace tabula::detail
