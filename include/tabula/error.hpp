// Every run-time failure tabula reports derives from tabula::error. Each names what a user can act
// on: the URL part, the table, column and row key, the constraint, or the statement.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

namespace tabula {

class error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A URL or option that cannot be used; names the part that is wrong.
class configuration_error : public error {
public:
    using error::error;
};

// The database could not be opened or the connection was lost.
class connection_error : public error {
public:
    using error::error;
};

// A statement the database refused. Carries the SQL text and the backend's own error code.
class statement_error : public error {
public:
    statement_error(std::string message, std::string sql, int code)
        : error(std::move(message)), sql_(std::move(sql)), code_(code) {}
    const std::string& sql() const noexcept { return sql_; }
    int code() const noexcept { return code_; }

private:
    std::string sql_;
    int code_;
};

enum class constraint_kind { unique, primary_key, foreign_key, not_null, check, other };

// A write broke a constraint. table() and constraint() are what the database reported: the
// constraint's name, or the column(s) for NOT NULL and UNIQUE on SQLite.
class constraint_violation : public statement_error {
public:
    constraint_violation(std::string message, std::string sql, int code, constraint_kind kind, std::string table,
                         std::string constraint)
        : statement_error(std::move(message), std::move(sql), code),
          kind_(kind),
          table_(std::move(table)),
          constraint_(std::move(constraint)) {}
    constraint_kind kind() const noexcept { return kind_; }
    const std::string& table() const noexcept { return table_; }
    const std::string& constraint() const noexcept { return constraint_; }

private:
    constraint_kind kind_;
    std::string table_;
    std::string constraint_;
};

// Another connection holds a lock for longer than the busy timeout allowed.
class busy_error : public statement_error {
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

}  // namespace tabula
