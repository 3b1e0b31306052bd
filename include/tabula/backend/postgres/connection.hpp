// One PostgreSQL connection (libpq), owned by one session and used from one thread at a time.
// Statements are prepared on it by name; bulk inserts stream rows through COPY ... FROM STDIN.
#pragma once

#include <tabula/backend/postgres/api.hpp>

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

#include <tabula/backend/postgres/errors.hpp>
#include <tabula/backend/postgres/options.hpp>
#include <tabula/backend/postgres/statement.hpp>
#include <tabula/backend/url.hpp>
#include <tabula/error.hpp>
#include <tabula/sql/transaction.hpp>
#include <tabula/sql/writer.hpp>

namespace tabula::postgres_backend {

// Rows on their way into COPY ... FROM STDIN, in COPY's text format. Values are written through
// the same calls a statement binds parameters with, so rows encode exactly as they would bind.
class copy_stream {
public:
    static constexpr bool stores_nan = true;

    copy_stream(connection_state& state, std::string sql) : state_(&state), sql_(std::move(sql)) {}
    copy_stream(copy_stream&& other) noexcept
        : state_(std::exchange(other.state_, nullptr)), sql_(std::move(other.sql_)), buffer_(std::move(other.buffer_)) {}
    copy_stream& operator=(copy_stream&&) = delete;
    copy_stream(const copy_stream&) = delete;
    ~copy_stream() {
        if (state_) abort("tabula: copy abandoned");
    }

    void bind_null(int index) { separator(index), buffer_ += "\\N"; }
    void bind_bool(int index, bool value) { separator(index), buffer_ += value ? 't' : 'f'; }
    void bind_int64(int index, std::int64_t value) {
        separator(index);
        char digits[24];
        buffer_.append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
    }
    void bind_double(int index, double value) {
        separator(index);
        if (std::isnan(value)) {
            buffer_ += "NaN";
        } else if (std::isinf(value)) {
            buffer_ += value > 0 ? "Infinity" : "-Infinity";
        } else {
            char digits[32];
            buffer_.append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
        }
    }
    void bind_text(int index, std::string_view value) {
        separator(index);
        if (std::memchr(value.data(), '\0', value.size()) != nullptr)
            throw tabula::detail::value_error{false, "text contains a NUL byte, which PostgreSQL cannot store in text"};
        escaped(value);
    }
    void bind_json(int index, std::string_view json_text) { bind_text(index, json_text); }
    // bytea's text input is \x and hex digits; COPY needs its backslash doubled.
    void bind_blob(int index, std::span<const std::byte> value) {
        separator(index);
        static constexpr char hex[] = "0123456789abcdef";
        buffer_ += "\\\\x";
        for (std::byte b : value) {
            buffer_ += hex[static_cast<unsigned>(b) >> 4];
            buffer_ += hex[static_cast<unsigned>(b) & 0xf];
        }
    }

    void end_row() {
        buffer_ += '\n';
        if (buffer_.size() >= flush_size) flush();
    }

    // Sends the last rows and returns how many rows the server stored.
    std::int64_t finish() {
        flush();
        connection_state* state = std::exchange(state_, nullptr);
        if (PQputCopyEnd(state->handle, nullptr) != 1) throw_connection_lost(state->handle, sql_);
        return collect(state, true);
    }

    // Ends the copy without storing anything (a row failed to encode).
    void abort(const char* reason) noexcept {
        connection_state* state = std::exchange(state_, nullptr);
        if (!state) return;
        PQputCopyEnd(state->handle, reason);
        try {
            collect(state, false);
        } catch (...) {
        }
    }

private:
    static constexpr std::size_t flush_size = 64 * 1024;

    void separator(int index) {
        if (index > 1) buffer_ += '\t';
    }
    void escaped(std::string_view text) {
        for (char c : text) {
            switch (c) {
                case '\\': buffer_ += "\\\\"; break;
                case '\n': buffer_ += "\\n"; break;
                case '\r': buffer_ += "\\r"; break;
                case '\t': buffer_ += "\\t"; break;
                default: buffer_ += c;
            }
        }
    }
    void flush() {
        if (buffer_.empty()) return;
        if (PQputCopyData(state_->handle, buffer_.data(), static_cast<int>(buffer_.size())) != 1) throw_connection_lost(state_->handle, sql_);
        buffer_.clear();
    }
    std::int64_t collect(connection_state* state, bool report) {
        std::int64_t stored = 0;
        PGresult* failure = nullptr;
        while (PGresult* result = PQgetResult(state->handle)) {
            if (PQresultStatus(result) == PGRES_COMMAND_OK) {
                const char* tuples = PQcmdTuples(result);
                std::from_chars(tuples, tuples + std::strlen(tuples), stored);
                PQclear(result);
            } else if (!failure) {
                failure = result;
            } else {
                PQclear(result);
            }
        }
        if (failure) {
            struct clear_on_exit {
                PGresult* r;
                ~clear_on_exit() { PQclear(r); }
            } guard{failure};
            if (report) throw_error(state->handle, failure, sql_);
        }
        return stored;
    }

