// A PostgreSQL statement: prepared once per connection under a name of its own and executed with
// parameters in text form, which the server parses as whatever type it inferred for each (binary
// parameters would have to match that type byte for byte). Results come back as text too: exact
// for every type (floats are printed shortest-exact), and read without copying.
//
// A whole result is fetched by one round trip. After stream() a result is read one row at a time
// (libpq's single-row mode), so memory stays flat; if the session runs another statement on the
// connection before a stream ends, the rest of that stream is read into memory first, so both work.
#pragma once

#include <tabula/backend/postgres/api.hpp>
#include <unistd.h>

#include <array>
#include <atomic>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <deque>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <tabula/backend/decimal_text.hpp>
#include <tabula/backend/postgres/errors.hpp>
#include <tabula/backend/storage_class.hpp>
#include <tabula/error.hpp>

namespace tabula::postgres_backend {

class statement;

// What a connection and the statements prepared on it share. It lives on the heap, so both may
// move; statements are destroyed before their connection (the session guarantees it).
struct connection_state {
    PGconn* handle = nullptr;
    statement* streaming = nullptr;  // a statement in single-row mode, with rows still to read
    // Statement names are unique to this connection among all clients: behind a pooler, server
    // connections are shared, and a name another client prepared there would clash.
    std::string statement_prefix = unique_prefix();
    std::uint64_t next_statement = 0;
    bool prepared_statements = true;
    // Statements whose server-side preparation should be released when the connection is idle.
    std::vector<std::string> to_deallocate;
    // WARNINGs the server sent (a migration step that could not do all it was asked), kept until
    // taken; NOTICEs are dropped. Bounded, so a client that never takes them keeps little.
    std::vector<std::string> warnings;

    // Before the connection is used for anything else: finish reading an open stream.
    void make_idle() {
        if (streaming || !to_deallocate.empty()) [[unlikely]]
            settle();
    }
    void settle();
    void deallocate_released();

