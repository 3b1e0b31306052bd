// A prepared SQLite statement: bind by position (1-based, as SQLite counts), step, read cells.
// Text and blobs are bound without copying (SQLITE_STATIC): callers keep them alive until step().
//
// SQLite before 3.24 (SQLCipher 3) cannot prepare tabula's upsert (INSERT ... ON CONFLICT DO
// UPDATE). Built against such a header, a statement whose upsert text the library refuses runs it
// as the two statements sql::sqlite_upsert_fallback gives, in a savepoint: an UPDATE of the row
// with the key and, when there was none, an INSERT; both take the values bound to the upsert.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include <tabula/backend/sqlite/api.hpp>
#include <tabula/backend/sqlite/detail/lock_wait.hpp>
#include <tabula/backend/sqlite/errors.hpp>
#include <tabula/backend/storage_class.hpp>
#if TABULA_SQLITE_UPSERT_FALLBACK
#include <tabula/sql/dml.hpp>
#include <tabula/sql/transaction.hpp>
#endif

namespace tabula::sqlite_backend {

// One value of the current row. Read through sqlite3_column_value once, then the sqlite3_value_*
// accessors, which do not take the connection mutex again.
class cell {
public:
    explicit cell(sqlite3_value* value) noexcept : value_(value) {}

    storage_class storage() const noexcept {
        static_assert(int(storage_class::integer) == SQLITE_INTEGER && int(storage_class::real) == SQLITE_FLOAT &&
                      int(storage_class::text) == SQLITE_TEXT && int(storage_class::bytes) == SQLITE_BLOB &&
                      int(storage_class::null) == SQLITE_NULL);
        return static_cast<storage_class>(sqlite3_value_type(value_));
    }
    bool is_null() const noexcept { return sqlite3_value_type(value_) == SQLITE_NULL; }
    std::int64_t as_int64() const noexcept { return sqlite3_value_int64(value_); }
    double as_double() const noexcept { return sqlite3_value_double(value_); }
    bool as_bool() const noexcept { return sqlite3_value_int64(value_) != 0; }
    // Text of any storage class (numbers are converted); valid until the next step or reset.
    std::string_view as_text() const noexcept {
        const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(value_));
        return text ? std::string_view{text, static_cast<std::size_t>(sqlite3_value_bytes(value_))} : std::string_view{};
    }
    std::span<const std::byte> as_blob() const noexcept {
        const void* data = sqlite3_value_blob(value_);
        if (!data) return {};
        return {static_cast<const std::byte*>(data), static_cast<std::size_t>(sqlite3_value_bytes(value_))};
    }

private:
    sqlite3_value* value_;
};

class statement {
public:
    // SQLite stores a bound NaN as NULL, so the session refuses NaN rather than lose it.
    static constexpr bool stores_nan = false;

    statement() = default;
    // `writers`, when given, is the connection's place in the queue for the write lock: a write
    // that commits on its own steps aside for waiting connections as it finishes.
    statement(sqlite3* db, std::string_view sql, bool persistent = true, const detail::lock_wait* writers = nullptr)
        : db_(db), sql_(sql), writers_(writers), settled_(writers ? writers->in_transaction_flag() : &no_queue), may_insert_(may_insert(sql)) {
        const int rc = api::prepare(db, sql, persistent, &handle_);
        if (rc != SQLITE_OK) {
            sqlite3_finalize(handle_);
            handle_ = nullptr;
#if TABULA_SQLITE_UPSERT_FALLBACK
            if (rc == SQLITE_ERROR && library_version() < 3024000 && prepare_upsert_fallback(db, persistent)) return;
#endif
            throw_error(db, rc, sql);
        }
    }
    statement(statement&& other) noexcept
        : handle_(std::exchange(other.handle_, nullptr)),
          db_(other.db_),
#if TABULA_SQLITE_UPSERT_FALLBACK
          upsert_(std::move(other.upsert_)),
#endif
          sql_(std::move(other.sql_)),
          table_(other.table_),
          affected_rows_(other.affected_rows_),
          last_insert_id_(other.last_insert_id_),
          writers_(other.writers_),
          settled_(other.settled_),
          may_insert_(other.may_insert_) {}
    statement& operator=(statement&& other) noexcept {
        if (this != &other) {
            sqlite3_finalize(handle_);
            handle_ = std::exchange(other.handle_, nullptr);
            db_ = other.db_;
#if TABULA_SQLITE_UPSERT_FALLBACK
            upsert_ = std::move(other.upsert_);
#endif
            sql_ = std::move(other.sql_);
            table_ = other.table_;
            affected_rows_ = other.affected_rows_;
            last_insert_id_ = other.last_insert_id_;
            writers_ = other.writers_;
            settled_ = other.settled_;
            may_insert_ = other.may_insert_;
        }
        return *this;
    }
    statement(const statement&) = delete;
    statement& operator=(const statement&) = delete;
    ~statement() { sqlite3_finalize(handle_); }

    // The table named in constraint errors SQLite reports without one (foreign keys).
    void set_table(std::string_view table) noexcept { table_ = table; }

