// MariaDB under faults a pool must survive: a connection killed between requests and a server
// restarted under the pool are found by pre_ping and replaced; a pool exhausted waits, then says so.
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "../support/database.hpp"
#include "../support/models.hpp"
#include "../support/servers.hpp"

using namespace testing_models;
using namespace std::chrono_literals;

TEST_CASE("MySQL: a connection killed between requests is found by pre_ping and replaced") {
    test_support::database<tabula::mysql> database;
    auto killer = database.open();
    tabula::connection_pool<tabula::mysql> pool(database.url(), {.size = 1, .max_overflow = 0});
    {
        auto db = pool.acquire();
        db->create_all<Note>();
        db->insert(Note{"a", "x", 1});
        killer.execute_script("KILL " + std::to_string(db->connection().server_thread_id()));
    }
    auto db = pool.acquire();
    CHECK(db->count<Note>() == 1);
    CHECK(pool.statistics().replaced == 1);
}

TEST_CASE("MySQL: after a server restart a pool replaces its connections; a lone session gets connection_error") {
    test_support::database<tabula::mysql> database;
    tabula::connection_pool<tabula::mysql> pool(database.url(), {.size = 2, .max_overflow = 0});
    auto lone = database.open();
    {
        auto a = pool.acquire();
        auto b = pool.acquire();
        a->create_all<Note>();
        a->insert(Note{"kept", "x", 1});
    }
    test_support::restart_server("mysql");
    CHECK_THROWS_AS(lone.count<Note>(), tabula::connection_error);
    auto a = pool.acquire();
    auto b = pool.acquire();
    CHECK(a->count<Note>() == 1);
    CHECK(b->get<Note>("kept").has_value());
    CHECK(pool.statistics().replaced == 2);
}

TEST_CASE("MySQL: a DECIMAL beyond int64 read into an integer is an error, never a wrapped or zero value") {
    test_support::database<tabula::mysql> database;
    auto db = database.open();
    CHECK(db.raw<std::int64_t>("SELECT CAST(-120 AS DECIMAL(30,0))")[0] == -120);
    CHECK_THROWS_WITH_AS(db.raw<std::int64_t>("SELECT CAST('99999999999999999999' AS DECIMAL(30,0))"),
                         doctest::Contains("expected an integer, found REAL"), tabula::type_mismatch);
    CHECK(db.raw<double>("SELECT CAST('99999999999999999999' AS DECIMAL(30,0))")[0] == 1e20);
}
