// The SQL log: one event per statement with text, duration and rows; bound values only on request.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../support/database.hpp"
#include "../support/text.hpp"
#include "../support/models.hpp"

using namespace testing_models;
using tabula::col;

namespace {
struct logged {
    std::string sql;
    std::int64_t rows;
    std::vector<std::string> values;
    std::string error;
    bool timed;
};
}  // namespace

TEST_CASE_TEMPLATE("the SQL log sees every statement with its duration and rows; values only when asked", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<User, Note>();
    std::vector<logged> events;
    auto record = [&](const tabula::statement_event& e) {
        events.push_back({std::string(e.sql), e.rows, {e.values.begin(), e.values.end()}, std::string(e.error), e.duration.count() >= 0});
    };

    db.log_statements(record);
    db.insert(Note{"a", "secret title", 1});
    db.insert(Note{"b", "x", 2});
    REQUIRE(events.size() == 2);
    CHECK(events[0].sql == tabula::sql::insert_sql<Note, Backend::dialect>);
    CHECK(events[0].rows == 1);
    CHECK(events[0].values.empty());  // not asked for
    CHECK(events[0].timed);

    events.clear();
    CHECK(db.template query<Note>().where(col<&Note::updated_at> >= 1).all().size() == 2);
    REQUIRE(events.size() == 1);
    CHECK(events[0].rows == 2);
    CHECK(events[0].sql.find("SELECT") == 0);

    events.clear();
    db.log_statements(record, true);
    db.template query<Note>().where(col<&Note::title> == "x").first();
    db.template update<&Note::title>(Note{"a", "renamed", 1});
    REQUIRE(events.size() == 2);
    CHECK(events[0].values == std::vector<std::string>{"'x'"});
    CHECK(events[0].rows == 1);
    CHECK(events[1].values == std::vector<std::string>{"'renamed'", "'a'"});
    CHECK(events[1].rows == 1);

    events.clear();
    {
        auto tx = db.transaction();
        db.execute("UPDATE note SET updated_at = ? WHERE updated_at < ?", 10, 100);
        auto inner = db.transaction();
        inner.rollback();
    }
    REQUIRE(events.size() == 6);  // BEGIN, UPDATE, SAVEPOINT, ROLLBACK TO, RELEASE, COMMIT
    CHECK(events[1].rows == 2);
    CHECK(events[1].values == std::vector<std::string>{"10", "100"});
    CHECK(events[5].sql == "COMMIT");

    // A failing statement is logged with its error, then the error propagates.
    events.clear();
    CHECK_THROWS_AS(db.insert(Note{"a", "duplicate key", 3}), tabula::constraint_violation);
    REQUIRE(events.size() == 1);
    CHECK_FALSE(events[0].error.empty());

    // Bulk inserts are logged as the statements they run.
    events.clear();
    db.log_statements(record);
    std::vector<Note> many;
    for (int i = 0; i < 100; ++i) many.push_back(Note{test_support::numbered("m", i), "t", i});
    db.insert_many(many);
    std::int64_t written = 0;
    for (const auto& e : events)
        if (e.sql.find("INSERT") == 0 || e.sql.find("COPY") == 0) written += e.rows;
    CHECK(written == 100);

    // Off again.
    db.log_statements({});
    events.clear();
    db.template count<Note>();
    CHECK(events.empty());
}
