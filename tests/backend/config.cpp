// Configuration from URLs and from Open WebUI's DATABASE_* environment variables; redaction.
#include <doctest/doctest.h>

#include <map>
#include <optional>
#include <string>

#include <tabula/backend/config.hpp>
#include <tabula/backend/url.hpp>

using tabula::configuration_error;
using tabula::database_config;

namespace {
database_config from(std::map<std::string, std::string> variables, std::string_view default_url = "sqlite:///data/webui.db") {
    return database_config::from_environment(default_url, [variables](std::string_view name) -> std::optional<std::string> {
        auto it = variables.find(std::string(name));
        if (it == variables.end()) return std::nullopt;
        return it->second;
    });
}
}  // namespace

TEST_CASE("environment: the application's default, then DATABASE_URL, then the DATABASE_* parts") {
    CHECK(from({}).url == "sqlite:///data/webui.db");
    CHECK(from({{"DATABASE_URL", "postgres://u:p@db:5432/webui"}}).url == "postgres://u:p@db:5432/webui");
    CHECK(from({{"DATABASE_URL", "postgres://u:p@db:5432/webui"}}).scheme() == "postgresql");
    // Parts are used only when all are there; user and password are percent-encoded.
    const auto parts = from({{"DATABASE_TYPE", "postgresql"},
                             {"DATABASE_USER", "ada"},
                             {"DATABASE_PASSWORD", "p@ss:w/rd?"},
                             {"DATABASE_HOST", "db.internal"},
                             {"DATABASE_PORT", "5433"},
                             {"DATABASE_NAME", "webui"}});
    CHECK(parts.url == "postgresql://ada:p%40ss%3Aw%2Frd%3F@db.internal:5433/webui");
    const auto parsed = tabula::parse_database_url(parts.url);
    CHECK(parsed.password == "p@ss:w/rd?");
    CHECK(parsed.host == "db.internal");
    CHECK(parts.shown_url() == "postgresql://ada:***@db.internal:5433/webui");
    CHECK(from({{"DATABASE_TYPE", "postgresql"}, {"DATABASE_USER", "ada"}}).url == "sqlite:///data/webui.db");
    // DATABASE_URL wins over the parts.
    CHECK(from({{"DATABASE_URL", "sqlite:///other.db"}, {"DATABASE_TYPE", "mysql"}, {"DATABASE_USER", "u"}, {"DATABASE_HOST", "h"},
                {"DATABASE_PORT", "3306"}, {"DATABASE_NAME", "n"}})
              .url == "sqlite:///other.db");
    CHECK_THROWS_WITH_AS(from({{"DATABASE_TYPE", "mysql"}, {"DATABASE_USER", "u"}, {"DATABASE_HOST", "h"}, {"DATABASE_PORT", "x"}, {"DATABASE_NAME", "n"}}),
                         doctest::Contains("DATABASE_PORT must be a port number"), configuration_error);
}

// Found by tests/fuzz/environment.cpp: DATABASE_HOST went into the URL unencoded, so a '%' in it
// was decoded into another host, and an '@' or '/' moved the other parts.
TEST_CASE("environment: DATABASE_HOST reaches the driver as written") {
    auto host_of = [](std::string host) {
        return tabula::parse_database_url(from({{"DATABASE_TYPE", "postgresql"}, {"DATABASE_USER", "u"}, {"DATABASE_HOST", host},
                                                {"DATABASE_PORT", "5432"}, {"DATABASE_NAME", "w"}})
                                              .url);
    };
    CHECK(host_of("12%DATABASE").host == "12%DATABASE");
    CHECK(host_of("/var/run/postgresql").host == "/var/run/postgresql");
    CHECK(host_of("a@b").host == "a@b");
    CHECK(host_of("a@b").user == "u");
    CHECK(host_of("h1:5433,h2").host == "h1:5433,h2");
    CHECK(host_of("h1:5433,h2").port == 5432u);
    CHECK(host_of("[::1]").host == "::1");
}

