// A string whose characters are part of its type's value: usable as a template argument and as
// static storage for names and SQL text computed at compile time.
#pragma once

#include <cstddef>
#include <string_view>

namespace tabula {

template <std::size_t N>
struct fixed_string {
    char chars[N + 1]{};

    constexpr fixed_string() = default;
    // The terminator is written explicitly: Clang then prints the value as a string literal in
    // diagnostics, which is how model errors show the field name.
    constexpr fixed_string(const char (&text)[N + 1]) {
        for (std::size_t i = 0; i < N; ++i) chars[i] = text[i];
        chars[N] = '\0';
    }

    static constexpr std::size_t size() noexcept { return N; }
    constexpr std::string_view view() const noexcept { return {chars, N}; }
    constexpr operator std::string_view() const noexcept { return view(); }
    constexpr const char* c_str() const noexcept { return chars; }
};

template <std::size_t N>
fixed_string(const char (&)[N]) -> fixed_string<N - 1>;

// Copies a string_view that is a constant expression into static storage of exactly its size.
template <std::size_t N>
constexpr fixed_string<N> to_fixed_string(std::string_view text) {
    fixed_string<N> out;
    for (std::size_t i = 0; i < N; ++i) out.chars[i] = text[i];
    out.chars[N] = '\0';
    return out;
}

}  // namespace tabula
