// JSON columns: 100,000 documents written in one transaction, then read back and parsed. The
// hand-written side serialises and parses with the same nlohmann::json calls.
#include <benchmark/benchmark.h>

#include <nlohmann/json.hpp>

#include <tabula/sqlite.hpp>

#include "support.hpp"

namespace {

using bench::Document;
using session = tabula::session<tabula::sqlite>;
constexpr auto sqlite = tabula::sql::dialect::sqlite;

void recreate_documents(sqlite3* db) {
    bench::exec(db, "DROP TABLE IF EXISTS document");
    bench::exec(db, std::string(tabula::sql::create_table_sql<Document, sqlite>).c_str());
}

[[gnu::noinline]] void measured_json_write_hand(sqlite3* db, const std::vector<Document>& rows) {
    bench::exec(db, "BEGIN");
    sqlite3_stmt* insert = bench::prepare(db, "INSERT INTO document (payload) VALUES (?)");
    for (const Document& d : rows) {
        const std::string text = d.payload.dump();
        sqlite3_bind_text(insert, 1, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
        if (sqlite3_step(insert) != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db));
        sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    bench::exec(db, "COMMIT");
}

void json_write_hand_written(benchmark::State& state, int open_flags) {
    sqlite3* db = bench::open_by_hand(open_flags);
    for (auto _ : state) {
        state.PauseTiming();
        recreate_documents(db);
        state.ResumeTiming();
        measured_json_write_hand(db, bench::documents());
    }
    sqlite3_close(db);
}

const std::vector<Document>& new_documents() {
    static const std::vector<Document> rows = bench::without_keys(bench::documents());
    return rows;
}

[[gnu::noinline]] std::size_t measured_json_write_tabula(session& db, const std::vector<Document>& rows) { return db.insert_many(rows); }

void json_write_tabula(benchmark::State& state) {
    session db(bench::database_url());
    for (auto _ : state) {
        state.PauseTiming();
        db.drop_all<Document>();
        db.create_all<Document>();
        state.ResumeTiming();
        measured_json_write_tabula(db, new_documents());
    }
}

// Through its own connection, closed (and so checkpointed) before the measured one opens.
void fill_documents() {
    session db(bench::database_url());
    db.drop_all<Document>();
    db.create_all<Document>();
    db.insert_many(bench::documents());
}

[[gnu::noinline]] std::size_t measured_json_read_hand(sqlite3_stmt* select) {
    std::vector<Document> rows;
    while (sqlite3_step(select) == SQLITE_ROW) {
        Document& d = rows.emplace_back();
        d.id = sqlite3_column_int64(select, 0);
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(select, 1));
        const auto size = static_cast<std::size_t>(sqlite3_column_bytes(select, 1));
        d.payload = nlohmann::json::parse(text, text + size);
    }
    sqlite3_reset(select);
    return rows.size();
}

[[gnu::noinline]] std::size_t measured_json_read_tabula(session& db) { return db.query<Document>().all().size(); }

void json_read_hand_written(benchmark::State& state, int open_flags) {
    fill_documents();
    sqlite3* db = bench::open_by_hand(open_flags);
    sqlite3_stmt* select = bench::prepare(db, "SELECT id, payload FROM document");
    for (auto _ : state) {
        if (measured_json_read_hand(select) != bench::row_count) throw std::runtime_error("wrong row count");
    }
    sqlite3_finalize(select);
    sqlite3_close(db);
}

void json_read_tabula(benchmark::State& state) {
    fill_documents();
    session db(bench::database_url());
    for (auto _ : state) {
        if (measured_json_read_tabula(db) != bench::row_count) throw std::runtime_error("wrong row count");
    }
}

const bool registered = [] {
    bench::add("json_write", "hand_written", [](benchmark::State& s) { json_write_hand_written(s, 0); });
    bench::add("json_write", "hand_written_nomutex", [](benchmark::State& s) { json_write_hand_written(s, SQLITE_OPEN_NOMUTEX); });
    bench::add("json_write", "tabula", json_write_tabula);
    bench::add("json_read", "hand_written", [](benchmark::State& s) { json_read_hand_written(s, 0); });
    bench::add("json_read", "hand_written_nomutex", [](benchmark::State& s) { json_read_hand_written(s, SQLITE_OPEN_NOMUTEX); });
    bench::add("json_read", "tabula", json_read_tabula);
    return true;
}();

}  // namespace
