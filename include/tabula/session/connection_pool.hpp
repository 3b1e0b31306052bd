// A thread-safe pool of sessions, with SQLAlchemy's knobs (pool_options): a session keeps its
// connection and its prepared statements while it waits in the pool, so a request that borrows
// one starts with warm statements.
//
//   tabula::connection_pool<tabula::postgres> pool(config);   // or (url, pool_options)
//   {
//       auto db = pool.acquire();          // waits up to timeout for a free session
//       db->insert(user);
//   }                                      // back to the pool; an open transaction is rolled back
//
//   size          sessions kept open; 0 opens a fresh one for every acquire (SQLAlchemy's NullPool)
//   max_overflow  sessions opened beyond `size` under load, closed when returned
//   timeout       how long acquire() waits; then pool_timeout, naming the pool's state
//   recycle       a session whose connection is older is replaced before it is handed out
//   pre_ping      a connection the server has dropped (pg_terminate_backend, a restart, a KILL)
//                 is found by a round trip and replaced before it is handed out
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include <tabula/backend/config.hpp>
#include <tabula/backend/url.hpp>
#include <tabula/error.hpp>
#include <tabula/session/session.hpp>
#include <tabula/session/statement_log.hpp>

namespace tabula {

struct pool_statistics {
    std::size_t open = 0;        // sessions the pool holds, in use or idle
    std::size_t in_use = 0;
    std::size_t idle = 0;
    std::size_t overflow = 0;    // open beyond `size`
    std::size_t waiting = 0;     // threads waiting in acquire() now
    std::uint64_t waits = 0;     // acquires that had to wait, since the pool was made
    std::uint64_t timeouts = 0;  // acquires that gave up
    std::uint64_t opened = 0;    // connections opened
    std::uint64_t recycled = 0;  // replaced for their age
    std::uint64_t replaced = 0;  // replaced because the server had dropped them (pre_ping)
};

template <class Backend>
class connection_pool {
public:
    using session_type = session<Backend>;

private:
    struct slot {
        session_type session;
        std::chrono::steady_clock::time_point opened;
    };

public:
    // A session on loan; returned to the pool when destroyed.
    class lease {
    public:
        lease(lease&& other) noexcept : pool_(std::exchange(other.pool_, nullptr)), slot_(std::move(other.slot_)) {}
        lease& operator=(lease&& other) noexcept {
            if (this != &other) {
                give_back();
                pool_ = std::exchange(other.pool_, nullptr);
                slot_ = std::move(other.slot_);
            }
            return *this;
        }
        lease(const lease&) = delete;
        lease& operator=(const lease&) = delete;
        ~lease() { give_back(); }

        session_type& operator*() noexcept { return slot_->session; }
        session_type* operator->() noexcept { return &slot_->session; }
        session_type& get() noexcept { return slot_->session; }

    private:
        friend class connection_pool;
        lease(connection_pool* pool, std::unique_ptr<slot> s) noexcept : pool_(pool), slot_(std::move(s)) {}
        void give_back() noexcept {
            if (pool_ && slot_) pool_->release(std::move(slot_));
            pool_ = nullptr;
        }
        connection_pool* pool_;
        std::unique_ptr<slot> slot_;
    };

    connection_pool(std::string url, pool_options options = {}) : url_(std::move(url)), options_(options) {
        parse_database_url(url_);  // a malformed URL fails here, not at the first acquire
    }
    explicit connection_pool(const database_config& config) : connection_pool(config.url, config.pool) {}

    connection_pool(const connection_pool&) = delete;
    connection_pool& operator=(const connection_pool&) = delete;
    // Sessions still on loan must be returned before the pool goes.
    ~connection_pool() = default;

    // Every session the pool opens logs its statements here.
    void log_statements(statement_logger logger, bool with_values = false) {
        std::lock_guard lock(mutex_);
        logger_ = std::move(logger);
        log_values_ = with_values;
    }

