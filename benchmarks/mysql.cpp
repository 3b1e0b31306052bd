// MariaDB workloads, each written twice: by hand against MariaDB Connector/C's prepared-statement
// API (statements prepared once; parameters bound by address in MYSQL_BIND; results bound once
// into buffers with mysql_stmt_bind_result, longer values read with mysql_stmt_fetch_column) and
// with tabula. Same server, same rows, same run. The server URL comes from
// TABULA_BENCH_MYSQL_URL; benchmarks/run-server-benchmarks starts a throwaway server, pins it and
// this program to one CPU, and runs everything.
//
// Every measured body is a function of its own (measured_my_<workload>_<variant>), so that
// callgrind can count the client's instructions inside it alone: see
// benchmarks/run-server-benchmarks.
#include <benchmark/benchmark.h>

#include <mysql.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <tabula/mysql.hpp>

#include "support.hpp"

namespace {

using bench::Document;
using bench::Person;
using session = tabula::session<tabula::mysql>;

// As many rows as the PostgreSQL workloads: every row is a round trip.
constexpr std::size_t rows_per_round = 20'000;

std::string server_url() {
    const char* url = std::getenv("TABULA_BENCH_MYSQL_URL");
    if (!url || !*url) throw std::runtime_error("set TABULA_BENCH_MYSQL_URL (benchmarks/run-server-benchmarks does)");
    return url;
}

// ---- the hand-written side -------------------------------------------------------------------

// Connected as tabula connects: utf8mb4, and CLIENT_FOUND_ROWS so that an UPDATE writing the
// values a row already has still reports the row (the update workloads check it).
MYSQL* connect_by_hand() {
    const std::string url = server_url();
    const auto o = tabula::mysql_backend::options_from_url(tabula::parse_database_url(url), url);
    MYSQL* db = mysql_init(nullptr);
    if (!db) throw std::runtime_error("mysql_init failed");
    mysql_options(db, MYSQL_SET_CHARSET_NAME, "utf8mb4");
    if (!mysql_real_connect(db, o.host.empty() ? nullptr : o.host.c_str(), o.user.c_str(), o.password.c_str(), o.database.c_str(),
                            o.port, o.unix_socket.empty() ? nullptr : o.unix_socket.c_str(), CLIENT_FOUND_ROWS)) {
        const std::string message = mysql_error(db);
        mysql_close(db);
        throw std::runtime_error(message);
    }
    return db;
}

void exec(MYSQL* db, const char* sql) {
    if (mysql_query(db, sql) != 0) throw std::runtime_error(mysql_error(db));
}

[[noreturn]] void fail(MYSQL_STMT* statement) { throw std::runtime_error(mysql_stmt_error(statement)); }

MYSQL_STMT* prepare(MYSQL* db, const char* sql) {
    MYSQL_STMT* statement = mysql_stmt_init(db);
    if (!statement) throw std::runtime_error(mysql_error(db));
    if (mysql_stmt_prepare(statement, sql, std::strlen(sql)) != 0) fail(statement);
    return statement;
}

void execute(MYSQL_STMT* statement) {
    if (mysql_stmt_execute(statement) != 0) fail(statement);
}

// A person's values as parameters: numbers bound by the address of members, text by the
// address of the row's own strings (so those are bound again for every row).
struct person_parameters {
    std::array<MYSQL_BIND, 6> bind{};
    unsigned long name_length = 0, email_length = 0;
    std::int64_t age = 0, created_at = 0, id = 0;
    double score = 0;

    person_parameters() {
        bind[0].buffer_type = MYSQL_TYPE_STRING;
        bind[0].length = &name_length;
        bind[1].buffer_type = MYSQL_TYPE_STRING;
        bind[1].length = &email_length;
        bind[2].buffer_type = MYSQL_TYPE_LONGLONG;
        bind[2].buffer = &age;
        bind[3].buffer_type = MYSQL_TYPE_DOUBLE;
        bind[3].buffer = &score;
        bind[4].buffer_type = MYSQL_TYPE_LONGLONG;
        bind[4].buffer = &created_at;
        bind[5].buffer_type = MYSQL_TYPE_LONGLONG;
        bind[5].buffer = &id;
    }
    person_parameters(const person_parameters&) = delete;
    person_parameters& operator=(const person_parameters&) = delete;

