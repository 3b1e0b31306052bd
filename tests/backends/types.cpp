// Round trip of every supported type, NULLs, empty values and extremes, byte for byte.
#include <nlohmann/json.hpp>
#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include "../support/database.hpp"
#include "../support/everything.hpp"
#include "../support/models.hpp"

using namespace testing_models;

namespace {

Everything filled() {
    Everything row;
    row.flag = true;
    row.i8 = std::numeric_limits<std::int8_t>::min();
    row.i16 = std::numeric_limits<std::int16_t>::max();
    row.i32 = std::numeric_limits<std::int32_t>::min();
    row.i64 = std::numeric_limits<std::int64_t>::min();
    row.u8 = std::numeric_limits<std::uint8_t>::max();
    row.u16 = std::numeric_limits<std::uint16_t>::max();
    row.u32 = std::numeric_limits<std::uint32_t>::max();
    row.u64 = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    row.f32 = std::numeric_limits<float>::max();
    row.f64 = std::numeric_limits<double>::denorm_min();
    row.text = std::string("multi\nline\ttext with \"quotes\" and 'apostrophes' and a NUL:\0end", 61);
    row.bytes = {std::byte{0}, std::byte{1}, std::byte{0xff}, std::byte{0}, std::byte{0x7f}};
    row.document = nlohmann::json::parse(R"({"a":[1,2,{"b":null,"c":[true,false,1.5e300]}],"unicode":"\u00e9\ud83d\ude00","big":12345678901234567890,"neg":-9223372036854775808})");
    row.prefs = preferences{"dark", 14, {"a", "b c", ""}};
    row.level = role::admin;
    row.state = status::archived;
    row.at = std::chrono::system_clock::time_point(std::chrono::nanoseconds(1'732'000'000'123'456'789));
    row.at_seconds = std::chrono::sys_seconds(std::chrono::seconds(-86400));
    row.elapsed = std::chrono::milliseconds(std::numeric_limits<std::int64_t>::max());
    row.maybe_flag = false;
    row.maybe_i64 = std::numeric_limits<std::int64_t>::max();
    row.maybe_f64 = -0.0;
    row.maybe_text = "";
    row.maybe_bytes = tabula::blob{};
    row.maybe_document = nlohmann::json::array();
    row.maybe_level = role::guest;
    return row;
}

}  // namespace

