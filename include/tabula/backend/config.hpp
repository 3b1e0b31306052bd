// Where the database is and how connections to it are pooled, from a URL or from the environment
// the way Open WebUI reads it:
//
//   DATABASE_URL                       the URL; otherwise, when all of them are set,
//   DATABASE_TYPE, DATABASE_USER, DATABASE_PASSWORD, DATABASE_HOST, DATABASE_PORT, DATABASE_NAME
//                                      (the user and password are percent-encoded into the URL, so
//                                      any character works); otherwise the application's default
//   DATABASE_TYPE=sqlite+sqlcipher     with no DATABASE_URL: the default URL, encrypted
//   DATABASE_PASSWORD                  the key of an sqlite+sqlcipher:// database
//   DATABASE_SCHEMA                    PostgreSQL: the schema tables and the version table live in
//   DATABASE_ENABLE_SQLITE_WAL         SQLite: journal_mode=WAL (true/false)
//   DATABASE_POOL_SIZE                 connections kept open; 0 opens a fresh one per session
//   DATABASE_POOL_MAX_OVERFLOW         connections opened beyond the pool under load
//   DATABASE_POOL_TIMEOUT              seconds to wait for a free connection
//   DATABASE_POOL_RECYCLE              seconds after which a connection is replaced; -1: never
//
//   auto config = tabula::database_config::from_environment("sqlite:///" + data_dir + "/webui.db");
//
// A malformed value is a configuration_error naming the variable; a password never appears in an
// error or in `shown_url()`.
#pragma once

#include <charconv>
#include <chrono>
#include <cstddef>
#include <cstdlib>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <tabula/backend/url.hpp>
#include <tabula/error.hpp>

namespace tabula {

// A connection pool's settings, named as SQLAlchemy's create_engine names them.
struct pool_options {
    std::size_t size = 5;                                 // pool_size; 0: no pool (NullPool)
    std::size_t max_overflow = 10;                        // max_overflow
    std::chrono::milliseconds timeout{30'000};            // pool_timeout
    std::optional<std::chrono::milliseconds> recycle{};   // pool_recycle; empty: never
    bool pre_ping = true;                                 // pool_pre_ping
};

struct database_config {
    std::string url;
    pool_options pool{};

    // The URL with its password hidden, for logs.
    std::string shown_url() const { return detail::redact(url); }
    // The backend the URL names: "sqlite", "postgresql", "mysql".
    std::string scheme() const { return parse_database_url(url).scheme; }

    using environment = std::function<std::optional<std::string>(std::string_view name)>;

    [[gnu::cold]] static std::optional<std::string> process_environment(std::string_view name) {
        const char* value = std::getenv(std::string(name).c_str());
        if (!value) return std::nullopt;
        return std::string(value);
    }

    [[gnu::cold]] static database_config from_url(std::string url, pool_options pool = {}) {
        database_config out{std::move(url), pool};
        parse_database_url(out.url);  // refuses a malformed URL now, naming the part
        return out;
    }