    void set(const Person& p) {
        bind[0].buffer = const_cast<char*>(p.name.data());
        name_length = static_cast<unsigned long>(p.name.size());
        bind[1].buffer = const_cast<char*>(p.email.data());
        email_length = static_cast<unsigned long>(p.email.size());
        age = p.age;
        score = p.score;
        created_at = p.created_at;
        id = p.id;
    }
    void bind_to(MYSQL_STMT* statement) {
        if (mysql_stmt_bind_param(statement, bind.data()) != 0) fail(statement);
    }
};

// A text column bound into a buffer of its own; a longer value is read again into the string.
struct text_column {
    std::array<char, 256> buffer{};
    unsigned long length = 0;
    my_bool null = 0;
    my_bool truncated = 0;

    void point(MYSQL_BIND& b) {
        b.buffer_type = MYSQL_TYPE_STRING;
        b.buffer = buffer.data();
        b.buffer_length = buffer.size();
        b.length = &length;
        b.is_null = &null;
        b.error = &truncated;
    }
    void read(MYSQL_STMT* statement, unsigned column, std::string& out) const {
        if (!truncated) {
            out.assign(buffer.data(), length);
            return;
        }
        out.resize(length);
        MYSQL_BIND whole{};
        whole.buffer_type = MYSQL_TYPE_STRING;
        whole.buffer = out.data();
        whole.buffer_length = length;
        if (mysql_stmt_fetch_column(statement, &whole, column, 0) != 0) fail(statement);
    }
};

// The result columns of a person, bound once per statement.
struct person_result {
    std::array<MYSQL_BIND, 6> bind{};
    std::int64_t id = 0, age = 0, created_at = 0;
    double score = 0;
    text_column name, email;

    explicit person_result(MYSQL_STMT* statement) {
        bind[0].buffer_type = MYSQL_TYPE_LONGLONG;
        bind[0].buffer = &id;
        name.point(bind[1]);
        email.point(bind[2]);
        bind[3].buffer_type = MYSQL_TYPE_LONGLONG;
        bind[3].buffer = &age;
        bind[4].buffer_type = MYSQL_TYPE_DOUBLE;
        bind[4].buffer = &score;
        bind[5].buffer_type = MYSQL_TYPE_LONGLONG;
        bind[5].buffer = &created_at;
        if (mysql_stmt_bind_result(statement, bind.data()) != 0) fail(statement);
    }
    person_result(const person_result&) = delete;
    person_result& operator=(const person_result&) = delete;

