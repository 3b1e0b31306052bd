// Fresh databases for backend tests. Every test in tests/backends runs once per backend listed in
// TABULA_TEST_BACKENDS, with the same assertions.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

#include <unistd.h>

#include <tabula/sqlite.hpp>

namespace test_support {

// A directory under $TMPDIR (or /tmp) removed with everything in it when the test ends.
class temp_directory {
public:
    temp_directory() {
        const char* base = std::getenv("TMPDIR");
        std::string pattern = std::string(base && *base ? base : "/tmp") + "/tabula-test-XXXXXX";
        if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot create a temporary directory");
        path_ = pattern;
    }
    temp_directory(const temp_directory&) = delete;
    temp_directory& operator=(const temp_directory&) = delete;
    ~temp_directory() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    const std::filesystem::path& path() const noexcept { return path_; }

private:
    std::filesystem::path path_;
};

template <class Backend>
class database;

// A file database in its own temporary directory, so several sessions can share it.
template <>
class database<tabula::sqlite> {
public:
    // `options` is a URL query string without '?', e.g. "wal=true&busy_timeout=50".
    std::string url(std::string_view options = {}) const {
        std::string url = "sqlite:///" + (directory_.path() / "test.db").string();
        if (!options.empty()) url += "?" + std::string(options);
        return url;
    }
    tabula::session<tabula::sqlite> open(std::string_view options = {}) const { return tabula::session<tabula::sqlite>(url(options)); }
    const std::filesystem::path& directory() const noexcept { return directory_.path(); }
    static constexpr std::string_view name = "sqlite";

private:
    temp_directory directory_;
};

}  // namespace test_support

#define TABULA_TEST_BACKENDS tabula::sqlite
