// A MySQL/MariaDB statement: prepared on the server once (mysql_stmt_prepare) and executed with
// parameters in binary form. mysql_stmt_bind_param copies the parameters' MYSQL_BINDs and makes
// the next execution send their types again, so they are bound again only when a type or an
// address changed: numbers live in slots of the statement, short texts and blobs (up to
// `copied_text` bytes: names, keys, small JSON) are copied into slots of their own, longer ones
// are bound by address, without a copy, and lengths are read through pointers. Results come back
// in binary form into one buffer per column (MYSQL_BIND), bound once per result shape, which
// grows when a longer value arrives; integers, floats and doubles are read exactly, DECIMAL as
// its text.
//
// A whole result (all(), get, first) is read by mysql_stmt_store_result: one round trip, then rows
// from client memory. After stream() the statement opens a read-only server-side cursor and
// fetches `stream_prefetch_rows` rows per round trip, so client memory stays bounded AND the
// connection stays free: other statements (an inner stream over the same table, the writes of a
// migration's data function) run while the cursor is open. The alternative, unbuffered reading
// (mysql_stmt_use_result) that reads the rest into memory when another statement needs the
// connection, breaks the memory bound exactly when streams nest or a loop writes as it reads,
// which is how streams are used; MariaDB's cursor materialises the result on the server instead.
#pragma once

#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <tabula/backend/mysql/api.hpp>
#include <tabula/backend/mysql/errors.hpp>
#include <tabula/backend/decimal_text.hpp>
#include <tabula/backend/storage_class.hpp>
#include <tabula/error.hpp>

namespace tabula::mysql_backend {

// What a connection and the statements prepared on it share. It lives on the heap, so both may
// move; statements are destroyed before their connection (the session guarantees it).
struct connection_state {
    MYSQL* handle = nullptr;
    bool lost = false;  // a statement found the server gone: nothing more can run

    // Throws the connection's last error; a lost connection is remembered.
    [[noreturn]] void fail(std::string_view sql, std::string_view table = {}) {
        const unsigned code = mysql_errno(handle);
        if (connection_lost(code)) lost = true;
        throw_error(code, mysql_error(handle), mysql_sqlstate(handle), sql, table);
    }
};

namespace detail {

// How a result column is read, from its type. The kinds read from bytes come last.
enum class column_kind : std::uint8_t { integer, float32, float64, decimal, text, blob };

// One result column: where MYSQL_BIND puts its value, and what the binding was made for.
struct column_slot {
    column_kind kind = column_kind::text;
    storage_class stored = storage_class::text;  // when not NULL; a DECIMAL looks at its text
    my_bool null = 0;
    my_bool truncated = 0;
    unsigned long length = 0;
    std::int64_t integer = 0;
    double float64 = 0;
    float float32 = 0;
    std::vector<char> bytes;
    // What the binding was made for; a change (a table altered) rebinds.
    enum_field_types type = MYSQL_TYPE_NULL;
    unsigned charset = 0;
    unsigned flags = 0;
    mutable std::string formatted;  // numbers as text, when asked for text
};

}  // namespace detail

class statement;

// One value of the current row. The common cases (a number read as itself, text as text) are
// inline; conversions between them are not.
class cell {
public:
    explicit cell(const detail::column_slot& slot) noexcept : c_(&slot) {}
    storage_class storage() const noexcept {
        if (c_->null) return storage_class::null;
        if (c_->kind != detail::column_kind::decimal) [[likely]] return c_->stored;
        return decimal_storage();
    }
    bool is_null() const noexcept { return c_->null != 0; }
    std::int64_t as_int64() const noexcept {
        if (c_->kind == detail::column_kind::integer) [[likely]] return c_->integer;
        return converted_int64();
    }
    double as_double() const noexcept {
        if (c_->kind == detail::column_kind::float64) [[likely]] return c_->float64;
        return converted_double();
    }
    bool as_bool() const noexcept { return as_int64() != 0; }
    std::string_view as_text() const noexcept {
        if (c_->kind >= detail::column_kind::decimal && !c_->null) [[likely]] return {c_->bytes.data(), c_->length};
        return formatted_text();
    }
    std::span<const std::byte> as_blob() const noexcept {
        const std::string_view bytes = as_text();
        return {reinterpret_cast<const std::byte*>(bytes.data()), bytes.size()};
    }

private:
    // Out of line, so that the common cases above inline where they are read.
    [[gnu::noinline]] storage_class decimal_storage() const noexcept {
        return tabula::detail::integral_text(as_text()) ? storage_class::integer : storage_class::real;
    }