    // After mysql_stmt_fetch returned 0 or MYSQL_DATA_TRUNCATED.
    void read(MYSQL_STMT* statement, Person& p) const {
        p.id = id;
        name.read(statement, 1, p.name);
        email.read(statement, 2, p.email);
        p.age = age;
        p.score = score;
        p.created_at = created_at;
    }
};

// True when a row was fetched.
bool fetch(MYSQL_STMT* statement) {
    const int rc = mysql_stmt_fetch(statement);
    if (rc == MYSQL_NO_DATA) return false;
    if (rc == 1) fail(statement);
    return true;
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
    warm_up();
    session db(server_url());
    recreate_people(db);
    db.insert_many(people());
    db.execute_script("ANALYZE TABLE person");
}

// ---- insert per row, in one transaction: each returns its generated key ----------------------

[[gnu::noinline]] std::int64_t measured_my_insert_hand(MYSQL* db, MYSQL_STMT* statement, const std::vector<Person>& rows) {
    std::int64_t keys = 0;
    exec(db, "START TRANSACTION");
    person_parameters p;
    for (const Person& person : rows) {
        p.set(person);
        p.bind_to(statement);
        execute(statement);
        keys += static_cast<std::int64_t>(mysql_stmt_insert_id(statement));
    }
    exec(db, "COMMIT");
    return keys;
}

[[gnu::noinline]] std::int64_t measured_my_insert_tabula(session& db, const std::vector<Person>& rows) {
    std::int64_t keys = 0;
    auto tx = db.transaction();
    for (const Person& person : rows) keys += db.insert(person);
    tx.commit();
    return keys;
}

void insert_hand(benchmark::State& state) {
    warm_up();
    session setup(server_url());
    recreate_people(setup);
    MYSQL* db = connect_by_hand();
    MYSQL_STMT* statement = prepare(db, "INSERT INTO person (name, email, age, score, created_at) VALUES (?, ?, ?, ?, ?)");
    for (auto _ : state) {
        state.PauseTiming();
        recreate_people(setup);
        state.ResumeTiming();
        benchmark::DoNotOptimize(measured_my_insert_hand(db, statement, people()));
    }
    mysql_stmt_close(statement);
    mysql_close(db);
}

void insert_tabula(benchmark::State& state) {
    warm_up();
    session db(server_url());
    for (auto _ : state) {
        state.PauseTiming();
        recreate_people(db);
        state.ResumeTiming();
        benchmark::DoNotOptimize(measured_my_insert_tabula(db, new_people()));
    }
}

// ---- insert_many (multi-row INSERTs) against the hand-written row-by-row loop -----------------

// The hand-written side of my_insert_many is the per-row loop of my_insert, counted under a
// name of its own.
[[gnu::noinline]] std::int64_t measured_my_insert_many_hand(MYSQL* db, MYSQL_STMT* statement, const std::vector<Person>& rows) {
    return measured_my_insert_hand(db, statement, rows);
}

[[gnu::noinline]] std::size_t measured_my_insert_many_tabula(session& db, const std::vector<Person>& rows) {
    return db.insert_many(rows);
}

void insert_many_hand(benchmark::State& state) {
    warm_up();
    session setup(server_url());
    recreate_people(setup);
    MYSQL* db = connect_by_hand();
    MYSQL_STMT* statement = prepare(db, "INSERT INTO person (name, email, age, score, created_at) VALUES (?, ?, ?, ?, ?)");
    for (auto _ : state) {
        state.PauseTiming();
        recreate_people(setup);
        state.ResumeTiming();
        benchmark::DoNotOptimize(measured_my_insert_many_hand(db, statement, people()));
    }
    mysql_stmt_close(statement);
    mysql_close(db);
}

void insert_many_tabula(benchmark::State& state) {
    warm_up();
    session db(server_url());
    for (auto _ : state) {
        state.PauseTiming();
        recreate_people(db);
        state.ResumeTiming();
        benchmark::DoNotOptimize(measured_my_insert_many_tabula(db, new_people()));
    }
}

// ---- select every row into structs ---------------------------------------------------------

[[gnu::noinline]] std::size_t measured_my_select_all_hand(MYSQL_STMT* statement, const person_result& result) {
    std::vector<Person> rows;
    execute(statement);
    if (mysql_stmt_store_result(statement) != 0) fail(statement);
    rows.reserve(static_cast<std::size_t>(mysql_stmt_num_rows(statement)));
    while (fetch(statement)) result.read(statement, rows.emplace_back());
    mysql_stmt_free_result(statement);
    return rows.size();
}

[[gnu::noinline]] std::size_t measured_my_select_all_tabula(session& db) { return db.query<Person>().all().size(); }

void select_all_hand(benchmark::State& state) {
    fill_people();
    MYSQL* db = connect_by_hand();
    MYSQL_STMT* statement = prepare(db, "SELECT id, name, email, age, score, created_at FROM person");
    const person_result result(statement);
    for (auto _ : state)
        if (measured_my_select_all_hand(statement, result) != rows_per_round) throw std::runtime_error("wrong row count");
    mysql_stmt_close(statement);
    mysql_close(db);
}

void select_all_tabula(benchmark::State& state) {
    fill_people();
    session db(server_url());
    for (auto _ : state)
        if (measured_my_select_all_tabula(db) != rows_per_round) throw std::runtime_error("wrong row count");
}

// ---- point lookups by key ------------------------------------------------------------------

// The key is bound once, by the address of `key`.
[[gnu::noinline]] std::int64_t measured_my_get_hand(MYSQL_STMT* statement, std::int64_t& key, const person_result& result) {
    std::int64_t checksum = 0;
    for (std::int64_t k : shuffled_keys()) {
        key = k;
        execute(statement);
        if (mysql_stmt_store_result(statement) != 0) fail(statement);
        std::optional<Person> found;
        if (fetch(statement)) result.read(statement, found.emplace());
        mysql_stmt_free_result(statement);
        checksum += found->age;
    }
    return checksum;
}

[[gnu::noinline]] std::int64_t measured_my_get_tabula(session& db) {
    std::int64_t checksum = 0;
    for (std::int64_t key : shuffled_keys()) checksum += db.get<Person>(key)->age;
    return checksum;
}

void get_hand(benchmark::State& state) {
    fill_people();
    MYSQL* db = connect_by_hand();
    MYSQL_STMT* statement = prepare(db, "SELECT id, name, email, age, score, created_at FROM person WHERE id = ?");
    std::int64_t key = 0;
    MYSQL_BIND parameter{};
    parameter.buffer_type = MYSQL_TYPE_LONGLONG;
    parameter.buffer = &key;
    if (mysql_stmt_bind_param(statement, &parameter) != 0) fail(statement);
    const person_result result(statement);
    for (auto _ : state) benchmark::DoNotOptimize(measured_my_get_hand(statement, key, result));
    mysql_stmt_close(statement);
    mysql_close(db);
}

void get_tabula(benchmark::State& state) {
    fill_people();
    session db(server_url());
    for (auto _ : state) benchmark::DoNotOptimize(measured_my_get_tabula(db));
}

// ---- updates by key, in one transaction ------------------------------------------------------

[[gnu::noinline]] void measured_my_update_hand(MYSQL* db, MYSQL_STMT* statement) {
    exec(db, "START TRANSACTION");
    person_parameters p;
    for (const Person& person : updated_people()) {
        p.set(person);
        p.bind_to(statement);
        execute(statement);
        if (mysql_stmt_affected_rows(statement) != 1) throw std::runtime_error("row not found");
    }
    exec(db, "COMMIT");
}

[[gnu::noinline]] void measured_my_update_tabula(session& db) {
    auto tx = db.transaction();
    for (const Person& person : updated_people()) db.update(person);
    tx.commit();
}

void update_hand(benchmark::State& state) {
    fill_people();
    MYSQL* db = connect_by_hand();
    MYSQL_STMT* statement = prepare(db, "UPDATE person SET name = ?, email = ?, age = ?, score = ?, created_at = ? WHERE id = ?");
    for (auto _ : state) measured_my_update_hand(db, statement);
    mysql_stmt_close(statement);
    mysql_close(db);
}

void update_tabula(benchmark::State& state) {
    fill_people();
    session db(server_url());
    for (auto _ : state) measured_my_update_tabula(db);
}

// ---- JSON documents: written one per row in a transaction, read back and parsed -------------

[[gnu::noinline]] void measured_my_json_write_hand(MYSQL* db, MYSQL_STMT* statement) {
    exec(db, "START TRANSACTION");
    MYSQL_BIND parameter{};
    parameter.buffer_type = MYSQL_TYPE_STRING;
    unsigned long length = 0;
    parameter.length = &length;
    for (const Document& d : documents()) {
        const std::string text = d.payload.dump();
        parameter.buffer = const_cast<char*>(text.data());
        length = static_cast<unsigned long>(text.size());
        if (mysql_stmt_bind_param(statement, &parameter) != 0) fail(statement);
        execute(statement);
    }
    exec(db, "COMMIT");
}

[[gnu::noinline]] void measured_my_json_write_tabula(session& db) {
    auto tx = db.transaction();
    for (const Document& d : new_documents()) db.insert(d);
    tx.commit();
}

struct document_result {
    std::array<MYSQL_BIND, 2> bind{};
    std::int64_t id = 0;
    text_column payload;
    std::string long_payload;

