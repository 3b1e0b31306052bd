// MySQL/MariaDB connection options, read from a URL in SQLAlchemy's form:
//   mysql://user:password@host:3306/database?connect_timeout=10&ssl_mode=required
//   mysql://user:password@%2Frun%2Fmysqld%2Fmysqld.sock/database        (unix socket path)
//   mysql://user:password@localhost/database?unix_socket=/run/mysqld/mysqld.sock
// mariadb:// is the same, and SQLAlchemy's driver suffixes (+pymysql, +mysqldb, +mysqlconnector)
// are accepted, so an application's existing URL works unchanged. Unknown options are an error.
// This header needs no client library: it only reads the URL (the dry tests include it).
#pragma once

#include <charconv>
#include <string>
#include <string_view>

#include <tabula/backend/url.hpp>
#include <tabula/error.hpp>

namespace tabula::mysql_backend {

// MySQL's --ssl-mode values. `preferred` is the client library's own behaviour.
enum class ssl_mode : unsigned char { disabled, preferred, required, verify_ca, verify_identity };

struct options {
    std::string host;         // empty: localhost (the client library's default socket)
    unsigned port = 0;        // 0: 3306
    std::string unix_socket;  // a socket path instead of TCP
    std::string user;
    std::string password;
    std::string database;
    int connect_timeout_s = 0;  // 0: the client library's default
    int read_timeout_s = 0;
    int write_timeout_s = 0;
    int statement_timeout_ms = 0;  // 0: the server's max_statement_time
    ssl_mode ssl = ssl_mode::preferred;
    std::string ssl_ca;
    std::string shown_url;  // the URL with its password hidden, for messages
};

namespace detail {

inline bool parse_count(std::string_view value, int& out) {
    int parsed = -1;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
    if (ec != std::errc{} || end != value.data() + value.size() || parsed < 0) return false;
    out = parsed;
    return true;
}

}  // namespace detail

[[gnu::cold]] inline options options_from_url(const database_url& url, std::string_view shown_url) {
    auto fail = [&](const std::string& what) -> options {
        throw configuration_error("tabula: " + what + " in database URL '" + std::string(shown_url) + "'");
    };
    if (url.scheme != "mysql")
        return fail("the MySQL backend cannot open scheme '" + url.scheme + "' (expected mysql:// or mariadb://)");
    if (!url.driver.empty() && url.driver != "pymysql" && url.driver != "mysqldb" && url.driver != "mysqlconnector" &&
        url.driver != "mariadbconnector")
        return fail("unknown driver '" + url.driver + "' (tabula talks to MySQL through MariaDB Connector/C; write mysql://)");
    options out;
    out.shown_url = std::string(shown_url);
    out.user = url.user;
    out.password = url.password;
    if (url.database.find('/') != std::string::npos) return fail("a database name cannot contain '/'");
    out.database = url.database;
    // A host that is a path (percent-encoded in the URL) names a unix socket.
    if (!url.host.empty() && url.host.front() == '/') out.unix_socket = url.host;
    else out.host = url.host;
    if (url.port) out.port = *url.port;

    for (const auto& [key, value] : url.query) {
        auto seconds = [&](int& field) {
            if (!detail::parse_count(value, field))
                fail("option '" + key + "' must be a non-negative number of seconds, not '" + value + "'");
        };
        if (key == "unix_socket") {
            if (value.empty() || value.front() != '/') return fail("option 'unix_socket' must be an absolute path, not '" + value + "'");
            out.unix_socket = value;
        } else if (key == "charset") {
            // The codec reads and writes UTF-8; utf8 (utf8mb3) would refuse characters outside the BMP.
            if (tabula::detail::ascii_lower(value) != "utf8mb4")
                return fail("option 'charset' must be utf8mb4, not '" + value + "' (tabula always talks UTF-8 with 4-byte characters)");
        } else if (key == "connect_timeout") {
            seconds(out.connect_timeout_s);
        } else if (key == "read_timeout") {
            seconds(out.read_timeout_s);
        } else if (key == "write_timeout") {
            seconds(out.write_timeout_s);
        } else if (key == "statement_timeout") {
            if (!detail::parse_count(value, out.statement_timeout_ms))
                return fail("option 'statement_timeout' must be a non-negative number of milliseconds, not '" + value + "'");
        } else if (key == "ssl_mode") {
            const std::string mode = tabula::detail::ascii_lower(value);
            if (mode == "disabled") out.ssl = ssl_mode::disabled;
            else if (mode == "preferred") out.ssl = ssl_mode::preferred;
            else if (mode == "required") out.ssl = ssl_mode::required;
            else if (mode == "verify_ca") out.ssl = ssl_mode::verify_ca;
            else if (mode == "verify_identity") out.ssl = ssl_mode::verify_identity;
            else return fail("option 'ssl_mode' must be disabled, preferred, required, verify_ca or verify_identity, not '" + value + "'");
        } else if (key == "ssl_ca") {
            if (value.empty()) return fail("option 'ssl_ca' is empty");
            out.ssl_ca = value;
        } else {
            throw configuration_error("tabula: unknown option '" + key + "' in the query of database URL '" +
                                      std::string(tabula::detail::without_query(shown_url)) +
                                      "' (tabula accepts unix_socket, charset, connect_timeout, read_timeout, write_timeout, "
                                      "statement_timeout, ssl_mode and ssl_ca)");
        }
    }
    if (out.ssl == ssl_mode::disabled && !out.ssl_ca.empty()) return fail("option 'ssl_ca' given with ssl_mode=disabled");
    return out;
}

}  // namespace tabula::mysql_backend
