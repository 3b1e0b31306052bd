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
#include <optional>
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
        lease(entry* shared, statement_log* log) noexcept : statement_(&shared->statement), shared_(shared), log_(log) {
            shared_->in_use = true;
        }
        lease(Statement&& own, statement_log* log)
            : extra_(new extras{std::optional<Statement>(std::in_place, std::move(own)), {}, 0}), log_(log) {
            statement_ = &*extra_->own;
        }
        lease(lease&& other) noexcept
            : statement_(std::exchange(other.statement_, nullptr)),
              shared_(std::exchange(other.shared_, nullptr)),
              extra_(std::exchange(other.extra_, nullptr)),
              log_(other.log_) {}
        lease& operator=(lease&&) = delete;
        lease(const lease&) = delete;
        ~lease() {
            if (extra_) [[unlikely]]
                finish_with_extras();
            else if (shared_)
                release_shared();
        }
        Statement& operator*() noexcept { return *statement_; }
        Statement* operator->() noexcept { return &**this; }

        // True while a row is available.
        bool step() {
            if (!log_) [[likely]]
                return (**this).step();
            return logged_step();
        }
        // Ready to bind and run again.
        void reset() {
            if (extra_ && extra_->timing.started()) extra_->timing.emit((**this).sql(), extra_->rows);
            (**this).reset();
        }

    private:
        // What only a private statement or the SQL log needs, behind one pointer: the common lease
        // (a cached statement, no log) is two pointers and a null, and its destructor one test.
        struct extras {
            std::optional<Statement> own;  // a private statement (empty for a logged cached one)
            statement_log::timing timing;
            std::int64_t rows = 0;
        };

        void release_shared() noexcept {
            shared_->statement.reset();
            shared_->in_use = false;
        }
        [[gnu::noinline]] void finish_with_extras() noexcept {
            if (extra_->timing.started()) extra_->timing.emit((**this).sql(), extra_->rows);
            if (shared_) release_shared();
            delete extra_;
        }

        bool logged_step() {
            if (!extra_) extra_ = new extras{};
            extras& state = *extra_;
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

        Statement* statement_ = nullptr;  // the shared entry's statement, or the private one in extra_->own
        entry* shared_ = nullptr;          // null when the statement is private
        // Owned, deleted by finish_with_extras: a raw pointer keeps the common destructor to two
        // tests, small enough to inline where a unique_ptr member's destructor was not.
        extras* extra_ = nullptr;
        statement_log* log_ = nullptr;
    };

    // The statement of a compile-time text when it is prepared and idle, else null (then get()).
    entry* idle(std::size_t slot) noexcept {
        if (slot < slots_.size()) [[likely]] {
            if (entry* e = slots_[slot].get(); e && !e->in_use) [[likely]]
                return e;
        }
        return nullptr;
    }

    // The statement of a compile-time text: found by index, prepared on first use.
    template <class Prepare>
    lease get(std::size_t slot, Prepare&& prepare, statement_log* log) {
        if (entry* e = idle(slot)) [[likely]]
            return lease(e, log);
        return get_uncommon(slot, prepare, log);
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

    // First use of a slot, or a nested use of a statement that is in use.
    template <class Prepare>
    [[gnu::noinline]] lease get_uncommon(std::size_t slot, Prepare& prepare, statement_log* log) {
        if (slot >= slots_.size()) slots_.resize(slot + 1);
        std::unique_ptr<entry>& e = slots_[slot];
        if (!e) e = std::make_unique<entry>(entry{prepare(), false});
        else if (e->in_use) return lease(prepare(), log);
        return lease(e.get(), log);
    }

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
