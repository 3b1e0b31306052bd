// Database URLs: SQLAlchemy's forms, normalisation, and errors that name the wrong part.
#include <doctest/doctest.h>

#include <string>

#include <tabula/backend/sqlite/options.hpp>
#include <tabula/backend/url.hpp>

using tabula::parse_database_url;

TEST_CASE("SQLite paths: relative, absolute, in memory") {
    CHECK(parse_database_url("sqlite:///data/webui.db").database == "data/webui.db");
    CHECK(parse_database_url("sqlite:////var/lib/app.db").database == "/var/lib/app.db");
    CHECK(parse_database_url("sqlite://").database.empty());
    CHECK(parse_database_url("sqlite:///:memory:").database == ":memory:");
    const auto url = parse_database_url("sqlite:///app.db?wal=true&busy_timeout=250");
    CHECK(url.scheme == "sqlite");
    CHECK(url.option("wal") == "true");
    CHECK(url.option("busy_timeout") == "250");
    CHECK_FALSE(url.option("missing").has_value());
}

TEST_CASE("server URLs: credentials, host, port, database, driver") {
    const auto url = parse_database_url("postgres://ada:s%40cret@db.local:6543/webui?sslmode=disable");
    CHECK(url.scheme == "postgresql");  // postgres:// is normalised, as Open WebUI does
    CHECK(url.user == "ada");
    CHECK(url.password == "s@cret");
    CHECK(url.host == "db.local");
    CHECK(url.port == 6543u);
    CHECK(url.database == "webui");
    CHECK(url.option("sslmode") == "disable");
    const auto driver = parse_database_url("mysql+pymysql://root@127.0.0.1/app");
    CHECK(driver.scheme == "mysql");
    CHECK(driver.driver == "pymysql");
    CHECK(driver.password.empty());
    CHECK_FALSE(driver.port.has_value());
    const auto ipv6 = parse_database_url("postgresql://[::1]:5432/x");
    CHECK(ipv6.host == "::1");
    CHECK(ipv6.port == 5432u);
}

template <class F>
std::string error_of(F&& f) {
    try {
        f();
    } catch (const tabula::configuration_error& e) {
        return e.what();
    }
    return "no error";
}

TEST_CASE("bad URLs name the part that is wrong, and never show the password") {
    CHECK(error_of([] { parse_database_url("app.db"); }).find("missing scheme") != std::string::npos);
    CHECK(error_of([] { parse_database_url("postgresql://u:pw@h:99999/db"); }).find("invalid port '99999'") != std::string::npos);
    CHECK(error_of([] { parse_database_url("postgresql://u:pw@h:99999/db"); }).find("pw") == std::string::npos);
    CHECK(error_of([] { parse_database_url("postgresql://u:pw@h:/db"); }).find("empty port") != std::string::npos);
    CHECK(error_of([] { parse_database_url("postgresql://h/db?x=%zz"); }).find("percent-escape in the query") != std::string::npos);
    CHECK(error_of([] { parse_database_url("sqlite:///a.db?wal=1&wal=0"); }).find("'wal' given twice") != std::string::npos);
    CHECK(error_of([] { parse_database_url("pg sql://h/db"); }).find("invalid scheme") != std::string::npos);
}

TEST_CASE("SQLite options from the URL") {
    using tabula::sqlite_backend::options_from_url;
    const auto options = options_from_url(parse_database_url("sqlite:///a.db?wal=on&busy_timeout=10&foreign_keys=0&synchronous=normal"), "");
    CHECK(options.path == "a.db");
    CHECK(options.wal);
    CHECK(options.busy_timeout_ms == 10);
    CHECK_FALSE(options.foreign_keys);
    CHECK(options.synchronous == "NORMAL");
    CHECK(options_from_url(parse_database_url("sqlite://"), "").in_memory());
    CHECK(error_of([] { tabula::sqlite_backend::options_from_url(parse_database_url("sqlite:///a.db?wall=1"), "u"); })
              .find("unknown option 'wall'") != std::string::npos);
    CHECK(error_of([] { tabula::sqlite_backend::options_from_url(parse_database_url("sqlite:///a.db?busy_timeout=-1"), "u"); })
              .find("busy_timeout") != std::string::npos);
    CHECK(error_of([] { tabula::sqlite_backend::options_from_url(parse_database_url("sqlite:///a.db?wal=maybe"), "u"); })
              .find("must be true or false, not 'maybe'") != std::string::npos);
    CHECK(error_of([] { tabula::sqlite_backend::options_from_url(parse_database_url("sqlite://host/a.db"), "u"); })
              .find("no host") != std::string::npos);
    CHECK(error_of([] { tabula::sqlite_backend::options_from_url(parse_database_url("postgresql://h/a"), "u"); })
              .find("cannot open scheme 'postgresql'") != std::string::npos);
}
