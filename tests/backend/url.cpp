// Database URLs: SQLAlchemy's forms, normalisation, and errors that name the wrong part.
#include <doctest/doctest.h>

#include <string>

#include <tabula/backend/mysql/options.hpp>
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
    CHECK(parse_database_url("mariadb://u@h/db").scheme == "mysql");  // one client library serves both
    CHECK(parse_database_url("mariadb+mariadbconnector://u@h/db").driver == "mariadbconnector");
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
              .find("not 'maybe'") != std::string::npos);
    CHECK(error_of([] { tabula::sqlite_backend::options_from_url(parse_database_url("sqlite://host/a.db"), "u"); })
              .find("no host") != std::string::npos);
    CHECK(error_of([] { tabula::sqlite_backend::options_from_url(parse_database_url("postgresql://h/a"), "u"); })
              .find("cannot open scheme 'postgresql'") != std::string::npos);
}

TEST_CASE("SQLCipher URLs: the key is the percent-decoded password; a build without SQLCipher names the target to link") {
    const auto url = parse_database_url("sqlite+sqlcipher://:k%3Ay%40%2F%25%20%C3%A9@/data/webui.db?wal=true");
    CHECK(url.scheme == "sqlite");
    CHECK(url.driver == "sqlcipher");
    CHECK(url.user.empty());
    CHECK(url.password == "k:y@/% \xc3\xa9");
    CHECK(url.database == "data/webui.db");
    CHECK(parse_database_url("sqlite+sqlcipher://:k@//var/lib/app.db").database == "/var/lib/app.db");
    CHECK(tabula::sqlite_backend::encrypted_url(url));
    CHECK(tabula::sqlite_backend::encrypted_url(parse_database_url("sqlite+pysqlcipher://:k@/a.db")));
    CHECK_FALSE(tabula::sqlite_backend::encrypted_url(parse_database_url("sqlite+pysqlite:///a.db")));
    auto options_error = [](std::string_view text) {
        return error_of([&] { tabula::sqlite_backend::options_from_url(parse_database_url(text), tabula::detail::redact(text)); });
    };
#ifdef TABULA_SQLCIPHER
    const auto options = tabula::sqlite_backend::options_from_url(url, "");
    CHECK(options.key == "k:y@/% \xc3\xa9");
    CHECK(options.wal);
    CHECK(options_error("sqlite+sqlcipher:///a.db").find("DATABASE_PASSWORD") != std::string::npos);
#else
    // This program links plain SQLite: an encrypted database is refused before any file is opened.
    const std::string plain_build = options_error("sqlite+sqlcipher://:s3cret@/a.db");
    CHECK(plain_build.find("built without SQLCipher") != std::string::npos);
    CHECK(plain_build.find("tabula::sqlcipher") != std::string::npos);
    CHECK(plain_build.find("s3cret") == std::string::npos);
    CHECK(options_error("sqlite+sqlcipher:///a.db").find("built without SQLCipher") != std::string::npos);
#endif
    // A key in a plain sqlite:// URL is refused rather than ignored, and not shown.
    const std::string plain = options_error("sqlite://:s3cret@/a.db");
    CHECK(plain.find("sqlite+sqlcipher://:KEY@") != std::string::npos);
    CHECK(plain.find("s3cret") == std::string::npos);
    CHECK(options_error("sqlite+sqlcipher://ada:s3cret@/a.db").find("s3cret") == std::string::npos);
}

TEST_CASE("MySQL options from the URL") {
    using tabula::mysql_backend::options_from_url;
    auto options = [](std::string_view url) { return options_from_url(parse_database_url(url), tabula::detail::redact(url)); };
    const auto tcp = options("mysql://ada:s%40cret@db.local:3307/webui?connect_timeout=5&read_timeout=30&write_timeout=31&charset=UTF8MB4");
    CHECK(tcp.host == "db.local");
    CHECK(tcp.port == 3307u);
    CHECK(tcp.user == "ada");
    CHECK(tcp.password == "s@cret");
    CHECK(tcp.database == "webui");
    CHECK(tcp.unix_socket.empty());
    CHECK(tcp.connect_timeout_s == 5);
    CHECK(tcp.read_timeout_s == 30);
    CHECK(tcp.write_timeout_s == 31);
    CHECK(tcp.ssl == tabula::mysql_backend::ssl_mode::preferred);

    const auto socket = options("mariadb://u:p@%2Ftmp%2Fx%2Fmysqld.sock/db");
    CHECK(socket.unix_socket == "/tmp/x/mysqld.sock");
    CHECK(socket.host.empty());
    CHECK(options("mysql://u:p@localhost/db?unix_socket=/run/mysqld/mysqld.sock").unix_socket == "/run/mysqld/mysqld.sock");
    for (std::string_view driver : {"pymysql", "mysqldb", "mysqlconnector"})
        CHECK(options("mysql+" + std::string(driver) + "://u@h/db").database == "db");

    CHECK(options("mysql://u@h/db?statement_timeout=1500").statement_timeout_ms == 1500);
    const auto verified = options("mysql://u@h/db?ssl_mode=VERIFY_IDENTITY&ssl_ca=/etc/ssl/ca.pem");
    CHECK(verified.ssl == tabula::mysql_backend::ssl_mode::verify_identity);
    CHECK(verified.ssl_ca == "/etc/ssl/ca.pem");
    CHECK(options("mysql://u@h/db?ssl_mode=disabled").ssl == tabula::mysql_backend::ssl_mode::disabled);

    // Every mistake names the option, never the password.
    const auto wrong = [&](std::string_view url) { return error_of([&] { options(url); }); };
    CHECK(wrong("mysql://u:pw@h/db?charset=latin1").find("option 'charset' must be utf8mb4, not 'latin1'") != std::string::npos);
    CHECK(wrong("mysql://u:pw@h/db?connect_timeout=soon").find("option 'connect_timeout' must be a non-negative number of seconds") !=
          std::string::npos);
    CHECK(wrong("mysql://u:pw@h/db?read_timeout=-1").find("option 'read_timeout'") != std::string::npos);
    CHECK(wrong("mysql://u:pw@h/db?statement_timeout=1.5").find("option 'statement_timeout'") != std::string::npos);
    CHECK(wrong("mysql://u:pw@h/db?ssl_mode=maybe").find("option 'ssl_mode' must be disabled") != std::string::npos);
    CHECK(wrong("mysql://u:pw@h/db?ssl_mode=disabled&ssl_ca=/ca.pem").find("'ssl_ca' given with ssl_mode=disabled") != std::string::npos);
    CHECK(wrong("mysql://u:pw@h/db?unix_socket=relative.sock").find("option 'unix_socket' must be an absolute path") != std::string::npos);
    CHECK(wrong("mysql://u:pw@h/db?sslmode=require").find("unknown option 'sslmode'") != std::string::npos);
    CHECK(wrong("mysql+asyncmy://u:pw@h/db").find("unknown driver 'asyncmy'") != std::string::npos);
    CHECK(wrong("postgresql://u:pw@h/db").find("cannot open scheme 'postgresql'") != std::string::npos);
    for (std::string_view url : {"mysql://u:pw@h/db?charset=latin1", "mysql://u:pw@h/db?bogus=1", "mysql+x://u:pw@h/db"}) {
        CHECK(wrong(url).find("pw") == std::string::npos);
        CHECK(wrong(url).find("mysql") != std::string::npos);
    }
}

