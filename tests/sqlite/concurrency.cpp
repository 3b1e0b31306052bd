// Several sessions on one database file: WAL lets readers read while a writer writes; writers in
// several processes queue for the write lock within busy_timeout, in either journal mode.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "../support/database.hpp"
#include "../support/text.hpp"
#include "../support/models.hpp"

using namespace testing_models;

TEST_CASE("SQLite WAL: a reader sees the last committed state while a writer's transaction is open") {
    test_support::database<tabula::sqlite> database;
    auto writer = database.open("wal=true");
    writer.create_all<Note>();
    writer.insert(Note{"before", "x", 0});
    auto reader = database.open("wal=true&busy_timeout=0");  // must not need to wait at all

    auto tx = writer.transaction();
    for (int i = 0; i < 100; ++i) writer.insert(Note{test_support::numbered("n", i), "x", i});
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

namespace {

struct writers_outcome {
    int failed = 0;
    std::string errors;  // what the failed processes reported
};

// `processes` processes start together; each opens the file and creates the table, and once all
// have done so (so that no process writes alone while the others are still opening), writes
// `rows` single-row transactions, alternately through insert() on its own and through a
// transaction scope. The parent opens nothing before they end.
writers_outcome run_writers(const test_support::database<tabula::sqlite>& database, const std::string& options, int processes, int rows) {
    int report[2];
    int start[2];
    int ready[2];
    int write_now[2];
    REQUIRE(pipe(report) == 0);
    REQUIRE(pipe(start) == 0);
    REQUIRE(pipe(ready) == 0);
    REQUIRE(pipe(write_now) == 0);
    std::vector<pid_t> children;
    for (int p = 0; p < processes; ++p) {
        const pid_t child = fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            close(report[0]);
            close(start[1]);
            close(ready[0]);
            close(write_now[1]);
            char go = 0;
            [[maybe_unused]] const auto started = read(start[0], &go, 1);  // returns when the parent closes the pipe
            int code = 0;
            try {
                auto db = database.open(options);
                db.create_all<Note>();
                [[maybe_unused]] const auto told = write(ready[1], &go, 1);
                close(ready[1]);
                [[maybe_unused]] const auto all_ready = read(write_now[0], &go, 1);  // returns when every process is ready
                for (int i = 0; i < rows; ++i) {
                    Note note{std::to_string(p) + "-" + std::to_string(i), "x", i};
                    if (i % 2 == 0) db.insert(note);
                    else db.transact([&](auto& s) { s.insert(note); });
                }
            } catch (const std::exception& e) {
                const std::string line = "process " + std::to_string(p) + ": " + e.what() + "\n";
                [[maybe_unused]] const auto written = write(report[1], line.data(), line.size());
                code = 1;
            }
            _exit(code);
        }
        children.push_back(child);
    }
    close(ready[1]);
    close(write_now[0]);
    close(start[0]);
    close(start[1]);  // all start
    close(report[1]);
    // Every process has opened the database (or failed, closing its end): all write.
    char byte = 0;
    for (int readied = 0; readied < processes && read(ready[0], &byte, 1) == 1;) ++readied;
    close(ready[0]);
    close(write_now[1]);
    writers_outcome out;
    char buffer[4096];
    for (ssize_t n; (n = read(report[0], buffer, sizeof buffer)) > 0;) out.errors.append(buffer, static_cast<std::size_t>(n));
    close(report[0]);
    for (pid_t child : children) {
        int status = 0;
        REQUIRE(waitpid(child, &status, 0) == child);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) ++out.failed;
    }
    return out;
}

// The most rows one process wrote one after the other (in rowid order): as many as it wrote
// when the others could not get in, a few when writers take turns.
std::size_t longest_run(tabula::session<tabula::sqlite>& db) {
    std::size_t longest = 0;
    std::size_t current = 0;
    std::string previous;
    for (const std::string& id : db.raw<std::string>("SELECT id FROM note ORDER BY rowid")) {
        const std::string writer = id.substr(0, id.find('-'));
        current = writer == previous ? current + 1 : 1;
        previous = writer;
        longest = std::max(longest, current);
    }
    return longest;
}

// TABULA_TEST_WRITER_ROWS scales the workload for measurements (the suite keeps it short).
int writer_rows(int fallback) {
    const char* rows = std::getenv("TABULA_TEST_WRITER_ROWS");
    return rows && *rows ? std::atoi(rows) : fallback;
}

}  // namespace

// With SQLite's own busy handler one process wrote all its rows while the others waited, and
// with thousands of rows the others ran out of busy_timeout.
TEST_CASE("SQLite: writers in 2 to 8 processes take turns at the write lock, in either journal mode, and none fails") {
    for (const std::string options : {"", "wal=true"}) {
        for (const int processes : {2, 8}) {
            CAPTURE(options);
            CAPTURE(processes);
            test_support::database<tabula::sqlite> database;
            // Without WAL each commit syncs the file twice: fewer rows.
            const int rows = writer_rows((processes == 2 ? 120 : 40) / (options.empty() ? 2 : 1));
            const auto started = std::chrono::steady_clock::now();
            const writers_outcome outcome = run_writers(database, options, processes, rows);
            MESSAGE(processes << " processes" << std::string(options.empty() ? "" : ", WAL") << ": "
                              << std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count()
                              << " ms");
            CHECK_MESSAGE(outcome.failed == 0, outcome.errors);
            auto check = database.open(options);
            CHECK(check.count<Note>() == processes * rows);
            CHECK(longest_run(check) <= static_cast<std::size_t>(std::max(rows / 2, 10)));
        }
    }
}

TEST_CASE("SQLite: switching to WAL waits for a connection holding the lock, up to busy_timeout") {
    test_support::database<tabula::sqlite> database;
    auto holder = database.open();
    holder.create_all<Note>();
    {
        auto tx = holder.transaction();
        holder.insert(Note{"held", "x", 1});
        // Released in 200 ms, well within the waiter's busy_timeout.
        std::thread release([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            tx.commit();
        });
        std::string journal;
        try {
            auto waiter = database.open("wal=true&busy_timeout=5000");
            journal = waiter.raw<std::string>("PRAGMA journal_mode")[0];
        } catch (const std::exception& e) {
            journal = e.what();
        }
        release.join();
        CHECK(journal == "wal");
    }
    // Held past busy_timeout: a busy_error naming the file and the option.
    test_support::database<tabula::sqlite> other;
    auto other_holder = other.open();
    other_holder.create_all<Note>();
    auto tx = other_holder.transaction();
    other_holder.insert(Note{"held", "x", 2});
    const auto started = std::chrono::steady_clock::now();
    CHECK_THROWS_WITH_AS(other.open("wal=true&busy_timeout=100"), doctest::Contains("to WAL (wal=true)"), tabula::busy_error);
    CHECK(std::chrono::steady_clock::now() - started >= std::chrono::milliseconds(100));
}
