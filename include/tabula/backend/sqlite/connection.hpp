// One SQLite database connection, owned by one session and used from one thread at a time, so it
// is opened with SQLITE_OPEN_NOMUTEX: every API call skips the connection mutex.
//
// Built with SQLCipher (TABULA_SQLCIPHER), a connection with a key hands it to sqlite3_key() right
// after opening (the key never appears in SQL text) and reads the schema at once, so a wrong key
// is a connection_error when the session opens, not at its first statement; the file is not
// touched before the key has proved right. A new (empty) file gets its first page at once.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include <tabula/backend/sqlite/api.hpp>
#include <tabula/backend/sqlite/detail/lock_wait.hpp>
#include <tabula/backend/sqlite/errors.hpp>
#include <tabula/backend/sqlite/options.hpp>
#include <tabula/backend/sqlite/statement.hpp>
#include <tabula/backend/url.hpp>
#include <tabula/sql/transaction.hpp>

namespace tabula::sqlite_backend {

class connection {
public:
    [[gnu::cold]] explicit connection(const options& settings)
        : settings_(settings), lock_wait_(std::make_unique<detail::lock_wait>(settings.busy_timeout_ms)) {
#ifndef TABULA_SQLCIPHER
        if (!settings.key.empty())
            throw configuration_error("tabula: an encrypted SQLite database needs SQLCipher, but this program is built without it "
                                      "(it links plain SQLite): link the CMake target tabula::sqlcipher instead of tabula::sqlite");
#endif
        const std::string path = settings.in_memory() ? std::string(":memory:") : settings.path;
        const int flags = (settings.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
                          (settings.create && !settings.read_only ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
        open_file(path, flags);
        if (!settings.in_memory() && !settings.read_only) lock_wait_->join_queue(path);
        try {
#ifdef TABULA_SQLCIPHER
            unlock(path, flags);
#endif
            execute(settings.foreign_keys ? "PRAGMA foreign_keys = ON" : "PRAGMA foreign_keys = OFF");
            if (settings.wal && !settings.in_memory() && !settings.read_only) switch_to_wal(path);
            if (!settings.synchronous.empty()) execute("PRAGMA synchronous = " + settings.synchronous);
        } catch (...) {
            sqlite3_close_v2(db_);
            db_ = nullptr;
            throw;
        }
    }

    [[gnu::cold]] static connection open(std::string_view url) {
        return connection(options_from_url(parse_database_url(url), tabula::detail::redact(url)));
    }

    connection(connection&& other) noexcept
        : db_(std::exchange(other.db_, nullptr)),
          settings_(std::move(other.settings_)),
          lock_wait_(std::move(other.lock_wait_)),
          writing_(std::exchange(other.writing_, false)) {}
    connection& operator=(connection&& other) noexcept {
        if (this != &other) {
            close();
            db_ = std::exchange(other.db_, nullptr);
            settings_ = std::move(other.settings_);
            lock_wait_ = std::move(other.lock_wait_);
            writing_ = std::exchange(other.writing_, false);
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

    statement prepare(std::string_view sql, bool persistent = true) { return statement(db_, sql, persistent, lock_wait_.get()); }

    bool in_transaction() const noexcept { return sqlite3_get_autocommit(db_) == 0; }

    void begin(const transaction_options& transaction) {
        run([&](auto& w) { sql::begin_transaction(w, transaction); });
        writing_ = !transaction.read_only;
        lock_wait_->set_in_transaction(true);
    }
    // A write transaction that ends lets a connection waiting for the lock take it first.
    void commit() {
        run([](auto& w) { sql::commit_transaction(w); });
        lock_wait_->set_in_transaction(false);
        if (std::exchange(writing_, false)) lock_wait_->step_aside();
    }
    // SQLite rolls a transaction back by itself after some errors (SQLITE_FULL, SQLITE_IOERR, ...);
    // a second ROLLBACK would then fail, so only roll back what is still open.
    void rollback() {
        if (in_transaction()) run([](auto& w) { sql::rollback_transaction(w); });
        lock_wait_->set_in_transaction(false);
        if (std::exchange(writing_, false)) lock_wait_->step_aside();
    }
    void savepoint(std::string_view name) { run([&](auto& w) { sql::savepoint(w, name); }); }
    void release(std::string_view name) { run([&](auto& w) { sql::release_savepoint(w, name); }); }
    void rollback_to(std::string_view name) { run([&](auto& w) { sql::rollback_to_savepoint(w, name); }); }

    // A file database does not go away under an open connection.
    bool broken() const noexcept { return db_ == nullptr; }
    bool ping() noexcept { return db_ != nullptr; }

    // The most parameters one statement may carry: 32766 from SQLite 3.32, 999 before (SQLCipher 3),
    // or what the library was built with.
    int max_parameters() const noexcept { return sqlite3_limit(db_, SQLITE_LIMIT_VARIABLE_NUMBER, -1); }

    // How long a statement waits for a lock another connection holds (the migration lock waits
    // longer); busy_timeout otherwise.
    void set_busy_timeout(int timeout_ms) noexcept { lock_wait_->set_timeout(timeout_ms); }

    const options& settings() const noexcept { return settings_; }
    sqlite3* native_handle() const noexcept { return db_; }

private:
    [[gnu::cold]] void open_file(const std::string& path, int flags) {
        const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
        if (rc != SQLITE_OK) {
            const std::string reason = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
            sqlite3_close_v2(db_);
            db_ = nullptr;
            throw connection_error("tabula: cannot open SQLite database '" + path + "': " + reason +
                                   (settings_.create ? "" : " (with mode=" + std::string(settings_.read_only ? "ro" : "rw") +
                                                                 " the file must exist: mode=rwc creates it)"));
        }
        sqlite3_extended_result_codes(db_, 1);
        lock_wait_->install(db_);
    }

    // Changing the journal mode needs the database to itself. While another connection holds a
    // lock, SQLite reports BUSY at once, or keeps the old mode and says so in the pragma's result,
    // instead of calling the busy handler: wait here as for any other lock.
    [[gnu::cold]] void switch_to_wal(const std::string& path) {
        constexpr std::string_view pragma = "PRAGMA journal_mode = WAL";
        const auto started = std::chrono::steady_clock::now();
        std::string mode;
        while (true) {
            sqlite3_stmt* switch_mode = nullptr;
            int rc = api::prepare(db_, pragma, false, &switch_mode);
            if (rc == SQLITE_OK) {
                rc = sqlite3_step(switch_mode);
                if (rc == SQLITE_ROW) {
                    const auto* text = sqlite3_column_text(switch_mode, 0);
                    mode = text ? reinterpret_cast<const char*>(text) : "";
                    rc = SQLITE_OK;
                }
            }
            sqlite3_finalize(switch_mode);
            if (rc == SQLITE_OK && mode == "wal") return;
            const int primary = rc & 0xff;
            if (rc != SQLITE_OK && primary != SQLITE_BUSY && primary != SQLITE_LOCKED) throw_error(db_, rc, pragma);
            if (!lock_wait_->pause(started))
                throw busy_error("tabula: cannot switch SQLite database '" + path + "' to WAL (wal=true): other connections held it for " +
                                     std::to_string(lock_wait_->timeout().count()) + " ms (busy_timeout)" +
                                     (mode.empty() ? std::string() : "; the journal mode stayed '" + mode + "'"),
                                 std::string(pragma), rc == SQLITE_OK ? SQLITE_BUSY : rc);
        }
    }

#ifdef TABULA_SQLCIPHER
    // Keys the connection and proves the key by reading the schema; the key is then dropped from
    // the settings this connection keeps. Without a key, proves that the file is not encrypted.
    void unlock(const std::string& path, int flags) {
        // Linked with plain SQLite as well, the program may run SQLite's functions on a handle
        // SQLCipher's sqlite3_key() would then corrupt: only SQLCipher answers this pragma.
        if (!first_row_exists("PRAGMA cipher_version"))
            throw connection_error("tabula: this program is built for SQLCipher (TABULA_SQLCIPHER) but runs with a plain "
                                   "SQLite library: link the CMake target tabula::sqlcipher and not tabula::sqlite (or libsqlite3)");
        std::string& key = settings_.key;
        if (key.empty()) {
            if (!schema_readable())
                throw connection_error("tabula: cannot read SQLite database '" + path +
                                       "': it is encrypted (open it as sqlite+sqlcipher://:KEY@/... with its key), or it is "
                                       "not an SQLite database");
            return;
        }
        try {
            for (int attempt = 1;; ++attempt) {
                // SQLCipher reads the file's salt as the key is set; an empty file gets a new one.
                const bool empty = file_size() == 0;
                const int rc = sqlite3_key(db_, key.data(), static_cast<int>(key.size()));
                if (rc != SQLITE_OK)
                    throw connection_error("tabula: cannot set the key of encrypted SQLite database '" + path + "': " + sqlite3_errstr(rc));
                if (schema_readable()) {
                    if (settings_.read_only || settings_.in_memory() || initialize_empty_file()) break;
                } else if (!empty) {
                    throw connection_error("tabula: cannot read encrypted SQLite database '" + path +
                                           "': the key is wrong, or the file is not an SQLCipher database (a plain SQLite "
                                           "file, or one written with other SQLCipher settings)");
                }
                // The file was empty, and another connection wrote it first, with its own salt:
                // open it again to read that salt.
                if (attempt == 3)
                    throw connection_error("tabula: cannot open encrypted SQLite database '" + path +
                                           "': other connections keep creating it at the same time");
                close();
                open_file(path, flags);
            }
        } catch (...) {
            forget_key();
            throw;
        }
        forget_key();
    }

    void forget_key() noexcept {
        std::fill(settings_.key.begin(), settings_.key.end(), '\0');
        settings_.key.clear();
    }

    // False when SQLite finds no database in the file (SQLITE_NOTADB): a wrong key, or none.
    bool schema_readable() {
        constexpr std::string_view read_schema = "SELECT COUNT(*) FROM sqlite_master";
        sqlite3_stmt* read = nullptr;
        int rc = api::prepare(db_, read_schema, false, &read);
        if (rc == SQLITE_OK) {
            rc = sqlite3_step(read);
            if (rc == SQLITE_ROW) rc = SQLITE_OK;
        }
        sqlite3_finalize(read);
        if ((rc & 0xff) == SQLITE_NOTADB) return false;
        if (rc != SQLITE_OK) throw_error(db_, rc, read_schema);
        return true;
    }

    // The size of the database file as SQLite's file layer sees it; 0 for a new file.
    sqlite3_int64 file_size() noexcept {
        sqlite3_file* file = nullptr;
        sqlite3_int64 size = 0;
        if (sqlite3_file_control(db_, "main", SQLITE_FCNTL_FILE_POINTER, &file) == SQLITE_OK && file && file->pMethods)
            file->pMethods->xFileSize(file, &size);
        return size;
    }

    // SQLCipher gives an empty file the salt of the first connection that writes it; a connection
    // that keyed the file while it was empty cannot read what another one wrote. Writing the first
    // page at once, under the write lock, lets sessions opening a new file together agree: false
    // when another connection was first, and this one must open the file again.
    bool initialize_empty_file() {
        if (file_size() > 0) return true;
        const std::string begin = sql::text(sql::dialect::sqlite, [](auto& w) { sql::begin_transaction(w, transaction_options{}); });
        int rc = sqlite3_exec(db_, begin.c_str(), nullptr, nullptr, nullptr);
        if ((rc & 0xff) == SQLITE_NOTADB) return false;
        if (rc != SQLITE_OK) throw_error(db_, rc, begin);
        try {
            // The header's user_version, written back as it is, is the first page.
            execute("PRAGMA user_version = " + std::to_string(first_integer("PRAGMA user_version")));
            commit();
        } catch (...) {
            try {
                rollback();
            } catch (...) {
                // The first error is the one to report.
            }
            throw;
        }
        return true;
    }

    bool first_row_exists(std::string_view sql) {
        sqlite3_stmt* query = nullptr;
        const int rc = api::prepare(db_, sql, false, &query);
        const bool row = rc == SQLITE_OK && sqlite3_step(query) == SQLITE_ROW;
        sqlite3_finalize(query);
        return row;
    }

    std::int64_t first_integer(std::string_view sql) {
        statement query(db_, sql, false);
        return query.step() ? query.column(0).as_int64() : 0;
    }
#endif

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
    std::unique_ptr<detail::lock_wait> lock_wait_;  // SQLite and the statements keep pointers to it: it must not move
    bool writing_ = false;                          // in a transaction begun read-write
};

}  // namespace tabula::sqlite_backend