    [[gnu::cold]] static database_config from_environment(std::string_view default_url, const environment& env = process_environment) {
        auto get = [&](std::string_view name) -> std::optional<std::string> {
            auto value = env(name);
            if (value && value->empty()) return std::nullopt;  // set but empty counts as unset
            return value;
        };
        database_config out;
        const auto type = get("DATABASE_TYPE");
        const auto user = get("DATABASE_USER");
        const auto password = get("DATABASE_PASSWORD");
        const auto host = get("DATABASE_HOST");
        const auto port = get("DATABASE_PORT");
        const auto name = get("DATABASE_NAME");
        if (const auto url = get("DATABASE_URL")) {
            out.url = *url;
        } else if (type && user && host && port && name) {
            // A scheme, with an optional +driver: anything else would change how the URL reads
            // (a "://" in it would move the password out of its place and into messages).
            if (type->find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789+") != std::string::npos)
                throw configuration_error("tabula: DATABASE_TYPE must be a URL scheme such as postgresql or mysql, not '" + *type + "'");
            if (!detail::parse_port(*port))
                throw configuration_error("tabula: DATABASE_PORT must be a port number (1-65535), not '" + *port + "'");
            out.url = *type + "://" + detail::percent_encode(*user) + (password ? ":" + detail::percent_encode(*password) : "") + "@" +
                      url_host(*host) + ":" + *port + "/" + detail::percent_encode(*name);
        } else {
            out.url = std::string(default_url);
            if (type && *type == "sqlite+sqlcipher" && out.url.rfind("sqlite://", 0) == 0) out.url.insert(6, "+sqlcipher");
        }
        database_url parsed = [&] {
            try {
                return parse_database_url(out.url);
            } catch (const configuration_error& e) {
                throw configuration_error(std::string(e.what()) + " (from " + (get("DATABASE_URL") ? "DATABASE_URL" : "the DATABASE_* variables") + ")");
            }
        }();
        // An encrypted SQLite database takes its key from DATABASE_PASSWORD.
        if (parsed.scheme == "sqlite" && parsed.driver == "sqlcipher" && parsed.password.empty()) {
            if (!password) throw configuration_error("tabula: an sqlite+sqlcipher:// database needs its key in DATABASE_PASSWORD");
            out.url = with_password(out.url, *password);
        }
        if (const auto schema = get("DATABASE_SCHEMA")) {
            if (parsed.scheme != "postgresql")
                throw configuration_error("tabula: DATABASE_SCHEMA applies to PostgreSQL only, but the database is " + parsed.scheme +
                                          " ('" + detail::redact(out.url) + "')");
            if (!parsed.option("schema")) out.url = with_option(out.url, "schema", *schema);
        }
        if (const auto wal = get("DATABASE_ENABLE_SQLITE_WAL"); wal && parsed.scheme == "sqlite" && !parsed.option("wal")) {
            const bool on = flag("DATABASE_ENABLE_SQLITE_WAL", *wal);
            out.url = with_option(out.url, "wal", on ? "true" : "false");
        }

        // SQLAlchemy's defaults unless the pool is configured; Open WebUI's when it is.
        if (const auto size = get("DATABASE_POOL_SIZE")) {
            out.pool.size = static_cast<std::size_t>(number("DATABASE_POOL_SIZE", *size, 0));
            out.pool.max_overflow = 0;
        }
        if (const auto overflow = get("DATABASE_POOL_MAX_OVERFLOW"))
            out.pool.max_overflow = static_cast<std::size_t>(number("DATABASE_POOL_MAX_OVERFLOW", *overflow, 0));
        if (const auto timeout = get("DATABASE_POOL_TIMEOUT"))
            out.pool.timeout = std::chrono::milliseconds(number("DATABASE_POOL_TIMEOUT", *timeout, 0) * 1000);
        out.pool.recycle = std::chrono::milliseconds(3600 * 1000);
        if (const auto recycle = get("DATABASE_POOL_RECYCLE")) {
            const long long seconds = number("DATABASE_POOL_RECYCLE", *recycle, -1);
            if (seconds < 0) out.pool.recycle.reset();
            else out.pool.recycle = std::chrono::milliseconds(seconds * 1000);
        }
        parse_database_url(out.url);
        return out;
    }

private:
    // DATABASE_HOST as a URL's host: encoded, so a '%', '@', '/' or ':' in it reaches the driver as
    // written (a socket directory, a host list); an IPv6 literal in brackets stays as it is.
    [[gnu::cold]] static std::string url_host(const std::string& host) {
        if (host.size() > 2 && host.front() == '[' && host.back() == ']' &&
            host.find_first_not_of("0123456789abcdefABCDEF:.", 1) == host.size() - 1)
            return host;
        return detail::percent_encode(host);
    }

    // Counts and seconds up to a billion: more is a typo, and seconds * 1000 must not overflow.
    [[gnu::cold]] static long long number(std::string_view variable, const std::string& text, long long minimum) {
        constexpr long long maximum = 1'000'000'000;
        long long value = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec != std::errc{} || end != text.data() + text.size() || value < minimum || value > maximum)
            throw configuration_error("tabula: " + std::string(variable) + " must be a whole number from " + std::to_string(minimum) +
                                      " to " + std::to_string(maximum) + (minimum < 0 ? std::string(" (-1: never)") : std::string()) +
                                      ", not '" + text + "'");
        return value;
    }
    [[gnu::cold]] static bool flag(std::string_view variable, const std::string& text) {
        if (const auto value = detail::parse_boolean(text)) return *value;
        throw configuration_error("tabula: " + std::string(variable) + " must be " + std::string(detail::boolean_spellings) + ", not '" +
                                  text + "'");
    }
    [[gnu::cold]] static std::string with_option(std::string url, std::string_view key, std::string_view value) {
        url += url.find('?') == std::string::npos ? '?' : '&';
        url += std::string(key) + "=" + detail::percent_encode(value);
        return url;
    }
    // scheme://[user][:password]@... with the password put in, percent-encoded.
    [[gnu::cold]] static std::string with_password(const std::string& url, std::string_view password) {
        // The authority ends at the path or the query, as parse_database_url reads it: an '@' in
        // the query is no user's.
        const std::size_t start = url.find("://") + 3;
        const std::size_t slash = url.find_first_of("/?", start);
        const std::size_t at = url.find('@', start);
        // Appended, not `":" + temporary`: GCC 12 at -O3 warns (-Wrestrict, a false positive) on
        // operator+(const char*, std::string&&), which would fail a user's -Werror build.
        std::string encoded = ":";
        encoded += detail::percent_encode(password);
        if (at != std::string::npos && (slash == std::string::npos || at < slash)) {
            const std::size_t colon = url.find(':', start);
            const std::size_t user_end = colon != std::string::npos && colon < at ? colon : at;
            return url.substr(0, user_end) + encoded + url.substr(at);
        }
        return url.substr(0, start) + encoded + "@" + url.substr(start);
    }
};

}  // namespace tabula