TEST_CASE("a fragment is an error naming that part, without showing it") {
    using tabula::configuration_error;
    CHECK_THROWS_WITH_AS(parse_database_url("sqlite:///a.db#frag"), doctest::Contains("a fragment ('#' and what follows)"), configuration_error);
    CHECK(error_of([] { parse_database_url("sqlite:///a.db?wal=1#hunter2"); }).find("hunter2") == std::string::npos);
    CHECK(error_of([] { parse_database_url("postgresql://u:pw@h/db#x"); }).find("pw") == std::string::npos);
    CHECK(error_of([] { parse_database_url("mysql://u@h#x/db"); }).find("fragment") != std::string::npos);
    // A '#' among the credentials belongs to them; %23 spells one in a path.
    CHECK(parse_database_url("postgresql://u:p#w@h/db").password == "p#w");
    CHECK(parse_database_url("sqlite:///a%23b.db").database == "a#b.db");
}

TEST_CASE("booleans: true/false, 1/0, yes/no, on/off in any case, on every backend") {
    using tabula::sqlite_backend::options_from_url;
    for (std::string_view on : {"true", "TRUE", "True", "1", "yes", "YES", "on", "On"}) {
        CHECK(options_from_url(parse_database_url("sqlite:///a.db?wal=" + std::string(on)), "").wal);
        CHECK(tabula::detail::parse_boolean(on) == true);
    }
    for (std::string_view off : {"false", "FALSE", "0", "no", "No", "off", "OFF"}) {
        CHECK_FALSE(options_from_url(parse_database_url("sqlite:///a.db?foreign_keys=" + std::string(off)), "").foreign_keys);
        CHECK(tabula::detail::parse_boolean(off) == false);
    }
    CHECK_FALSE(tabula::detail::parse_boolean("2").has_value());
    CHECK_FALSE(tabula::detail::parse_boolean("").has_value());
    CHECK(error_of([] { options_from_url(parse_database_url("sqlite:///a.db?wal=maybe"), "u"); })
              .find("must be true or false (also 1/0, yes/no, on/off), not 'maybe'") != std::string::npos);
}

TEST_CASE("an unknown option is named without its value, on every backend") {
    const auto sqlite_error = [](std::string_view url) {
        return error_of([&] { tabula::sqlite_backend::options_from_url(parse_database_url(url), tabula::detail::redact(url)); });
    };
    const auto mysql_error = [](std::string_view url) {
        return error_of([&] { tabula::mysql_backend::options_from_url(parse_database_url(url), tabula::detail::redact(url)); });
    };
    for (const std::string& message : {sqlite_error("sqlite:///a.db?pin=4711&wal=1"), sqlite_error("sqlite:///a.db?password=4711"),
                                       mysql_error("mysql://u@h/db?pin=4711"), mysql_error("mysql://u@h/db?password=4711")}) {
        CHECK(message.find("unknown option '") != std::string::npos);
        CHECK(message.find("4711") == std::string::npos);
    }
    CHECK(sqlite_error("sqlite:///a.db?pin=4711").find("unknown option 'pin' in the query of database URL 'sqlite:///a.db'") !=
          std::string::npos);
    // Options whose names say they carry secrets are hidden wherever a URL is shown.
    CHECK(tabula::detail::redact("sqlite:///a.db?api_token=x&Secret=y&wal=1") == "sqlite:///a.db?api_token=***&Secret=***&wal=1");
}

TEST_CASE("SQLite mode: rwc creates a missing file, rw and ro do not") {
    using tabula::sqlite_backend::options_from_url;
    CHECK(options_from_url(parse_database_url("sqlite:///a.db"), "").create);
    CHECK(options_from_url(parse_database_url("sqlite:///a.db?mode=rwc"), "").create);
    const auto rw = options_from_url(parse_database_url("sqlite:///a.db?mode=rw"), "");
    CHECK_FALSE(rw.create);
    CHECK_FALSE(rw.read_only);
    const auto ro = options_from_url(parse_database_url("sqlite:///a.db?mode=ro"), "");
    CHECK_FALSE(ro.create);
    CHECK(ro.read_only);
}
