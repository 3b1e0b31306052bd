// Turns SQLite result codes into tabula's exceptions. SQLite names the table and column in its
// UNIQUE/NOT NULL messages ("UNIQUE constraint failed: user.email") but not for foreign keys, so
// the caller passes the table the statement writes to.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <tabula/backend/sqlite/api.hpp>
#include <tabula/error.hpp>

namespace tabula::sqlite_backend {

namespace detail {

// "UNIQUE constraint failed: user.email, user.name" -> table "user", columns {"email", "name"}.
[[gnu::cold]] inline void split_constraint_subject(std::string_view message, std::string& table, std::vector<std::string>& columns) {
    const std::size_t colon = message.find(": ");
    if (colon == std::string_view::npos) return;
    std::string_view rest = message.substr(colon + 2);
    while (!rest.empty()) {
        const std::size_t comma = rest.find(", ");
        std::string_view item = rest.substr(0, comma);
        const std::size_t dot = item.find('.');
        if (dot != std::string_view::npos) {
            if (table.empty()) table = std::string(item.substr(0, dot));
            item = item.substr(dot + 1);
        }
        columns.emplace_back(item);
        if (comma == std::string_view::npos) break;
        rest = rest.substr(comma + 2);
    }
}

}  // namespace detail

// `message` is SQLite's for `code` (sqlite3_errmsg), taken before anything else ran on the connection.
[[noreturn, gnu::cold]] inline void throw_error(const std::string& message, int code, std::string_view sql, std::string_view table_hint = {}) {
    const int primary = code & 0xff;
    std::string text = "tabula: " + message;
    if (!sql.empty()) text += " (while executing: " + std::string(sql) + ")";

    if (primary == SQLITE_CONSTRAINT) {
        constraint_kind kind = constraint_kind::other;
        switch (code) {
            case SQLITE_CONSTRAINT_UNIQUE: kind = constraint_kind::unique; break;
            case SQLITE_CONSTRAINT_PRIMARYKEY: kind = constraint_kind::primary_key; break;
            case SQLITE_CONSTRAINT_FOREIGNKEY: kind = constraint_kind::foreign_key; break;
            case SQLITE_CONSTRAINT_NOTNULL: kind = constraint_kind::not_null; break;
            case SQLITE_CONSTRAINT_CHECK: kind = constraint_kind::check; break;
            default: break;
        }
        std::string table;
        std::string name;  // SQLite names only CHECK constraints
        std::vector<std::string> columns;
        if (kind == constraint_kind::unique || kind == constraint_kind::primary_key || kind == constraint_kind::not_null) {
            detail::split_constraint_subject(message, table, columns);
        } else if (kind == constraint_kind::check) {
            const std::size_t colon = message.find(": ");
            if (colon != std::string::npos) name = message.substr(colon + 2);
        }
        if (table.empty()) table = std::string(table_hint);
        if (!table.empty() && kind == constraint_kind::foreign_key) text += " [table " + table + "]";
        throw constraint_violation(std::move(text), std::string(sql), code, kind, std::move(table), std::move(name), std::move(columns));
    }
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
        throw busy_error(std::move(text) + "; another connection holds the lock (raise busy_timeout, or enable WAL so "
                                           "readers do not block the writer)",
                         std::string(sql), code);
    if (primary == SQLITE_CANTOPEN || primary == SQLITE_NOTADB)
        throw connection_error(std::move(text));
    throw statement_error(std::move(text), std::string(sql), code);
}

[[noreturn, gnu::cold]] inline void throw_error(sqlite3* db, int code, std::string_view sql, std::string_view table_hint = {}) {
    std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
    // "attempt to write a readonly database" says neither which database nor why.
    if ((code & 0xff) == SQLITE_READONLY && db) {
        const char* file = sqlite3_db_filename(db, "main");
        message += " '" + std::string(file && *file ? file : ":memory:") + "'";
        if (sqlite3_db_readonly(db, "main") == 1) message += " (open read-only: mode=ro, or a file this process may not write)";
        else message += " (the file or its directory is not writable by this process)";
    }
    throw_error(message, code, sql, table_hint);
}

}  // namespace tabula::sqlite_backend