// Found by tests/fuzz/environment.cpp: a DATABASE_TYPE holding "://" moved where the URL's
// password was read, so the error message showed DATABASE_PASSWORD.
TEST_CASE("environment: DATABASE_TYPE must be a scheme") {
    std::string message;
    try {
        from({{"DATABASE_TYPE", "postgresql://e"}, {"DATABASE_USER", "u"}, {"DATABASE_PASSWORD", "s3cret-pw"}, {"DATABASE_HOST", "h"},
              {"DATABASE_PORT", "5432"}, {"DATABASE_NAME", "w"}});
    } catch (const configuration_error& e) {
        message = e.what();
    }
    CHECK(message == "tabula: DATABASE_TYPE must be a URL scheme such as postgresql or mysql, not 'postgresql://e'");
    CHECK(from({{"DATABASE_TYPE", "postgresql+psycopg2"}, {"DATABASE_USER", "u"}, {"DATABASE_HOST", "h"}, {"DATABASE_PORT", "5432"},
                {"DATABASE_NAME", "w"}})
              .scheme() == "postgresql");
}

// Found by tests/fuzz/environment.cpp: what() is a C string, so a NUL in a quoted URL cut the
// message there, losing the rest (here: which variable the URL came from).
TEST_CASE("errors keep a NUL byte of a quoted value visible instead of ending there") {
    CHECK_THROWS_WITH_AS(from({{"DATABASE_URL", std::string("ab\0cd", 5)}}), "tabula: missing scheme (expected e.g. sqlite:///app.db) in "
                                                                           "database URL 'ab\\0cd' (from DATABASE_URL)",
                         configuration_error);
}

TEST_CASE("environment: schema, WAL and SQLCipher fold into the URL") {
    CHECK(from({{"DATABASE_URL", "postgresql://u@db/w"}, {"DATABASE_SCHEMA", "open webui"}}).url == "postgresql://u@db/w?schema=open%20webui");
    CHECK(from({{"DATABASE_URL", "postgresql://u@db/w?sslmode=require"}, {"DATABASE_SCHEMA", "s"}}).url ==
          "postgresql://u@db/w?sslmode=require&schema=s");
    CHECK_THROWS_WITH_AS(from({{"DATABASE_SCHEMA", "s"}}), doctest::Contains("DATABASE_SCHEMA applies to PostgreSQL only"), configuration_error);
    CHECK(from({{"DATABASE_ENABLE_SQLITE_WAL", "True"}}).url == "sqlite:///data/webui.db?wal=true");
    CHECK(from({{"DATABASE_ENABLE_SQLITE_WAL", "false"}}).url == "sqlite:///data/webui.db?wal=false");
    CHECK(from({{"DATABASE_URL", "postgresql://u@db/w"}, {"DATABASE_ENABLE_SQLITE_WAL", "true"}}).url == "postgresql://u@db/w");
    CHECK_THROWS_WITH_AS(from({{"DATABASE_ENABLE_SQLITE_WAL", "maybe"}}), doctest::Contains("DATABASE_ENABLE_SQLITE_WAL must be true or false"),
                         configuration_error);
    // An encrypted database: the default URL gains the driver; the key comes from DATABASE_PASSWORD and is never shown.
    const auto encrypted = from({{"DATABASE_TYPE", "sqlite+sqlcipher"}, {"DATABASE_PASSWORD", "k3y/with@signs"}});
    CHECK(encrypted.url == "sqlite+sqlcipher://:k3y%2Fwith%40signs@/data/webui.db");
    CHECK(tabula::parse_database_url(encrypted.url).password == "k3y/with@signs");
    CHECK(tabula::parse_database_url(encrypted.url).database == "data/webui.db");
    CHECK(encrypted.shown_url() == "sqlite+sqlcipher://:***@/data/webui.db");
    CHECK_THROWS_WITH_AS(from({{"DATABASE_TYPE", "sqlite+sqlcipher"}}), doctest::Contains("needs its key in DATABASE_PASSWORD"),
                         configuration_error);
    // An '@' in the query is not the authority's: the key went after the path's '?' and an error
    // showed it (found by the environment fuzzer).
    const auto queried = from({{"DATABASE_URL", "sqlite+sqlcipher://?note=a@b"}, {"DATABASE_PASSWORD", "k3y-k3y-k3y"}});
    CHECK(queried.url == "sqlite+sqlcipher://:k3y-k3y-k3y@?note=a@b");
    CHECK(queried.shown_url().find("k3y-k3y-k3y") == std::string::npos);
    try {
        from({{"DATABASE_URL", "sqlite+sqlcipher://?note=a@b"}, {"DATABASE_PASSWORD", "k3y-k3y-k3y"}, {"DATABASE_SCHEMA", "s"}});
        FAIL("DATABASE_SCHEMA on SQLite was accepted");
    } catch (const configuration_error& e) {
        CHECK(std::string(e.what()).find("k3y-k3y-k3y") == std::string::npos);
        CHECK(std::string(e.what()).find("DATABASE_SCHEMA applies to PostgreSQL only") != std::string::npos);
    }
}

