// PostgreSQL URLs become libpq connection keywords; tabula's own options are checked.
#include <doctest/doctest.h>

#include <string>

#include <tabula/postgres.hpp>

using tabula::configuration_error;

namespace {
tabula::postgres_backend::options parse(std::string_view url) {
    return tabula::postgres_backend::options_from_url(tabula::parse_database_url(url), tabula::detail::redact(url));
}
}  // namespace

TEST_CASE("PostgreSQL: URL forms become libpq keywords") {
    const auto plain = parse("postgres://ada:s%40cret@db.local:6543/webui?sslmode=require&connect_timeout=10&application_name=app");
    CHECK(plain.keyword("host") == "db.local");
    CHECK(plain.keyword("port") == "6543");
    CHECK(plain.keyword("user") == "ada");
    CHECK(plain.keyword("password") == "s@cret");
    CHECK(plain.keyword("dbname") == "webui");
    CHECK(plain.keyword("sslmode") == "require");
    CHECK(plain.keyword("connect_timeout") == "10");
    CHECK(plain.keyword("client_encoding") == "UTF8");
    CHECK(plain.shown_url.find("s%40cret") == std::string::npos);

    const auto socket = parse("postgresql://ada@%2Fvar%2Frun%2Fpostgresql/webui");
    CHECK(socket.keyword("host") == "/var/run/postgresql");
    const auto query_host = parse("postgresql://ada@/webui?host=/tmp/pg&port=5433");
    CHECK(query_host.keyword("host") == "/tmp/pg");
    CHECK(query_host.keyword("port") == "5433");
    const auto replicas = parse("postgresql://ada@primary:5432,replica:5433/webui?target_session_attrs=read-write");
    CHECK(replicas.keyword("host") == "primary,replica");
    CHECK(replicas.keyword("port") == "5432,5433");
    CHECK(replicas.keyword("target_session_attrs") == "read-write");
    CHECK(parse("postgresql+psycopg2://u@h/d").keyword("host") == "h");
}

TEST_CASE("PostgreSQL: tabula's own options and the errors that name what is wrong") {
    const auto own = parse("postgresql://u@h/d?schema=app&statement_timeout=2500&prepared_statements=false");
    CHECK(own.schema == "app");
    CHECK(own.statement_timeout_ms == 2500);
    CHECK_FALSE(own.prepared_statements);
    CHECK(own.keyword("schema").empty());  // not passed to libpq
    CHECK_THROWS_WITH_AS(parse("postgresql://u:pw@h/d?sslmod=require"), doctest::Contains("unknown option 'sslmod'"), configuration_error);
    CHECK_THROWS_WITH_AS(parse("postgresql://u:pw@h/d?statement_timeout=soon"), doctest::Contains("'statement_timeout' must be"),
                         configuration_error);
    CHECK_THROWS_WITH_AS(parse("postgresql://u:pw@h/d?prepared_statements=maybe"), doctest::Contains("'prepared_statements' must be"),
                         configuration_error);
    CHECK_THROWS_WITH_AS(parse("postgresql://u:pw@h/d?client_encoding=LATIN1"), doctest::Contains("always talks UTF-8"), configuration_error);
    CHECK_THROWS_WITH_AS(parse("sqlite:///x.db"), doctest::Contains("cannot open scheme 'sqlite'"), configuration_error);
    CHECK_THROWS_WITH_AS(parse("postgresql+odbc://u@h/d"), doctest::Contains("unknown driver 'odbc'"), configuration_error);
    try {
        parse("postgresql://u:hunter2@h/d?nonsense=1");
        FAIL("accepted");
    } catch (const configuration_error& e) {
        CHECK(std::string(e.what()).find("hunter2") == std::string::npos);
    }
}

TEST_CASE("PostgreSQL: booleans in any case; an unknown option named without its value") {
    CHECK_FALSE(parse("postgresql://u@h/d?prepared_statements=FALSE").prepared_statements);
    CHECK_FALSE(parse("postgresql://u@h/d?prepared_statements=Off").prepared_statements);
    CHECK(parse("postgresql://u@h/d?prepared_statements=YES").prepared_statements);
    for (std::string_view url : {"postgresql://u@h/d?pin=4711", "postgresql://u@h/d?pasword=4711&sslmode=require"}) {
        try {
            parse(url);
            FAIL("accepted");
        } catch (const configuration_error& e) {
            CHECK(std::string(e.what()).find("unknown option '") != std::string::npos);
            CHECK(std::string(e.what()).find("4711") == std::string::npos);
        }
    }
}