    connection_state* state_;
    std::string sql_;
    std::string buffer_;
};

// libpq's pipeline mode: many executions sent before their results are read, so a batch of
// lookups or updates costs one round trip instead of one each. Batches are synced and read in
// turn by the caller (at most a few hundred queries each, so neither side's buffers fill).
class pipeline {
public:
    explicit pipeline(connection_state& state) : state_(&state) {
        state.make_idle();
        if (PQenterPipelineMode(state.handle) != 1) throw_connection_lost(state.handle, "pipeline mode");
    }
    pipeline(const pipeline&) = delete;
    pipeline& operator=(const pipeline&) = delete;
    ~pipeline() {
        try {
            drain();
        } catch (...) {
        }
        PQexitPipelineMode(state_->handle);
    }

    void send(statement& s) {
        s.send_queued();
        ++queued_;
    }
    // Ends a batch: the server runs it and answers.
    void sync() {
        if (PQpipelineSync(state_->handle) != 1) throw_connection_lost(state_->handle, "pipeline sync");
        ++syncs_;
    }
    // The next queued result, into the statement that sent it.
    void receive(statement& s) {
        --queued_;
        s.receive_queued();
    }
    // Reads the batch's closing sync; call after every queued result of a batch was received.
    void end_batch() {
        drain();
    }

private:
    // Whatever is still coming (results nobody received, the syncs' answers) is read and dropped.
    void drain() {
        while (syncs_ > 0) {
            PGresult* result = PQgetResult(state_->handle);
            if (!result) {
                if (PQstatus(state_->handle) != CONNECTION_OK) throw_connection_lost(state_->handle, "pipeline");
                continue;  // the end of one query's results
            }
            if (PQresultStatus(result) == PGRES_PIPELINE_SYNC) --syncs_;
            PQclear(result);
        }
        queued_ = 0;
    }

    connection_state* state_;
    int queued_ = 0;
    int syncs_ = 0;
};

class connection {
public:
    [[gnu::cold]] explicit connection(const options& settings) : settings_(settings), state_(std::make_unique<connection_state>()) {
        std::vector<const char*> keys;
        std::vector<const char*> values;
        for (const auto& [key, value] : settings.keywords) {
            keys.push_back(key.c_str());
            values.push_back(value.c_str());
        }
        keys.push_back(nullptr);
        values.push_back(nullptr);
        PGconn* handle = PQconnectdbParams(keys.data(), values.data(), 0);
        if (!handle || PQstatus(handle) != CONNECTION_OK) {
            std::string reason = handle ? PQerrorMessage(handle) : "out of memory";
            PQfinish(handle);
            throw connection_error("tabula: cannot connect to PostgreSQL at '" + settings.shown_url + "': " + one_line(reason));
        }
        state_->handle = handle;
        state_->prepared_statements = settings.prepared_statements;
        // NOTICEs ("relation already exists, skipping") are not errors; libpq would print them.
        // WARNINGs are kept for take_warnings().
        PQsetNoticeProcessor(
            handle,
            [](void* state, const char* message) {
                constexpr std::string_view prefix = "WARNING:  ";
                const std::string_view text(message);
                auto& kept = static_cast<connection_state*>(state)->warnings;
                if (text.rfind(prefix, 0) != 0 || kept.size() >= 64) return;
                std::string_view body = text.substr(prefix.size());
                while (!body.empty() && body.back() == '\n') body.remove_suffix(1);
                kept.emplace_back(body);
            },
            state_.get());
        try {
            if (!settings.schema.empty())
                execute(sql::text(sql::dialect::postgres, [&](auto& w) { w.put("SET search_path TO ").identifier(settings.schema); }));
            if (settings.statement_timeout_ms > 0) execute("SET statement_timeout = " + std::to_string(settings.statement_timeout_ms));
        } catch (...) {
            close();
            throw;
        }
    }

