// PostgreSQL workloads, each written twice: by hand against libpq (statements prepared once and
// run with PQexecPrepared, text parameters formatted with std::to_chars, text results parsed with
// std::from_chars) and with tabula. Same server, same rows, same run. The server URL comes from
// TABULA_BENCH_POSTGRES_URL; benchmarks/run-server-benchmarks starts a throwaway server, pins it
// and this program to one CPU, and runs everything.
//
// Every measured body is a function of its own (measured_<workload>_<variant>), so that callgrind
// can count the client's instructions inside it alone: see benchmarks/run-server-benchmarks.
#include <benchmark/benchmark.h>

#include <libpq-fe.h>

#include <array>
#include <charconv>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <tabula/postgres.hpp>

#include "support.hpp"

namespace {

using bench::Document;
using bench::Person;
using session = tabula::session<tabula::postgres>;
constexpr auto postgres = tabula::sql::dialect::postgres;

// Fewer rows than the SQLite workloads: every row is a round trip (about 20 us on one CPU).
constexpr std::size_t rows_per_round = 20'000;

std::string server_url() {
    const char* url = std::getenv("TABULA_BENCH_POSTGRES_URL");
    if (!url || !*url) throw std::runtime_error("set TABULA_BENCH_POSTGRES_URL (benchmarks/run-server-benchmarks does)");
    return url;
}

// ---- the hand-written side -------------------------------------------------------------------

PGconn* connect_by_hand() {
    PGconn* db = PQconnectdb(server_url().c_str());
    if (PQstatus(db) != CONNECTION_OK) throw std::runtime_error(PQerrorMessage(db));
    return db;
}

void check(PGresult* result, ExecStatusType expected, PGconn* db) {
    if (PQresultStatus(result) != expected) {
        const std::string message = PQerrorMessage(db);
        PQclear(result);
        throw std::runtime_error(message);
    }
}

void exec(PGconn* db, const char* sql) {
    PGresult* result = PQexec(db, sql);
    const ExecStatusType status = PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) check(result, PGRES_COMMAND_OK, db);
    PQclear(result);
}

void prepare(PGconn* db, const char* name, const char* sql) {
    PGresult* result = PQprepare(db, name, sql, 0, nullptr);
    check(result, PGRES_COMMAND_OK, db);
    PQclear(result);
}

// Parameters as text, numbers formatted into buffers of their own.
template <std::size_t N>
struct text_parameters {
    std::array<const char*, N> values{};
    std::array<std::array<char, 32>, N> digits{};

    void text(std::size_t i, const std::string& value) { values[i] = value.c_str(); }
    template <class Number>
    void number(std::size_t i, Number value) {
        char* out = digits[i].data();
        *std::to_chars(out, out + 31, value).ptr = '\0';
        values[i] = out;
    }
};

void bind_person_values(text_parameters<6>& p, const Person& person, std::size_t first) {
    p.text(first, person.name);
    p.text(first + 1, person.email);
    p.number(first + 2, person.age);
    p.number(first + 3, person.score);
    p.number(first + 4, person.created_at);
}

template <class Number>
Number number_at(const PGresult* result, int row, int column) {
    const char* text = PQgetvalue(result, row, column);
    Number value{};
    std::from_chars(text, text + PQgetlength(result, row, column), value);
    return value;
}

void read_person(const PGresult* result, int row, Person& p) {
    p.id = number_at<std::int64_t>(result, row, 0);
    p.name.assign(PQgetvalue(result, row, 1), static_cast<std::size_t>(PQgetlength(result, row, 1)));
    p.email.assign(PQgetvalue(result, row, 2), static_cast<std::size_t>(PQgetlength(result, row, 2)));
    p.age = number_at<std::int64_t>(result, row, 3);
    p.score = number_at<double>(result, row, 4);
    p.created_at = number_at<std::int64_t>(result, row, 5);
}

