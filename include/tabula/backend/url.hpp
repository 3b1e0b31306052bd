// Database URLs in SQLAlchemy's form: scheme://user:password@host:port/database?key=value.
// SQLite paths: sqlite:///relative.db, sqlite:////absolute.db, sqlite:// (in memory).
// postgres:// is accepted as postgresql://, as Open WebUI does; mariadb:// as mysql://.
//
// Parsed here rather than with Boost.URL, measured on Boost 1.81: Boost.URL is a compiled library
// (libboost_url, not part of the header-only Boost a user already has), its RFC 3986 reading
// silently misreads forms libpq and SQLAlchemy accept (the host list "h1:5432,h2:5433" becomes
// host "h1"; the unencoded '@' in "user:p@ss@db" makes the host "ss"), and including it costs a
// translation unit 0.3 s and 88 MB more.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <tabula/error.hpp>

namespace tabula {

struct database_url {
    std::string scheme;    // "sqlite", "postgresql", "mysql", ... (driver suffix "+x" kept in driver)
    std::string driver;    // "psycopg2" in postgresql+psycopg2://, empty otherwise
    std::string user;
    std::string password;
    std::string host;
    std::optional<unsigned> port;
    std::string database;  // path for SQLite (empty: in memory), database name otherwise
    std::map<std::string, std::string, std::less<>> query;

    std::optional<std::string_view> option(std::string_view key) const {
        auto it = query.find(key);
        if (it == query.end()) return std::nullopt;
        return std::string_view{it->second};
    }
};

namespace detail {

inline int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Percent-decoding; `part` names the URL part in the error.
[[gnu::cold]] inline std::string percent_decode(std::string_view text, std::string_view part, std::string_view url) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out.push_back(text[i]);
            continue;
        }
        const int high = i + 1 < text.size() ? hex_value(text[i + 1]) : -1;
        const int low = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
        if (high < 0 || low < 0)
            throw configuration_error("tabula: invalid percent-escape in the " + std::string(part) + " of database URL '" +
                                      std::string(url) + "'");
        out.push_back(static_cast<char>(high * 16 + low));
        i += 2;
    }
    return out;
}

// "5432" -> 5432; nullopt for anything but 1-65535.
[[gnu::cold]] inline std::optional<unsigned> parse_port(std::string_view text) {
    if (text.empty() || text.size() > 5) return std::nullopt;
    unsigned value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + static_cast<unsigned>(c - '0');
    }
    if (value == 0 || value > 65535) return std::nullopt;
    return value;
}

// Percent-encoding of everything but RFC 3986's unreserved characters: safe in any URL part.
[[gnu::cold]] inline std::string percent_encode(std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
            out.push_back(c);
        } else {
            out.push_back('%');
            out.push_back(hex[byte >> 4]);
            out.push_back(hex[byte & 0xf]);
        }
    }
    return out;
}

[[gnu::cold]] inline std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// Query options that carry secrets (libpq's password and sslpassword, SQLCipher's key), and any
// option whose name says it might (a misspelt or foreign option is refused, but its error and
// logs still show the URL).
[[gnu::cold]] inline bool secret_option(std::string_view key) {
    const std::string name = ascii_lower(key);
    for (std::string_view hint : {"pass", "secret", "token", "key", "credential", "auth"})
        if (name.find(hint) != std::string::npos) return true;
    return false;
}

// One spelling of booleans for every backend's options and for DATABASE_ENABLE_SQLITE_WAL:
// true/false, 1/0, yes/no, on/off, in any case. nullopt for anything else.
[[gnu::cold]] inline std::optional<bool> parse_boolean(std::string_view text) {
    const std::string value = ascii_lower(text);
    if (value == "true" || value == "1" || value == "yes" || value == "on") return true;
    if (value == "false" || value == "0" || value == "no" || value == "off") return false;
    return std::nullopt;
}
inline constexpr std::string_view boolean_spellings = "true or false (also 1/0, yes/no, on/off)";

// The shown (already redacted) URL without its query string: an error about an option the
// backend does not know names the option, never its value, which might be a secret.
inline std::string_view without_query(std::string_view shown_url) { return shown_url.substr(0, shown_url.find('?')); }

// The URL with its password (and any secret query option) replaced, for error messages and logs.
// Reads the authority the way the parser does, so a password holding '@' is hidden whole.
[[gnu::cold]] inline std::string redact(std::string_view url) {
    const std::size_t scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos) return std::string(url);
    const std::size_t start = scheme_end + 3;
    const std::size_t query = url.find('?', start);
    std::size_t slash = url.find('/', start);
    if (slash == std::string_view::npos || slash > query) slash = query;
    std::string out;
    const std::string_view authority = url.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    const std::size_t at = authority.rfind('@');
    const std::size_t colon = authority.find(':');
    if (at != std::string_view::npos && colon != std::string_view::npos && colon < at)
        out = std::string(url.substr(0, start + colon + 1)) + "***" + std::string(authority.substr(at));
    else
        out = std::string(url.substr(0, start)) + std::string(authority);
    if (slash == std::string_view::npos) return out;
    if (query == std::string_view::npos) return out + std::string(url.substr(slash));
    out += std::string(url.substr(slash, query - slash));
    // Query options: secrets hidden, everything else as written.
    std::string_view rest = url.substr(query + 1);
    out += '?';
    bool first = true;
    while (true) {
        const std::size_t amp = rest.find('&');
        const std::string_view pair = rest.substr(0, amp);
        const std::size_t eq = pair.find('=');
        if (!first) out += '&';
        first = false;
        if (eq != std::string_view::npos && secret_option(pair.substr(0, eq))) out += std::string(pair.substr(0, eq)) + "=***";
        else out += std::string(pair);
        if (amp == std::string_view::npos) break;
        rest = rest.substr(amp + 1);
    }
    return out;
}

}  // namespace detail