    explicit document_result(MYSQL_STMT* statement) {
        bind[0].buffer_type = MYSQL_TYPE_LONGLONG;
        bind[0].buffer = &id;
        payload.point(bind[1]);
        if (mysql_stmt_bind_result(statement, bind.data()) != 0) fail(statement);
    }
    document_result(const document_result&) = delete;
    document_result& operator=(const document_result&) = delete;

    void read(MYSQL_STMT* statement, Document& d) {
        d.id = id;
        if (!payload.truncated) {
            d.payload = nlohmann::json::parse(payload.buffer.data(), payload.buffer.data() + payload.length);
        } else {
            payload.read(statement, 1, long_payload);
            d.payload = nlohmann::json::parse(long_payload);
        }
    }
};

[[gnu::noinline]] std::size_t measured_my_json_read_hand(MYSQL_STMT* statement, document_result& result) {
    std::vector<Document> rows;
    execute(statement);
    if (mysql_stmt_store_result(statement) != 0) fail(statement);
    rows.reserve(static_cast<std::size_t>(mysql_stmt_num_rows(statement)));
    while (fetch(statement)) result.read(statement, rows.emplace_back());
    mysql_stmt_free_result(statement);
    return rows.size();
}

[[gnu::noinline]] std::size_t measured_my_json_read_tabula(session& db) { return db.query<Document>().all().size(); }

void recreate_documents(session& db) {
    warm_up();
    db.drop_all<Document>();
    db.create_all<Document>();
}

void json_write_hand(benchmark::State& state) {
    session setup(server_url());
    recreate_documents(setup);
    MYSQL* db = connect_by_hand();
    MYSQL_STMT* statement = prepare(db, "INSERT INTO document (payload) VALUES (?)");
    for (auto _ : state) {
        state.PauseTiming();
        recreate_documents(setup);
        state.ResumeTiming();
        measured_my_json_write_hand(db, statement);
    }
    mysql_stmt_close(statement);
    mysql_close(db);
}

void json_write_tabula(benchmark::State& state) {
    session db(server_url());
    for (auto _ : state) {
        state.PauseTiming();
        recreate_documents(db);
        state.ResumeTiming();
        measured_my_json_write_tabula(db);
    }
}

void fill_documents() {
    session db(server_url());
    recreate_documents(db);
    db.insert_many(documents());
}

void json_read_hand(benchmark::State& state) {
    fill_documents();
    MYSQL* db = connect_by_hand();
    MYSQL_STMT* statement = prepare(db, "SELECT id, payload FROM document");
    document_result result(statement);
    for (auto _ : state)
        if (measured_my_json_read_hand(statement, result) != rows_per_round) throw std::runtime_error("wrong row count");
    mysql_stmt_close(statement);
    mysql_close(db);
}

void json_read_tabula(benchmark::State& state) {
    fill_documents();
    session db(server_url());
    for (auto _ : state)
        if (measured_my_json_read_tabula(db) != rows_per_round) throw std::runtime_error("wrong row count");
}

const bool registered = [] {
    bench::add("my_insert", "hand_written", insert_hand);
    bench::add("my_insert", "tabula", insert_tabula);
    bench::add("my_insert_many", "hand_written", insert_many_hand);
    bench::add("my_insert_many", "tabula", insert_many_tabula);
    bench::add("my_select_all", "hand_written", select_all_hand);
    bench::add("my_select_all", "tabula", select_all_tabula);
    bench::add("my_get", "hand_written", get_hand);
    bench::add("my_get", "tabula", get_tabula);
    bench::add("my_update", "hand_written", update_hand);
    bench::add("my_update", "tabula", update_tabula);
    bench::add("my_json_write", "hand_written", json_write_hand);
    bench::add("my_json_write", "tabula", json_write_tabula);
    bench::add("my_json_read", "hand_written", json_read_hand);
    bench::add("my_json_read", "tabula", json_read_tabula);
    return true;
}();

}  // namespace
