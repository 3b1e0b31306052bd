// Fresh databases for backend tests. Every test in tests/backends runs once per backend this build
// has (TABULA_TEST_BACKENDS), with the same assertions:
//   SQLite      a file in its own temporary directory
//   PostgreSQL  a schema of its own (the URL's `schema` option) in the test server's database
//   MySQL       a database of its own on the test server
// The servers are started by scripts/test-servers (a CTest fixture); their URLs are read from
// the directory named by TABULA_TEST_SERVERS.
#pragma once

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>

#include <unistd.h>

#include <tabula/sqlite.hpp>
#if TABULA_TEST_WITH_POSTGRES
#include <tabula/postgres.hpp>
#endif
#if TABULA_TEST_WITH_MYSQL
#include <tabula/mysql.hpp>
#endif

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

// The directory scripts/test-servers started the servers in.
inline std::filesystem::path servers_directory() {
    const char* dir = std::getenv("TABULA_TEST_SERVERS");
    if (!dir || !*dir)
        throw std::runtime_error("TABULA_TEST_SERVERS is not set: run the server suites through ctest, which starts the test servers");
    return dir;
}

// A URL that scripts/test-servers wrote: "postgres", "postgres-tcp", "mysql", "pgbouncer", ...
inline std::string server_url(std::string_view server) {
    const auto file = servers_directory() / (std::string(server) + ".url");
    std::ifstream in(file);
    std::string url;
    if (!std::getline(in, url) || url.empty())
        throw std::runtime_error("no test server URL in " + file.string() + ": is the " + std::string(server) + " test server running?");
    return url;
}

// Names unique to this process and test: schemas and databases of concurrent test programs never meet.
inline std::string unique_name(std::string_view prefix) {
    static std::atomic<int> counter{0};
    return std::string(prefix) + std::to_string(::getpid()) + "_" + std::to_string(++counter);
}

template <class Backend>
class database;

#ifdef TABULA_SQLCIPHER
// The key of the SQLCipher suite's databases: characters a URL must percent-encode.
inline constexpr std::string_view sqlcipher_key = "t\xc3\xa4" "bula key: @/%?#&=+";
#endif

// A file database in its own temporary directory, so several sessions can share it. Built with
// SQLCipher (tabula_sqlcipher_tests), the file is encrypted with sqlcipher_key.
template <>
class database<tabula::sqlite> {
public:
    // `options` is a URL query string without '?', e.g. "wal=true&busy_timeout=50".
    std::string url(std::string_view options = {}) const {
#ifdef TABULA_SQLCIPHER
        std::string url = "sqlite+sqlcipher://:" + tabula::detail::percent_encode(sqlcipher_key) + "@/" + (directory_.path() / "test.db").string();
#else
        std::string url = "sqlite:///" + (directory_.path() / "test.db").string();
#endif
        if (!options.empty()) url += "?" + std::string(options);
        return url;
    }
    tabula::session<tabula::sqlite> open(std::string_view options = {}) const { return tabula::session<tabula::sqlite>(url(options)); }
    const std::filesystem::path& directory() const noexcept { return directory_.path(); }
    static constexpr std::string_view name = "sqlite";

private:
    temp_directory directory_;
};

#if TABULA_TEST_WITH_POSTGRES
template <>
class database<tabula::postgres> {
public:
    database() : base_(server_url("postgres")), schema_(unique_name("t")) {
        tabula::session<tabula::postgres> admin(base_);
        admin.execute("CREATE SCHEMA \"" + schema_ + "\"");
    }
    database(const database&) = delete;
    database& operator=(const database&) = delete;
    ~database() {
        try {
            tabula::session<tabula::postgres> admin(base_);
            admin.execute("DROP SCHEMA \"" + schema_ + "\" CASCADE");
        } catch (...) {
            // A test that stopped the server leaves its schema to the server's directory.
        }
    }
    std::string url(std::string_view options = {}) const {
        std::string url = base_ + "?schema=" + schema_;
        if (!options.empty()) url += "&" + std::string(options);
        return url;
    }
    tabula::session<tabula::postgres> open(std::string_view options = {}) const { return tabula::session<tabula::postgres>(url(options)); }
    const std::string& schema() const noexcept { return schema_; }
    static constexpr std::string_view name = "postgres";

private:
    std::string base_;
    std::string schema_;
};
#endif

#if TABULA_TEST_WITH_MYSQL
template <>
class database<tabula::mysql> {
public:
    database() : base_(server_url("mysql")), name_(unique_name("t")) {
        tabula::session<tabula::mysql> admin(base_);
        admin.execute("CREATE DATABASE `" + name_ + "`");
    }
    database(const database&) = delete;
    database& operator=(const database&) = delete;
    ~database() {
        try {
            tabula::session<tabula::mysql> admin(base_);
            admin.execute("DROP DATABASE `" + name_ + "`");
        } catch (...) {
        }
    }
    // The server's URL with this test's database in place of the server's own.
    std::string url(std::string_view options = {}) const {
        std::string url = base_.substr(0, base_.rfind('/') + 1) + name_;
        if (!options.empty()) url += "?" + std::string(options);
        return url;
    }
    tabula::session<tabula::mysql> open(std::string_view options = {}) const { return tabula::session<tabula::mysql>(url(options)); }
    static constexpr std::string_view name = "mysql";

private:
    std::string base_;
    std::string name_;
};
#endif

}  // namespace test_support

#if TABULA_TEST_WITH_POSTGRES
#define TABULA_TEST_POSTGRES_BACKEND , tabula::postgres
#else
#define TABULA_TEST_POSTGRES_BACKEND
#endif
#if TABULA_TEST_WITH_MYSQL
#define TABULA_TEST_MYSQL_BACKEND , tabula::mysql
#else
#define TABULA_TEST_MYSQL_BACKEND
#endif
#define TABULA_TEST_BACKENDS tabula::sqlite TABULA_TEST_POSTGRES_BACKEND TABULA_TEST_MYSQL_BACKEND