const std::vector<Person>& people() {
    static const std::vector<Person> rows(bench::people().begin(), bench::people().begin() + rows_per_round);
    return rows;
}
const std::vector<Person>& updated_people() {
    static const std::vector<Person> rows = [] {
        std::vector<Person> out = people();
        for (Person& p : out) {
            p.name += " (renamed)";
            p.age += 1;
            p.score *= 2;
        }
        return out;
    }();
    return rows;
}
const std::vector<std::int64_t>& shuffled_keys() {
    static const std::vector<std::int64_t> keys = [] {
        std::vector<std::int64_t> out;
        for (std::int64_t key : bench::shuffled_keys())
            if (key <= static_cast<std::int64_t>(rows_per_round)) out.push_back(key);
        return out;
    }();
    return keys;
}
const std::vector<Document>& documents() {
    static const std::vector<Document> rows(bench::documents().begin(), bench::documents().begin() + rows_per_round);
    return rows;
}

// The rows are built before the measured functions first use them, so that building them is not
// counted (callgrind runs each measured function once).
const std::vector<Person>& new_people() {
    static const std::vector<Person> rows = bench::without_keys(people());
    return rows;
}
const std::vector<Document>& new_documents() {
    static const std::vector<Document> rows = bench::without_keys(documents());
    return rows;
}

void warm_up() {
    people();
    new_people();
    new_documents();
    updated_people();
    shuffled_keys();
    documents();
}

void recreate_people(session& db) {
    db.drop_all<Person>();
    db.create_all<Person>();
}
void fill_people() {
    session db(server_url());
    recreate_people(db);
    db.insert_many(people());
    db.execute_script("VACUUM ANALYZE person");
}

// ---- insert per row, in one transaction: each returns its generated key ----------------------

[[gnu::noinline]] std::int64_t measured_insert_hand(PGconn* db, const std::vector<Person>& rows) {
    std::int64_t keys = 0;
    exec(db, "BEGIN");
    text_parameters<6> p;
    for (const Person& person : rows) {
        bind_person_values(p, person, 0);
        PGresult* result = PQexecPrepared(db, "insert_person", 5, p.values.data(), nullptr, nullptr, 0);
        check(result, PGRES_TUPLES_OK, db);
        keys += number_at<std::int64_t>(result, 0, 0);
        PQclear(result);
    }
    exec(db, "COMMIT");
    return keys;
}

[[gnu::noinline]] std::int64_t measured_insert_tabula(session& db, const std::vector<Person>& rows) {
    std::int64_t keys = 0;
    auto tx = db.transaction();
    for (const Person& person : rows) keys += db.insert(person);
    tx.commit();
    return keys;
}

void insert_hand(benchmark::State& state, const std::vector<Person>& rows) {
    warm_up();
    session setup(server_url());
    recreate_people(setup);
    PGconn* db = connect_by_hand();
    prepare(db, "insert_person", "INSERT INTO person (name, email, age, score, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id");
    for (auto _ : state) {
        state.PauseTiming();
        recreate_people(setup);
        state.ResumeTiming();
        benchmark::DoNotOptimize(measured_insert_hand(db, rows));
    }
    PQfinish(db);
}

void insert_tabula(benchmark::State& state) {
    warm_up();
    session db(server_url());
    for (auto _ : state) {
        state.PauseTiming();
        recreate_people(db);
        state.ResumeTiming();
        benchmark::DoNotOptimize(measured_insert_tabula(db, new_people()));
    }
}

// ---- bulk: insert_many (COPY) against the hand-written row-by-row loop -------------------------

[[gnu::noinline]] std::size_t measured_bulk_tabula(session& db, const std::vector<Person>& rows) { return db.insert_many(rows); }

void bulk_tabula(benchmark::State& state) {
    warm_up();
    session db(server_url());
    for (auto _ : state) {
        state.PauseTiming();
        recreate_people(db);
        state.ResumeTiming();
        benchmark::DoNotOptimize(measured_bulk_tabula(db, new_people()));
    }
}

// ---- select every row into structs ---------------------------------------------------------

[[gnu::noinline]] std::size_t measured_select_all_hand(PGconn* db) {
    std::vector<Person> rows;
    PGresult* result = PQexecPrepared(db, "select_all", 0, nullptr, nullptr, nullptr, 0);
    check(result, PGRES_TUPLES_OK, db);
    const int count = PQntuples(result);
    rows.reserve(static_cast<std::size_t>(count));
    for (int r = 0; r < count; ++r) read_person(result, r, rows.emplace_back());
    PQclear(result);
    return rows.size();
}

[[gnu::noinline]] std::size_t measured_select_all_tabula(session& db) { return db.query<Person>().all().size(); }

