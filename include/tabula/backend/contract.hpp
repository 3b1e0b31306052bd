// What a database backend provides, stated as concepts. A backend is a tag type (tabula::sqlite,
// tabula::postgres, tabula::mysql) naming its connection, statement and options types; each
// backend header static_asserts that it meets `tabula::backend`, and `session<Backend>` requires it.
//
//   backend            dialect, options, connection, statement, how inserts report generated keys
//   backend_connection opens from options, prepares, executes, transactions and savepoints from
//                      neutral options, liveness checks for the pool
//   backend_statement  binds by position (1-based), steps through rows, reports the rows it
//                      affected and the key it generated as results of its own execution
//   result_cell        one value of the current row: storage class and typed accessors
//   migration_backend  schema editor, introspection, the lock several instances take, whether DDL
//                      is transactional; specialised in <tabula/backend/<db>/migration.hpp>
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include <tabula/backend/storage_class.hpp>
#include <tabula/sql/dialect.hpp>
#include <tabula/sql/transaction.hpp>

namespace tabula {

template <class Cell>
concept result_cell = requires(const Cell& cell) {
    { cell.storage() } -> std::same_as<storage_class>;
    { cell.is_null() } -> std::same_as<bool>;
    { cell.as_int64() } -> std::same_as<std::int64_t>;
    { cell.as_double() } -> std::same_as<double>;
    { cell.as_bool() } -> std::same_as<bool>;
    { cell.as_text() } -> std::same_as<std::string_view>;           // valid until the next step
    { cell.as_blob() } -> std::same_as<std::span<const std::byte>>;  // valid until the next step
};

template <class Statement>
concept backend_statement = std::movable<Statement> && requires(Statement& s, const Statement& cs, int index, std::string_view text,
                                                               std::span<const std::byte> bytes) {
    { Statement::stores_nan } -> std::convertible_to<bool>;  // false: NaN is refused before binding
    s.bind_null(index);
    s.bind_bool(index, true);
    s.bind_int64(index, std::int64_t{});
    s.bind_double(index, double{});
    s.bind_text(index, text);   // the text must stay alive until the statement has run
    s.bind_blob(index, bytes);
    s.bind_json(index, text);
    { s.step() } -> std::same_as<bool>;  // runs the statement on the first call; true while a row is available
    s.reset();                           // ready to bind and run again; drops what is left of a result
    s.stream();                          // before the first step: read rows in bounded memory
    { cs.affected_rows() } -> std::same_as<std::int64_t>;   // rows the finished statement matched
    { cs.last_insert_id() } -> std::same_as<std::int64_t>;  // the key the finished INSERT generated
    { cs.column_count() } -> std::same_as<int>;
    { cs.column_name(index) } -> std::convertible_to<std::string_view>;
    { cs.column(index) } -> result_cell;  // columns count from 0
    { cs.sql() } -> std::convertible_to<std::string_view>;
    s.set_table(text);  // names the table in errors the database reports without one
};

template <class Connection, class Statement, class Options>
concept backend_connection = std::movable<Connection> && requires(Connection& c, const Connection& cc, std::string_view text,
                                                                  const Options& options, const transaction_options& transaction) {
    { Connection(options) };
    { Connection::open(text) } -> std::same_as<Connection>;  // from a database URL
    { c.prepare(text) } -> std::same_as<Statement>;
    c.execute(text);  // one statement that returns no rows
    c.begin(transaction);
    c.commit();
    c.rollback();
    c.savepoint(text);
    c.release(text);
    c.rollback_to(text);
    { cc.in_transaction() } -> std::same_as<bool>;
    { cc.broken() } -> std::same_as<bool>;  // known to be unusable, without asking the server
    { c.ping() } -> std::same_as<bool>;     // asks the server; false when the connection is gone
};

template <class Backend>
concept backend = requires {
    { Backend::dialect } -> std::convertible_to<sql::dialect>;
    { Backend::name } -> std::convertible_to<std::string_view>;
    // true: INSERT ... RETURNING gives the generated key as a result row; false: last_insert_id().
    { Backend::insert_returns_key } -> std::convertible_to<bool>;
    // false: text with a NUL byte is refused (type_mismatch) rather than cut short.
    { Backend::text_holds_nul } -> std::convertible_to<bool>;
    typename Backend::options;
    typename Backend::connection;
    typename Backend::statement;
} && backend_statement<typename Backend::statement> &&
                  backend_connection<typename Backend::connection, typename Backend::statement, typename Backend::options>;

// Migration support for a backend, specialised next to it in backend/<db>/migration.hpp and
// compiled only where <tabula/migrate.hpp> is included.
template <class Backend>
struct migration_support;

}  // namespace tabula