    [[gnu::noinline]] std::int64_t converted_int64() const noexcept {
        switch (c_->kind) {
            case detail::column_kind::integer: return c_->integer;
            case detail::column_kind::float32: return static_cast<std::int64_t>(c_->float32);
            case detail::column_kind::float64: return static_cast<std::int64_t>(c_->float64);
            default: break;
        }
        const std::string_view text = as_text();
        std::int64_t value = 0;
        tabula::detail::parse_int64(text, value);
        return value;
    }

    [[gnu::noinline]] double converted_double() const noexcept {
        switch (c_->kind) {
            case detail::column_kind::integer: return static_cast<double>(c_->integer);
            case detail::column_kind::float32: return static_cast<double>(c_->float32);
            case detail::column_kind::float64: return c_->float64;
            default: break;
        }
        const std::string_view text = as_text();
        double value = 0;
        tabula::detail::parse_double(text, value);
        return value;
    }

    // Numbers asked for as text, and NULL.
    [[gnu::noinline]] std::string_view formatted_text() const noexcept {
        const detail::column_slot& c = *c_;
        if (c.null) return {};
        char digits[32];
        switch (c.kind) {
            case detail::column_kind::integer:
                if (c.flags & UNSIGNED_FLAG)
                    c.formatted.assign(digits, std::to_chars(digits, digits + sizeof digits, static_cast<std::uint64_t>(c.integer)).ptr);
                else c.formatted.assign(digits, std::to_chars(digits, digits + sizeof digits, c.integer).ptr);
                return c.formatted;
            case detail::column_kind::float32:
                c.formatted.assign(digits, std::to_chars(digits, digits + sizeof digits, c.float32).ptr);
                return c.formatted;
            case detail::column_kind::float64:
                c.formatted.assign(digits, std::to_chars(digits, digits + sizeof digits, c.float64).ptr);
                return c.formatted;
            default: return {c.bytes.data(), c.length};
        }
    }

    const detail::column_slot* c_;
};

class statement {
public:
    // MySQL's FLOAT and DOUBLE hold neither NaN nor infinities: both are refused before binding.
    static constexpr bool stores_nan = false;
    // Rows one cursor fetch brings: a round trip per batch, at most this many rows in memory.
    // Measured (100,000 rows of BIGINT and VARCHAR over a unix socket, MariaDB 10.11): a whole
    // stored result 48-68 ms; a cursor fetching 1 row at a time 1.5-2 s, 16 rows 130-180 ms,
    // 64 rows 72-82 ms, 256 rows 59-68 ms, 1,024 rows 52-63 ms. 256 is within a few percent of
    // reading everything at once and keeps a batch of wide rows small.
    static constexpr unsigned long stream_prefetch_rows = 256;

    statement() = default;
    statement(connection_state& state, std::string_view sql) : state_(&state), sql_(sql) {
        handle_ = mysql_stmt_init(state.handle);
        if (!handle_) state.fail(sql_);
        if (mysql_stmt_prepare(handle_, sql_.data(), sql_.size()) != 0) {
            struct close_on_exit {
                MYSQL_STMT* s;
                ~close_on_exit() { mysql_stmt_close(s); }
            } guard{std::exchange(handle_, nullptr)};
            fail(guard.s);
        }
        // Buffers start at initial_buffer bytes and grow when a longer value arrives, so results
        // are not scanned for their longest values (STMT_ATTR_UPDATE_MAX_LENGTH), row by row.
        param_count_ = static_cast<unsigned>(mysql_stmt_param_count(handle_));
        params_.resize(param_count_);
        param_values_.resize(param_count_);
        params_changed_ = !params_.empty();
    }
    statement(statement&& other) noexcept { take(other); }
    statement& operator=(statement&& other) noexcept {
        if (this != &other) {
            release();
            take(other);
        }
        return *this;
    }
    statement(const statement&) = delete;
    statement& operator=(const statement&) = delete;
    ~statement() { release(); }