    [[gnu::cold]] static connection open(std::string_view url) {
        return connection(options_from_url(parse_database_url(url), tabula::detail::redact(url)));
    }

    connection(connection&& other) noexcept : settings_(std::move(other.settings_)), state_(std::move(other.state_)) {}
    connection& operator=(connection&& other) noexcept {
        if (this != &other) {
            close();
            settings_ = std::move(other.settings_);
            state_ = std::move(other.state_);
        }
        return *this;
    }
    connection(const connection&) = delete;
    connection& operator=(const connection&) = delete;
    ~connection() { close(); }

    statement prepare(std::string_view sql) { return statement(*state_, sql); }

    // Runs statements that return no rows, through the simple protocol (several may be given).
    void execute(std::string_view sql) {
        state_->make_idle();
        const std::string text(sql);
        PGresult* result = PQexec(state_->handle, text.c_str());
        if (!result) throw_connection_lost(state_->handle, sql);
        const ExecStatusType status = PQresultStatus(result);
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY) {
            struct clear_on_exit {
                PGresult* r;
                ~clear_on_exit() { PQclear(r); }
            } guard{result};
            throw_error(state_->handle, result, sql);
        }
        PQclear(result);
    }

    // COPY ... FROM STDIN: rows are written into the stream, then finish() stores them.
    copy_stream copy_in(std::string_view copy_sql) {
        state_->make_idle();
        const std::string text(copy_sql);
        PGresult* result = PQexec(state_->handle, text.c_str());
        if (!result) throw_connection_lost(state_->handle, copy_sql);
        if (PQresultStatus(result) != PGRES_COPY_IN) {
            struct clear_on_exit {
                PGresult* r;
                ~clear_on_exit() { PQclear(r); }
            } guard{result};
            throw_error(state_->handle, result, copy_sql);
        }
        PQclear(result);
        return copy_stream(*state_, text);
    }

    pipeline start_pipeline() { return pipeline(*state_); }

    void begin(const transaction_options& transaction) { run([&](auto& w) { sql::begin_transaction(w, transaction); }); }
    void commit() { run([](auto& w) { sql::commit_transaction(w); }); }
    void rollback() {
        if (in_transaction()) run([](auto& w) { sql::rollback_transaction(w); });
    }
    void savepoint(std::string_view name) { run([&](auto& w) { sql::savepoint(w, name); }); }
    void release(std::string_view name) { run([&](auto& w) { sql::release_savepoint(w, name); }); }
    void rollback_to(std::string_view name) { run([&](auto& w) { sql::rollback_to_savepoint(w, name); }); }

    bool in_transaction() const noexcept {
        const PGTransactionStatusType status = PQtransactionStatus(state_->handle);
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
    }
    bool broken() const noexcept { return !state_ || PQstatus(state_->handle) != CONNECTION_OK; }
    // One round trip: an empty query answers from a live server.
    bool ping() noexcept {
        if (broken()) return false;
        try {
            state_->make_idle();
        } catch (...) {
            return false;
        }
        PGresult* result = PQexec(state_->handle, "");
        const bool alive = result && PQresultStatus(result) == PGRES_EMPTY_QUERY;
        PQclear(result);
        return alive;
    }

    // The server process serving this connection (pg_terminate_backend takes it).
    int server_process_id() const noexcept { return PQbackendPID(state_->handle); }
    bool prepares_statements() const noexcept { return state_->prepared_statements; }

    // The WARNINGs the server sent since the last call (at most 64), oldest first.
    std::vector<std::string> take_warnings() { return std::exchange(state_->warnings, {}); }
    const options& settings() const noexcept { return settings_; }
    PGconn* native_handle() const noexcept { return state_ ? state_->handle : nullptr; }

private:
    static std::string one_line(std::string message) {
        while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
        std::string out;
        for (char c : message) {
            if (c == '\n') out += "; ";
            else if (c != '\t') out += c;
        }
        return out;
    }

    template <class Render>
    void run(Render&& render) {
        execute(sql::text(sql::dialect::postgres, render));
    }

    void close() noexcept {
        if (state_ && state_->handle) PQfinish(state_->handle);
        if (state_) state_->handle = nullptr;
    }

    options settings_;
    std::unique_ptr<connection_state> state_;
};

}  // namespace tabula::postgres_backend
