// Seeds for property tests: TABULA_PROPERTY_SEED=<seed> runs that case first, then fresh random
// seeds up to TABULA_PROPERTY_CASES (or the test's own default). A test prints each case's seed
// (INFO) so that a failure can be rerun exactly.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <random>
#include <vector>

namespace test_support {

inline std::vector<std::uint64_t> property_seeds(std::size_t default_cases) {
    const char* cases = std::getenv("TABULA_PROPERTY_CASES");
    const std::size_t count = cases && *cases ? static_cast<std::size_t>(std::strtoull(cases, nullptr, 10)) : default_cases;
    std::vector<std::uint64_t> out;
    if (const char* s = std::getenv("TABULA_PROPERTY_SEED"); s && *s) out.push_back(std::strtoull(s, nullptr, 10));
    std::random_device device;
    while (out.size() < count) out.push_back((std::uint64_t{device()} << 32) | device());
    return out;
}

}  // namespace test_support
