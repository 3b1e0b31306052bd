// The SQL log: a callback per statement with its text, duration and row count, as SQLAlchemy's
// echo and Open WebUI's DB_LOG_LEVEL give. Bound values are included only when asked for, and
// then as the application bound them; nothing else secret (connection URLs, passwords) is ever
// logged.
//
//   db.log_statements([](const tabula::statement_event& e) {
//       std::clog << e.sql << " (" << e.duration.count() / 1000 << " us, " << e.rows << " rows)\n";
//   });
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tabula {

struct statement_event {
    std::string_view sql;
    std::chrono::nanoseconds duration{};  // from the statement's start to the end of its result
    // Rows read from a query, or rows a write affected (a query that returned none reports 0).
    std::int64_t rows = 0;
    std::span<const std::string> values;  // bound values, when the log asked for them
    std::string_view error;               // empty unless the statement failed
};

using statement_logger = std::function<void(const statement_event&)>;

namespace detail {

// What a session's log needs while statements run.
struct statement_log {
    statement_logger callback;
    bool with_values = false;
    std::vector<std::string> pending_values;  // bound since the last statement started

    // Times one statement from its first step to the end of its result.
    class timing {
    public:
        void start(statement_log& log) {
            log_ = &log;
            started_ = std::chrono::steady_clock::now();
            values_ = std::move(log.pending_values);
            log.pending_values.clear();
        }
        bool started() const noexcept { return log_ != nullptr; }
        void emit(std::string_view sql, std::int64_t rows, std::string_view error = {}) noexcept {
            if (!log_) return;
            statement_log* log = std::exchange(log_, nullptr);
            try {
                log->callback({sql, std::chrono::steady_clock::now() - started_, rows, values_, error});
            } catch (...) {
                // A failing logger must not turn a successful statement into a failure.
            }
            values_.clear();
        }

    private:
        statement_log* log_ = nullptr;
        std::chrono::steady_clock::time_point started_{};
        std::vector<std::string> values_;
    };
};

}  // namespace detail

}  // namespace tabula
