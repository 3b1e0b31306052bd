// Numbers from the decimal text servers send (PostgreSQL's text results, MySQL's DECIMAL).
//
// A row of numbers is mostly parsing, so integers take a short path: digits are accumulated
// without std::from_chars's per-digit overflow checks (19 digits cannot overflow 64 unsigned bits;
// the sign's limit is tested once). The results are std::from_chars's.
#pragma once

#include <charconv>
#include <cstdint>
#include <limits>
#include <string_view>

namespace tabula::detail {

// The whole text as a decimal integer that fits int64 ("-42"); false for anything else,
// including a value out of range, a sign without digits, '+', spaces or a fraction.
inline bool parse_int64(std::string_view text, std::int64_t& out) noexcept {
    const char* p = text.data();
    const char* const end = p + text.size();
    const bool negative = p != end && *p == '-';
    p += negative ? 1 : 0;
    const char* const first_digit = p;
    while (p != end && *p == '0') ++p;  // leading zeros (MySQL's ZEROFILL)
    if (p == end) {
        if (p == first_digit) return false;
        out = 0;
        return true;
    }
    if (end - p > 19) return false;
    std::uint64_t magnitude = 0;
    for (; p != end; ++p) {
        const unsigned digit = static_cast<unsigned>(static_cast<unsigned char>(*p)) - unsigned{'0'};
        if (digit > 9) return false;
        magnitude = magnitude * 10 + digit;
    }
    constexpr auto largest = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (magnitude > largest + (negative ? 1 : 0)) return false;
    out = negative ? static_cast<std::int64_t>(0 - magnitude) : static_cast<std::int64_t>(magnitude);
    return true;
}

// An integral DECIMAL or NUMERIC such as "-120" (SUM over integers returns one) reads as an
// integer; one beyond int64 does not, so that an integer field refuses it rather than wrap.
inline bool integral_text(std::string_view text) noexcept {
    std::int64_t ignored = 0;
    return parse_int64(text, ignored);
}

// The whole text as a double, as std::from_chars reads it; false (and `out` untouched) when it
// does not read all of it. (A short path for short decimals measured slower on typical data:
// most doubles printed in full have 17 significant digits, and scanning them first is waste.)
inline bool parse_double(std::string_view text, double& out) noexcept {
    double parsed = 0;
    const auto [stop, problem] = std::from_chars(text.data(), text.data() + text.size(), parsed);
    if (problem != std::errc{} || stop != text.data() + text.size()) return false;
    out = parsed;
    return true;
}

}  // namespace tabula::detail
