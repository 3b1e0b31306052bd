// The connection pool: reuse, size and overflow, timeouts, NullPool, recycling, rollback of what a
// borrower left open, and many threads at once.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "../support/database.hpp"
#include "../support/models.hpp"

using namespace testing_models;
using namespace std::chrono_literals;

TEST_CASE_TEMPLATE("a pool reuses its sessions and their prepared statements", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    tabula::connection_pool<Backend> pool(database.url(), {.size = 2, .max_overflow = 0, .timeout = 5s});
    {
        auto db = pool.acquire();
        db->template create_all<Note>();
        db->insert(Note{"a", "x", 1});
    }
    const tabula::session<Backend>* first = nullptr;
    {
        auto db = pool.acquire();
        first = &db.get();
        CHECK(db->template count<Note>() == 1);
    }
    {
        auto db = pool.acquire();
        CHECK(&db.get() == first);  // the warm session comes back
    }
    const auto stats = pool.statistics();
    CHECK(stats.opened == 1);
    CHECK(stats.open == 1);
    CHECK(stats.idle == 1);
    CHECK(stats.in_use == 0);
}

TEST_CASE_TEMPLATE("a pool opens at most size + max_overflow, times out clearly, and closes overflow on return", Backend,
                   TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    tabula::connection_pool<Backend> pool(database.url(), {.size = 2, .max_overflow = 1, .timeout = 200ms});
    {
        auto a = pool.acquire();
        auto b = pool.acquire();
        auto c = pool.acquire();
        CHECK(pool.statistics().open == 3);
        CHECK(pool.statistics().overflow == 1);
        const auto started = std::chrono::steady_clock::now();
        CHECK_THROWS_WITH_AS(pool.acquire(), doctest::Contains("no connection became free within 200 ms: all 3 are in use (pool size 2, max overflow 1)"),
                             tabula::pool_timeout);
        CHECK(std::chrono::steady_clock::now() - started >= 190ms);
        CHECK(pool.statistics().timeouts == 1);
        // A waiter gets the first session given back.
        std::thread giver([moved = std::move(c)]() mutable {
            std::this_thread::sleep_for(50ms);
            auto drop = std::move(moved);
        });
        auto d = pool.acquire();
        giver.join();
        CHECK(pool.statistics().waits == 2);
    }
    const auto stats = pool.statistics();
    CHECK(stats.open == 2);  // the overflow session was closed when it came back
    CHECK(stats.idle == 2);
}

TEST_CASE_TEMPLATE("pool size 0 opens a fresh connection for every acquire (NullPool)", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    tabula::connection_pool<Backend> pool(database.url(), {.size = 0, .max_overflow = 0});
    for (int i = 0; i < 3; ++i) {
        auto db = pool.acquire();
        db->template raw<std::int64_t>("SELECT 1");
    }
    CHECK(pool.statistics().opened == 3);
    CHECK(pool.statistics().open == 0);
}

TEST_CASE_TEMPLATE("recycle replaces connections older than its limit", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    tabula::connection_pool<Backend> pool(database.url(), {.size = 1, .max_overflow = 0, .recycle = 20ms});
    { auto db = pool.acquire(); }
    std::this_thread::sleep_for(40ms);
    {
        auto db = pool.acquire();
        CHECK(db->template raw<std::int64_t>("SELECT 1")[0] == 1);
    }
    CHECK(pool.statistics().recycled == 1);
    CHECK(pool.statistics().opened == 2);
}

TEST_CASE_TEMPLATE("a session returned with a transaction open is rolled back, never committed", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    tabula::connection_pool<Backend> pool(database.url(), {.size = 1, .max_overflow = 0});
    {
        auto db = pool.acquire();
        db->template create_all<Note>();
    }
    {
        auto db = pool.acquire();
        db->connection().begin({});  // behind the session's back, as a careless borrower might
        db->insert(Note{"half", "written", 1});
    }
    auto db = pool.acquire();
    CHECK_FALSE(db->in_transaction());
    CHECK_FALSE(db->connection().in_transaction());
    CHECK(db->template count<Note>() == 0);
}

TEST_CASE_TEMPLATE("many threads share a small pool without exceeding it", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    {
        auto setup = database.open();
        setup.template create_all<Counter>();
        setup.insert(Counter{1, 0});
    }
    const std::string url = Backend::dialect == tabula::sql::dialect::sqlite ? database.url("busy_timeout=10000") : database.url();
    tabula::connection_pool<Backend> pool(url, {.size = 2, .max_overflow = 1, .timeout = 30s});
    std::atomic<int> failures{0};
    std::atomic<std::size_t> most_open{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 6; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 25; ++i) {
                try {
                    auto db = pool.acquire();
                    db->execute("UPDATE counter SET value = value + 1 WHERE id = 1");
                    const std::size_t open = pool.statistics().open;
                    std::size_t seen = most_open.load();
                    while (open > seen && !most_open.compare_exchange_weak(seen, open)) {
                    }
                } catch (...) {
                    ++failures;
                }
            }
        });
    for (auto& t : threads) t.join();
    CHECK(failures.load() == 0);
    CHECK(most_open.load() <= 3);
    auto db = pool.acquire();
    CHECK(db->template get<Counter>(1)->value == 150);
}