TEST_CASE_TEMPLATE("every supported type round-trips exactly", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<Everything>();

    SUBCASE("extremes, empty values, NUL bytes and nested JSON") {
        Everything row = filled();
        if constexpr (!Backend::text_holds_nul) {
            CHECK_THROWS_WITH_AS(db.insert(row), doctest::Contains("column 'text' of table 'everything'"), tabula::type_mismatch);
            row.text.erase(row.text.find('\0'), 1);
        }
        row.id = db.insert(row);
        CHECK(row.id > 0);
        const auto back = db.template get<Everything>(row.id);
        REQUIRE(back.has_value());
        test_support::check_everything_equal(*back, row);
    }

    SUBCASE("the other extremes") {
        Everything row = filled();
        row.i8 = std::numeric_limits<std::int8_t>::max();
        row.i16 = std::numeric_limits<std::int16_t>::min();
        row.i32 = std::numeric_limits<std::int32_t>::max();
        row.i64 = std::numeric_limits<std::int64_t>::max();
        row.u8 = row.u16 = row.u32 = 0;
        row.u64 = 0;
        row.f32 = -std::numeric_limits<float>::denorm_min();
        row.f64 = -std::numeric_limits<double>::max();
        row.text.clear();
        row.bytes.clear();
        row.document = nullptr;  // the JSON value null, not SQL NULL
        row.prefs = preferences{};
        row.at = {};
        row.elapsed = std::chrono::milliseconds(std::numeric_limits<std::int64_t>::min());
        row.maybe_f64 = std::numeric_limits<double>::infinity();
        if constexpr (Backend::dialect == tabula::sql::dialect::mysql) {
            // MySQL's DOUBLE holds no infinity: it is refused by name, and the largest double
            // takes its place for the round trip.
            CHECK_THROWS_WITH_AS(db.insert(row), doctest::Contains("column 'maybe_f64' of table 'everything'"), tabula::type_mismatch);
            row.maybe_f64 = std::numeric_limits<double>::max();
        }
        row.id = db.insert(row);
        const auto back = db.template get<Everything>(row.id);
        REQUIRE(back.has_value());
        test_support::check_everything_equal(*back, row);
        CHECK(back->document.is_null());
    }

    SUBCASE("NULL in every optional field") {
        Everything row;
        row.id = db.insert(row);
        const auto back = db.template get<Everything>(row.id);
        REQUIRE(back.has_value());
        test_support::check_everything_equal(*back, row);
        CHECK_FALSE(back->maybe_document.has_value());
        CHECK(db.template query<Everything>().where(tabula::col<&Everything::maybe_text>.is_null()).count() == 1);
    }

    SUBCASE("an empty string and an empty blob are not NULL") {
        Everything row;
        row.maybe_text = "";
        row.maybe_bytes = tabula::blob{};
        row.id = db.insert(row);
        CHECK(db.template query<Everything>().where(tabula::col<&Everything::maybe_text>.is_null()).count() == 0);
        CHECK(db.template query<Everything>().where(tabula::col<&Everything::maybe_bytes>.is_not_null()).count() == 1);
        const auto back = db.template get<Everything>(row.id);
        REQUIRE(back.has_value());
        CHECK(back->maybe_text == std::string());
        CHECK(back->maybe_bytes == tabula::blob{});
    }

    SUBCASE("values a database cannot hold are refused, naming the column, and nothing is written") {
        Everything too_big;
        too_big.u64 = std::numeric_limits<std::uint64_t>::max();
        try {
            db.insert(too_big);
            FAIL("a uint64 above INT64_MAX was stored");
        } catch (const tabula::type_mismatch& e) {
            CHECK(e.table() == "everything");
            CHECK(e.column() == "u64");
            CHECK(std::string(e.what()).find("18446744073709551615") != std::string::npos);
        }
        Everything nameless;
        nameless.level = static_cast<role>(42);
        CHECK_THROWS_AS(db.insert(nameless), tabula::type_mismatch);
        if constexpr (!Backend::statement::stores_nan) {
            Everything nan;
            nan.f64 = std::numeric_limits<double>::quiet_NaN();
            CHECK_THROWS_AS(db.insert(nan), tabula::type_mismatch);
        }
        CHECK(db.template count<Everything>() == 0);
    }
}

TEST_CASE_TEMPLATE("stored values that do not fit the field are errors, never silent conversions", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<Everything>();
    const auto id = db.insert(Everything{});

    // Each value is written behind tabula's back. A database that enforces the column's type
    // refuses some of them itself; what it stores must then be refused on reading, by name.
    int stored = 0;
    auto expect_mismatch = [&](std::string_view column, std::string_view value, std::string_view message) {
        CAPTURE(column);
        try {
            db.execute("UPDATE everything SET " + std::string(column) + " = " + std::string(value) + " WHERE id = ?", id);
        } catch (const tabula::statement_error&) {
            CHECK(Backend::dialect != tabula::sql::dialect::sqlite);
            return;
        }
        ++stored;
        try {
            db.template get<Everything>(id);
            FAIL("read succeeded");
        } catch (const tabula::type_mismatch& e) {
            CHECK(e.table() == "everything");
            CHECK(e.column() == column);
            CHECK(e.key() == "id=" + std::to_string(id));
            CHECK(std::string(e.what()).find(message) != std::string::npos);
        }
        db.upsert(Everything{.id = id});
    };
    expect_mismatch("i64", "'abc'", "expected an integer, found TEXT");
    expect_mismatch("i8", "300", "stored integer 300 does not fit");
    expect_mismatch("u8", "-1", "stored integer -1 does not fit");
    expect_mismatch("flag", "2", "is not a boolean");
    expect_mismatch("f64", "'one and a half'", "expected a number, found TEXT");
    expect_mismatch("level", "'superuser'", "names no enumerator of testing_models::role");
    expect_mismatch("f32", "1e300", "does not fit a float");
    // SQLite stores every one; PostgreSQL stores the out-of-range integers and the bad name. MySQL's
    // TINYINT and TINYINT UNSIGNED are exactly int8_t and uint8_t, so it refuses 300 and -1
    // itself and stores the boolean 2 and the bad name.
    CHECK(stored >= (Backend::dialect == tabula::sql::dialect::sqlite ? 7 : Backend::dialect == tabula::sql::dialect::mysql ? 2 : 3));

    // NULL reaches a non-optional field only through a query (the column is NOT NULL).
    try {
        db.template raw<std::string>("SELECT NULL");
        FAIL("NULL read into std::string");
    } catch (const tabula::type_mismatch& e) {
        CHECK(std::string(e.what()).find("expected text, found NULL") != std::string::npos);
    }
}

