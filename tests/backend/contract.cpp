// The backend contract: the real backends meet it, and a type missing any one requirement does not.
#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include <tabula/backend/contract.hpp>
#include <tabula/sqlite.hpp>

namespace {

struct good_cell {
    tabula::storage_class storage() const { return tabula::storage_class::null; }
    bool is_null() const { return true; }
    std::int64_t as_int64() const { return 0; }
    double as_double() const { return 0; }
    bool as_bool() const { return false; }
    std::string_view as_text() const { return {}; }
    std::span<const std::byte> as_blob() const { return {}; }
};
struct cell_without_blob {
    tabula::storage_class storage() const { return tabula::storage_class::null; }
    bool is_null() const { return true; }
    std::int64_t as_int64() const { return 0; }
    double as_double() const { return 0; }
    bool as_bool() const { return false; }
    std::string_view as_text() const { return {}; }
};

template <class Cell, bool WithStep = true, bool WithAffected = true>
struct fake_statement {
    static constexpr bool stores_nan = true;
    void bind_null(int) {}
    void bind_bool(int, bool) {}
    void bind_int64(int, std::int64_t) {}
    void bind_double(int, double) {}
    void bind_text(int, std::string_view) {}
    void bind_blob(int, std::span<const std::byte>) {}
    void bind_json(int, std::string_view) {}
    bool step()
        requires WithStep
    {
        return false;
    }
    void reset() {}
    void stream() {}
    std::int64_t affected_rows() const
        requires WithAffected
    {
        return 0;
    }
    std::int64_t last_insert_id() const { return 0; }
    int column_count() const { return 0; }
    std::string_view column_name(int) const { return {}; }
    Cell column(int) const { return {}; }
    const std::string& sql() const { return text; }
    void set_table(std::string_view) {}
    std::string text;
};

struct fake_options {};

template <class Statement, bool WithPing = true>
struct fake_connection {
    explicit fake_connection(const fake_options&) {}
    static fake_connection open(std::string_view) { return fake_connection(fake_options{}); }
    Statement prepare(std::string_view) { return {}; }
    void execute(std::string_view) {}
    void begin(const tabula::transaction_options&) {}
    void commit() {}
    void rollback() {}
    void savepoint(std::string_view) {}
    void release(std::string_view) {}
    void rollback_to(std::string_view) {}
    bool in_transaction() const { return false; }
    bool broken() const { return false; }
    bool ping()
        requires WithPing
    {
        return true;
    }
};

template <class Statement, class Connection, bool WithDialect = true>
struct fake_backend {
    static constexpr std::string_view name = "fake";
    static constexpr bool insert_returns_key = false;
    static constexpr bool text_holds_nul = true;
    using options = fake_options;
    using connection = Connection;
    using statement = Statement;
};
template <class Statement, class Connection>
struct fake_backend<Statement, Connection, true> {
    static constexpr tabula::sql::dialect dialect = tabula::sql::dialect::sqlite;
    static constexpr std::string_view name = "fake";
    static constexpr bool insert_returns_key = false;
    static constexpr bool text_holds_nul = true;
    using options = fake_options;
    using connection = Connection;
    using statement = Statement;
};

using good_statement = fake_statement<good_cell>;
using good_connection = fake_connection<good_statement>;

}  // namespace

// The real backend and a complete fake meet the contract.
static_assert(tabula::backend<tabula::sqlite>);
static_assert(tabula::result_cell<tabula::sqlite_backend::cell>);
static_assert(tabula::backend<fake_backend<good_statement, good_connection>>);

// One missing requirement each, and the contract says no.
static_assert(!tabula::result_cell<cell_without_blob>);
static_assert(!tabula::backend_statement<fake_statement<cell_without_blob>>);
static_assert(!tabula::backend_statement<fake_statement<good_cell, false>>);          // no step()
static_assert(!tabula::backend_statement<fake_statement<good_cell, true, false>>);    // no affected_rows()
static_assert(!tabula::backend_connection<fake_connection<good_statement, false>, good_statement, fake_options>);  // no ping()
static_assert(!tabula::backend<fake_backend<good_statement, fake_connection<good_statement, false>>>);
static_assert(!tabula::backend<fake_backend<good_statement, good_connection, false>>);  // no dialect
static_assert(!tabula::backend<int>);

// A session cannot be made of something that is not a backend.
template <class B>
concept session_of = requires { sizeof(tabula::session<B>); };
static_assert(session_of<tabula::sqlite>);
static_assert(!session_of<fake_backend<good_statement, fake_connection<good_statement, false>>>);

TEST_CASE("the backend contract is checked at compile time") {
    CHECK(tabula::sqlite::name == "sqlite");
}

// Including a backend compiles no migrations: its migration support exists only where
// <tabula/migrate.hpp> is included too (tests/migrate/offline.cpp includes migrate.hpp first,
// then the backend, and gets it).
template <class B>
concept has_migration_support = requires { sizeof(tabula::migration_support<B>); };
static_assert(!has_migration_support<tabula::sqlite>, "<tabula/sqlite.hpp> alone must not compile migrations");
#ifdef TABULA_MIGRATE_INCLUDED
#error "<tabula/sqlite.hpp> must not include <tabula/migrate.hpp>"
#endif