    lease acquire() {
        const auto deadline = std::chrono::steady_clock::now() + options_.timeout;
        std::unique_lock lock(mutex_);
        bool counted_wait = false;
        while (true) {
            if (!idle_.empty()) {
                std::unique_ptr<slot> s = std::move(idle_.back());  // the most recently used: warmest
                idle_.pop_back();
                ++in_use_;
                lock.unlock();
                return checked_out(std::move(s));
            }
            if (options_.size == 0 || open_ < options_.size + options_.max_overflow) {
                ++open_;
                ++in_use_;
                lock.unlock();
                return lease(this, open_slot());
            }
            if (!counted_wait) {
                ++waits_;
                counted_wait = true;
            }
            ++waiting_;
            const bool woken = returned_.wait_until(lock, deadline, [&] { return !idle_.empty() || open_ < options_.size + options_.max_overflow; });
            --waiting_;
            if (!woken) {
                ++timeouts_;
                throw pool_timeout("tabula: no connection became free within " + std::to_string(options_.timeout.count()) + " ms: all " +
                                   std::to_string(open_) + " are in use (pool size " + std::to_string(options_.size) + ", max overflow " +
                                   std::to_string(options_.max_overflow) + ") for " + detail::redact(url_) +
                                   "; return sessions sooner or raise DATABASE_POOL_SIZE / DATABASE_POOL_MAX_OVERFLOW");
            }
        }
    }

    pool_statistics statistics() const {
        std::lock_guard lock(mutex_);
        pool_statistics s;
        s.open = open_;
        s.in_use = in_use_;
        s.idle = idle_.size();
        s.overflow = options_.size > 0 && open_ > options_.size ? open_ - options_.size : 0;
        s.waiting = waiting_;
        s.waits = waits_;
        s.timeouts = timeouts_;
        s.opened = opened_;
        s.recycled = recycled_;
        s.replaced = replaced_;
        return s;
    }

    // Closes the idle sessions (sessions on loan close when they come back).
    void dispose() {
        std::vector<std::unique_ptr<slot>> closing;
        {
            std::lock_guard lock(mutex_);
            closing.swap(idle_);
            open_ -= closing.size();
        }
        returned_.notify_all();
    }

    const pool_options& options() const noexcept { return options_; }

private:
    // Opens a session for a place already counted in open_; gives the place back on failure.
    std::unique_ptr<slot> open_slot() {
        try {
            auto s = std::make_unique<slot>(slot{session_type(url_), std::chrono::steady_clock::now()});
            std::lock_guard lock(mutex_);
            ++opened_;
            if (logger_) s->session.log_statements(logger_, log_values_);
            return s;
        } catch (...) {
            std::lock_guard lock(mutex_);
            --open_;
            --in_use_;
            returned_.notify_one();
            throw;
        }
    }

    // An idle session on its way out: too old, or dropped by the server, and it is replaced.
    lease checked_out(std::unique_ptr<slot> s) {
        const auto now = std::chrono::steady_clock::now();
        bool replace = false;
        if (options_.recycle && now - s->opened >= *options_.recycle) {
            replace = true;
            std::lock_guard lock(mutex_);
            ++recycled_;
        } else if (s->session.connection().broken() || (options_.pre_ping && !s->session.connection().ping())) {
            replace = true;
            std::lock_guard lock(mutex_);
            ++replaced_;
        }
        if (replace) {
            s.reset();  // closes the old connection first
            s = open_slot();
        }
        return lease(this, std::move(s));
    }

    void release(std::unique_ptr<slot> s) noexcept {
        // Whatever the borrower left open is rolled back; a connection that broke is not kept.
        bool keep = true;
        try {
            if (s->session.in_transaction() || s->session.connection().in_transaction()) s->session.abandon_transaction();
            keep = !s->session.connection().broken();
        } catch (...) {
            keep = false;
        }
        std::unique_ptr<slot> closing;
        {
            std::lock_guard lock(mutex_);
            --in_use_;
            if (keep && options_.size > 0 && open_ <= options_.size) {
                idle_.push_back(std::move(s));
            } else {
                closing = std::move(s);
                --open_;
            }
        }
        returned_.notify_one();
        closing.reset();  // outside the lock: closing a connection may take a round trip
    }

    std::string url_;
    pool_options options_;
    mutable std::mutex mutex_;
    std::condition_variable returned_;
    std::vector<std::unique_ptr<slot>> idle_;
    std::size_t open_ = 0;
    std::size_t in_use_ = 0;
    std::size_t waiting_ = 0;
    std::uint64_t waits_ = 0;
    std::uint64_t timeouts_ = 0;
    std::uint64_t opened_ = 0;
    std::uint64_t recycled_ = 0;
    std::uint64_t replaced_ = 0;
    statement_logger logger_;
    bool log_values_ = false;
};

}  // namespace tabula