TEST_CASE_TEMPLATE("a JSON value holding invalid UTF-8 is refused by name, on every path that writes or logs it", Backend,
                   TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<Everything>();
    Everything row{};
    row.document = {{"name", "caf\xe9"}};  // Latin-1, not UTF-8
    db.log_statements([](const tabula::statement_event&) {}, true);  // with values: each is shown as text
    for (int attempt = 0; attempt < 2; ++attempt) {
        try {
            if (attempt == 0) db.insert(row);
            else db.insert_many(std::vector<Everything>{row});
            FAIL("invalid UTF-8 was stored");
        } catch (const tabula::type_mismatch& e) {
            CHECK(e.table() == "everything");
            CHECK(e.column() == "document");
            CHECK(std::string(e.what()).find("cannot store column 'document' of table 'everything'") != std::string::npos);
            CHECK_MESSAGE(std::string(e.what()).find("invalid UTF-8") != std::string::npos, std::string(e.what()));
        }
    }
    db.log_statements(nullptr);
    CHECK(db.template count<Everything>() == 0);
    // Raw SQL parameters are named by position.
    CHECK_THROWS_WITH_AS(db.execute("UPDATE everything SET document = ?", row.document), doctest::Contains("parameter 1"), tabula::type_mismatch);
}

TEST_CASE_TEMPLATE("text is never read into a blob field: nothing is coerced", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<Everything>();
    const auto id = db.insert(Everything{});
    // A text result read into a blob field is a type_mismatch on every backend.
    struct bytes_row { tabula::blob bytes; };
    CHECK_THROWS_WITH_AS(db.template raw<bytes_row>("SELECT 'abc'"), doctest::Contains("expected a blob, found TEXT"), tabula::type_mismatch);
    // Text written into the blob column behind tabula's back: PostgreSQL and MariaDB convert it to
    // bytes as they store it (the column's type decides); SQLite keeps it as TEXT, and reading it
    // is refused by table, column and key.
    db.execute("UPDATE everything SET bytes = 'abc' WHERE id = ?", id);
    if (Backend::dialect == tabula::sql::dialect::sqlite) {
        try {
            db.template get<Everything>(id);
            FAIL("TEXT was read into a blob");
        } catch (const tabula::type_mismatch& e) {
            CHECK(e.table() == "everything");
            CHECK(e.column() == "bytes");
            CHECK(std::string(e.what()).find("expected a blob, found TEXT") != std::string::npos);
        }
        db.execute("UPDATE everything SET bytes = CAST('abc' AS BLOB) WHERE id = ?", id);
    }
    const tabula::blob expected{std::byte{'a'}, std::byte{'b'}, std::byte{'c'}};
    CHECK(db.template get<Everything>(id)->bytes == expected);
}
