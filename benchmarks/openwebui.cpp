// Open WebUI's chain (examples/openwebui) measured as its users run it (issue 9, point 7):
//   upgrade_memory, upgrade_file   base -> head on an empty SQLite database in memory and on a
//                                  file; Alembic needs 0.29 s and 0.51 s for the same chain
//                                  (measured without Python's start-up), the bar is 20x less;
//                                  create_head:0 replays the 55 revisions as Alembic does,
//                                  create_head:1 is how the example starts a new database
//                                  (migration_options::empty_database);
//   upgrade_postgres               the same on PostgreSQL (Alembic: 0.44-0.57 s), when
//                                  TABULA_BENCH_POSTGRES_URL names a server
//                                  (benchmarks/run-server-benchmarks starts one);
//   backfill/<chats>               revision 8452d01d26d7 (chat -> chat_message) over <chats> chats
//                                  of 20 messages each, on a file: messages per second, and the
//                                  process's peak resident memory after the run, at two sizes to
//                                  show that it does not grow with the number of chats.
// Run: build/bench/bin/openwebui_benchmarks [--benchmark_filter=...]
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include <tabula/migrate.hpp>
#include <tabula/postgres.hpp>
#include <tabula/sqlite.hpp>

#include "../examples/openwebui/chain.hpp"
#include "support.hpp"

namespace {

template <class Backend>
using migrator = tabula::migrator<openwebui::revisions, Backend>;

void remove_database() {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(bench::database_path() + suffix, ignored);
}

// Argument 1: an empty database gets the head's schema at once; 0: every revision replayed.
tabula::migration_options upgrade_options(const benchmark::State& state) {
    tabula::migration_options options;
    if (state.range(0) == 1) options.empty_database = tabula::empty_database_upgrade::create_head;
    return options;
}

void upgrade_memory(benchmark::State& state) {
    for (auto _ : state) {
        auto db = tabula::session<tabula::sqlite>::open("sqlite://");
        if (migrator<tabula::sqlite>(db, upgrade_options(state)).upgrade("head").size() != migrator<tabula::sqlite>::size)
            throw std::runtime_error("not at head");
    }
}

void upgrade_file(benchmark::State& state) {
    for (auto _ : state) {
        state.PauseTiming();
        remove_database();
        state.ResumeTiming();
        auto db = tabula::session<tabula::sqlite>::open(bench::database_url());
        if (migrator<tabula::sqlite>(db, upgrade_options(state)).upgrade("head").size() != migrator<tabula::sqlite>::size)
            throw std::runtime_error("not at head");
    }
}

void upgrade_postgres(benchmark::State& state) {
    const char* url = std::getenv("TABULA_BENCH_POSTGRES_URL");
    if (!url || !*url) {
        state.SkipWithError("set TABULA_BENCH_POSTGRES_URL (benchmarks/run-server-benchmarks does)");
        return;
    }
    auto admin = tabula::session<tabula::postgres>::open(url);
    for (auto _ : state) {
        state.PauseTiming();
        admin.execute_script("DROP SCHEMA IF EXISTS openwebui_bench CASCADE; CREATE SCHEMA openwebui_bench");
        state.ResumeTiming();
        auto db = tabula::session<tabula::postgres>::open(std::string(url) + (std::string(url).find('?') == std::string::npos ? "?" : "&") +
                                                          "schema=openwebui_bench");
        if (migrator<tabula::postgres>(db, upgrade_options(state)).upgrade("head").size() != migrator<tabula::postgres>::size)
            throw std::runtime_error("not at head");
    }
}

// The revision that moves chat histories into chat_message, and the one before it.
constexpr std::string_view backfill_revision = "8452d01d26d7";

template <class Migrator>
std::string parent_of(std::string_view id) {
    for (const auto& e : Migrator::entries)
        if (e.id == id && e.parent_count == 1) return std::string(Migrator::entries[e.parents[0]].id);
    return {};
}

long peak_resident_kib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

void backfill(benchmark::State& state) {
    using m = migrator<tabula::sqlite>;
    const std::string before = parent_of<m>(backfill_revision);
    if (before.empty()) {
        state.SkipWithError("the chain does not reach revision 8452d01d26d7 yet");
        return;
    }
    const auto chats = static_cast<int>(state.range(0));
    constexpr int messages = 20;
    for (auto _ : state) {
        state.PauseTiming();
        remove_database();
        auto db = tabula::session<tabula::sqlite>::open(bench::database_url());
        m(db).upgrade(before);
        {
            auto tx = db.transaction();
            for (int c = 0; c < chats; ++c) {
                nlohmann::json history{{"currentId", "m" + std::to_string(messages - 1)}, {"messages", nlohmann::json::object()}};
                for (int k = 0; k < messages; ++k)
                    history["messages"]["m" + std::to_string(k)] = {{"id", "m" + std::to_string(k)},
                                                                    {"parentId", k ? nlohmann::json("m" + std::to_string(k - 1)) : nlohmann::json()},
                                                                    {"role", k % 2 ? "assistant" : "user"},
                                                                    {"content", "message " + std::to_string(k) + " of chat " + std::to_string(c)},
                                                                    {"timestamp", 1'733'000'000 + k}};
                db.execute("INSERT INTO chat (id, user_id, title, chat, created_at, updated_at) VALUES (?, 'u', 't', ?, 1, 1)",
                           "c" + std::to_string(c), nlohmann::json{{"history", history}}.dump());
            }
            tx.commit();
        }
        state.ResumeTiming();
        m(db).upgrade(std::string(backfill_revision));
    }
    state.counters["messages_per_s"] = benchmark::Counter(static_cast<double>(chats) * messages, benchmark::Counter::kIsIterationInvariantRate);
    state.counters["peak_rss_MiB"] = static_cast<double>(peak_resident_kib()) / 1024.0;
}

}  // namespace

BENCHMARK(upgrade_memory)->ArgName("create_head")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->Repetitions(bench::repetitions);
BENCHMARK(upgrade_file)->ArgName("create_head")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->Repetitions(bench::repetitions);
// create_head:1 on PostgreSQL for comparison only: the example replays there (see its README).
BENCHMARK(upgrade_postgres)->ArgName("create_head")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->Repetitions(bench::repetitions);
// Peak memory is the process's: run each size alone (--benchmark_filter=backfill/2000) to read it.
BENCHMARK(backfill)->Arg(2'000)->Arg(20'000)->Unit(benchmark::kMillisecond)->Iterations(1);
