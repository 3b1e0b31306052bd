// SQLite connection options, read from the URL's query string:
//   sqlite:///app.db?busy_timeout=5000&wal=true&foreign_keys=true&synchronous=normal
// Unknown options are an error (a misspelt option silently ignored is a production incident).
//
// An encrypted database (SQLCipher) takes its key from the URL's password, percent-encoded, as
// SQLAlchemy's pysqlcipher dialect does: sqlite+sqlcipher://:KEY@/app.db (sqlite+pysqlcipher://
// too). Only a program built with SQLCipher (the CMake target tabula::sqlcipher, which defines
// TABULA_SQLCIPHER) opens one; any other says so.
#pragma once

#include <charconv>
#include <string>
#include <string_view>

#include <tabula/backend/url.hpp>
#include <tabula/error.hpp>

namespace tabula::sqlite_backend {

struct options {
    std::string path;        // file path; empty for an in-memory database
    int busy_timeout_ms = 5000;
    bool wal = false;        // journal_mode=WAL (Open WebUI: DATABASE_ENABLE_SQLITE_WAL)
    bool foreign_keys = true;
    std::string synchronous; // OFF, NORMAL, FULL or EXTRA; empty keeps SQLite's default
    bool read_only = false;
    bool create = true;      // mode=rwc (the default) creates a missing file; mode=rw and mode=ro do not
    std::string key;         // SQLCipher's key (sqlite+sqlcipher://); empty: not encrypted

    bool in_memory() const noexcept { return path.empty() || path == ":memory:"; }
};

namespace detail {

[[gnu::cold]] inline bool parse_flag(std::string_view key, std::string_view value, std::string_view url) {
    if (const auto flag = tabula::detail::parse_boolean(value)) return *flag;
    throw configuration_error("tabula: option '" + std::string(key) + "' in database URL '" + std::string(url) + "' must be " +
                              std::string(tabula::detail::boolean_spellings) + ", not '" + std::string(value) + "'");
}

}  // namespace detail

// sqlite+sqlcipher:// (and SQLAlchemy's sqlite+pysqlcipher://): an encrypted database.
inline bool encrypted_url(const database_url& url) noexcept {
    return url.scheme == "sqlite" && (url.driver == "sqlcipher" || url.driver == "pysqlcipher");
}

[[gnu::cold]] inline options options_from_url(const database_url& url, std::string_view shown_url) {
    if (url.scheme != "sqlite")
        throw configuration_error("tabula: the SQLite backend cannot open scheme '" + url.scheme + "' in '" +
                                  std::string(shown_url) + "' (expected sqlite://)");
    const bool encrypted = encrypted_url(url);
#ifndef TABULA_SQLCIPHER
    if (encrypted)
        throw configuration_error("tabula: '" + std::string(shown_url) +
                                  "' is an encrypted SQLite database, but this program is built without SQLCipher (it links "
                                  "plain SQLite): link the CMake target tabula::sqlcipher instead of tabula::sqlite");
#endif
    if (!url.host.empty() || !url.user.empty() || url.port || (!encrypted && !url.password.empty()))
        throw configuration_error("tabula: a SQLite URL has no host, user or port: write sqlite:///relative.db or "
                                  "sqlite:////absolute.db (encrypted: sqlite+sqlcipher://:KEY@/relative.db), not '" +
                                  std::string(shown_url) + "'");
    if (encrypted && url.password.empty())
        throw configuration_error("tabula: the encrypted SQLite database '" + std::string(shown_url) +
                                  "' needs its key: set DATABASE_PASSWORD (database_config::from_environment puts it in the "
                                  "URL), or write it percent-encoded as the URL's password: sqlite+sqlcipher://:KEY@/path.db");
    options out;
    out.path = url.database;
    if (encrypted) out.key = url.password;
    for (const auto& [key, value] : url.query) {
        if (key == "busy_timeout") {
            int ms = 0;
            const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), ms);
            if (ec != std::errc{} || end != value.data() + value.size() || ms < 0)
                throw configuration_error("tabula: option 'busy_timeout' in database URL '" + std::string(shown_url) +
                                          "' must be a non-negative number of milliseconds, not '" + value + "'");
            out.busy_timeout_ms = ms;
        } else if (key == "wal") {
            out.wal = detail::parse_flag(key, value, shown_url);
        } else if (key == "foreign_keys") {
            out.foreign_keys = detail::parse_flag(key, value, shown_url);
        } else if (key == "mode") {
            if (value == "ro") out.read_only = true, out.create = false;
            else if (value == "rw") out.create = false;
            else if (value != "rwc")
                throw configuration_error("tabula: option 'mode' in database URL '" + std::string(shown_url) +
                                          "' must be ro, rw or rwc, not '" + value + "'");
        } else if (key == "synchronous") {
            std::string upper;
            for (char c : value) upper.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
            if (upper != "OFF" && upper != "NORMAL" && upper != "FULL" && upper != "EXTRA")
                throw configuration_error("tabula: option 'synchronous' in database URL '" + std::string(shown_url) +
                                          "' must be OFF, NORMAL, FULL or EXTRA, not '" + value + "'");
            out.synchronous = upper;
        } else {
            throw configuration_error("tabula: unknown option '" + key + "' in the query of database URL '" +
                                      std::string(tabula::detail::without_query(shown_url)) +
                                      "' (SQLite accepts busy_timeout, wal, foreign_keys, synchronous, mode)");
        }
    }
    return out;
}

}  // namespace tabula::sqlite_backend