[[gnu::cold]] inline database_url parse_database_url(std::string_view url) {
    std::string shown = detail::redact(url);
    auto fail = [&](std::string_view what) -> database_url {
        throw configuration_error("tabula: " + std::string(what) + " in database URL '" + shown + "'");
    };
    database_url out;
    const std::size_t scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos || scheme_end == 0) return fail("missing scheme (expected e.g. sqlite:///app.db)");
    // A fragment means nothing to a database: sqlite:///a.db#x would otherwise open a file named
    // "a.db#x". A '#' among the credentials is left to them (a password may hold one unencoded);
    // after them it starts a fragment, which is not shown (it may be a mistyped secret).
    {
        const std::size_t authority_end = url.find_first_of("/?", scheme_end + 3);
        const std::size_t at = url.substr(0, authority_end).rfind('@');
        const std::size_t hash = url.find('#', at == std::string_view::npos || at < scheme_end ? scheme_end + 3 : at + 1);
        if (hash != std::string_view::npos) {
            shown = detail::redact(url.substr(0, hash)) + "#...";
            return fail("a fragment ('#' and what follows) has no meaning (write %23 for a '#' in a path or an option)");
        }
    }
    std::string_view scheme = url.substr(0, scheme_end);
    if (const std::size_t plus = scheme.find('+'); plus != std::string_view::npos) {
        out.driver = std::string(scheme.substr(plus + 1));
        scheme = scheme.substr(0, plus);
    }
    out.scheme = std::string(scheme);
    if (out.scheme == "postgres") out.scheme = "postgresql";
    if (out.scheme == "mariadb") out.scheme = "mysql";  // one client library speaks to both
    for (char c : out.scheme)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return fail("invalid scheme '" + out.scheme + "'");

    std::string_view rest = url.substr(scheme_end + 3);
    std::string_view query;
    if (const std::size_t q = rest.find('?'); q != std::string_view::npos) {
        query = rest.substr(q + 1);
        rest = rest.substr(0, q);
    }

    // authority: everything up to the first '/'; for SQLite it is always empty.
    const std::size_t slash = rest.find('/');
    std::string_view authority = rest.substr(0, slash);
    std::string_view path = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);

    if (!authority.empty()) {
        if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
            std::string_view credentials = authority.substr(0, at);
            authority = authority.substr(at + 1);
            const std::size_t colon = credentials.find(':');
            out.user = detail::percent_decode(credentials.substr(0, colon), "user", shown);
            if (colon != std::string_view::npos)
                out.password = detail::percent_decode(credentials.substr(colon + 1), "password", shown);
        }
        // host[:port], or [ipv6]:port
        std::string_view host = authority;
        std::string_view port;
        if (!host.empty() && host.front() == '[') {
            const std::size_t close = host.find(']');
            if (close == std::string_view::npos) return fail("unterminated '[' in host");
            std::string_view after = host.substr(close + 1);
            if (!after.empty() && after.front() != ':') return fail("unexpected text after ']' in host");
            if (!after.empty()) port = after.substr(1);
            host = host.substr(1, close - 1);
            if (!after.empty() && port.empty()) return fail("empty port");
        } else if (const std::size_t colon = host.rfind(':'); colon != std::string_view::npos) {
            port = host.substr(colon + 1);
            host = host.substr(0, colon);
            if (port.empty()) return fail("empty port");
        }
        out.host = detail::percent_decode(host, "host", shown);
        if (!port.empty()) {
            out.port = detail::parse_port(port);
            if (!out.port) return fail("invalid port '" + std::string(port) + "' (expected 1-65535)");
        }
    }
    out.database = detail::percent_decode(path, "database path", shown);

    while (!query.empty()) {
        const std::size_t amp = query.find('&');
        std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        if (pair.empty()) continue;
        const std::size_t eq = pair.find('=');
        std::string key = detail::percent_decode(pair.substr(0, eq), "query", shown);
        std::string value = eq == std::string_view::npos ? std::string{} : detail::percent_decode(pair.substr(eq + 1), "query", shown);
        if (key.empty()) return fail("empty option name in query");
        if (out.query.contains(key)) return fail("option '" + key + "' given twice in query");
        out.query.emplace(std::move(key), std::move(value));
    }
    return out;
}

}  // namespace tabula
