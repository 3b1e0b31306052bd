// Prepared statements a session keeps stay bounded however many distinct run-time texts it runs
// (IN lists of every length), counted where the statements live: in SQLite's library, in
// PostgreSQL's session, on the MariaDB server.
#include <doctest/doctest.h>

#include <algorithm>
#include <numeric>
#include <string>
#include <vector>

#include "../support/database.hpp"
#include "../support/models.hpp"

using namespace testing_models;

namespace {

template <class Session>
std::int64_t prepared_statements(Session& db) {
    if constexpr (Session::dialect == tabula::sql::dialect::sqlite) {
        std::int64_t count = 0;
        for (sqlite3_stmt* s = sqlite3_next_stmt(db.connection().native_handle(), nullptr); s;
             s = sqlite3_next_stmt(db.connection().native_handle(), s))
            ++count;
        return count;
    } else if constexpr (Session::dialect == tabula::sql::dialect::postgres) {
        return db.template raw<std::int64_t>("SELECT COUNT(*) FROM pg_prepared_statements")[0];
    } else {
        struct status { std::string name; std::string value; };
        return std::stoll(db.template raw<status>("SHOW SESSION STATUS LIKE 'Com_stmt_prepare'")[0].value) -
               std::stoll(db.template raw<status>("SHOW SESSION STATUS LIKE 'Com_stmt_close'")[0].value);
    }
}

}  // namespace

TEST_CASE_TEMPLATE("IN lists of hundreds of lengths keep a bounded number of prepared statements", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<Counter>();
    db.insert(Counter{1, 10});
    db.template query<Counter>().where(tabula::col<&Counter::id>.in(std::vector<std::int64_t>{1})).count();
    const std::int64_t before = prepared_statements(db);
    std::int64_t most = before;
    std::vector<std::int64_t> ids;
    for (std::int64_t length = 2; length <= 400; ++length) {
        ids.resize(static_cast<std::size_t>(length));
        std::iota(ids.begin(), ids.end(), 1);
        CHECK(db.template query<Counter>().where(tabula::col<&Counter::id>.in(ids)).count() == 1);
        if (length % 10 == 0) most = std::max(most, prepared_statements(db));
    }
    // The bound, plus the statements that read the count.
    CHECK(most - before <= static_cast<std::int64_t>(tabula::detail::statement_cache<typename Backend::statement>::max_dynamic_statements) + 3);
}
