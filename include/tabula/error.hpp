// Every run-time failure tabula reports derives from tabula::error. Each names what a user can act
// on: the URL part, the table, column and row key, the constraint, or the statement.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace tabula {

// what() is a C string: a NUL byte in a quoted value (a URL, a name, a stored text) would cut the
// message there, so the text is kept whole by showing each NUL as \0.
class error : public std::runtime_error {
public:
    explicit error(const std::string& message) : std::runtime_error(without_nul(message)) {}
    explicit error(const char* message) : std::runtime_error(message) {}

private:
    static std::string without_nul(const std::string& message) {
        if (message.find('\0') == std::string::npos) return message;
        std::string out;
        out.reserve(message.size() + 8);
        for (char c : message) {
            if (c == '\0') out += "\\0";
            else out.push_back(c);
        }
        return out;
    }
};

// A URL or option that cannot be used; names the part that is wrong.
class configuration_error : public error {
public:
    using error::error;
};

// The database could not be opened, or the connection was lost. A transaction open on a lost
// connection is rolled back by the server: nothing of it is committed.
class connection_error : public error {
public:
    using error::error;
};

// A statement the database's dialect has no words for (UPDATE ... RETURNING on MySQL), asked
// through a session that picks its backend at run time; a concrete session refuses it at compile
// time. Names the statement, the table and the dialect.
class unsupported_statement : public error {
public:
    using error::error;
};

// No connection became free in a pool within its timeout.
class pool_timeout : public connection_error {
public:
    using connection_error::connection_error;
};

// A statement the database refused. Carries the SQL text, the backend's own error code (SQLite's
// extended result code, MySQL's error number, 0 on PostgreSQL) and the SQLSTATE where the database
// reports one (PostgreSQL, MySQL).
class statement_error : public error {
public:
    statement_error(std::string message, std::string sql, int code, std::string sqlstate = {})
        : error(std::move(message)), sql_(std::move(sql)), code_(code), sqlstate_(std::move(sqlstate)) {}
    const std::string& sql() const noexcept { return sql_; }
    int code() const noexcept { return code_; }
    const std::string& sqlstate() const noexcept { return sqlstate_; }

private:
    std::string sql_;
    int code_;
    std::string sqlstate_;
};

enum class constraint_kind { unique, primary_key, foreign_key, not_null, check, other };

// A write broke a constraint. table() is the table written to; constraint() the constraint's name
// and columns() the columns it covers. Databases report one or the other (PostgreSQL and MySQL the
// name, SQLite the columns); when the write came from a model, the session fills in the other from
// the model's declarations. A primary key is named <table>_pkey, as PostgreSQL names it.
class constraint_violation : public statement_error {
public:
    constraint_violation(std::string message, std::string sql, int code, constraint_kind kind, std::string table,
                         std::string constraint, std::vector<std::string> columns, std::string sqlstate = {})
        : statement_error(std::move(message), std::move(sql), code, std::move(sqlstate)),
          kind_(kind),
          table_(std::move(table)),
          constraint_(std::move(constraint)),
          columns_(std::move(columns)) {}
    constraint_kind kind() const noexcept { return kind_; }
    const std::string& table() const noexcept { return table_; }
    const std::string& constraint() const noexcept { return constraint_; }
    const std::vector<std::string>& columns() const noexcept { return columns_; }

    // Completes what the database left out (see tabula/session/detail/constraints.hpp).
    void identify(std::string constraint, std::vector<std::string> columns) {
        if (constraint_.empty()) constraint_ = std::move(constraint);
        if (columns_.empty()) columns_ = std::move(columns);
    }

private:
    constraint_kind kind_;
    std::string table_;
    std::string constraint_;
    std::vector<std::string> columns_;
};

// Another connection holds a lock for longer than the busy timeout allowed, or the database chose
// this transaction as a deadlock or serialization victim: retrying the transaction may succeed.
class busy_error : public statement_error {
public:
    using statement_error::statement_error;
};

// The statement ran longer than the statement timeout allowed and was cancelled.
class timeout_error : public statement_error {
public:
    using statement_error::statement_error;
};

// No row with the given key.
class not_found : public error {
public:
    not_found(std::string message, std::string table, std::string key)
        : error(std::move(message)), table_(std::move(table)), key_(std::move(key)) {}
    const std::string& table() const noexcept { return table_; }
    const std::string& key() const noexcept { return key_; }

private:
    std::string table_;
    std::string key_;
};

// A stored value does not fit the field it is read into (or a value cannot be stored as-is).
class type_mismatch : public error {
public:
    type_mismatch(std::string message, std::string table, std::string column, std::string key)
        : error(std::move(message)), table_(std::move(table)), column_(std::move(column)), key_(std::move(key)) {}
    const std::string& table() const noexcept { return table_; }
    const std::string& column() const noexcept { return column_; }
    // The row's primary key as text ("id=5"), when known.
    const std::string& key() const noexcept { return key_; }

private:
    std::string table_;
    std::string column_;
    std::string key_;
};

// A JSON column holds text that is not JSON, or JSON that does not convert to the field's type.
class json_decode_error : public type_mismatch {
public:
    using type_mismatch::type_mismatch;
};

// A transaction scope used out of order (committing an outer scope while an inner one is open).
class transaction_error : public error {
public:
    using error::error;
};

// A migration that cannot run or did not complete: names the revision, and the step that failed.
// The revision's transaction has been rolled back when this is thrown.
class migration_error : public error {
public:
    migration_error(std::string message, std::string revision) : error(std::move(message)), revision_(std::move(revision)) {}
    const std::string& revision() const noexcept { return revision_; }

private:
    std::string revision_;
};

namespace detail {
// A value a backend cannot store or read as it is (a NUL byte in PostgreSQL text, a number out of
// range). Thrown below the session, which rethrows it as a type_mismatch naming table, column
// and row key.
struct value_error {
    bool json = false;
    std::string message;
};
}  // namespace detail

}  // namespace tabula
