// Fuzzes row decoding on SQLite: a row written by another program (any storage class, any bytes,
// under every column of a model that has one field of every supported type, JSON included) read
// through get, query().all(), stream(), each() and raw<T> for every field type.
//
// Properties, besides "no crash, no sanitizer report, nothing but a tabula::error thrown":
//   - a value stored in the form its field is written in reads back equal: an INTEGER under an
//     integer field, TEXT under a string field, a BLOB under a blob field, a REAL under a double,
//     TEXT that nlohmann::json parses under a JSON field, NULL under an optional field;
//   - the four ways of reading a row agree.
#include <fuzzer/FuzzedDataProvider.h>
#include <sqlite3.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <tabula/sqlite.hpp>

#include "fuzz.hpp"
#include "support/models.hpp"

namespace fuzz_decode {

using testing_models::Everything;

// A stored value, as the other program wrote it.
struct stored {
    int type = SQLITE_NULL;  // SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB or SQLITE_NULL
    std::int64_t integer = 0;
    double real = 0;
    std::string bytes{};
    std::string shown() const {
        switch (type) {
            case SQLITE_INTEGER: return "INTEGER " + std::to_string(integer);
            case SQLITE_FLOAT: return "REAL " + std::to_string(real);
            case SQLITE_TEXT: return "TEXT '" + fuzz::printable(bytes) + "'";
            case SQLITE_BLOB: return "BLOB '" + fuzz::printable(bytes) + "'";
            default: return "NULL";
        }
    }
};

struct table {
    std::string name;
    std::vector<std::string> columns;  // in the model's order
    std::vector<stored> written;       // a row as tabula writes it, for the columns not fuzzed
};

void check(int rc, sqlite3* db, const char* what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) fuzz::fail(std::string(what) + ": " + sqlite3_errmsg(db));
}

// The model's table as create_all makes it, then replaced by one with the same column names and
// no types or constraints, as a database written by another program can be.
tabula::session<tabula::sqlite>& database(table& shape) {
    static table made;
    static auto db = [] {
        auto s = tabula::session<tabula::sqlite>::open("sqlite://");
        s.create_all<Everything>();
        made.name = s.raw<std::string>("SELECT name FROM sqlite_master WHERE type = 'table'").at(0);
        made.columns = s.raw<std::string>("SELECT name FROM pragma_table_info(?) ORDER BY cid", made.name);
        std::string loose = "CREATE TABLE \"" + made.name + "_loose\" (";
        for (std::size_t i = 0; i < made.columns.size(); ++i) loose += (i ? ", \"" : "\"") + made.columns[i] + "\"";
        s.execute_script("DROP TABLE \"" + made.name + "\"; " + loose + "); ALTER TABLE \"" + made.name + "_loose\" RENAME TO \"" +
                         made.name + "\"");
        Everything row;
        row.id = 1;
        row.text = "text";
        row.document = nlohmann::json{{"a", 1}};
        row.maybe_text = "maybe";
        s.insert(row);
        sqlite3* handle = s.connection().native_handle();
        sqlite3_stmt* statement = nullptr;
        check(sqlite3_prepare_v2(handle, ("SELECT * FROM \"" + made.name + "\"").c_str(), -1, &statement, nullptr), handle, "prepare");
        check(sqlite3_step(statement), handle, "select");
        for (int i = 0; i < sqlite3_column_count(statement); ++i) {
            stored v;
            v.type = sqlite3_column_type(statement, i);
            v.integer = sqlite3_column_int64(statement, i);
            v.real = sqlite3_column_double(statement, i);
            if (v.type == SQLITE_TEXT || v.type == SQLITE_BLOB)
                v.bytes.assign(static_cast<const char*>(sqlite3_column_blob(statement, i)), static_cast<std::size_t>(sqlite3_column_bytes(statement, i)));
            made.written.push_back(v);
        }
        sqlite3_finalize(statement);
        s.execute("DELETE FROM \"" + made.name + "\"");
        return s;
    }();
    shape = made;
    return db;
}

stored consume(FuzzedDataProvider& input) {
    stored v;
    switch (input.ConsumeIntegralInRange<int>(0, 5)) {
        case 0: break;
        case 1:
            v.type = SQLITE_INTEGER;
            v.integer = input.ConsumeIntegral<std::int64_t>();
            break;
        case 2:
            v.type = SQLITE_INTEGER;  // the small integers most fields take
            v.integer = input.ConsumeIntegralInRange<std::int64_t>(-3, 10);
            break;
        case 3:
            v.type = SQLITE_FLOAT;
            v.real = input.ConsumeFloatingPoint<double>();
            if (std::isnan(v.real)) v.type = SQLITE_NULL;  // SQLite stores NaN as NULL
            break;
        case 4:
            v.type = SQLITE_TEXT;
            v.bytes = input.ConsumeRandomLengthString(64);
            break;
        default:
            v.type = SQLITE_BLOB;
            v.bytes = input.ConsumeRandomLengthString(64);
            break;
    }
    return v;
}