void select_all_hand(benchmark::State& state) {
    warm_up();
    fill_people();
    PGconn* db = connect_by_hand();
    prepare(db, "select_all", "SELECT id, name, email, age, score, created_at FROM person");
    for (auto _ : state)
        if (measured_select_all_hand(db) != rows_per_round) throw std::runtime_error("wrong row count");
    PQfinish(db);
}

void select_all_tabula(benchmark::State& state) {
    warm_up();
    fill_people();
    session db(server_url());
    for (auto _ : state)
        if (measured_select_all_tabula(db) != rows_per_round) throw std::runtime_error("wrong row count");
}

// ---- point lookups by key ------------------------------------------------------------------

[[gnu::noinline]] std::int64_t measured_get_hand(PGconn* db) {
    std::int64_t checksum = 0;
    text_parameters<1> p;
    for (std::int64_t key : shuffled_keys()) {
        p.number(0, key);
        PGresult* result = PQexecPrepared(db, "get_person", 1, p.values.data(), nullptr, nullptr, 0);
        check(result, PGRES_TUPLES_OK, db);
        std::optional<Person> found;
        if (PQntuples(result) == 1) read_person(result, 0, found.emplace());
        PQclear(result);
        checksum += found->age;
    }
    return checksum;
}

[[gnu::noinline]] std::int64_t measured_get_tabula(session& db) {
    std::int64_t checksum = 0;
    for (std::int64_t key : shuffled_keys()) checksum += db.get<Person>(key)->age;
    return checksum;
}

[[gnu::noinline]] std::int64_t measured_get_many_tabula(session& db) {
    std::int64_t checksum = 0;
    for (const auto& found : db.get_many<Person>(shuffled_keys())) checksum += found->age;
    return checksum;
}

void get_hand(benchmark::State& state) {
    warm_up();
    fill_people();
    PGconn* db = connect_by_hand();
    prepare(db, "get_person", "SELECT id, name, email, age, score, created_at FROM person WHERE id = $1");
    for (auto _ : state) benchmark::DoNotOptimize(measured_get_hand(db));
    PQfinish(db);
}

void get_tabula(benchmark::State& state) {
    warm_up();
    fill_people();
    session db(server_url());
    for (auto _ : state) benchmark::DoNotOptimize(measured_get_tabula(db));
}

void get_many_tabula(benchmark::State& state) {
    warm_up();
    fill_people();
    session db(server_url());
    for (auto _ : state) benchmark::DoNotOptimize(measured_get_many_tabula(db));
}

// ---- updates by key, in one transaction ------------------------------------------------------

[[gnu::noinline]] void measured_update_hand(PGconn* db) {
    exec(db, "BEGIN");
    text_parameters<6> p;
    for (const Person& person : updated_people()) {
        bind_person_values(p, person, 0);
        p.number(5, person.id);
        PGresult* result = PQexecPrepared(db, "update_person", 6, p.values.data(), nullptr, nullptr, 0);
        check(result, PGRES_COMMAND_OK, db);
        if (std::string_view(PQcmdTuples(result)) != "1") throw std::runtime_error("row not found");
        PQclear(result);
    }
    exec(db, "COMMIT");
}

[[gnu::noinline]] void measured_update_tabula(session& db) {
    auto tx = db.transaction();
    for (const Person& person : updated_people()) db.update(person);
    tx.commit();
}

[[gnu::noinline]] void measured_update_many_tabula(session& db) { db.update_many(updated_people()); }

void update_hand(benchmark::State& state) {
    warm_up();
    fill_people();
    PGconn* db = connect_by_hand();
    prepare(db, "update_person", "UPDATE person SET name = $1, email = $2, age = $3, score = $4, created_at = $5 WHERE id = $6");
    for (auto _ : state) measured_update_hand(db);
    PQfinish(db);
}

void update_tabula(benchmark::State& state) {
    warm_up();
    fill_people();
    session db(server_url());
    for (auto _ : state) measured_update_tabula(db);
}

void update_many_tabula(benchmark::State& state) {
    warm_up();
    fill_people();
    session db(server_url());
    for (auto _ : state) measured_update_many_tabula(db);
}

// ---- JSON documents: written one per row in a transaction, read back and parsed -------------

