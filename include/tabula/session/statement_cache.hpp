// Prepared statements kept for a session. Statements whose text is a compile-time constant get a
// slot number once per program, are found by index and kept for the session's life: there are
// only as many as the program has. Run-time texts (raw SQL, IN lists of every length) are found
// by their text and kept least-recently-used first within a bound on their number and on the
// size of their texts, since a prepared statement's memory grows with its text (an IN list of
// 3,000 values is a large program on SQLite, and a server-side statement on PostgreSQL).
// A statement in use (a result being streamed) is never handed out twice, nor evicted: a nested
// use of the same text gets a private statement instead.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <tabula/session/statement_log.hpp>

namespace tabula::detail {

inline std::size_t allocate_statement_slot() {
    static std::atomic<std::size_t> next{0};
    return next.fetch_add(1, std::memory_order_relaxed);
}

// One slot per Key type (a statement's Render type), numbered on first use.
template <class Key>
std::size_t statement_slot() {
    static const std::size_t slot = allocate_statement_slot();
    return slot;
}

struct string_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept { return std::hash<std::string_view>{}(text); }
};

template <class Statement>
class statement_cache {
    struct entry {
        Statement statement;
        bool in_use = false;
    };

public:
    // Exclusive use of a statement until destroyed, which resets it (releasing SQLite's read
    // locks and making it ready for the next use). Steps go through the lease so that the
    // session's SQL log, when there is one, sees each statement's duration and rows.
    class lease {
    public:
        lease(entry* shared, statement_log* log) noexcept : shared_(shared), log_(log) { shared_->in_use = true; }
        lease(Statement&& own, statement_log* log) : own_(std::make_unique<Statement>(std::move(own))), log_(log) {}
        lease(lease&& other) noexcept
            : shared_(std::exchange(other.shared_, nullptr)),
              own_(std::move(other.own_)),
              log_(other.log_),
              logging_(std::move(other.logging_)) {}
        lease& operator=(lease&&) = delete;
        lease(const lease&) = delete;
        ~lease() {
            if (logging_ && logging_->timing.started()) logging_->timing.emit((**this).sql(), logging_->rows);
            if (shared_) {
                shared_->statement.reset();
                shared_->in_use = false;
            }
        }
        Statement& operator*() noexcept { return shared_ ? shared_->statement : *own_; }
        Statement* operator->() noexcept { return &**this; }

        // True while a row is available.
        bool step() {
            if (!log_) [[likely]]
                return (**this).step();
            return logged_step();
        }
        // Ready to bind and run again.
        void reset() {
            if (logging_ && logging_->timing.started()) logging_->timing.emit((**this).sql(), logging_->rows);
            (**this).reset();
        }

    private:
        // Kept apart so that a lease without a log stays three pointers.
        struct logging {
            statement_log::timing timing;
            std::int64_t rows = 0;
        };

        bool logged_step() {
            if (!logging_) logging_ = std::make_unique<logging>();
            logging& state = *logging_;
            if (!state.timing.started()) {
                state.timing.start(*log_);
                state.rows = 0;
            }
            try {
                const bool row = (**this).step();
                if (row) ++state.rows;
                else state.timing.emit((**this).sql(), state.rows > 0 ? state.rows : (**this).affected_rows());
                return row;
            } catch (const std::exception& failure) {
                state.timing.emit((**this).sql(), state.rows, failure.what());
                throw;
            }
        }

        entry* shared_ = nullptr;
        std::unique_ptr<Statement> own_;
        statement_log* log_ = nullptr;
        std::unique_ptr<logging> logging_;
    };

    template <class Prepare>
    lease get(std::size_t slot, Prepare&& prepare, statement_log* log) {
        if (slot >= slots_.size()) slots_.resize(slot + 1);
        std::unique_ptr<entry>& e = slots_[slot];
        if (!e) e = std::make_unique<entry>(entry{prepare(), false});
        else if (e->in_use) return lease(prepare(), log);
        return lease(e.get(), log);
    }

    template <class Prepare>
    lease get(std::string_view sql, Prepare&& prepare, statement_log* log) {
        if (auto found = index_.find(sql); found != index_.end()) {
            const auto cached = found->second;
            if (cached->in_use) return lease(prepare(), log);
            recent_.splice(recent_.begin(), recent_, cached);  // now the most recently used
            return lease(&*cached, log);
        }
        // A text too long to keep runs once on a statement of its own.
        if (sql.size() > max_dynamic_text_bytes) return lease(prepare(), log);
        make_room(sql.size());
        recent_.push_front(dynamic_entry{{prepare(), false}, std::string(sql)});
        index_.emplace(recent_.front().sql, recent_.begin());
        text_bytes_ += sql.size();
        return lease(&recent_.front(), log);
    }

    void clear() {
        slots_.clear();
        index_.clear();
        recent_.clear();
        text_bytes_ = 0;
    }

    // Run-time texts kept, and the bytes of their texts: never above the bounds below (but for
    // statements in use when a new one came).
    std::size_t dynamic_statements() const noexcept { return recent_.size(); }
    std::size_t dynamic_text_bytes() const noexcept { return text_bytes_; }

    static constexpr std::size_t max_dynamic_statements = 128;
    static constexpr std::size_t max_dynamic_text_bytes = 256 * 1024;

private:
    struct dynamic_entry : entry {
        std::string sql;
    };
    using position = typename std::list<dynamic_entry>::iterator;

    // Evicts the least recently used idle statements until one more of `bytes` fits.
    void make_room(std::size_t bytes) {
        auto it = recent_.end();
        while (it != recent_.begin() && (recent_.size() + 1 > max_dynamic_statements || text_bytes_ + bytes > max_dynamic_text_bytes)) {
            --it;
            if (it->in_use) continue;
            text_bytes_ -= it->sql.size();
            index_.erase(std::string_view(it->sql));
            it = recent_.erase(it);
        }
    }

    std::vector<std::unique_ptr<entry>> slots_;
    std::list<dynamic_entry> recent_;  // most recently used first; list nodes never move, so leases keep their entry
    std::unordered_map<std::string_view, position, string_hash, std::equal_to<>> index_;  // keys view the entries' texts
    std::size_t text_bytes_ = 0;
};

}  // namespace tabula::detail