TEST_CASE("environment: pool settings as SQLAlchemy and Open WebUI read them") {
    const auto defaults = from({});
    CHECK(defaults.pool.size == 5);
    CHECK(defaults.pool.max_overflow == 10);
    CHECK(defaults.pool.timeout == std::chrono::seconds(30));
    CHECK(defaults.pool.recycle == std::chrono::seconds(3600));
    CHECK(defaults.pool.pre_ping);
    const auto sized = from({{"DATABASE_POOL_SIZE", "20"}});
    CHECK(sized.pool.size == 20);
    CHECK(sized.pool.max_overflow == 0);  // Open WebUI's default once the pool is configured
    const auto tuned = from({{"DATABASE_POOL_SIZE", "0"}, {"DATABASE_POOL_MAX_OVERFLOW", "3"}, {"DATABASE_POOL_TIMEOUT", "5"},
                             {"DATABASE_POOL_RECYCLE", "-1"}});
    CHECK(tuned.pool.size == 0);
    CHECK(tuned.pool.max_overflow == 3);
    CHECK(tuned.pool.timeout == std::chrono::seconds(5));
    CHECK_FALSE(tuned.pool.recycle.has_value());
    CHECK_THROWS_WITH_AS(from({{"DATABASE_POOL_SIZE", "-2"}}), doctest::Contains("DATABASE_POOL_SIZE must be a whole number from 0 to 1000000000, not '-2'"),
                         configuration_error);
    // Found by tests/fuzz/environment.cpp: seconds * 1000 overflowed (undefined behaviour) for a
    // large DATABASE_POOL_RECYCLE instead of being refused.
    CHECK_THROWS_WITH_AS(from({{"DATABASE_POOL_RECYCLE", "88882888888288888888"}}),
                         doctest::Contains("DATABASE_POOL_RECYCLE must be a whole number from -1 to 1000000000 (-1: never)"), configuration_error);
    CHECK_THROWS_WITH_AS(from({{"DATABASE_POOL_TIMEOUT", "9223372036854775"}}), doctest::Contains("DATABASE_POOL_TIMEOUT must be a whole number"),
                         configuration_error);
    CHECK(from({{"DATABASE_POOL_RECYCLE", "1000000000"}}).pool.recycle == std::chrono::seconds(1'000'000'000));
    CHECK_THROWS_WITH_AS(from({{"DATABASE_POOL_TIMEOUT", "30s"}}), doctest::Contains("DATABASE_POOL_TIMEOUT"), configuration_error);
    CHECK_THROWS_WITH_AS(from({{"DATABASE_POOL_RECYCLE", "-5"}}), doctest::Contains("DATABASE_POOL_RECYCLE"), configuration_error);
}

TEST_CASE("a malformed URL from the environment names its source and never shows the password") {
    try {
        from({{"DATABASE_URL", "postgresql://ada:hunter2@db:99999/w"}});
        FAIL("accepted");
    } catch (const configuration_error& e) {
        const std::string message = e.what();
        CHECK(message.find("invalid port '99999'") != std::string::npos);
        CHECK(message.find("DATABASE_URL") != std::string::npos);
        CHECK(message.find("hunter2") == std::string::npos);
    }
}

TEST_CASE("redaction hides every secret a URL can carry") {
    using tabula::detail::redact;
    CHECK(redact("postgresql://ada:s3cret@db/w") == "postgresql://ada:***@db/w");
    CHECK(redact("postgresql://ada:p@ss@db/w") == "postgresql://ada:***@db/w");  // an unencoded '@' in the password
    CHECK(redact("postgresql://ada@db/w?password=s3cret&sslmode=require") == "postgresql://ada@db/w?password=***&sslmode=require");
    CHECK(redact("postgresql://db/w?sslpassword=x") == "postgresql://db/w?sslpassword=***");
    CHECK(redact("sqlite+sqlcipher://:k@/x.db?key=k") == "sqlite+sqlcipher://:***@/x.db?key=***");
    CHECK(redact("sqlite:///plain.db") == "sqlite:///plain.db");
    CHECK(redact("mysql://root@localhost") == "mysql://root@localhost");
    CHECK(tabula::detail::percent_encode("a b/c@d~") == "a%20b%2Fc%40d~");
}
