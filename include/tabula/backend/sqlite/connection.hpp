// One SQLite database connection, owned by one session and used from one thread at a time, so it
// is opened with SQLITE_OPEN_NOMUTEX: every API call skips the connection mutex.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include <tabula/backend/sqlite/errors.hpp>
#include <tabula/backend/sqlite/options.hpp>
#include <tabula/backend/sqlite/statement.hpp>
#include <tabula/backend/url.hpp>
#include <tabula/sql/transaction.hpp>

namespace tabula::sqlite_backend {

class connection {
public:
    explicit connection(const options& settings) : settings_(settings) {
        const std::string path = settings.in_memory() ? std::string(":memory:") : settings.path;
        const int flags = (settings.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                          SQLITE_OPEN_NOMUTEX;
        const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
        if (rc != SQLITE_OK) {
            const std::string reason = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
            sqlite3_close_v2(db_);
            db_ = nullptr;
            throw connection_error("tabula: cannot open SQLite database '" + path + "': " + reason);
        }
        sqlite3_extended_result_codes(db_, 1);
        sqlite3_busy_timeout(db_, settings.busy_timeout_ms);
        try {
            execute(settings.foreign_keys ? "PRAGMA foreign_keys = ON" : "PRAGMA foreign_keys = OFF");
            if (settings.wal && !settings.in_memory()) execute("PRAGMA journal_mode = WAL");
            if (!settings.synchronous.empty()) execute("PRAGMA synchronous = " + settings.synchronous);
        } catch (...) {
            sqlite3_close_v2(db_);
            db_ = nullptr;
            throw;
        }
    }

    static connection open(std::string_view url) {
        return connection(options_from_url(parse_database_url(url), tabula::detail::redact(url)));
    }

    connection(connection&& other) noexcept : db_(std::exchange(other.db_, nullptr)), settings_(std::move(other.settings_)) {}
    connection& operator=(connection&& other) noexcept {
        if (this != &other) {
            close();
            db_ = std::exchange(other.db_, nullptr);
            settings_ = std::move(other.settings_);
        }
        return *this;
    }
    connection(const connection&) = delete;
    connection& operator=(const connection&) = delete;
    ~connection() { close(); }

    // Runs one or more statements that return no rows.
    void execute(std::string_view sql) {
        const std::string text(sql);
        char* message = nullptr;
        const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
        sqlite3_free(message);
        if (rc != SQLITE_OK) throw_error(db_, rc, sql);
    }

    statement prepare(std::string_view sql, bool persistent = true) { return statement(db_, sql, persistent); }

    bool in_transaction() const noexcept { return sqlite3_get_autocommit(db_) == 0; }

    void begin(const transaction_options& transaction) { run([&](auto& w) { sql::begin_transaction(w, transaction); }); }
    void commit() { run([](auto& w) { sql::commit_transaction(w); }); }
    // SQLite rolls a transaction back by itself after some errors (SQLITE_FULL, SQLITE_IOERR, ...);
    // a second ROLLBACK would then fail, so only roll back what is still open.
    void rollback() {
        if (in_transaction()) run([](auto& w) { sql::rollback_transaction(w); });
    }
    void savepoint(std::string_view name) { run([&](auto& w) { sql::savepoint(w, name); }); }
    void release(std::string_view name) { run([&](auto& w) { sql::release_savepoint(w, name); }); }
    void rollback_to(std::string_view name) { run([&](auto& w) { sql::rollback_to_savepoint(w, name); }); }

    // A file database does not go away under an open connection.
    bool broken() const noexcept { return db_ == nullptr; }
    bool ping() noexcept { return db_ != nullptr; }

    const options& settings() const noexcept { return settings_; }
    sqlite3* native_handle() const noexcept { return db_; }

private:
    template <class Render>
    void run(Render&& render) {
        execute(sql::text(sql::dialect::sqlite, render));
    }

    void close() noexcept {
        // Statements are owned by the session's cache and finalized before this runs; close_v2
        // still defers the close safely if one was leaked.
        if (db_) sqlite3_close_v2(db_);
        db_ = nullptr;
    }

    sqlite3* db_ = nullptr;
    options settings_;
};

}  // namespace tabula::sqlite_backend
