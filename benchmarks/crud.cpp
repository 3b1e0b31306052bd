// The four row workloads, each written twice: by hand against the sqlite3 C API (prepared
// statement reused, text bound without copying) and with tabula. Same rows, same file, same
// pragmas (WAL, synchronous=NORMAL), same run.
#include <benchmark/benchmark.h>

#include <tabula/sqlite.hpp>

#include "support.hpp"

namespace {

using bench::Person;
using session = tabula::session<tabula::sqlite>;
constexpr auto sqlite = tabula::sql::dialect::sqlite;

// The hand-written row mapping: non-key values bound from `first` on, and a row read back.
void bind_values(sqlite3_stmt* statement, const Person& p, int first) {
    sqlite3_bind_text(statement, first, p.name.data(), static_cast<int>(p.name.size()), SQLITE_STATIC);
    sqlite3_bind_text(statement, first + 1, p.email.data(), static_cast<int>(p.email.size()), SQLITE_STATIC);
    sqlite3_bind_int64(statement, first + 2, p.age);
    sqlite3_bind_double(statement, first + 3, p.score);
    sqlite3_bind_int64(statement, first + 4, p.created_at);
}

void read_person(sqlite3_stmt* select, Person& p) {
    p.id = sqlite3_column_int64(select, 0);
    bench::assign_text(p.name, select, 1);
    bench::assign_text(p.email, select, 2);
    p.age = sqlite3_column_int64(select, 3);
    p.score = sqlite3_column_double(select, 4);
    p.created_at = sqlite3_column_int64(select, 5);
}

void recreate_people(sqlite3* db) {
    bench::exec(db, "DROP TABLE IF EXISTS person");
    bench::exec(db, std::string(tabula::sql::create_table_sql<Person, sqlite>).c_str());
}

// Fills the table through its own connection and closes it, which checkpoints the WAL: every
// measured connection then starts from the same state.
void fill_people() {
    sqlite3* db = bench::open_by_hand();
    recreate_people(db);
    bench::exec(db, "BEGIN");
    sqlite3_stmt* insert = bench::prepare(db, "INSERT INTO person (id, name, email, age, score, created_at) VALUES (?, ?, ?, ?, ?, ?)");
    for (const Person& p : bench::people()) {
        sqlite3_bind_int64(insert, 1, p.id);
        bind_values(insert, p, 2);
        bench::check(sqlite3_step(insert), db);
        sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    bench::exec(db, "COMMIT");
    sqlite3_close(db);
}

const std::vector<Person>& updated_people() {
    static const std::vector<Person> rows = [] {
        std::vector<Person> out = bench::people();
        for (Person& p : out) {
            p.name += " (renamed)";
            p.age += 1;
            p.score *= 2;
        }
        return out;
    }();
    return rows;
}

// ---- insert 100,000 rows in one transaction --------------------------------------------------

[[gnu::noinline]] void measured_insert_hand(sqlite3* db, const std::vector<Person>& rows) {
    bench::exec(db, "BEGIN");
    sqlite3_stmt* insert = bench::prepare(db, "INSERT INTO person (name, email, age, score, created_at) VALUES (?, ?, ?, ?, ?)");
    for (const Person& p : rows) {
        bind_values(insert, p, 1);
        if (sqlite3_step(insert) != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db));
        sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    bench::exec(db, "COMMIT");
}

void insert_hand_written(benchmark::State& state, int open_flags) {
    sqlite3* db = bench::open_by_hand(open_flags);
    for (auto _ : state) {
        state.PauseTiming();
        recreate_people(db);
        state.ResumeTiming();
        measured_insert_hand(db, bench::people());
    }
    sqlite3_close(db);
}

const std::vector<Person>& new_people() {
    static const std::vector<Person> rows = bench::without_keys(bench::people());
    return rows;
}

[[gnu::noinline]] std::size_t measured_insert_many_tabula(session& db, const std::vector<Person>& rows) { return db.insert_many(rows); }

[[gnu::noinline]] std::int64_t measured_insert_per_row_tabula(session& db, const std::vector<Person>& rows) {
    std::int64_t last = 0;
    auto tx = db.transaction();
    for (const Person& p : rows) last = db.insert(p);
    tx.commit();
    return last;
}

void insert_tabula_insert_many(benchmark::State& state) {
    session db(bench::database_url());
    for (auto _ : state) {
        state.PauseTiming();
        db.drop_all<Person>();
        db.create_all<Person>();
        state.ResumeTiming();
        measured_insert_many_tabula(db, new_people());
    }
}

void insert_tabula_insert_per_row(benchmark::State& state) {
    session db(bench::database_url());
    for (auto _ : state) {
        state.PauseTiming();
        db.drop_all<Person>();
        db.create_all<Person>();
        state.ResumeTiming();
        benchmark::DoNotOptimize(measured_insert_per_row_tabula(db, new_people()));
    }
}

// ---- select all 100,000 rows into structs ----------------------------------------------------

[[gnu::noinline]] std::size_t measured_select_all_hand(sqlite3_stmt* select) {
    std::vector<Person> rows;
    while (sqlite3_step(select) == SQLITE_ROW) {
        read_person(select, rows.emplace_back());
    }
    sqlite3_reset(select);
    return rows.size();
}

[[gnu::noinline]] std::size_t measured_select_all_tabula(session& db) { return db.query<Person>().all().size(); }

void select_all_hand_written(benchmark::State& state, int open_flags) {
    fill_people();
    sqlite3* db = bench::open_by_hand(open_flags);
    sqlite3_stmt* select = bench::prepare(db, "SELECT id, name, email, age, score, created_at FROM person");
    for (auto _ : state) {
        if (measured_select_all_hand(select) != bench::row_count) throw std::runtime_error("wrong row count");
    }
    sqlite3_finalize(select);
    sqlite3_close(db);
}

void select_all_tabula(benchmark::State& state) {
    fill_people();
    session db(bench::database_url());
    for (auto _ : state) {
        if (measured_select_all_tabula(db) != bench::row_count) throw std::runtime_error("wrong row count");
    }
}

// ---- 100,000 point lookups by primary key ----------------------------------------------------

[[gnu::noinline]] std::int64_t measured_get_hand(sqlite3_stmt* select) {
    std::int64_t checksum = 0;
    for (std::int64_t key : bench::shuffled_keys()) {
        sqlite3_bind_int64(select, 1, key);
        std::optional<Person> found;
        if (sqlite3_step(select) == SQLITE_ROW) {
            read_person(select, found.emplace());
        }
        sqlite3_reset(select);
        checksum += found->age;
    }
    return checksum;
}

[[gnu::noinline]] std::int64_t measured_get_tabula(session& db) {
    std::int64_t checksum = 0;
    for (std::int64_t key : bench::shuffled_keys()) checksum += db.get<Person>(key)->age;
    return checksum;
}

void get_by_key_hand_written(benchmark::State& state, int open_flags) {
    fill_people();
    sqlite3* db = bench::open_by_hand(open_flags);
    sqlite3_stmt* select = bench::prepare(db, "SELECT id, name, email, age, score, created_at FROM person WHERE id = ?");
    for (auto _ : state) benchmark::DoNotOptimize(measured_get_hand(select));
    sqlite3_finalize(select);
    sqlite3_close(db);
}

void get_by_key_tabula(benchmark::State& state) {
    fill_people();
    session db(bench::database_url());
    for (auto _ : state) benchmark::DoNotOptimize(measured_get_tabula(db));
}

// ---- 100,000 updates by key in one transaction -----------------------------------------------

[[gnu::noinline]] void measured_update_hand(sqlite3* db, sqlite3_stmt* update) {
    bench::exec(db, "BEGIN");
    for (const Person& p : updated_people()) {
        bind_values(update, p, 1);
        sqlite3_bind_int64(update, 6, p.id);
        if (sqlite3_step(update) != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db));
        sqlite3_reset(update);
        if (sqlite3_changes(db) != 1) throw std::runtime_error("row not found");
    }
    bench::exec(db, "COMMIT");
}

[[gnu::noinline]] void measured_update_tabula(session& db) {
    auto tx = db.transaction();
    for (const Person& p : updated_people()) db.update(p);
    tx.commit();
}

void update_by_key_hand_written(benchmark::State& state, int open_flags) {
    fill_people();
    sqlite3* db = bench::open_by_hand(open_flags);
    sqlite3_stmt* update = bench::prepare(db, "UPDATE person SET name = ?, email = ?, age = ?, score = ?, created_at = ? WHERE id = ?");
    for (auto _ : state) measured_update_hand(db, update);
    sqlite3_finalize(update);
    sqlite3_close(db);
}

void update_by_key_tabula(benchmark::State& state) {
    fill_people();
    session db(bench::database_url());
    for (auto _ : state) measured_update_tabula(db);
}

const bool registered = [] {
    bench::add("insert", "hand_written", [](benchmark::State& s) { insert_hand_written(s, 0); });
    bench::add("insert", "hand_written_nomutex", [](benchmark::State& s) { insert_hand_written(s, SQLITE_OPEN_NOMUTEX); });
    bench::add("insert", "tabula", insert_tabula_insert_many);
    bench::add("insert", "tabula_per_row", insert_tabula_insert_per_row);
    bench::add("select_all", "hand_written", [](benchmark::State& s) { select_all_hand_written(s, 0); });
    bench::add("select_all", "hand_written_nomutex", [](benchmark::State& s) { select_all_hand_written(s, SQLITE_OPEN_NOMUTEX); });
    bench::add("select_all", "tabula", select_all_tabula);
    bench::add("get_by_key", "hand_written", [](benchmark::State& s) { get_by_key_hand_written(s, 0); });
    bench::add("get_by_key", "hand_written_nomutex", [](benchmark::State& s) { get_by_key_hand_written(s, SQLITE_OPEN_NOMUTEX); });
    bench::add("get_by_key", "tabula", get_by_key_tabula);
    bench::add("update_by_key", "hand_written", [](benchmark::State& s) { update_by_key_hand_written(s, 0); });
    bench::add("update_by_key", "hand_written_nomutex", [](benchmark::State& s) { update_by_key_hand_written(s, SQLITE_OPEN_NOMUTEX); });
    bench::add("update_by_key", "tabula", update_by_key_tabula);
    return true;
}();

}  // namespace
