// PostgreSQL under faults: a backend terminated mid-session, a server restarted under a pool,
// refused logins, unreachable ports, unknown databases, statement timeouts. Each is a clear error
// or a transparent recovery; none hangs and none half-commits.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <string>

#include "../support/database.hpp"
#include "../support/models.hpp"
#include "../support/servers.hpp"

using namespace testing_models;
using namespace std::chrono_literals;

namespace {
void terminate_backend(tabula::session<tabula::postgres>& victim, tabula::session<tabula::postgres>& killer) {
    const int pid = victim.connection().server_process_id();
    REQUIRE(killer.raw<bool>("SELECT pg_terminate_backend(?)", pid)[0]);
}
}  // namespace

TEST_CASE("PostgreSQL: a backend terminated inside a transaction: connection_error, and nothing of the transaction is committed") {
    test_support::database<tabula::postgres> database;
    auto db = database.open();
    auto killer = database.open();
    db.create_all<Note>();
    try {
        auto tx = db.transaction();
        db.insert(Note{"a", "x", 1});
        db.insert(Note{"b", "x", 2});
        terminate_backend(db, killer);
        db.insert(Note{"c", "x", 3});
        FAIL("a statement ran on a terminated connection");
    } catch (const tabula::connection_error& e) {
        CHECK(std::string(e.what()).find("tabula:") == 0);
    }
    CHECK(killer.count<Note>() == 0);
    CHECK(db.connection().broken());
    CHECK_THROWS_AS(db.count<Note>(), tabula::connection_error);  // and it stays a clear error
}

TEST_CASE("PostgreSQL: a backend terminated between statements is found by pre_ping and replaced") {
    test_support::database<tabula::postgres> database;
    auto killer = database.open();
    tabula::connection_pool<tabula::postgres> pool(database.url(), {.size = 1, .max_overflow = 0});
    {
        auto db = pool.acquire();
        db->create_all<Note>();
        db->insert(Note{"a", "x", 1});
        terminate_backend(*db, killer);
    }
    auto db = pool.acquire();
    CHECK(db->count<Note>() == 1);
    CHECK(pool.statistics().replaced == 1);
}

TEST_CASE("PostgreSQL: after a server restart a pool replaces its connections; a lone session gets connection_error") {
    test_support::database<tabula::postgres> database;
    tabula::connection_pool<tabula::postgres> pool(database.url(), {.size = 2, .max_overflow = 0});
    auto lone = database.open();
    {
        auto a = pool.acquire();
        auto b = pool.acquire();
        a->create_all<Note>();
        a->insert(Note{"kept", "x", 1});
    }
    test_support::restart_server("postgres");
    CHECK_THROWS_AS(lone.count<Note>(), tabula::connection_error);
    auto a = pool.acquire();
    auto b = pool.acquire();
    CHECK(a->count<Note>() == 1);
    CHECK(b->get<Note>("kept").has_value());
    CHECK(pool.statistics().replaced == 2);
}

TEST_CASE("PostgreSQL: refused logins, unknown databases and closed ports are connection_errors without the password") {
    const std::string url = test_support::server_url("postgres");
    const std::string secret = ":tabula-test-secret@";
    REQUIRE(url.find(secret) != std::string::npos);
    std::string wrong = url;
    wrong.replace(wrong.find(secret), secret.size(), ":not-the-password@");
    try {
        tabula::session<tabula::postgres> db(wrong);
        FAIL("connected with a wrong password");
    } catch (const tabula::connection_error& e) {
        const std::string message = e.what();
        CHECK(message.find("password authentication failed") != std::string::npos);
        CHECK(message.find("not-the-password") == std::string::npos);
        CHECK(message.find(":***@") != std::string::npos);
    }
    std::string unknown = url.substr(0, url.rfind('/') + 1) + "no_such_database";
    CHECK_THROWS_WITH_AS(tabula::session<tabula::postgres>{unknown}, doctest::Contains("database \"no_such_database\" does not exist"),
                         tabula::connection_error);
    const auto started = std::chrono::steady_clock::now();
    const std::string closed = "postgresql://tabula:tabula-test-secret@127.0.0.1:" + std::to_string(test_support::closed_port()) +
                               "/tabula?connect_timeout=5";
    try {
        tabula::session<tabula::postgres> db(closed);
        FAIL("connected to a closed port");
    } catch (const tabula::connection_error& e) {
        CHECK(std::string(e.what()).find("Connection refused") != std::string::npos);
        CHECK(std::string(e.what()).find("tabula-test-secret") == std::string::npos);
    }
    CHECK(std::chrono::steady_clock::now() - started < 5s);
}

TEST_CASE("PostgreSQL: a statement past statement_timeout is cancelled with timeout_error; the session goes on") {
    test_support::database<tabula::postgres> database;
    auto db = database.open("statement_timeout=100");
    const auto started = std::chrono::steady_clock::now();
    CHECK_THROWS_WITH_AS(db.raw<std::string>("SELECT pg_sleep(5)::text"), doctest::Contains("canceling statement due to statement timeout"),
                         tabula::timeout_error);
    CHECK(std::chrono::steady_clock::now() - started < 3s);
    CHECK(db.raw<std::int64_t>("SELECT 1")[0] == 1);
    // Inside a transaction the timeout aborts the transaction, which rolls back whole.
    db.create_all<Note>();
    try {
        auto tx = db.transaction();
        db.insert(Note{"a", "x", 1});
        db.raw<std::string>("SELECT pg_sleep(5)::text");
    } catch (const tabula::timeout_error&) {
    }
    CHECK(db.count<Note>() == 0);
}

TEST_CASE("PostgreSQL: a NUMERIC beyond int64 read into an integer is an error, never a wrapped or zero value") {
    test_support::database<tabula::postgres> database;
    auto db = database.open();
    CHECK(db.raw<std::int64_t>("SELECT SUM(x) FROM (VALUES (9223372036854775807::int8), (-1::int8)) AS t(x)")[0] == 9223372036854775806);
    CHECK(db.raw<std::int64_t>("SELECT 00042::numeric")[0] == 42);
    CHECK_THROWS_WITH_AS(db.raw<std::int64_t>("SELECT SUM(x) FROM (VALUES (9223372036854775807::int8), (1::int8)) AS t(x)"),
                         doctest::Contains("expected an integer, found REAL"), tabula::type_mismatch);
    CHECK(db.raw<double>("SELECT 9223372036854775808::numeric")[0] == 9223372036854775808.0);
}
