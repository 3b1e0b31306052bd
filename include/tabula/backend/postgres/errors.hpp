// Turns libpq failures into tabula's exceptions by SQLSTATE: constraint violations name their
// table and constraint (PostgreSQL reports both), lost connections and refused logins are
// connection_errors, lock and serialization failures busy_errors, cancelled statements
// timeout_errors.
#pragma once

#include <tabula/backend/postgres/api.hpp>

#include <string>
#include <string_view>
#include <vector>

#include <tabula/error.hpp>

namespace tabula::postgres_backend {

namespace detail {

inline std::string field(const PGresult* result, int code) {
    const char* value = result ? PQresultErrorField(result, code) : nullptr;
    return value ? std::string(value) : std::string();
}

// libpq's messages end with a newline (and sometimes carry several lines); keep the first.
inline std::string first_line(std::string_view message) {
    const std::size_t end = message.find('\n');
    std::string out(message.substr(0, end));
    while (!out.empty() && (out.back() == ' ' || out.back() == '\r')) out.pop_back();
    return out;
}

inline bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

}  // namespace detail

// A connection-level failure (no result to read a SQLSTATE from): the connection is gone.
[[noreturn, gnu::cold]] inline void throw_connection_lost(PGconn* connection, std::string_view sql) {
    std::string text = "tabula: PostgreSQL connection lost: " + detail::first_line(connection ? PQerrorMessage(connection) : "no connection");
    if (!sql.empty()) text += " (while executing: " + std::string(sql) + ")";
    throw connection_error(text);
}

// The error a failed result carries. `table_hint` names the table when PostgreSQL does not.
[[noreturn, gnu::cold]] inline void throw_error(PGconn* connection, const PGresult* result, std::string_view sql, std::string_view table_hint = {}) {
    const std::string state = detail::field(result, PG_DIAG_SQLSTATE);
    if (state.empty() && (!connection || PQstatus(connection) == CONNECTION_BAD)) throw_connection_lost(connection, sql);
    std::string message = detail::first_line(result ? PQresultErrorMessage(result) : PQerrorMessage(connection));
    if (message.empty()) message = detail::first_line(PQerrorMessage(connection));
    if (detail::starts_with(message, "ERROR:  ")) message = message.substr(8);
    else if (detail::starts_with(message, "FATAL:  ")) message = message.substr(8);
    std::string text = "tabula: " + message;
    if (const std::string detail_text = detail::field(result, PG_DIAG_MESSAGE_DETAIL); !detail_text.empty())
        text += " (" + detail::first_line(detail_text) + ")";
    if (!sql.empty()) text += " (while executing: " + std::string(sql) + ")";

    if (detail::starts_with(state, "23")) {
        constraint_kind kind = constraint_kind::other;
        if (state == "23505") kind = constraint_kind::unique;
        else if (state == "23503") kind = constraint_kind::foreign_key;
        else if (state == "23502") kind = constraint_kind::not_null;
        else if (state == "23514") kind = constraint_kind::check;
        std::string table = detail::field(result, PG_DIAG_TABLE_NAME);
        if (table.empty()) table = std::string(table_hint);
        // NOT NULL violations name the column, the others their constraint.
        std::string name = detail::field(result, PG_DIAG_CONSTRAINT_NAME);
        std::vector<std::string> columns;
        if (kind == constraint_kind::not_null) columns.push_back(detail::field(result, PG_DIAG_COLUMN_NAME));
        // PostgreSQL names a primary key constraint <table>_pkey unless it was named.
        if (kind == constraint_kind::unique && name.size() > 5 && name.substr(name.size() - 5) == "_pkey")
            kind = constraint_kind::primary_key;
        throw constraint_violation(std::move(text), std::string(sql), 0, kind, std::move(table), std::move(name), std::move(columns), state);
    }
    // 40001 serialization failure, 40P01 deadlock, 55P03 lock not available: retry the transaction.
    if (state == "40001" || state == "40P01" || state == "55P03")
        throw busy_error(std::move(text) + "; another transaction holds what this one needs (retry the transaction)", std::string(sql), 0,
                         state);
    if (state == "57014") throw timeout_error(std::move(text), std::string(sql), 0, state);
    // 08 connection exceptions, 57P01-57P03 shutdowns and terminated backends, 28 refused logins,
    // 3D000 unknown database.
    if (detail::starts_with(state, "08") || state == "57P01" || state == "57P02" || state == "57P03" || detail::starts_with(state, "28") ||
        state == "3D000" || (connection && PQstatus(connection) == CONNECTION_BAD))
        throw connection_error(std::move(text));
    throw statement_error(std::move(text), std::string(sql), 0, state);
}

}  // namespace tabula::postgres_backend