    void set_table(std::string_view table) noexcept { table_ = table; }

    // ---- parameters (1-based) ------------------------------------------------------------------

    void bind_null(int index) { point_param(param(index), MYSQL_TYPE_NULL, nullptr); }
    void bind_bool(int index, bool value) { bind_int64(index, value ? 1 : 0); }
    void bind_int64(int index, std::int64_t value) {
        const std::size_t i = param(index);
        param_values_[i].integer = value;
        point_param(i, MYSQL_TYPE_LONGLONG, &param_values_[i].integer);
    }
    void bind_double(int index, double value) {
        if (std::isinf(value)) [[unlikely]]
            infinite_parameter();
        const std::size_t i = param(index);
        param_values_[i].real = value;
        point_param(i, MYSQL_TYPE_DOUBLE, &param_values_[i].real);
    }
    // A long text is sent from where it is: the codec keeps it alive until the statement has run.
    void bind_text(int index, std::string_view value) { bind_bytes(index, MYSQL_TYPE_STRING, value.data(), value.size()); }
    void bind_json(int index, std::string_view json_text) { bind_text(index, json_text); }
    void bind_blob(int index, std::span<const std::byte> value) {
        bind_bytes(index, MYSQL_TYPE_BLOB, reinterpret_cast<const char*>(value.data()), value.size());
    }

    // ---- running -----------------------------------------------------------------------------

    void stream() noexcept { stream_requested_ = true; }

    bool step() {
        if (!executed_) {
            executed_ = true;
            execute();
        }
        return fetch();
    }

    void reset() noexcept {
        if (handle_ && executed_ && result_set_) {
            // An unfinished cursor is closed on the server; a stored result is freed here.
            if (cursor_open_ && !state_->lost) mysql_stmt_reset(handle_);
            else mysql_stmt_free_result(handle_);
        }
        executed_ = false;
        stream_requested_ = false;
        cursor_open_ = false;
        has_rows_ = false;
        result_set_ = false;
    }

    std::int64_t affected_rows() const noexcept { return affected_; }
    std::int64_t last_insert_id() const noexcept { return insert_id_; }
    // Rows of a whole (stored) result; 0 while a cursor streams.
    std::size_t buffered_rows() const noexcept {
        return result_set_ && !cursor_open_ ? static_cast<std::size_t>(mysql_stmt_num_rows(handle_)) : 0;
    }

    int column_count() const noexcept { return result_set_ ? static_cast<int>(columns_.size()) : 0; }
    std::string_view column_name(int index) const noexcept {
        if (!handle_ || index < 0 || static_cast<unsigned>(index) >= mysql_stmt_field_count(handle_)) return {};
        const MYSQL_FIELD& f = handle_->fields[index];
        return {f.name, f.name_length};
    }
    cell column(int index) const noexcept { return cell{columns_[static_cast<std::size_t>(index)]}; }

    const std::string& sql() const noexcept { return sql_; }
    MYSQL_STMT* native_handle() const noexcept { return handle_; }

private:
    static constexpr unsigned long initial_buffer = 256;
    // Texts and blobs up to this length are copied into a slot of the statement, whose address
    // stays put: copying them costs less than binding the parameters again.
    static constexpr std::size_t copied_text = 256;
    using column_kind = detail::column_kind;
    using column_slot = detail::column_slot;

    union param_value {
        std::int64_t integer;
        double real;
    };

