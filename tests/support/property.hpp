// Seeds for property tests: TABULA_PROPERTY_SEED=<seed> runs that case first, then come the test's
// regression seeds, then fresh random seeds up to TABULA_PROPERTY_CASES cases besides the
// regressions (or the test's own default). A test prints each case's seed (INFO) so that a
// failure can be rerun exactly.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <initializer_list>
#include <random>
#include <vector>

namespace test_support {

// `regressions` are seeds that once found a bug: they run every time, before the random ones.
inline std::vector<std::uint64_t> property_seeds(std::size_t default_cases, std::initializer_list<std::uint64_t> regressions = {}) {
    const char* cases = std::getenv("TABULA_PROPERTY_CASES");
    const std::size_t count = cases && *cases ? static_cast<std::size_t>(std::strtoull(cases, nullptr, 10)) : default_cases;
    std::vector<std::uint64_t> out;
    if (const char* s = std::getenv("TABULA_PROPERTY_SEED"); s && *s) out.push_back(std::strtoull(s, nullptr, 10));
    out.insert(out.end(), regressions.begin(), regressions.end());
    const std::size_t wanted = regressions.size() + count;
    std::random_device device;
    while (out.size() < wanted) out.push_back((std::uint64_t{device()} << 32) | device());
    return out;
}

}  // namespace test_support