    void bind_null(int index) {
        bind([&](sqlite3_stmt* s) { return sqlite3_bind_null(s, index); });
    }
    void bind_bool(int index, bool value) {
        bind([&](sqlite3_stmt* s) { return sqlite3_bind_int64(s, index, value ? 1 : 0); });
    }
    void bind_int64(int index, std::int64_t value) {
        bind([&](sqlite3_stmt* s) { return sqlite3_bind_int64(s, index, value); });
    }
    void bind_double(int index, double value) {
        bind([&](sqlite3_stmt* s) { return sqlite3_bind_double(s, index, value); });
    }
    void bind_text(int index, std::string_view value) {
        // A null data pointer would bind NULL, not the empty string.
        const char* data = value.data() ? value.data() : "";
        bind([&](sqlite3_stmt* s) { return sqlite3_bind_text64(s, index, data, value.size(), SQLITE_STATIC, SQLITE_UTF8); });
    }
    // A std::string's data is never null: one test fewer per bound string.
    void bind_text(int index, const std::string& value) {
        bind([&](sqlite3_stmt* s) { return sqlite3_bind_text64(s, index, value.data(), value.size(), SQLITE_STATIC, SQLITE_UTF8); });
    }
    void bind_json(int index, std::string_view json_text) { bind_text(index, json_text); }
    void bind_blob(int index, std::span<const std::byte> value) {
        if (value.empty()) bind([&](sqlite3_stmt* s) { return sqlite3_bind_zeroblob(s, index, 0); });
        else bind([&](sqlite3_stmt* s) { return sqlite3_bind_blob64(s, index, value.data(), value.size(), SQLITE_STATIC); });
    }

    // True when a row is available, false when the statement has finished. SQLite reports row
    // counts and generated keys as connection state, so they are taken as the statement finishes
    // and belong to this statement from then on.
    bool step() {
#if TABULA_SQLITE_UPSERT_FALLBACK
        if (upsert_) [[unlikely]]
            return step_upsert();
#endif
        const int rc = sqlite3_step(handle_);
        if (rc == SQLITE_ROW) return true;
        if (rc != SQLITE_DONE) [[unlikely]]
            step_failed(rc);
        affected_rows_ = api::changes(db_);
        if (may_insert_) last_insert_id_ = sqlite3_last_insert_rowid(db_);
        if (!*settled_ && sqlite3_get_autocommit(db_) && !sqlite3_stmt_readonly(handle_))
            writers_->step_aside();
        return false;
    }
    void reset() noexcept {
        sqlite3_reset(handle_);
#if TABULA_SQLITE_UPSERT_FALLBACK
        if (upsert_) sqlite3_reset(upsert_->insert);
#endif
    }
    // SQLite reads one row at a time whatever is asked: memory stays flat already.
    void stream() noexcept {}

    // Rows the last execution inserted, updated or deleted (for statements that write).
    std::int64_t affected_rows() const noexcept { return affected_rows_; }
    std::int64_t last_insert_id() const noexcept { return last_insert_id_; }

    int column_count() const noexcept { return sqlite3_column_count(handle_); }
    std::string_view column_name(int index) const noexcept {
        const char* name = sqlite3_column_name(handle_, index);
        return name ? std::string_view{name} : std::string_view{};
    }
    // Columns count from 0, as SQLite counts them.
    cell column(int index) const noexcept { return cell{sqlite3_column_value(handle_, index)}; }

    const std::string& sql() const noexcept { return sql_; }
    sqlite3_stmt* native_handle() const noexcept { return handle_; }
    explicit operator bool() const noexcept { return handle_ != nullptr; }

private:
    void check(int rc) {
        if (rc != SQLITE_OK) throw_error(sqlite3_db_handle(handle_), rc, sql_, table_);
    }

    // False for a statement that cannot insert a row (SELECT, UPDATE, DELETE: rows a trigger of
    // theirs inserts do not change the connection's last rowid), whose steps skip reading it.
    static bool may_insert(std::string_view sql) noexcept {
        const auto start = sql.find_first_not_of(" \t\r\n");
        if (start == std::string_view::npos) return true;
        auto starts_with = [&](std::string_view keyword) {
            if (sql.size() - start <= keyword.size()) return false;
            for (std::size_t i = 0; i < keyword.size(); ++i)
                if ((sql[start + i] & ~0x20) != keyword[i]) return false;
            const char after = sql[start + keyword.size()];
            return after == ' ' || after == '\t' || after == '\r' || after == '\n' || after == '"';
        };
        return !(starts_with("SELECT") || starts_with("UPDATE") || starts_with("DELETE"));
    }

    // Out of line, so that step() stays small enough to inline into every write.
    [[noreturn, gnu::cold, gnu::noinline]] void step_failed(int rc) {
        sqlite3* db = sqlite3_db_handle(handle_);
        sqlite3_reset(handle_);
        throw_error(db, rc, sql_, table_);
    }

