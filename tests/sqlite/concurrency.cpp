// Several sessions on one database file: WAL lets readers read while a writer writes.
#include <doctest/doctest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "../support/database.hpp"
#include "../support/models.hpp"

using namespace testing_models;

TEST_CASE("SQLite WAL: a reader sees the last committed state while a writer's transaction is open") {
    test_support::database<tabula::sqlite> database;
    auto writer = database.open("wal=true");
    writer.create_all<Note>();
    writer.insert(Note{"before", "x", 0});
    auto reader = database.open("wal=true&busy_timeout=0");  // must not need to wait at all

    auto tx = writer.transaction();
    for (int i = 0; i < 100; ++i) writer.insert(Note{"n" + std::to_string(i), "x", i});
    CHECK(reader.count<Note>() == 1);                              // not blocked, old snapshot
    CHECK_FALSE(reader.get<Note>("n5").has_value());
    tx.commit();
    CHECK(reader.count<Note>() == 101);
    CHECK(reader.raw<std::string>("PRAGMA journal_mode")[0] == "wal");
}

TEST_CASE("SQLite WAL: one thread writes while another reads, neither fails") {
    test_support::database<tabula::sqlite> database;
    {
        auto setup = database.open("wal=true");
        setup.create_all<Note>();
    }
    constexpr int batches = 50;
    constexpr int per_batch = 20;
    std::atomic<bool> done{false};
    std::atomic<int> reads{0};
    std::atomic<bool> reader_ok{true};

    std::thread reader_thread([&] {
        auto reader = database.open("wal=true&busy_timeout=5000");
        std::int64_t last = 0;
        while (!done.load()) {
            const std::int64_t now = reader.count<Note>();
            // Whole batches only: a transaction is seen entirely or not at all.
            if (now < last || now % per_batch != 0) reader_ok = false;
            last = now;
            ++reads;
        }
    });
    {
        auto writer = database.open("wal=true&busy_timeout=5000");
        for (int b = 0; b < batches; ++b) {
            std::vector<Note> notes;
            for (int i = 0; i < per_batch; ++i) notes.push_back(Note{std::to_string(b) + "-" + std::to_string(i), "x", i});
            writer.insert_many(notes);
        }
    }
    done = true;
    reader_thread.join();
    CHECK(reader_ok.load());
    CHECK(reads.load() > 0);
    auto check = database.open("wal=true");
    CHECK(check.count<Note>() == batches * per_batch);
}
