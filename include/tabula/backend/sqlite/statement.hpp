// A prepared SQLite statement: bind by position (1-based, as SQLite counts), step, read cells.
// Text and blobs are bound without copying (SQLITE_STATIC): callers keep them alive until step().
#pragma once

#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include <tabula/backend/sqlite/errors.hpp>
#include <tabula/backend/storage_class.hpp>

namespace tabula::sqlite_backend {

// One value of the current row. Read through sqlite3_column_value once, then the sqlite3_value_*
// accessors, which do not take the connection mutex again.
class cell {
public:
    explicit cell(sqlite3_value* value) noexcept : value_(value) {}

    storage_class storage() const noexcept {
        switch (sqlite3_value_type(value_)) {
            case SQLITE_INTEGER: return storage_class::integer;
            case SQLITE_FLOAT: return storage_class::real;
            case SQLITE_TEXT: return storage_class::text;
            case SQLITE_BLOB: return storage_class::blob;
            default: return storage_class::null;
        }
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
    statement(sqlite3* db, std::string_view sql, bool persistent = true) : sql_(sql) {
        const int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), persistent ? SQLITE_PREPARE_PERSISTENT : 0,
                                          &handle_, nullptr);
        if (rc != SQLITE_OK) {
            sqlite3_finalize(handle_);
            handle_ = nullptr;
            throw_error(db, rc, sql);
        }
    }
    statement(statement&& other) noexcept
        : handle_(std::exchange(other.handle_, nullptr)),
          sql_(std::move(other.sql_)),
          table_(other.table_),
          affected_rows_(other.affected_rows_),
          last_insert_id_(other.last_insert_id_) {}
    statement& operator=(statement&& other) noexcept {
        if (this != &other) {
            sqlite3_finalize(handle_);
            handle_ = std::exchange(other.handle_, nullptr);
            sql_ = std::move(other.sql_);
            table_ = other.table_;
            affected_rows_ = other.affected_rows_;
            last_insert_id_ = other.last_insert_id_;
        }
        return *this;
    }
    statement(const statement&) = delete;
    statement& operator=(const statement&) = delete;
    ~statement() { sqlite3_finalize(handle_); }

    // The table named in constraint errors SQLite reports without one (foreign keys).
    void set_table(std::string_view table) noexcept { table_ = table; }

    void bind_null(int index) { check(sqlite3_bind_null(handle_, index)); }
    void bind_bool(int index, bool value) { check(sqlite3_bind_int64(handle_, index, value ? 1 : 0)); }
    void bind_int64(int index, std::int64_t value) { check(sqlite3_bind_int64(handle_, index, value)); }
    void bind_double(int index, double value) { check(sqlite3_bind_double(handle_, index, value)); }
    void bind_text(int index, std::string_view value) {
        // A null data pointer would bind NULL, not the empty string.
        const char* data = value.data() ? value.data() : "";
        check(sqlite3_bind_text64(handle_, index, data, value.size(), SQLITE_STATIC, SQLITE_UTF8));
    }
    void bind_json(int index, std::string_view json_text) { bind_text(index, json_text); }
    void bind_blob(int index, std::span<const std::byte> value) {
        if (value.empty()) check(sqlite3_bind_zeroblob(handle_, index, 0));
        else check(sqlite3_bind_blob64(handle_, index, value.data(), value.size(), SQLITE_STATIC));
    }

    // True when a row is available, false when the statement has finished. SQLite reports row
    // counts and generated keys as connection state, so they are taken as the statement finishes
    // and belong to this statement from then on.
    bool step() {
        const int rc = sqlite3_step(handle_);
        if (rc == SQLITE_ROW) return true;
        sqlite3* db = sqlite3_db_handle(handle_);
        if (rc == SQLITE_DONE) {
            affected_rows_ = sqlite3_changes64(db);
            last_insert_id_ = sqlite3_last_insert_rowid(db);
            return false;
        }
        sqlite3_reset(handle_);
        throw_error(db, rc, sql_, table_);
    }
    void reset() noexcept { sqlite3_reset(handle_); }
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

    sqlite3_stmt* handle_ = nullptr;
    std::string sql_;
    std::string_view table_;
    std::int64_t affected_rows_ = 0;
    std::int64_t last_insert_id_ = 0;
};

}  // namespace tabula::sqlite_backend
