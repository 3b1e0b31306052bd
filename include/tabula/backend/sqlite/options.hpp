// SQLite connection options, read from the URL's query string:
//   sqlite:///app.db?busy_timeout=5000&wal=true&foreign_keys=true&synchronous=normal
// Unknown options are an error (a misspelt option silently ignored is a production incident).
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

    bool in_memory() const noexcept { return path.empty() || path == ":memory:"; }
};

namespace detail {

inline bool parse_flag(std::string_view key, std::string_view value, std::string_view url) {
    if (value == "1" || value == "true" || value == "on" || value == "yes") return true;
    if (value == "0" || value == "false" || value == "off" || value == "no") return false;
    throw configuration_error("tabula: option '" + std::string(key) + "' in database URL '" + std::string(url) +
                              "' must be true or false, not '" + std::string(value) + "'");
}

}  // namespace detail

inline options options_from_url(const database_url& url, std::string_view shown_url) {
    if (url.scheme != "sqlite")
        throw configuration_error("tabula: the SQLite backend cannot open scheme '" + url.scheme + "' in '" +
                                  std::string(shown_url) + "' (expected sqlite://)");
    if (!url.host.empty() || !url.user.empty() || url.port)
        throw configuration_error("tabula: a SQLite URL has no host, user or port: write sqlite:///relative.db or "
                                  "sqlite:////absolute.db, not '" + std::string(shown_url) + "'");
    options out;
    out.path = url.database;
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
            if (value == "ro") out.read_only = true;
            else if (value != "rwc" && value != "rw")
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
            throw configuration_error("tabula: unknown option '" + key + "' in database URL '" + std::string(shown_url) +
                                      "' (SQLite accepts busy_timeout, wal, foreign_keys, synchronous, mode)");
        }
    }
    return out;
}

}  // namespace tabula::sqlite_backend