void write_row(sqlite3* db, const table& shape, const std::vector<stored>& values) {
    std::string sql = "INSERT INTO \"" + shape.name + "\" VALUES (";
    for (std::size_t i = 0; i < values.size(); ++i) sql += i ? ", ?" : "?";
    sql += ")";
    sqlite3_stmt* statement = nullptr;
    check(sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr), db, "prepare");
    for (std::size_t i = 0; i < values.size(); ++i) {
        const stored& v = values[i];
        const int at = static_cast<int>(i + 1);
        switch (v.type) {
            case SQLITE_INTEGER: sqlite3_bind_int64(statement, at, v.integer); break;
            case SQLITE_FLOAT: sqlite3_bind_double(statement, at, v.real); break;
            case SQLITE_TEXT: sqlite3_bind_text(statement, at, v.bytes.data(), static_cast<int>(v.bytes.size()), SQLITE_TRANSIENT); break;
            case SQLITE_BLOB: sqlite3_bind_blob(statement, at, v.bytes.data(), static_cast<int>(v.bytes.size()), SQLITE_TRANSIENT); break;
            default: sqlite3_bind_null(statement, at); break;
        }
    }
    check(sqlite3_step(statement), db, "insert");
    sqlite3_finalize(statement);
}

// Checks the fields whose stored form is the one tabula writes for their type.
void check_round_trip(const Everything& row, const table& shape, const std::vector<stored>& values, const std::string& context) {
    auto at = [&](std::string_view column) -> const stored& {
        for (std::size_t i = 0; i < shape.columns.size(); ++i)
            if (shape.columns[i] == column) return values[i];
        fuzz::fail("the model has no column " + std::string(column));
    };
    auto expect = [&](bool equal, std::string_view column) {
        fuzz::require(equal, "column " + std::string(column) + " (" + at(column).shown() + ") read back differently" + context);
    };
    if (const stored& v = at("i64"); v.type == SQLITE_INTEGER) expect(row.i64 == v.integer, "i64");
    if (const stored& v = at("maybe_i64"); v.type == SQLITE_INTEGER) expect(row.maybe_i64 == v.integer, "maybe_i64");
    if (const stored& v = at("maybe_i64"); v.type == SQLITE_NULL) expect(!row.maybe_i64, "maybe_i64");
    if (const stored& v = at("text"); v.type == SQLITE_TEXT) expect(row.text == v.bytes, "text");
    if (const stored& v = at("maybe_text"); v.type == SQLITE_TEXT) expect(row.maybe_text == v.bytes, "maybe_text");
    if (const stored& v = at("maybe_text"); v.type == SQLITE_NULL) expect(!row.maybe_text, "maybe_text");
    if (const stored& v = at("bytes"); v.type == SQLITE_BLOB)
        expect(row.bytes.size() == v.bytes.size() && (v.bytes.empty() || std::memcmp(row.bytes.data(), v.bytes.data(), v.bytes.size()) == 0),
               "bytes");
    if (const stored& v = at("f64"); v.type == SQLITE_FLOAT) expect(row.f64 == v.real, "f64");
    if (const stored& v = at("flag"); v.type == SQLITE_INTEGER && (v.integer == 0 || v.integer == 1)) expect(row.flag == (v.integer == 1), "flag");
    if (const stored& v = at("document"); v.type == SQLITE_TEXT) {
        const nlohmann::json parsed = nlohmann::json::parse(v.bytes, nullptr, false);
        if (!parsed.is_discarded()) expect(row.document == parsed, "document");
    }
    if (const stored& v = at("maybe_document"); v.type == SQLITE_NULL) expect(!row.maybe_document, "maybe_document");
}

template <class T>
void read_column_as(tabula::session<tabula::sqlite>& db, const std::string& sql, const stored& v, const std::string& context,
                    const std::function<bool(const T&)>& equal_to_stored = {}) {
    std::vector<T> values;
    if (!fuzz::returns_or_throws_tabula_error([&] { values = db.raw<T>(sql); })) return;
    fuzz::require(values.size() == 1, "raw<T> read " + std::to_string(values.size()) + " rows of one" + context);
    if (equal_to_stored) fuzz::require(equal_to_stored(values[0]), "raw<T> read " + v.shown() + " back differently: " + sql + context);
}

}  // namespace fuzz_decode

