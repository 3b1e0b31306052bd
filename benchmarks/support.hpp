// Shared fixtures for the benchmarks: the rows every workload uses, a scratch database file per
// process, and the hand-written baseline's way of opening SQLite (default flags, as application
// code that calls sqlite3_open_v2 itself would).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <cstdlib>
#include <algorithm>
#include <filesystem>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <unistd.h>

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

namespace bench {

inline constexpr std::size_t row_count = 100'000;
// Each benchmark runs this often; the reporter compares medians. Run with
// --benchmark_enable_random_interleaving=true so slow drift of the machine hits every variant alike.
inline constexpr int repetitions = 5;

struct Person {
    std::int64_t id = 0;
    std::string name{};
    std::string email{};
    std::int64_t age = 0;
    double score = 0;
    std::int64_t created_at = 0;
};

struct Document {
    std::int64_t id = 0;
    nlohmann::json payload{};
};

inline const std::vector<Person>& people() {
    static const std::vector<Person> rows = [] {
        std::vector<Person> out;
        out.reserve(row_count);
        for (std::size_t i = 0; i < row_count; ++i) {
            const auto n = static_cast<std::int64_t>(i);
            out.push_back(Person{n + 1, "person number " + std::to_string(i), "user" + std::to_string(i) + "@example.org", 18 + n % 70,
                                 static_cast<double>(n % 1000) / 7.0, 1'700'000'000 + n});
        }
        return out;
    }();
    return rows;
}

inline const std::vector<Document>& documents() {
    static const std::vector<Document> rows = [] {
        std::vector<Document> out;
        out.reserve(row_count);
        for (std::size_t i = 0; i < row_count; ++i) {
            const auto n = static_cast<std::int64_t>(i);
            out.push_back(Document{n + 1, nlohmann::json{{"title", "chat " + std::to_string(i)},
                                                           {"tags", {"a", "b", std::to_string(i % 10)}},
                                                           {"settings", {{"model", "llama"}, {"temperature", 0.5 + n % 5}, {"pinned", n % 2 == 0}}},
                                                           {"messages", n % 7}}});
        }
        return out;
    }();
    return rows;
}

// The rows as an application creates them, before the database has given them keys (id 0): what
// the insert workloads write, so that tabula generates keys as the hand-written INSERTs, which
// name no id column, do. (Rows whose keys are set are written with those keys.)
template <class Row>
std::vector<Row> without_keys(const std::vector<Row>& rows) {
    std::vector<Row> out = rows;
    for (Row& row : out) row.id = 0;
    return out;
}

// Keys in a fixed shuffled order, the same for both sides.
inline const std::vector<std::int64_t>& shuffled_keys() {
    static const std::vector<std::int64_t> keys = [] {
        std::vector<std::int64_t> out(row_count);
        for (std::size_t i = 0; i < row_count; ++i) out[i] = static_cast<std::int64_t>(i) + 1;
        std::shuffle(out.begin(), out.end(), std::mt19937_64(42));
        return out;
    }();
    return keys;
}

// One file per process under $TMPDIR, removed at exit.
inline const std::string& database_path() {
    static const std::string path = [] {
        const char* base = std::getenv("TMPDIR");
        std::string pattern = std::string(base && *base ? base : "/tmp") + "/tabula-bench-XXXXXX";
        if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot create a temporary directory");
        std::atexit([] {
            std::error_code ignored;
            std::filesystem::remove_all(std::filesystem::path(database_path()).parent_path(), ignored);
        });
        return pattern + "/bench.db";
    }();
    return path;
}

inline std::string database_url() { return "sqlite:///" + database_path() + "?wal=true&synchronous=normal"; }

inline void check(int rc, sqlite3* db) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) throw std::runtime_error(sqlite3_errmsg(db));
}

// The baseline opens the way hand-written code does; `flags` adds SQLITE_OPEN_NOMUTEX for the
// second baseline, which is what tabula's session does.
inline sqlite3* open_by_hand(int extra_flags = 0) {
    sqlite3* db = nullptr;
    check(sqlite3_open_v2(database_path().c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | extra_flags, nullptr), db);
    check(sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr), db);
    return db;
}

// Registers "<workload>/<variant>"; the reporter compares each variant with the hand-written
// ones of the same workload.
// With TABULA_BENCH_ONCE set, each runs exactly once: for counting instructions under callgrind.
template <class F>
void add(const std::string& workload, const std::string& variant, F function) {
    auto* registered = benchmark::RegisterBenchmark((workload + "/" + variant).c_str(), function)->Unit(benchmark::kMillisecond);
    if (std::getenv("TABULA_BENCH_ONCE")) registered->Iterations(1)->Repetitions(1);
    else registered->Repetitions(repetitions)->ReportAggregatesOnly(true);
}

inline void exec(sqlite3* db, const char* sql) { check(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), db); }

inline sqlite3_stmt* prepare(sqlite3* db, const char* sql) {
    sqlite3_stmt* statement = nullptr;
    check(sqlite3_prepare_v2(db, sql, -1, &statement, nullptr), db);
    return statement;
}

// Text into an existing string, text before bytes as SQLite's documentation advises.
inline void assign_text(std::string& out, sqlite3_stmt* statement, int column) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
    out.assign(text, static_cast<std::size_t>(sqlite3_column_bytes(statement, column)));
}

}  // namespace bench