    void take(statement& other) noexcept {
        state_ = std::exchange(other.state_, nullptr);
        handle_ = std::exchange(other.handle_, nullptr);
        sql_ = std::move(other.sql_);
        table_ = other.table_;
        params_ = std::move(other.params_);
        param_count_ = std::exchange(other.param_count_, 0);
        param_values_ = std::move(other.param_values_);
        texts_ = std::move(other.texts_);
        results_ = std::move(other.results_);
        columns_ = std::move(other.columns_);
        affected_ = other.affected_;
        insert_id_ = other.insert_id_;
        executed_ = std::exchange(other.executed_, false);
        stream_requested_ = other.stream_requested_;
        cursor_open_ = std::exchange(other.cursor_open_, false);
        has_rows_ = other.has_rows_;
        result_set_ = std::exchange(other.result_set_, false);
        params_changed_ = other.params_changed_;
        cursor_attribute_ = other.cursor_attribute_;
    }

    void release() noexcept {
        if (!handle_) return;
        reset();
        mysql_stmt_close(handle_);
        handle_ = nullptr;
        state_ = nullptr;
    }

    // The 0-based slot of a 1-based parameter.
    std::size_t param(int index) const {
        const auto i = static_cast<unsigned>(index - 1);  // 0 becomes the largest
        if (i >= param_count_) [[unlikely]]
            no_such_parameter(index);
        return i;
    }
    [[noreturn, gnu::cold, gnu::noinline]] void no_such_parameter(int index) const {
        throw statement_error("tabula: parameter " + std::to_string(index) + " bound, but the statement has " +
                                  std::to_string(params_.size()),
                              sql_, 0);
    }
    [[noreturn, gnu::cold, gnu::noinline]] static void infinite_parameter() {
        throw tabula::detail::value_error{false, "infinity cannot be stored: MySQL's FLOAT and DOUBLE hold only finite numbers"};
    }

    // Points parameter i at `buffer` as `type`. The client library keeps a copy of the bindings,
    // so a new type or address is bound again before the next execution; values and lengths it
    // reads through the pointers, at execution.
    void point_param(std::size_t i, enum_field_types type, void* buffer) noexcept {
        MYSQL_BIND& p = params_[i];
        if (p.buffer_type == type) [[likely]] {
            if (p.buffer != buffer) {
                p.buffer = buffer;
                params_changed_ = true;
            }
            return;
        }
        p = MYSQL_BIND{};
        p.buffer_type = type;
        p.buffer = buffer;
        p.length = &p.length_value;
        params_changed_ = true;
    }

    void bind_bytes(int index, enum_field_types type, const char* data, std::size_t size) {
        const std::size_t i = param(index);
        if (size <= copied_text) [[likely]] {
            // Into the parameter's own slot, which keeps its address: no new binding. (Never a
            // null buffer, which would be sent as NULL, for an empty value.)
            char* slot = i < texts_.size() && texts_[i] ? texts_[i].get() : make_text_slot(i);
            if (size > 0) std::memcpy(slot, data, size);
            data = slot;
        }
        point_param(i, type, const_cast<char*>(data));
        params_[i].buffer_length = static_cast<unsigned long>(size);
        params_[i].length_value = static_cast<unsigned long>(size);
    }

    [[gnu::noinline]] char* make_text_slot(std::size_t i) {
        if (texts_.size() < param_count_) texts_.resize(param_count_);
        texts_[i].reset(new char[copied_text]);
        return texts_[i].get();
    }

    [[noreturn]] void fail(MYSQL_STMT* failed) {
        const unsigned code = mysql_stmt_errno(failed);
        if (connection_lost(code)) state_->lost = true;
        throw_error(code, mysql_stmt_error(failed), mysql_stmt_sqlstate(failed), sql_, table_);
    }