    static std::string unique_prefix() {
        static const std::uint64_t process = [] {
            std::random_device random;
            return (std::uint64_t{random()} << 32) ^ random() ^ static_cast<std::uint64_t>(::getpid());
        }();
        static std::atomic<std::uint64_t> connections{0};
        char text[48];
        const int length = std::snprintf(text, sizeof text, "tabula_%llx_%llx_", static_cast<unsigned long long>(process),
                                         static_cast<unsigned long long>(++connections));
        return std::string(text, static_cast<std::size_t>(length));
    }
};

// PostgreSQL type oids (pg_type.dat) that decide how a text value is read.
namespace oid {
inline constexpr Oid boolean = 16, bytea = 17, int8 = 20, int2 = 21, int4 = 23, oid = 26, float4 = 700, float8 = 701, numeric = 1700;
}  // namespace oid

namespace detail {

inline int hex_digit(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace detail

// How a result column's text is read, decided once per result from its type oid.
enum class column_kind : std::uint8_t { integer, boolean, real, real32, numeric, bytea, text };

inline column_kind kind_of(Oid type) noexcept {
    switch (type) {
        case oid::boolean: return column_kind::boolean;
        case oid::int2:
        case oid::int4:
        case oid::int8:
        case oid::oid: return column_kind::integer;
        case oid::float4: return column_kind::real32;
        case oid::float8: return column_kind::real;
        case oid::numeric: return column_kind::numeric;
        case oid::bytea: return column_kind::bytea;
        default: return column_kind::text;
    }
}

// One value of the current row. Its text is fetched as the cell is made (a cell is made to be
// read), so that every later question is a member read; only an empty value needs the NULL check
// (libpq gives NULL as an empty string).
class cell {
public:
    cell(const statement& owner, int column) noexcept;
    storage_class storage() const noexcept;
    bool is_null() const noexcept;
    std::int64_t as_int64() const noexcept;
    double as_double() const noexcept;
    bool as_bool() const noexcept { return as_int64() != 0; }
    std::string_view as_text() const noexcept { return {value_, static_cast<std::size_t>(length_)}; }
    std::span<const std::byte> as_blob() const noexcept;

private:
    column_kind kind() const noexcept;

    const statement* owner_;
    int column_;
    const char* value_;
    int length_;
};

class statement {
public:
    // PostgreSQL stores NaN and infinities in float columns.
    static constexpr bool stores_nan = true;

    statement() = default;
    statement(connection_state& state, std::string_view sql) : state_(&state), sql_(sql) {
        if (!state.prepared_statements) return;
        state.make_idle();
        name_ = state.statement_prefix + std::to_string(++state.next_statement);
        prepare_named();
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

    void bind_null(int index) { slot(index) = nullptr; }
    void bind_bool(int index, bool value) { slot(index) = value ? "t" : "f"; }
    void bind_int64(int index, std::int64_t value) {
        const auto i = static_cast<std::size_t>(index - 1);
        if (values_.size() <= i) [[unlikely]]
            grow(i + 1);
        formats_[i] = 0;
        char* out = numbers_[i].data();
        *std::to_chars(out, out + number_size - 1, value).ptr = '\0';
        values_[i] = out;
    }
    void bind_double(int index, double value) {
        if (std::isnan(value)) {
            slot(index) = "NaN";
        } else if (std::isinf(value)) {
            slot(index) = value > 0 ? "Infinity" : "-Infinity";
        } else {
            char* out = number(index);
            *std::to_chars(out, out + number_size - 1, value).ptr = '\0';
            slot(index) = out;
        }
    }
    // Text parameters end at their first NUL byte, so text is passed as a C string: a
    // std::string's own buffer, or a copy of other views.
    void bind_text(int index, const std::string& value) {
        check_text(value);
        slot(index) = value.c_str();
    }
    void bind_text(int index, std::string_view value) {
        check_text(value);
        std::string& copy = copy_for(index);
        copy.assign(value);
        slot(index) = copy.c_str();
    }
    void bind_json(int index, const std::string& json_text) { bind_text(index, json_text); }
    void bind_json(int index, std::string_view json_text) { bind_text(index, json_text); }
    // Bytes go in binary form: bytea's binary form is the bytes themselves.
    void bind_blob(int index, std::span<const std::byte> value) {
        slot(index) = value.empty() ? "" : reinterpret_cast<const char*>(value.data());
        lengths_[static_cast<std::size_t>(index - 1)] = static_cast<int>(value.size());
        formats_[static_cast<std::size_t>(index - 1)] = 1;
        binary_bound_ = true;
    }

    // ---- running -----------------------------------------------------------------------------

    void stream() noexcept { stream_requested_ = true; }

    bool step() {
        if (!executed_) {
            executed_ = true;
            if (stream_requested_) return start_stream();
            run_whole();
            row_ = 0;
            return row_ < rows_;
        }
        if (streaming_ || !pending_.empty()) return next_streamed_row();
        return ++row_ < rows_;
    }

    void reset() noexcept {
        if (streaming_ || !pending_.empty()) [[unlikely]] {
            try {
                finish_stream();
            } catch (...) {
                // A stream cut short on a broken connection: the connection reports it next time.
            }
        }
        clear_result();
        executed_ = false;
        stream_requested_ = false;
        row_ = -1;
        rows_ = 0;
    }

    std::int64_t affected_rows() const noexcept {
        if (!result_) return affected_;
        // Decimal digits, or "" for commands that affect no rows: read in one pass (from_chars
        // after strlen cost an update 40 more instructions).
        std::int64_t n = 0;
        for (const char* digit = PQcmdTuples(result_); *digit >= '0' && *digit <= '9'; ++digit) n = n * 10 + (*digit - '0');
        return n;
    }
    // PostgreSQL returns generated keys through RETURNING (the backend's insert_returns_key).
    std::int64_t last_insert_id() const noexcept { return 0; }

    // Rows the client already holds (a whole result): lets all() size its vector once.
    std::size_t buffered_rows() const noexcept { return streaming_ ? 0 : static_cast<std::size_t>(rows_); }

    int column_count() const noexcept { return result_ ? PQnfields(result_) : 0; }
    std::string_view column_name(int index) const noexcept {
        const char* name = result_ ? PQfname(result_, index) : nullptr;
        return name ? std::string_view{name} : std::string_view{};
    }
    cell column(int index) const noexcept { return cell{*this, index}; }

    const std::string& sql() const noexcept { return sql_; }
    const std::string& name() const noexcept { return name_; }

    // ---- pipeline mode (connection::pipeline) ---------------------------------------------------

    // Queues one execution with the parameters bound now; the result is read by receive_queued().
    void send_queued() {
        if (!send()) throw_connection_lost(state_->handle, sql_);
    }
    // Takes the next queued result as this statement's result: step() then reads its rows. An
    // error is thrown once the pipeline has been drained (the pipeline's destructor does that).
    void receive_queued() {
        clear_result();
        PGresult* result = PQgetResult(state_->handle);
        if (!result) throw_connection_lost(state_->handle, sql_);
        // Each queued query's results end with a null result.
        while (PGresult* extra = PQgetResult(state_->handle)) PQclear(extra);
        const ExecStatusType status = PQresultStatus(result);
        if (status == PGRES_PIPELINE_ABORTED) {
            PQclear(result);
            throw statement_error("tabula: skipped because an earlier statement of the same pipeline failed (while executing: " + sql_ + ")",
                                  sql_, 0);
        }
        if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) failed(result);
        result_ = result;
        rows_ = PQntuples(result);
        row_ = -1;
        executed_ = true;
        learn_columns();
    }

    // Reads what is left of this statement's stream into memory: another statement needs the
    // connection.
    void buffer_rest() {
        while (PGresult* next = PQgetResult(state_->handle)) pending_.push_back(next);
        streaming_ = false;
        state_->streaming = nullptr;
    }

private:
    friend class cell;
    static constexpr std::size_t number_size = 32;

    void take(statement& other) noexcept {
        state_ = std::exchange(other.state_, nullptr);
        sql_ = std::move(other.sql_);
        name_ = std::move(other.name_);
        table_ = other.table_;
        values_ = std::move(other.values_);
        lengths_ = std::move(other.lengths_);
        formats_ = std::move(other.formats_);
        binary_bound_ = other.binary_bound_;
        numbers_ = std::move(other.numbers_);
        copies_ = std::move(other.copies_);
        result_ = std::exchange(other.result_, nullptr);
        pending_ = std::move(other.pending_);
        blobs_ = std::move(other.blobs_);
        kinds_ = std::move(other.kinds_);
        row_ = other.row_;
        rows_ = other.rows_;
        affected_ = other.affected_;
        executed_ = other.executed_;
        stream_requested_ = other.stream_requested_;
        streaming_ = std::exchange(other.streaming_, false);
        if (streaming_ && state_) state_->streaming = this;
    }

    void release() noexcept {
        if (!state_) return;
        reset();
        for (PGresult* r : pending_) PQclear(r);
        pending_.clear();
        if (!name_.empty()) state_->to_deallocate.push_back(std::move(name_));
        state_ = nullptr;
    }

    [[gnu::always_inline]] const char*& slot(int index) {
        const auto i = static_cast<std::size_t>(index);
        if (values_.size() < i) [[unlikely]]
            grow(i);
        formats_[i - 1] = 0;
        return values_[i - 1];
    }
    // Growing moves the number buffers and short copies that values_ may already point into:
    // those pointers follow them.
    void grow(std::size_t count) {
        const char* old_numbers = numbers_.empty() ? nullptr : numbers_.front().data();
        const std::size_t old_size = values_.size();
        std::vector<const char*> old_copies(old_size);
        for (std::size_t k = 0; k < old_size; ++k) old_copies[k] = copies_[k].c_str();
        values_.resize(count, nullptr);
        lengths_.resize(count, 0);
        formats_.resize(count, 0);
        numbers_.resize(count);
        copies_.resize(count);
        for (std::size_t k = 0; k < old_size; ++k) {
            const char* value = values_[k];
            if (old_numbers && value >= old_numbers && value < old_numbers + old_size * number_size)
                values_[k] = numbers_.front().data() + (value - old_numbers);
            else if (value == old_copies[k])
                values_[k] = copies_[k].c_str();
        }
    }
    [[gnu::always_inline]] char* number(int index) {
        slot(index);
        return numbers_[static_cast<std::size_t>(index - 1)].data();
    }
    std::string& copy_for(int index) {
        slot(index);
        return copies_[static_cast<std::size_t>(index - 1)];
    }
    static void check_text(std::string_view value) {
        if (std::memchr(value.data(), '\0', value.size()) != nullptr)
            throw tabula::detail::value_error{false, "text contains a NUL byte, which PostgreSQL cannot store in text"};
    }

    void prepare_named() {
        PGresult* prepared = PQprepare(state_->handle, name_.c_str(), sql_.c_str(), 0, nullptr);
        if (PQresultStatus(prepared) != PGRES_COMMAND_OK) {
            name_.clear();  // nothing to deallocate
            // 42P05: the name exists on the server already, which only a pooler sharing server
            // connections between clients explains. Run unprepared from now on.
            const char* state = PQresultErrorField(prepared, PG_DIAG_SQLSTATE);
            if (state && std::string_view(state) == "42P05" && PQtransactionStatus(state_->handle) == PQTRANS_IDLE) {
                state_->prepared_statements = false;
                PQclear(prepared);
                return;
            }
            failed(prepared);
        }
        PQclear(prepared);
    }

    [[noreturn]] void failed(PGresult* failure) {
        struct clear_on_exit {
            PGresult* r;
            ~clear_on_exit() { PQclear(r); }
        } guard{failure};
        throw_error(state_->handle, failure, sql_, table_);
    }

    // Sends the statement; with a name when prepared statements are in use.
    // Lengths and formats matter only for binary (bytea) parameters; without any, libpq is
    // given none, which spares it the per-parameter format codes.
    // Once a blob has been bound the codes go with every execution (zeros where text is bound
    // since): a flag, not a scan of the codes before each execution (40 instructions an update).
    const int* formats() const noexcept { return binary_bound_ ? formats_.data() : nullptr; }

    bool send() {
        const int count = static_cast<int>(values_.size());
        const int* binary = formats();
        const int* lengths = binary ? lengths_.data() : nullptr;
        if (!name_.empty()) return PQsendQueryPrepared(state_->handle, name_.c_str(), count, values_.data(), lengths, binary, 0) == 1;
        return PQsendQueryParams(state_->handle, sql_.c_str(), count, nullptr, values_.data(), lengths, binary, 0) == 1;
    }

    PGresult* execute_once() {
        const int count = static_cast<int>(values_.size());
        const int* binary = formats();
        const int* lengths = binary ? lengths_.data() : nullptr;
        if (!name_.empty()) return PQexecPrepared(state_->handle, name_.c_str(), count, values_.data(), lengths, binary, 0);
        return PQexecParams(state_->handle, sql_.c_str(), count, nullptr, values_.data(), lengths, binary, 0);
    }

    // A pooler in transaction mode (PgBouncer before 1.21) hands each transaction whichever
    // server connection is free, where this statement was never prepared. Outside a transaction
    // the statement is run again unprepared, and the connection stops preparing statements.
    bool missing_on_server(PGresult* failure) {
        if (name_.empty()) return false;
        const char* state = PQresultErrorField(failure, PG_DIAG_SQLSTATE);
        if (!state || std::string_view(state) != "26000") return false;
        state_->prepared_statements = false;
        name_.clear();
        if (PQtransactionStatus(state_->handle) == PQTRANS_IDLE) return true;
        PQclear(failure);
        throw statement_error("tabula: prepared statement missing on the PostgreSQL server, which happens behind a connection "
                              "pooler in transaction mode (PgBouncer before 1.21); set prepared_statements=false in the "
                              "database URL (this connection has stopped preparing statements)",
                              sql_, 0, "26000");
    }

    void run_whole() {
        state_->make_idle();
        clear_result();
        PGresult* result = execute_once();
        if (!result) throw_connection_lost(state_->handle, sql_);
        ExecStatusType status = PQresultStatus(result);
        if (status == PGRES_FATAL_ERROR && missing_on_server(result)) {
            PQclear(result);
            result = execute_once();
            if (!result) throw_connection_lost(state_->handle, sql_);
            status = PQresultStatus(result);
        }
        if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) failed(result);
        result_ = result;
        rows_ = PQntuples(result);
        learn_columns();
    }

    // The columns' kinds. A prepared statement's result type is fixed (PostgreSQL refuses to run it
    // after a change to its tables alters it), so it is read once; unprepared ones read it anew.
    void learn_columns() {
        if (!name_.empty() && !kinds_.empty()) return;
        const int count = PQnfields(result_);
        kinds_.resize(static_cast<std::size_t>(count));
        for (int c = 0; c < count; ++c) kinds_[static_cast<std::size_t>(c)] = kind_of(PQftype(result_, c));
    }

    bool start_stream() {
        state_->make_idle();
        clear_result();
        if (!send()) throw_connection_lost(state_->handle, sql_);
        PQsetSingleRowMode(state_->handle);
        streaming_ = true;
        state_->streaming = this;
        return next_streamed_row();
    }

    PGresult* next_result() {
        if (!pending_.empty()) {
            PGresult* next = pending_.front();
            pending_.pop_front();
            return next;
        }
        return streaming_ ? PQgetResult(state_->handle) : nullptr;
    }

    bool next_streamed_row() {
        clear_result();
        PGresult* next = next_result();
        if (!next) {
            end_stream();
            return false;
        }
        const ExecStatusType status = PQresultStatus(next);
        if (status == PGRES_SINGLE_TUPLE) {
            const bool first = kinds_.empty() || rows_ == 0;
            result_ = next;
            rows_ = 1;
            row_ = 0;
            if (first) learn_columns();
            return true;
        }
        if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
            // The closing result: no rows, the command's row count.
            affected_ = [&] {
                const char* tuples = PQcmdTuples(next);
                std::int64_t n = 0;
                std::from_chars(tuples, tuples + std::strlen(tuples), n);
                return n;
            }();
            PQclear(next);
            while (PGresult* rest = next_result()) PQclear(rest);
            end_stream();
            rows_ = 0;
            return false;
        }
        // An error: take the rest of the results, then report it.
        while (PGresult* rest = next_result()) PQclear(rest);
        end_stream();
        failed(next);
    }

