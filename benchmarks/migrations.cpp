// Migrations: the 20-revision, 20-table history upgraded from an empty database, an SQLite
// table rebuild of 1,000,000 rows against the hand-written transaction doing the same
// (create, INSERT INTO new SELECT ... FROM old, drop, rename, index), and a revision that only
// renames a column of a 300,000-row database against the ALTER TABLE by hand (the foreign-key
// check after it costs what the revision touched, not a scan of every row).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <optional>

#include <tabula/migrate.hpp>
#include <tabula/sqlite.hpp>

#include "migrations/history.hpp"
#include "support.hpp"

namespace {

using session = tabula::session<tabula::sqlite>;

void remove_database() {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(bench::database_path() + suffix, ignored);
}

void upgrade_history(benchmark::State& state) {
    for (auto _ : state) {
        state.PauseTiming();
        remove_database();
        state.ResumeTiming();
        session db(bench::database_url());
        tabula::migrator<history::chain, tabula::sqlite> migrate(db);
        if (migrate.upgrade().size() != 20) throw std::runtime_error("not at head");
    }
}

// ---- a rebuild of 1,000,000 rows ------------------------------------------------------------------

namespace big {
struct Event {
    std::int64_t id = 0;
    std::string name{};
    std::string email{};
    double score = 0;
    std::int32_t age = 0;
};
namespace widened {
struct Event {
    std::int64_t id = 0;
    std::string name{};
    std::string email{};
    double score = 0;
    std::int64_t age = 0;
};
}  // namespace widened
}  // namespace big
}  // namespace

template <>
struct tabula::model<big::Event> {
    static constexpr auto columns = std::tuple{tabula::column<&big::Event::email>{.index = true}};
};
template <>
struct tabula::model<big::widened::Event> {
    static constexpr auto columns = std::tuple{tabula::column<&big::widened::Event::email>{.index = true}};
};

namespace {

using events_v1 = tabula::schema<big::Event>;
using events_v2 = tabula::schema_from<events_v1, tabula::replace_table<big::widened::Event>>;
struct events_init : tabula::revision<"e0000001", tabula::base, events_v1> {};
struct events_widen : tabula::revision<"e0000002", tabula::after<"e0000001">, events_v2> {
    static constexpr std::string_view message = "widen event.age";
};
using events = tabula::revision_chain<events_init, events_widen>;

constexpr std::int64_t rebuild_rows = 1'000'000;

// The table at its first revision, filled once; each iteration starts from a copy of it.
const std::string& rebuild_template() {
    static const std::string path = [] {
        const std::string file = bench::database_path() + ".rebuild-template";
        remove_database();
        {
            session db(bench::database_url());
            tabula::migrator<events, tabula::sqlite> migrate(db);
            migrate.upgrade("e0000001");
            std::vector<big::Event> rows;
            rows.reserve(rebuild_rows);
            for (std::int64_t i = 0; i < rebuild_rows; ++i)
                rows.push_back({0, "event " + std::to_string(i), "user" + std::to_string(i % 5000) + "@example.org", static_cast<double>(i) / 3, static_cast<std::int32_t>(i % 90)});
            db.insert_many(rows);
        }
        std::filesystem::copy_file(bench::database_path(), file, std::filesystem::copy_options::overwrite_existing);
        std::atexit([] {
            std::error_code ignored;
            std::filesystem::remove(bench::database_path() + ".rebuild-template", ignored);
        });
        return file;
    }();
    return path;
}

void restore_rebuild_database() {
    remove_database();
    std::filesystem::copy_file(rebuild_template(), bench::database_path());
}

void rebuild_hand_written(benchmark::State& state) {
    rebuild_template();
    for (auto _ : state) {
        state.PauseTiming();
        restore_rebuild_database();
        sqlite3* db = bench::open_by_hand(SQLITE_OPEN_NOMUTEX);
        state.ResumeTiming();
        bench::exec(db, "PRAGMA foreign_keys = OFF");
        bench::exec(db, "BEGIN IMMEDIATE");
        bench::exec(db, R"(CREATE TABLE "event_new" ("id" INTEGER NOT NULL, "name" TEXT NOT NULL, "email" TEXT NOT NULL, "score" REAL NOT NULL, "age" BIGINT NOT NULL, PRIMARY KEY ("id")))");
        bench::exec(db, R"(INSERT INTO "event_new" ("id", "name", "email", "score", "age") SELECT "id", "name", "email", "score", "age" FROM "event")");
        bench::exec(db, R"(DROP TABLE "event")");
        bench::exec(db, R"(ALTER TABLE "event_new" RENAME TO "event")");
        bench::exec(db, R"(CREATE INDEX "ix_event_email" ON "event" ("email"))");
        bench::exec(db, R"(UPDATE "alembic_version" SET "version_num" = 'e0000002')");
        bench::exec(db, "COMMIT");
        state.PauseTiming();
        sqlite3_close(db);
        state.ResumeTiming();
    }
}

void rebuild_tabula(benchmark::State& state, bool report_progress) {
    rebuild_template();
    std::int64_t last_reported = 0;
    for (auto _ : state) {
        state.PauseTiming();
        restore_rebuild_database();
        session db(bench::database_url());
        tabula::migration_options options;
        if (report_progress) options.progress = [&](const tabula::migration_progress& p) { last_reported = p.done; };
        tabula::migrator<events, tabula::sqlite> migrate(db, options);
        state.ResumeTiming();
        migrate.upgrade();
        state.PauseTiming();
        if (report_progress && last_reported != rebuild_rows) throw std::runtime_error("progress did not reach the end");
        state.ResumeTiming();
    }
}

// ---- a column rename on 300,000 rows -----------------------------------------------------------

}  // namespace