    void execute() {
        if (state_->lost) throw connection_error("tabula: MySQL connection lost earlier; open a new session (while executing: " + sql_ + ")");
        if (stream_requested_ != cursor_attribute_) {
            const unsigned long cursor = stream_requested_ ? CURSOR_TYPE_READ_ONLY : CURSOR_TYPE_NO_CURSOR;
            mysql_stmt_attr_set(handle_, STMT_ATTR_CURSOR_TYPE, &cursor);
            if (stream_requested_) mysql_stmt_attr_set(handle_, STMT_ATTR_PREFETCH_ROWS, &stream_prefetch_rows);
            cursor_attribute_ = stream_requested_;
        }
        if (params_changed_) {
            if (mysql_stmt_bind_param(handle_, params_.data())) fail(handle_);
            params_changed_ = false;
        }
        if (mysql_stmt_execute(handle_) != 0) fail(handle_);
        affected_ = 0;
        insert_id_ = static_cast<std::int64_t>(mysql_stmt_insert_id(handle_));
        const unsigned fields = mysql_stmt_field_count(handle_);
        has_rows_ = result_set_ = fields > 0;
        if (!has_rows_) {
            affected_ = static_cast<std::int64_t>(mysql_stmt_affected_rows(handle_));
            return;
        }
        cursor_open_ = false;
        if (stream_requested_) {
            unsigned status = 0;
            mariadb_get_infov(state_->handle, MARIADB_CONNECTION_SERVER_STATUS, &status);
            cursor_open_ = (status & SERVER_STATUS_CURSOR_EXISTS) != 0;
        }
        // Without a cursor (a whole result, or a statement the server would not open one for)
        // every row is read now, so the connection is free for the next statement.
        if (!cursor_open_) {
            if (mysql_stmt_store_result(handle_) != 0) fail(handle_);
            affected_ = static_cast<std::int64_t>(mysql_stmt_affected_rows(handle_));
        }
        bind_columns();
    }

    static column_kind kind_of(const MYSQL_FIELD& f) noexcept {
        switch (f.type) {
            case MYSQL_TYPE_TINY:
            case MYSQL_TYPE_SHORT:
            case MYSQL_TYPE_INT24:
            case MYSQL_TYPE_LONG:
            case MYSQL_TYPE_LONGLONG:
            case MYSQL_TYPE_YEAR: return column_kind::integer;
            case MYSQL_TYPE_FLOAT: return column_kind::float32;
            case MYSQL_TYPE_DOUBLE: return column_kind::float64;
            case MYSQL_TYPE_DECIMAL:
            case MYSQL_TYPE_NEWDECIMAL: return column_kind::decimal;
            case MYSQL_TYPE_TINY_BLOB:
            case MYSQL_TYPE_MEDIUM_BLOB:
            case MYSQL_TYPE_LONG_BLOB:
            case MYSQL_TYPE_BLOB:
            case MYSQL_TYPE_STRING:
            case MYSQL_TYPE_VAR_STRING:
            case MYSQL_TYPE_VARCHAR:
            case MYSQL_TYPE_BIT:
            case MYSQL_TYPE_GEOMETRY:
                // Character set 63 is `binary`: BLOB, BINARY, VARBINARY (and BIT, GEOMETRY).
                return f.charsetnr == 63 ? column_kind::blob : column_kind::text;
            default: return column_kind::text;  // dates and times, JSON, ENUM, SET: as text
        }
    }

    static storage_class storage_of(column_kind kind) noexcept {
        switch (kind) {
            case column_kind::integer: return storage_class::integer;
            case column_kind::float32:
            case column_kind::float64: return storage_class::real;
            case column_kind::blob: return storage_class::bytes;
            case column_kind::decimal:
            case column_kind::text: break;
        }
        return storage_class::text;
    }

    // Points one MYSQL_BIND per column at its slot and hands them to the client library: when the
    // result's shape changed, or the library's copy of the bindings is gone (it makes new ones
    // when a statement's result changes shape, as a procedure's results do). Otherwise the
    // bindings of the last execution stand.
    void bind_columns() {
        const unsigned count = mysql_stmt_field_count(handle_);
        const MYSQL_FIELD* fields = handle_->fields;
        // What decides how a column is bound and read: its type, character set and signedness.
        bool same = columns_.size() == count;
        if (same) {
            unsigned differs = 0;
            for (unsigned i = 0; i < count; ++i) {
                const column_slot& c = columns_[i];
                differs |= static_cast<unsigned>(c.type ^ fields[i].type) | (c.charset ^ fields[i].charsetnr) | ((c.flags ^ fields[i].flags) & static_cast<unsigned>(UNSIGNED_FLAG));
            }
            same = differs == 0;
        }
        if (same && count > 0 && handle_->bind && handle_->bind[0].buffer == results_[0].buffer) [[likely]]
            return;
        rebind_columns(count, same);
    }

