// Small text helpers for tests.
#pragma once

#include <string>
#include <string_view>

namespace test_support {

// "id-" + std::to_string(n), by appending: GCC 12 at -O3 warns (-Wrestrict, wrongly) on a string
// literal + std::string.
inline std::string numbered(std::string_view prefix, long long n) {
    std::string out(prefix);
    out += std::to_string(n);
    return out;
}

}  // namespace test_support
