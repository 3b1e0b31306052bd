// One MySQL/MariaDB connection (MariaDB Connector/C), owned by one session and used from one
// thread at a time. It is opened so that the server behaves like tabula's other backends:
//   CLIENT_FOUND_ROWS   an UPDATE reports the rows it matched, not only those it changed, so
//                       updating a row to the values it has is not mistaken for a missing row
//   utf8mb4             every Unicode character, in both directions
//   sql_mode            TRADITIONAL (strict: a value that does not fit is an error, never truncated
//                       or coerced), ANSI_QUOTES (double-quoted identifiers, as in raw SQL written
//                       for the other backends), NO_ENGINE_SUBSTITUTION
//   no auto-reconnect   a reconnect inside a transaction would silently lose it; a lost connection
//                       is a connection_error and the session is done
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include <tabula/backend/mysql/api.hpp>
#include <tabula/backend/mysql/errors.hpp>
#include <tabula/backend/mysql/options.hpp>
#include <tabula/backend/mysql/statement.hpp>
#include <tabula/backend/url.hpp>
#include <tabula/error.hpp>
#include <tabula/sql/transaction.hpp>
#include <tabula/sql/writer.hpp>

namespace tabula::mysql_backend {

inline constexpr std::string_view session_sql_mode = "TRADITIONAL,ANSI_QUOTES,NO_ENGINE_SUBSTITUTION";

class connection {
public:
    [[gnu::cold]] explicit connection(const options& settings) : settings_(settings), state_(std::make_unique<connection_state>()) {
        MYSQL* handle = mysql_init(nullptr);
        if (!handle) throw connection_error("tabula: cannot connect to MySQL at '" + settings.shown_url + "': out of memory");
        state_->handle = handle;
        try {
            configure(settings);
            const unsigned long flags = CLIENT_FOUND_ROWS | CLIENT_MULTI_STATEMENTS;
            if (!mysql_real_connect(handle, settings.host.empty() ? nullptr : settings.host.c_str(), settings.user.c_str(),
                                    settings.password.c_str(), settings.database.empty() ? nullptr : settings.database.c_str(),
                                    settings.port, settings.unix_socket.empty() ? nullptr : settings.unix_socket.c_str(), flags))
                throw connection_error("tabula: cannot connect to MySQL at '" + settings.shown_url + "': " + mysql_error(handle) +
                                       " (error " + std::to_string(mysql_errno(handle)) + ")");
            if (settings.ssl != ssl_mode::disabled && settings.ssl != ssl_mode::preferred && !mysql_get_ssl_cipher(handle))
                throw connection_error("tabula: cannot connect to MySQL at '" + settings.shown_url +
                                       "': SSL is required, but the server does not support it (the connection was not encrypted)");
            if (mysql_autocommit(handle, 1) != 0) state_->fail("SET autocommit = 1");
            execute("SET SESSION sql_mode = '" + std::string(session_sql_mode) + "'");
            // MariaDB's limit is in seconds, with a fraction (MySQL's max_execution_time differs).
            if (settings.statement_timeout_ms > 0) {
                const int ms = settings.statement_timeout_ms;
                std::string fraction = std::to_string(1000 + ms % 1000).substr(1);
                execute("SET SESSION max_statement_time = " + std::to_string(ms / 1000) + "." + fraction);
            }
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

    statement prepare(std::string_view sql) {
        check_usable(sql);
        return statement(*state_, sql);
    }

    // Runs statements that return no rows through the text protocol; several may be given,
    // separated by ';' (an offline migration script). Rows a statement returns are discarded.
    void execute(std::string_view sql) {
        check_usable(sql);
        MYSQL* handle = state_->handle;
        if (mysql_real_query(handle, sql.data(), sql.size()) != 0) state_->fail(sql);
        while (true) {
            if (MYSQL_RES* rows = mysql_store_result(handle)) mysql_free_result(rows);
            else if (mysql_field_count(handle) != 0) state_->fail(sql);
            const int next = mysql_next_result(handle);
            if (next == -1) break;
            if (next > 0) state_->fail(sql);
        }
    }

    void begin(const transaction_options& transaction) {
        if (transaction.isolation != isolation_level::database_default)
            run([&](auto& w) { sql::set_next_isolation(w, transaction); });
        run([&](auto& w) { sql::begin_transaction(w, transaction); });
    }
    void commit() { run([](auto& w) { sql::commit_transaction(w); }); }
    // A lost connection has nothing to roll back: the server rolled it back when it went.
    void rollback() {
        if (!broken()) run([](auto& w) { sql::rollback_transaction(w); });
    }
    void savepoint(std::string_view name) { run([&](auto& w) { sql::savepoint(w, name); }); }
    void release(std::string_view name) { run([&](auto& w) { sql::release_savepoint(w, name); }); }
    void rollback_to(std::string_view name) { run([&](auto& w) { sql::rollback_to_savepoint(w, name); }); }

    // The server's own answer: DDL commits an open transaction implicitly, which a flag kept
    // here would not see.
    bool in_transaction() const noexcept {
        if (broken()) return false;
        unsigned status = 0;
        mariadb_get_infov(state_->handle, MARIADB_CONNECTION_SERVER_STATUS, &status);
        return (status & SERVER_STATUS_IN_TRANS) != 0;
    }
    bool broken() const noexcept { return !state_ || !state_->handle || state_->lost; }
    // One round trip; never reconnects.
    bool ping() noexcept {
        if (broken()) return false;
        if (mysql_ping(state_->handle) == 0) return true;
        state_->lost = true;
        return false;
    }

    // The server thread serving this connection (KILL takes it).
    unsigned long server_thread_id() const noexcept { return state_ && state_->handle ? mysql_thread_id(state_->handle) : 0; }
    const options& settings() const noexcept { return settings_; }
    MYSQL* native_handle() const noexcept { return state_ ? state_->handle : nullptr; }

private:
    void configure(const options& settings) {
        MYSQL* handle = state_->handle;
        mysql_options(handle, MYSQL_SET_CHARSET_NAME, "utf8mb4");
        const my_bool no = 0;
        mysql_options(handle, MYSQL_OPT_RECONNECT, &no);
        const unsigned int no_local_files = 0;
        mysql_options(handle, MYSQL_OPT_LOCAL_INFILE, &no_local_files);
        auto seconds = [&](mysql_option option, int value) {
            if (value <= 0) return;
            const unsigned int timeout = static_cast<unsigned int>(value);
            mysql_options(handle, option, &timeout);
        };
        seconds(MYSQL_OPT_CONNECT_TIMEOUT, settings.connect_timeout_s);
        seconds(MYSQL_OPT_READ_TIMEOUT, settings.read_timeout_s);
        seconds(MYSQL_OPT_WRITE_TIMEOUT, settings.write_timeout_s);
        if (!settings.unix_socket.empty()) {
            const unsigned int protocol = MYSQL_PROTOCOL_SOCKET;
            mysql_options(handle, MYSQL_OPT_PROTOCOL, &protocol);
        }
        // Connector/C checks the certificate chain and the host name together, so verify_ca and
        // verify_identity both verify the server's identity. Connector/C 3.3 connects in clear
        // text despite MYSQL_OPT_SSL_ENFORCE when the server has no TLS: `required` is checked
        // again once connected (require_tls).
        const my_bool yes = 1;
        if (settings.ssl != ssl_mode::disabled && settings.ssl != ssl_mode::preferred) {
            mysql_ssl_set(handle, nullptr, nullptr, nullptr, nullptr, nullptr);
            mysql_options(handle, MYSQL_OPT_SSL_ENFORCE, &yes);
        }
        if (settings.ssl == ssl_mode::verify_ca || settings.ssl == ssl_mode::verify_identity)
            mysql_options(handle, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &yes);
        if (!settings.ssl_ca.empty()) mysql_options(handle, MYSQL_OPT_SSL_CA, settings.ssl_ca.c_str());
    }

    void check_usable(std::string_view sql) const {
        if (broken())
            throw connection_error("tabula: MySQL connection lost earlier; open a new session (while executing: " + std::string(sql) + ")");
    }

    template <class Render>
    void run(Render&& render) {
        execute(sql::text(sql::dialect::mysql, render));
    }

    void close() noexcept {
        if (state_ && state_->handle) mysql_close(state_->handle);
        if (state_) state_->handle = nullptr;
    }

    options settings_;
    std::unique_ptr<connection_state> state_;
};

}  // namespace tabula::mysql_backend
