// How SQLite connections wait for the write lock: they queue, within busy_timeout.
//
// SQLite's own busy handler (sqlite3_busy_timeout) sleeps in growing steps of up to 100 ms. A
// writer that holds the lock commits and begins its next transaction within microseconds, so a
// waiter almost never finds the lock free: two processes writing 5,000 single-row transactions
// each to one file ended in busy_error in 13 runs of 14. Waiting in short steps is not enough
// either (measured: the waiter still loses), because the writer is always faster to the lock.
// So the writer steps aside: a connection waiting for a lock marks itself in a side file
// ("<database>-tabula-queue", empty; the marks are open-file-description locks, which the kernel
// drops with the process), and a connection that has just ended a write transaction waits while
// another connection is marked, for up to a millisecond, before it may take the lock again.
// Writers then take turns. A connection that has waited a tenth of its busy_timeout marks itself
// urgent, and the others hold back while one is: the longest waits end first. Connections of other programs neither mark nor step aside; with them
// tabula behaves as SQLite does. Without OFD locks (not Linux), only the short steps remain.
#pragma once

#include <chrono>
#include <string>
#include <thread>

#include <fcntl.h>
#include <unistd.h>

#include <tabula/backend/sqlite/api.hpp>

namespace tabula::sqlite_backend::detail {

class lock_wait {
public:
    explicit lock_wait(int timeout_ms) noexcept : timeout_(timeout_ms) {}
    lock_wait(const lock_wait&) = delete;
    lock_wait& operator=(const lock_wait&) = delete;
    ~lock_wait() { close_queue(); }

    // Installs this wait on `db`. The object must stay where it is while `db` uses it.
    void install(sqlite3* db) noexcept { sqlite3_busy_handler(db, &lock_wait::retry, this); }

    // Joins the queue of the writers of the database file at `path`. Without the side file (a
    // directory this process may not write) the connection waits without queueing.
    void join_queue([[maybe_unused]] const std::string& path) noexcept {
#ifdef F_OFD_SETLK
        close_queue();
        const std::string queue = path + "-tabula-queue";
        queue_ = ::open(queue.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (queue_ < 0) queue_ = ::open(queue.c_str(), O_RDONLY | O_CLOEXEC);
#endif
    }

    // Whether the connection is inside a transaction it began (BEGIN ... COMMIT/ROLLBACK): a write
    // in it ends no transaction, so its statements need not ask SQLite whether to step aside.
    void set_in_transaction(bool inside) noexcept { in_transaction_ = inside; }
    bool in_transaction() const noexcept { return in_transaction_; }
    const bool* in_transaction_flag() const noexcept { return &in_transaction_; }

    void set_timeout(int timeout_ms) noexcept { timeout_ = std::chrono::milliseconds(timeout_ms); }
    std::chrono::milliseconds timeout() const noexcept { return timeout_; }

    // Waits one step of a wait that began at `started`, marked as waiting meanwhile; false once
    // busy_timeout has passed.
    bool pause(std::chrono::steady_clock::time_point started) const noexcept {
        auto waited = std::chrono::steady_clock::now() - started;
        if (waited >= timeout_) return false;
        // Short steps, so that a waiter is quick to take its turn; a lock held for long (a
        // migration) is then looked at every millisecond, which costs a waiter little.
        const auto step = waited < std::chrono::seconds(1) ? std::chrono::microseconds(100) : std::chrono::microseconds(1000);
        const bool urgent = waited >= timeout_ / 10;
        mark(waiting, F_RDLCK);
        if (urgent) mark(waiting_long, F_RDLCK);
        std::this_thread::sleep_for(step);
        // Not yet urgent: hold back while another connection is.
        while (!urgent && others_marked(waiting_long) && (waited = std::chrono::steady_clock::now() - started) < timeout_ / 10)
            std::this_thread::sleep_for(step);
        if (urgent) mark(waiting_long, F_UNLCK);
        mark(waiting, F_UNLCK);
        return true;
    }

    // Called when this connection has ended a write transaction: lets a waiting connection take
    // the lock first. Out of line: every statement that writes checks for it inline.
    [[gnu::noinline]] void step_aside() const noexcept {
        for (int i = 0; i < 10 && others_marked(waiting); ++i) std::this_thread::sleep_for(std::chrono::microseconds(100));
    }

private:
    // SQLite's busy callback: `attempts` is 0 at the first BUSY of each lock request.
    static int retry(void* self, int attempts) noexcept {
        auto* wait = static_cast<lock_wait*>(self);
        if (attempts == 0) wait->started_ = std::chrono::steady_clock::now();
        return wait->pause(wait->started_) ? 1 : 0;
    }

    // A mark is a read lock on one byte of the side file: any number of connections hold it at
    // once, and a test for a write lock there sees the others' (never this connection's own).
    static constexpr off_t waiting = 0;
    static constexpr off_t waiting_long = 1;

    void mark([[maybe_unused]] off_t byte, [[maybe_unused]] short type) const noexcept {
#ifdef F_OFD_SETLK
        if (queue_ < 0) return;
        struct flock region {};
        region.l_type = type;
        region.l_whence = SEEK_SET;
        region.l_start = byte;
        region.l_len = 1;
        ::fcntl(queue_, F_OFD_SETLK, &region);
#endif
    }

    bool others_marked([[maybe_unused]] off_t byte) const noexcept {
#ifdef F_OFD_SETLK
        if (queue_ < 0) return false;
        struct flock region {};
        region.l_type = F_WRLCK;
        region.l_whence = SEEK_SET;
        region.l_start = byte;
        region.l_len = 1;
        return ::fcntl(queue_, F_OFD_GETLK, &region) == 0 && region.l_type != F_UNLCK;
#else
        return false;
#endif
    }

    void close_queue() noexcept {
        if (queue_ >= 0) ::close(queue_);
        queue_ = -1;
    }

    std::chrono::milliseconds timeout_;
    std::chrono::steady_clock::time_point started_{};
    int queue_ = -1;
    bool in_transaction_ = false;
};

}  // namespace tabula::sqlite_backend::detail