    void end_stream() noexcept {
        if (streaming_ && state_ && state_->streaming == this) state_->streaming = nullptr;
        streaming_ = false;
    }

    // A stream left before its end: ask the server to stop, then read what is still coming.
    void finish_stream() {
        if (!streaming_ && pending_.empty()) return;
        if (streaming_) {
            if (PGcancel* cancel = PQgetCancel(state_->handle)) {
                char reason[256];
                PQcancel(cancel, reason, sizeof reason);
                PQfreeCancel(cancel);
            }
            while (PGresult* rest = PQgetResult(state_->handle)) PQclear(rest);
        }
        for (PGresult* r : pending_) PQclear(r);
        pending_.clear();
        end_stream();
    }

    void clear_result() noexcept {
        if (result_) {
            affected_ = 0;
            PQclear(result_);
            result_ = nullptr;
        }
    }

    connection_state* state_ = nullptr;
    std::string sql_;
    std::string name_;  // empty: run unprepared
    std::string_view table_;
    std::vector<const char*> values_;
    std::vector<int> lengths_;
    std::vector<int> formats_;
    std::vector<std::array<char, number_size>> numbers_;  // contiguous: grow() moves pointers along
    std::vector<std::string> copies_;
    PGresult* result_ = nullptr;
    std::deque<PGresult*> pending_;
    mutable std::vector<std::vector<std::byte>> blobs_;
    std::vector<column_kind> kinds_;  // per result column, read from the first result of an execution
    int row_ = -1;
    int rows_ = 0;
    std::int64_t affected_ = 0;
    bool executed_ = false;
    bool stream_requested_ = false;
    bool streaming_ = false;
    bool binary_bound_ = false;
};

// ---- cells -----------------------------------------------------------------------------------

[[gnu::always_inline]] inline cell::cell(const statement& owner, int column) noexcept
    : owner_(&owner),
      column_(column),
      value_(PQgetvalue(owner.result_, owner.row_, column)),
      length_(PQgetlength(owner.result_, owner.row_, column)) {}

[[gnu::always_inline]] inline column_kind cell::kind() const noexcept { return owner_->kinds_[static_cast<std::size_t>(column_)]; }

[[gnu::always_inline]] inline bool cell::is_null() const noexcept {
    return length_ == 0 && PQgetisnull(owner_->result_, owner_->row_, column_) != 0;
}

[[gnu::always_inline]] inline storage_class cell::storage() const noexcept {
    if (is_null()) return storage_class::null;
    switch (kind()) {
        case column_kind::integer:
        case column_kind::boolean: return storage_class::integer;
        case column_kind::real:
        case column_kind::real32: return storage_class::real;
        case column_kind::numeric: return tabula::detail::integral_text(as_text()) ? storage_class::integer : storage_class::real;
        case column_kind::bytea: return storage_class::bytes;
        case column_kind::text: break;
    }
    return storage_class::text;
}

[[gnu::always_inline]] inline std::int64_t cell::as_int64() const noexcept {
    const std::string_view text = as_text();
    if (kind() == column_kind::boolean) return !text.empty() && text.front() == 't' ? 1 : 0;
    std::int64_t value = 0;
    tabula::detail::parse_int64(text, value);
    return value;
}

// A REAL is printed as the shortest text that reads back as the same float: read it as a float,
// or FLT_MAX would come back as a double just above it.
[[gnu::always_inline]] inline double cell::as_double() const noexcept {
    const std::string_view text = as_text();
    if (kind() == column_kind::real32) {
        float narrow = 0;
        std::from_chars(text.data(), text.data() + text.size(), narrow);
        return static_cast<double>(narrow);
    }
    double value = 0;
    tabula::detail::parse_double(text, value);
    return value;
}

// bytea arrives in hex ("\x0102ff"); other types' text is returned as its bytes.
inline std::span<const std::byte> cell::as_blob() const noexcept {
    const std::string_view text = as_text();
    if (kind() != column_kind::bytea || text.size() < 2 || text[0] != '\\' || text[1] != 'x')
        return {reinterpret_cast<const std::byte*>(text.data()), text.size()};
    auto& buffers = owner_->blobs_;
    if (buffers.size() <= static_cast<std::size_t>(column_)) buffers.resize(static_cast<std::size_t>(column_) + 1);
    std::vector<std::byte>& out = buffers[static_cast<std::size_t>(column_)];
    out.resize((text.size() - 2) / 2);
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = static_cast<std::byte>(detail::hex_digit(text[2 + 2 * i]) * 16 + detail::hex_digit(text[3 + 2 * i]));
    return out;
}

// ---- the connection's shared state -----------------------------------------------------------

inline void connection_state::settle() {
    if (streaming) streaming->buffer_rest();
    if (!to_deallocate.empty()) deallocate_released();
}

inline void connection_state::deallocate_released() {
    std::vector<std::string> names = std::move(to_deallocate);
    to_deallocate.clear();
    if (PQstatus(handle) != CONNECTION_OK || PQtransactionStatus(handle) == PQTRANS_INERROR) return;
    std::string sql;
    for (const std::string& name : names) sql += "DEALLOCATE \"" + name + "\";";
    PQclear(PQexec(handle, sql.c_str()));
}

}  // namespace tabula::postgres_backend