// Outside the anonymous namespace: reflection needs types with linkage (Clang).
namespace keyed {
struct Author {
    std::int64_t id = 0;
    std::string name{};
};
struct Post {
    std::int64_t id = 0;
    std::string title{};
    std::int64_t author_id = 0;
};
struct RenamedPost {
    std::int64_t id = 0;
    std::string heading{};
    std::int64_t author_id = 0;
};
}  // namespace keyed

template <>
struct tabula::model<keyed::Post> {
    static constexpr auto foreign_keys = std::tuple{tabula::foreign_key<&keyed::Post::author_id, &keyed::Author::id>{}};
};
template <>
struct tabula::model<keyed::RenamedPost> {
    static constexpr std::string_view table = "post";
    static constexpr auto foreign_keys = std::tuple{tabula::foreign_key<&keyed::RenamedPost::author_id, &keyed::Author::id>{}};
};

namespace {

using posts_v1 = tabula::schema<keyed::Author, keyed::Post>;
using posts_v2 = tabula::schema_from<posts_v1, tabula::rename_column<&keyed::Post::title, &keyed::RenamedPost::heading>>;
struct posts_init : tabula::revision<"p0000001", tabula::base, posts_v1> {};
struct posts_rename : tabula::revision<"p0000002", tabula::after<"p0000001">, posts_v2> {
    static constexpr std::string_view message = "rename post.title";
};
using posts = tabula::revision_chain<posts_init, posts_rename>;

// 100,000 authors and 200,000 posts referencing them, at the first revision.
void restore_rename_database() {
    static const std::string path = [] {
        const std::string file = bench::database_path() + ".rename-template";
        remove_database();
        {
            session db(bench::database_url());
            tabula::migrator<posts, tabula::sqlite> migrate(db);
            migrate.upgrade("p0000001");
            db.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) "
                       "INSERT INTO author (id, name) SELECT i, 'author ' || i FROM n");
            db.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000) "
                       "INSERT INTO post (id, title, author_id) SELECT i, 'post ' || i, 1 + i % 100000 FROM n");
        }
        std::filesystem::copy_file(bench::database_path(), file, std::filesystem::copy_options::overwrite_existing);
        std::atexit([] {
            std::error_code ignored;
            std::filesystem::remove(bench::database_path() + ".rename-template", ignored);
        });
        return file;
    }();
    remove_database();
    std::filesystem::copy_file(path, bench::database_path());
}

void rename_hand_written(benchmark::State& state) {
    for (auto _ : state) {
        state.PauseTiming();
        restore_rename_database();
        sqlite3* db = bench::open_by_hand(SQLITE_OPEN_NOMUTEX);
        state.ResumeTiming();
        bench::exec(db, "BEGIN IMMEDIATE");
        bench::exec(db, R"(ALTER TABLE "post" RENAME COLUMN "title" TO "heading")");
        bench::exec(db, R"(UPDATE "alembic_version" SET "version_num" = 'p0000002')");
        bench::exec(db, "COMMIT");
        state.PauseTiming();
        sqlite3_close(db);
        state.ResumeTiming();
    }
}

void rename_tabula(benchmark::State& state) {
    for (auto _ : state) {
        state.PauseTiming();
        restore_rename_database();
        std::optional<session> db(std::in_place, bench::database_url());
        tabula::migrator<posts, tabula::sqlite> migrate(*db);
        state.ResumeTiming();
        migrate.upgrade();
        state.PauseTiming();
        db.reset();  // closing checkpoints the WAL: untimed, as for the hand-written code
        state.ResumeTiming();
    }
}

const bool registered = [] {
    benchmark::RegisterBenchmark("upgrade_20_revisions/tabula", upgrade_history)->Unit(benchmark::kMillisecond)->Repetitions(bench::repetitions)->ReportAggregatesOnly(true);
    auto add = [](const char* name, auto function) {
        benchmark::RegisterBenchmark(name, function)->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(bench::repetitions)->ReportAggregatesOnly(true);
    };
    add("rebuild_1m_rows/hand_written", rebuild_hand_written);
    add("rebuild_1m_rows/tabula", [](benchmark::State& s) { rebuild_tabula(s, false); });
    add("rebuild_1m_rows/tabula_with_progress", [](benchmark::State& s) { rebuild_tabula(s, true); });
    add("rename_column_300k_rows/hand_written", rename_hand_written);
    add("rename_column_300k_rows/tabula", rename_tabula);
    return true;
}();

}  // namespace