[[gnu::noinline]] void measured_json_write_hand(PGconn* db) {
    exec(db, "BEGIN");
    for (const Document& d : documents()) {
        const std::string text = d.payload.dump();
        const char* values[] = {text.c_str()};
        PGresult* result = PQexecPrepared(db, "insert_document", 1, values, nullptr, nullptr, 0);
        check(result, PGRES_TUPLES_OK, db);
        PQclear(result);
    }
    exec(db, "COMMIT");
}

[[gnu::noinline]] void measured_json_write_tabula(session& db) {
    auto tx = db.transaction();
    for (const Document& d : new_documents()) db.insert(d);
    tx.commit();
}

[[gnu::noinline]] std::size_t measured_json_read_hand(PGconn* db) {
    std::vector<Document> rows;
    PGresult* result = PQexecPrepared(db, "select_documents", 0, nullptr, nullptr, nullptr, 0);
    check(result, PGRES_TUPLES_OK, db);
    const int count = PQntuples(result);
    rows.reserve(static_cast<std::size_t>(count));
    for (int r = 0; r < count; ++r) {
        Document& d = rows.emplace_back();
        d.id = number_at<std::int64_t>(result, r, 0);
        const char* text = PQgetvalue(result, r, 1);
        d.payload = nlohmann::json::parse(text, text + PQgetlength(result, r, 1));
    }
    PQclear(result);
    return rows.size();
}

[[gnu::noinline]] std::size_t measured_json_read_tabula(session& db) { return db.query<Document>().all().size(); }

void recreate_documents(session& db) {
    db.drop_all<Document>();
    db.create_all<Document>();
}

void json_write_hand(benchmark::State& state) {
    warm_up();
    session setup(server_url());
    PGconn* db = connect_by_hand();
    recreate_documents(setup);
    prepare(db, "insert_document", "INSERT INTO document (payload) VALUES ($1) RETURNING id");
    for (auto _ : state) {
        state.PauseTiming();
        recreate_documents(setup);
        state.ResumeTiming();
        measured_json_write_hand(db);
    }
    PQfinish(db);
}

void json_write_tabula(benchmark::State& state) {
    warm_up();
    session db(server_url());
    for (auto _ : state) {
        state.PauseTiming();
        recreate_documents(db);
        state.ResumeTiming();
        measured_json_write_tabula(db);
    }
}

void fill_documents() {
    session db(server_url());
    recreate_documents(db);
    db.insert_many(documents());
}

void json_read_hand(benchmark::State& state) {
    warm_up();
    fill_documents();
    PGconn* db = connect_by_hand();
    prepare(db, "select_documents", "SELECT id, payload FROM document");
    for (auto _ : state)
        if (measured_json_read_hand(db) != rows_per_round) throw std::runtime_error("wrong row count");
    PQfinish(db);
}

void json_read_tabula(benchmark::State& state) {
    warm_up();
    fill_documents();
    session db(server_url());
    for (auto _ : state)
        if (measured_json_read_tabula(db) != rows_per_round) throw std::runtime_error("wrong row count");
}

const bool registered = [] {
    bench::add("pg_insert", "hand_written", [](benchmark::State& s) { insert_hand(s, people()); });
    bench::add("pg_insert", "tabula", insert_tabula);
    bench::add("pg_insert_many", "hand_written", [](benchmark::State& s) { insert_hand(s, people()); });
    bench::add("pg_insert_many", "tabula_copy", bulk_tabula);
    bench::add("pg_select_all", "hand_written", select_all_hand);
    bench::add("pg_select_all", "tabula", select_all_tabula);
    bench::add("pg_get", "hand_written", get_hand);
    bench::add("pg_get", "tabula", get_tabula);
    bench::add("pg_get", "tabula_get_many", get_many_tabula);
    bench::add("pg_update", "hand_written", update_hand);
    bench::add("pg_update", "tabula", update_tabula);
    bench::add("pg_update", "tabula_update_many", update_many_tabula);
    bench::add("pg_json_write", "hand_written", json_write_hand);
    bench::add("pg_json_write", "tabula", json_write_tabula);
    bench::add("pg_json_read", "hand_written", json_read_hand);
    bench::add("pg_json_read", "tabula", json_read_tabula);
    return true;
}();

}  // namespace