    [[gnu::noinline]] void rebind_columns(unsigned count, bool same) {
        const MYSQL_FIELD* fields = handle_->fields;
        if (!same) {
            columns_.assign(count, column_slot{});
            results_.assign(count, MYSQL_BIND{});
            for (unsigned i = 0; i < count; ++i) {
                column_slot& c = columns_[i];
                c.kind = kind_of(fields[i]);
                c.stored = storage_of(c.kind);
                c.type = fields[i].type;
                c.charset = fields[i].charsetnr;
                c.flags = fields[i].flags;
                if (c.kind >= column_kind::decimal) c.bytes.resize(initial_buffer);
            }
        }
        for (unsigned i = 0; i < count; ++i) point(i);
        if (mysql_stmt_bind_result(handle_, results_.data())) fail(handle_);
    }

    void point(unsigned i) {
        column_slot& c = columns_[i];
        MYSQL_BIND& b = results_[i];
        b = MYSQL_BIND{};
        b.is_null = &c.null;
        b.error = &c.truncated;
        b.length = &c.length;
        switch (c.kind) {
            case column_kind::integer:
                b.buffer_type = MYSQL_TYPE_LONGLONG;
                b.buffer = &c.integer;
                b.is_unsigned = (c.flags & UNSIGNED_FLAG) != 0;
                break;
            case column_kind::float32:
                b.buffer_type = MYSQL_TYPE_FLOAT;
                b.buffer = &c.float32;
                break;
            case column_kind::float64:
                b.buffer_type = MYSQL_TYPE_DOUBLE;
                b.buffer = &c.float64;
                break;
            case column_kind::decimal:
            case column_kind::text:
            case column_kind::blob:
                b.buffer_type = c.kind == column_kind::blob ? MYSQL_TYPE_BLOB : MYSQL_TYPE_STRING;
                b.buffer = c.bytes.data();
                b.buffer_length = static_cast<unsigned long>(c.bytes.size());
                break;
        }
    }

    bool fetch() {
        if (!has_rows_) return false;
        const int rc = mysql_stmt_fetch(handle_);
        if (rc == MYSQL_NO_DATA) {
            // The server closes a cursor once its last row is sent.
            has_rows_ = false;
            cursor_open_ = false;
            return false;
        }
        if (rc == 1) {
            has_rows_ = false;
            cursor_open_ = false;
            fail(handle_);
        }
        if (rc == MYSQL_DATA_TRUNCATED) refetch_truncated();
        return true;
    }

    // A value longer than its buffer: grow the buffer, read that column again, and keep the
    // larger buffer for the rows after it.
    void refetch_truncated() {
        bool rebound = false;
        for (unsigned i = 0; i < columns_.size(); ++i) {
            column_slot& c = columns_[i];
            if (!c.truncated) continue;
            c.bytes.resize(c.length + c.length / 2);
            point(i);
            if (mysql_stmt_fetch_column(handle_, &results_[i], i, 0) != 0) fail(handle_);
            c.truncated = 0;
            rebound = true;
        }
        if (rebound && mysql_stmt_bind_result(handle_, results_.data())) fail(handle_);
    }

    connection_state* state_ = nullptr;
    MYSQL_STMT* handle_ = nullptr;
    std::string sql_;
    std::string_view table_;
    std::vector<MYSQL_BIND> params_;
    unsigned param_count_ = 0;  // params_.size()
    std::vector<param_value> param_values_;
    std::vector<std::unique_ptr<char[]>> texts_;  // copies of short texts: copied_text bytes per parameter, made on first use
    std::vector<MYSQL_BIND> results_;
    std::vector<column_slot> columns_;
    std::int64_t affected_ = 0;
    std::int64_t insert_id_ = 0;
    bool executed_ = false;
    bool stream_requested_ = false;
    bool cursor_open_ = false;
    bool has_rows_ = false;
    bool result_set_ = false;        // the last execution returned a result (rows or none)
    bool params_changed_ = false;    // params_ differ from the library's copy
    bool cursor_attribute_ = false;  // the cursor type set on the handle is READ_ONLY
};

}  // namespace tabula::mysql_backend
