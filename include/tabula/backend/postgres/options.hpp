// PostgreSQL connection options, read from a URL in libpq's and SQLAlchemy's form:
//   postgresql://user:password@host:5432/database?sslmode=require&connect_timeout=10
//   postgresql://user:password@%2Fvar%2Frun%2Fpostgresql/database      (unix socket directory)
//   postgresql://user@/database?host=/var/run/postgresql                (the same, libpq's way)
//   postgresql://user@primary:5432,replica:5432/database?target_session_attrs=read-write
// Every libpq connection keyword is accepted in the query string and checked against the libpq
// that is linked; tabula adds three of its own: schema (the search_path tables and the version
// table live in: Open WebUI's DATABASE_SCHEMA), statement_timeout (milliseconds) and
// prepared_statements (false behind PgBouncer's transaction pooling before version 1.21).
#pragma once

#include <tabula/backend/postgres/api.hpp>

#include <charconv>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <tabula/backend/url.hpp>
#include <tabula/error.hpp>

namespace tabula::postgres_backend {

struct options {
    std::vector<std::pair<std::string, std::string>> keywords;  // for PQconnectdbParams
    std::string schema;                                           // empty: the server's search_path
    int statement_timeout_ms = 0;                                 // 0: the server's setting
    bool prepared_statements = true;
    std::string shown_url;  // the URL with its password hidden, for messages

    std::string_view keyword(std::string_view name) const noexcept {
        for (const auto& [key, value] : keywords)
            if (key == name) return value;
        return {};
    }
};

namespace detail {

// Whether the libpq this program runs with knows a connection keyword.
inline bool libpq_keyword(std::string_view name) {
    PQconninfoOption* defaults = PQconndefaults();
    bool found = false;
    for (PQconninfoOption* o = defaults; o && o->keyword; ++o) found = found || name == o->keyword;
    PQconninfoFree(defaults);
    return found;
}

}  // namespace detail

[[gnu::cold]] inline options options_from_url(const database_url& url, std::string_view shown_url) {
    auto fail = [&](const std::string& what) -> options {
        throw configuration_error("tabula: " + what + " in database URL '" + std::string(shown_url) + "'");
    };
    if (url.scheme != "postgresql")
        return fail("the PostgreSQL backend cannot open scheme '" + url.scheme + "' (expected postgresql:// or postgres://)");
    if (!url.driver.empty() && url.driver != "psycopg2" && url.driver != "psycopg" && url.driver != "asyncpg" && url.driver != "pg8000")
        return fail("unknown driver '" + url.driver + "' (tabula talks to PostgreSQL through libpq; write postgresql://)");
    options out;
    out.shown_url = std::string(shown_url);
    auto add = [&](std::string key, std::string value) { out.keywords.emplace_back(std::move(key), std::move(value)); };

    // host[:port][,host[:port]...]: the URL parser has split off only the last port.
    if (!url.host.empty()) {
        std::vector<std::string> hosts;
        std::vector<std::string> ports;
        std::string_view rest = url.host;
        while (true) {
            const std::size_t comma = rest.find(',');
            std::string_view item = rest.substr(0, comma);
            std::string port;
            // Every host but the last keeps its own port here; socket directories have none.
            if (comma != std::string_view::npos && !item.empty() && item.front() != '/') {
                if (const std::size_t colon = item.rfind(':'); colon != std::string_view::npos) {
                    port = std::string(item.substr(colon + 1));
                    item = item.substr(0, colon);
                    if (!tabula::detail::parse_port(port)) return fail("invalid port '" + port + "' (expected 1-65535)");
                }
            }
            if (comma == std::string_view::npos && url.port) port = std::to_string(*url.port);
            if (item.empty()) return fail("empty host in the host list");
            hosts.emplace_back(item);
            ports.push_back(std::move(port));
            if (comma == std::string_view::npos) break;
            rest = rest.substr(comma + 1);
        }
        std::string host_list;
        std::string port_list;
        bool any_port = false;
        for (std::size_t i = 0; i < hosts.size(); ++i) {
            host_list += (i ? "," : "") + hosts[i];
            port_list += (i ? "," : "") + ports[i];
            any_port = any_port || !ports[i].empty();
        }
        add("host", host_list);
        if (any_port) add("port", port_list);
    } else if (url.port) {
        add("port", std::to_string(*url.port));
    }
    if (!url.user.empty()) add("user", url.user);
    if (!url.password.empty()) add("password", url.password);
    if (!url.database.empty()) {
        if (url.database.find('/') != std::string::npos) return fail("a database name cannot contain '/'");
        add("dbname", url.database);
    }

    for (const auto& [key, value] : url.query) {
        if (key == "schema") {
            if (value.empty()) return fail("option 'schema' is empty");
            out.schema = value;
        } else if (key == "statement_timeout") {
            int ms = -1;
            const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), ms);
            if (ec != std::errc{} || end != value.data() + value.size() || ms < 0)
                return fail("option 'statement_timeout' must be a non-negative number of milliseconds, not '" + value + "'");
            out.statement_timeout_ms = ms;
        } else if (key == "prepared_statements") {
            const auto flag = tabula::detail::parse_boolean(value);
            if (!flag) return fail("option 'prepared_statements' must be " + std::string(tabula::detail::boolean_spellings) + ", not '" + value + "'");
            out.prepared_statements = *flag;
        } else if (key == "client_encoding") {
            return fail("option 'client_encoding' cannot be set: tabula always talks UTF-8");
        } else if (key == "dbname" || key == "user" || key == "password" || key == "host" || key == "port" || key == "hostaddr" ||
                   detail::libpq_keyword(key)) {
            // The query string may also carry what the URL's other parts do (libpq accepts both).
            bool replaced = false;
            for (auto& [k, v] : out.keywords)
                if (k == key) v = value, replaced = true;
            if (!replaced) add(key, value);
        } else {
            throw configuration_error("tabula: unknown option '" + key + "' in the query of database URL '" +
                                      std::string(tabula::detail::without_query(shown_url)) +
                                      "' (tabula accepts schema, statement_timeout, prepared_statements, and libpq's connection "
                                      "keywords: sslmode, connect_timeout, application_name, target_session_attrs, ...)");
        }
    }
    add("client_encoding", "UTF8");
    return out;
}

}  // namespace tabula::postgres_backend
