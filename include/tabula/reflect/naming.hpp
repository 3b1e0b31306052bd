// Name conventions applied at compile time: struct names become snake_case table names.
#pragma once

#include <cstddef>
#include <string_view>

#include <tabula/reflect/fixed_string.hpp>
#include <tabula/reflect/type_name.hpp>

namespace tabula::reflect {

namespace detail {
constexpr bool is_upper(char c) noexcept { return c >= 'A' && c <= 'Z'; }
constexpr bool is_lower_or_digit(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// Writes the snake_case form of `name` into `out` (if given) and returns its length.
// "UserProfile" -> "user_profile", "HTTPRequest" -> "http_request", "chat_message" unchanged.
constexpr std::size_t snake_case(std::string_view name, char* out) {
    std::size_t length = 0;
    auto put = [&](char c) {
        if (out) out[length] = c;
        ++length;
    };
    for (std::size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        if (is_upper(c)) {
            const bool after_word = i > 0 && is_lower_or_digit(name[i - 1]);
            const bool ends_acronym = i > 0 && is_upper(name[i - 1]) && i + 1 < name.size() && is_lower_or_digit(name[i + 1]) &&
                                      !(name[i + 1] >= '0' && name[i + 1] <= '9');
            if (after_word || ends_acronym) put('_');
            put(static_cast<char>(c - 'A' + 'a'));
        } else {
            put(c);
        }
    }
    return length;
}

template <class T>
inline constexpr auto snake_case_storage = [] {
    fixed_string<snake_case(type_name<T>, nullptr)> out;
    snake_case(type_name<T>, out.chars);
    return out;
}();
}  // namespace detail

// "user_profile" for struct UserProfile.
template <class T>
inline constexpr std::string_view snake_case_type_name = detail::snake_case_storage<T>.view();

}  // namespace tabula::reflect
