// A database-wide named lock held for a whole upgrade or downgrade, so that when many instances
// of an application start at once exactly one migrates and the others wait, then find the work
// done. Taken by polling the dialect's non-blocking form (sql/lock.hpp), which gives the same
// timeout and the same error on PostgreSQL (advisory lock) and MySQL (GET_LOCK).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <thread>

#include <tabula/error.hpp>
#include <tabula/sql/lock.hpp>
#include <tabula/sql/writer.hpp>

namespace tabula::detail {

// FNV-1a: a stable 63-bit key for PostgreSQL's advisory locks from the lock's name.
constexpr std::int64_t lock_key(std::string_view name) noexcept {
    std::uint64_t hash = 14695981039346656037ull;
    for (char c : name) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ull;
    }
    return static_cast<std::int64_t>(hash >> 1);
}

template <class Connection, sql::dialect Dialect>
class polled_lock {
public:
    // `name` identifies what is locked (the version table and where it lives).
    polled_lock(Connection& db, std::string name, int timeout_ms) : db_(db), name_(std::move(name)) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
        auto wait = std::chrono::milliseconds(20);
        while (!attempt(sql::text(Dialect, [](auto& w) { sql::try_lock(w); }))) {
            if (std::chrono::steady_clock::now() >= deadline)
                throw migration_error("tabula: another process has held the migration lock on '" + name_ + "' for longer than " +
                                          std::to_string(timeout_ms) +
                                          " ms (migration_options::lock_timeout_ms); is a migration stuck? nothing was changed",
                                      {});
            std::this_thread::sleep_for(wait);
            if (wait < std::chrono::milliseconds(500)) wait *= 2;
        }
    }
    polled_lock(const polled_lock&) = delete;
    polled_lock& operator=(const polled_lock&) = delete;
    ~polled_lock() {
        try {
            attempt(sql::text(Dialect, [](auto& w) { sql::unlock(w); }));
        } catch (...) {
            // A lost connection releases the lock with it.
        }
    }

private:
    bool attempt(const std::string& sql) {
        auto statement = db_.prepare(sql);
        if constexpr (Dialect == sql::dialect::postgres) statement.bind_int64(1, lock_key(name_));
        else statement.bind_text(1, std::string_view(name_));
        const bool taken = statement.step() && statement.column(0).as_int64() == 1;
        while (statement.step()) {
        }
        return taken;
    }

    Connection& db_;
    std::string name_;
};

}  // namespace tabula::detail
