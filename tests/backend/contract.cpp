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

// ---- decimal text, as the server backends read numbers ---------------------------------------

#include <tabula/backend/decimal_text.hpp>

#include <charconv>
#include <limits>
#include <random>

namespace {

// What std::from_chars makes of the whole text, the reference parse_int64 must match.
bool reference_int64(std::string_view text, std::int64_t& out) {
    std::int64_t value = 0;
    const auto [stop, problem] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (problem != std::errc{} || stop != text.data() + text.size()) return false;
    out = value;
    return true;
}

}  // namespace

TEST_CASE("decimal text: integers read exactly as std::from_chars reads them, range and all") {
    using tabula::detail::parse_int64;
    constexpr auto largest = std::numeric_limits<std::int64_t>::max();
    constexpr auto smallest = std::numeric_limits<std::int64_t>::min();
    std::int64_t value = 7;
    CHECK((parse_int64("9223372036854775807", value) && value == largest));
    CHECK((parse_int64("-9223372036854775808", value) && value == smallest));
    CHECK((parse_int64("-0", value) && value == 0));
    CHECK((parse_int64("000000000000000000000000042", value) && value == 42));  // MySQL's ZEROFILL
    CHECK((parse_int64("-000", value) && value == 0));
    value = 7;
    for (std::string_view refused : {"9223372036854775808", "-9223372036854775809", "99999999999999999999", "18446744073709551616", "",
                                     "-", "+1", " 1", "1 ", "1.0", "1e3", "--1", "0x10", "12a"})
        CHECK_MESSAGE(!parse_int64(refused, value), refused);
    CHECK(value == 7);  // untouched by every refusal

    // Random integers of every length, their neighbours at the limits, and random strings over
    // the characters that matter, each compared with std::from_chars (seeded: reproducible).
    std::mt19937_64 random(20261207);
    char text[32];
    for (int trial = 0; trial < 200000; ++trial) {
        std::int64_t expected = 0;
        std::string_view input;
        if (trial % 2 == 0) {
            const auto n = static_cast<std::int64_t>(random() >> (random() % 64));
            const std::int64_t signed_n = (random() & 1) ? n : -n;
            input = std::string_view(text, static_cast<std::size_t>(std::to_chars(text, text + sizeof text, signed_n).ptr - text));
        } else {
            static constexpr std::string_view alphabet = "0000123456789-+. e9";
            const std::size_t length = random() % 24;
            for (std::size_t i = 0; i < length; ++i) text[i] = alphabet[random() % alphabet.size()];
            input = std::string_view(text, length);
        }
        std::int64_t parsed = 0;
        const bool accepted = parse_int64(input, parsed);
        REQUIRE_MESSAGE(accepted == reference_int64(input, expected), input);
        if (accepted) REQUIRE_MESSAGE(parsed == expected, input);
    }
}

TEST_CASE("decimal text: a NUMERIC beyond int64 is not integral, so an integer field refuses it") {
    CHECK(tabula::detail::integral_text("-120"));
    CHECK(tabula::detail::integral_text("9223372036854775807"));
    CHECK_FALSE(tabula::detail::integral_text("9223372036854775808"));
    CHECK_FALSE(tabula::detail::integral_text("120.5"));
    double value = 1;
    CHECK((tabula::detail::parse_double("-73.25", value) && value == -73.25));
    CHECK((tabula::detail::parse_double("Infinity", value) && value == std::numeric_limits<double>::infinity()));
    CHECK_FALSE(tabula::detail::parse_double("1.5x", value));
}