using namespace fuzz_decode;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider input(data, size);
    table shape;
    auto& db = database(shape);
    std::vector<stored> values;
    // Some columns hold what the other program wrote, the others what tabula writes: so that rows
    // that decode are common, and their fuzzed columns are checked.
    const std::uint32_t fuzzed = input.ConsumeIntegral<std::uint32_t>();
    for (std::size_t i = 0; i < shape.columns.size(); ++i) {
        if (shape.columns[i] == "id" || !(fuzzed >> (i % 32) & 1)) values.push_back(shape.written[i]);
        else values.push_back(consume(input));
    }
    std::string context = "\n  stored:";
    for (std::size_t i = 0; i < values.size(); ++i) context += " " + shape.columns[i] + "=" + values[i].shown();

    db.execute("DELETE FROM \"" + shape.name + "\"");
    write_row(db.connection().native_handle(), shape, values);

    std::optional<Everything> got;
    const bool read = fuzz::returns_or_throws_tabula_error([&] { got = db.get<Everything>(std::int64_t{1}); });
    if (read) {
        fuzz::require(got.has_value(), "get found no row" + context);
        check_round_trip(*got, shape, values, context);
    }
    std::vector<Everything> all;
    const bool listed = fuzz::returns_or_throws_tabula_error([&] { all = db.query<Everything>().all(); });
    fuzz::require(listed == read, "get and query().all() disagree on whether the row can be read" + context);
    std::size_t streamed = 0;
    const bool streamed_ok = fuzz::returns_or_throws_tabula_error([&] {
        for (const Everything& row : db.query<Everything>().stream()) {
            (void)row;
            ++streamed;
        }
    });
    fuzz::require(streamed_ok == read, "get and stream() disagree on whether the row can be read" + context);
    std::size_t visited = 0;
    const bool each_ok = fuzz::returns_or_throws_tabula_error([&] { db.query<Everything>().each([&](const Everything&) { ++visited; }); });
    fuzz::require(each_ok == read, "get and each() disagree on whether the row can be read" + context);
    if (read) fuzz::require(all.size() == 1 && streamed == 1 && visited == 1, "a read lost or invented rows" + context);

    // Every column through raw<T>, under a field type the input picks (all of them for one column
    // per run would make a run a hundred times slower).
    for (std::size_t i = 0; i < shape.columns.size(); ++i) {
        const std::string sql = "SELECT \"" + shape.columns[i] + "\" FROM \"" + shape.name + "\"";
        const stored& v = values[i];
        const std::string at = context + "\n  column " + shape.columns[i];
        switch (input.ConsumeIntegralInRange<int>(0, 13)) {
            case 0:
                read_column_as<std::int64_t>(db, sql, v, at, v.type == SQLITE_INTEGER ? std::function<bool(const std::int64_t&)>([&](const std::int64_t& x) { return x == v.integer; }) : nullptr);
                break;
            case 1: read_column_as<std::int32_t>(db, sql, v, at); break;
            case 2: read_column_as<std::uint64_t>(db, sql, v, at); break;
            case 3: read_column_as<std::int8_t>(db, sql, v, at); break;
            case 4: read_column_as<bool>(db, sql, v, at); break;
            case 5:
                read_column_as<double>(db, sql, v, at, v.type == SQLITE_FLOAT ? std::function<bool(const double&)>([&](const double& x) { return x == v.real; }) : nullptr);
                break;
            case 6: read_column_as<float>(db, sql, v, at); break;
            case 7:
                read_column_as<std::string>(db, sql, v, at, v.type == SQLITE_TEXT ? std::function<bool(const std::string&)>([&](const std::string& x) { return x == v.bytes; }) : nullptr);
                break;
            case 8:
                read_column_as<std::optional<std::string>>(db, sql, v, at, v.type == SQLITE_NULL ? std::function<bool(const std::optional<std::string>&)>([](const std::optional<std::string>& x) { return !x; }) : nullptr);
                break;
            case 9: read_column_as<tabula::blob>(db, sql, v, at); break;
            case 10: read_column_as<nlohmann::json>(db, sql, v, at); break;
            case 11: read_column_as<testing_models::role>(db, sql, v, at); break;
            case 12: read_column_as<std::chrono::system_clock::time_point>(db, sql, v, at); break;
            default: read_column_as<std::chrono::milliseconds>(db, sql, v, at); break;
        }
    }
    return 0;
}