    // Binds one value: `to(handle)` calls the sqlite3_bind_* function.
    template <class Bind>
    void bind(Bind&& to) {
        check(to(handle_));
#if TABULA_SQLITE_UPSERT_FALLBACK
        if (upsert_) [[unlikely]]
            check(to(upsert_->insert));
#endif
    }

#if TABULA_SQLITE_UPSERT_FALLBACK
    // The INSERT of an upsert run as UPDATE-then-INSERT (handle_ holds the UPDATE), and the
    // savepoint statements around them.
    struct upsert_fallback {
        sqlite3_stmt* insert = nullptr;
        std::string savepoint, release, rollback_to, rollback;
        upsert_fallback() = default;
        upsert_fallback(const upsert_fallback&) = delete;
        upsert_fallback& operator=(const upsert_fallback&) = delete;
        ~upsert_fallback() { sqlite3_finalize(insert); }
    };

    // sql_ is tabula's upsert text, which this SQLite cannot prepare: prepares what runs it instead.
    // False when the text is anything else (the caller reports SQLite's error).
    bool prepare_upsert_fallback(sqlite3* db, bool persistent) {
        const auto fallback = sql::sqlite_upsert_fallback(sql_);
        if (!fallback) return false;
        auto prepare = [&](const std::string& text, sqlite3_stmt** out) {
            const int rc = api::prepare(db, text, persistent, out);
            if (rc != SQLITE_OK) throw_error(db, rc, text);
        };
        if (fallback->update.empty()) {
            // A table of key columns only: one INSERT that skips an existing key.
            prepare(fallback->insert, &handle_);
            return true;
        }
        auto parts = std::make_unique<upsert_fallback>();
        prepare(fallback->insert, &parts->insert);
        prepare(fallback->update, &handle_);
        constexpr std::string_view name = "tabula_upsert";
        parts->savepoint = sql::text(sql::dialect::sqlite, [&](auto& w) { sql::savepoint(w, name); });
        parts->release = sql::text(sql::dialect::sqlite, [&](auto& w) { sql::release_savepoint(w, name); });
        parts->rollback_to = sql::text(sql::dialect::sqlite, [&](auto& w) { sql::rollback_to_savepoint(w, name); });
        parts->rollback = sql::text(sql::dialect::sqlite, [&](auto& w) { sql::rollback_transaction(w); });
        upsert_ = std::move(parts);
        return true;
    }

    // UPDATE, then INSERT when the UPDATE found no row, in a savepoint: atomic, and other writers
    // wait from the UPDATE on (it takes the write lock). Errors are the statements' own, reported
    // with the upsert's text, after the savepoint has undone what they did.
    bool step_upsert() {
        sqlite3* db = sqlite3_db_handle(handle_);
        const bool outermost = sqlite3_get_autocommit(db) != 0;
        int rc = sqlite3_exec(db, upsert_->savepoint.c_str(), nullptr, nullptr, nullptr);
        if (rc != SQLITE_OK) throw_error(db, rc, sql_, table_);
        std::int64_t changed = 0;
        rc = sqlite3_step(handle_);
        if (rc == SQLITE_DONE) {
            changed = api::changes(db);
            if (changed == 0) {
                rc = sqlite3_step(upsert_->insert);
                if (rc == SQLITE_DONE) changed = api::changes(db);
            }
        }
        if (rc == SQLITE_DONE) rc = sqlite3_exec(db, upsert_->release.c_str(), nullptr, nullptr, nullptr);
        if (rc != SQLITE_OK) {
            const std::string message = sqlite3_errmsg(db);
            sqlite3_reset(handle_);
            sqlite3_reset(upsert_->insert);
            // A transaction the savepoint began is rolled back whole; an enclosing one keeps what
            // it had. SQLite may have rolled back already (SQLITE_FULL, SQLITE_IOERR).
            if (!sqlite3_get_autocommit(db)) {
                if (outermost) {
                    sqlite3_exec(db, upsert_->rollback.c_str(), nullptr, nullptr, nullptr);
                } else if (sqlite3_exec(db, upsert_->rollback_to.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK) {
                    sqlite3_exec(db, upsert_->release.c_str(), nullptr, nullptr, nullptr);
                }
            }
            throw_error(message, rc, sql_, table_);
        }
        affected_rows_ = changed;
        last_insert_id_ = sqlite3_last_insert_rowid(db);
        return false;
    }
#endif

    sqlite3_stmt* handle_ = nullptr;
    sqlite3* db_ = nullptr;  // the connection, kept: sqlite3_db_handle on every step costs a call
#if TABULA_SQLITE_UPSERT_FALLBACK
    std::unique_ptr<upsert_fallback> upsert_;
#endif
    std::string sql_;
    std::string_view table_;
    std::int64_t affected_rows_ = 0;
    std::int64_t last_insert_id_ = 0;
    const detail::lock_wait* writers_ = nullptr;
    // True while no write can end a transaction that needs stepping aside: the connection's "in a
    // transaction it began" flag, or always for a statement outside the queue. One load and test
    // per write, where a null test of writers_ came first.
    static constexpr bool no_queue = true;
    const bool* settled_ = &no_queue;
    bool may_insert_ = true;
};

}  // namespace tabula::sqlite_backend
