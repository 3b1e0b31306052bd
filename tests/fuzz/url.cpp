// Fuzzes the database URL: tabula::parse_database_url, every backend's reading of it
// (sqlite_backend / postgres_backend / mysql_backend::options_from_url) and database_config.
//
// Properties, besides "no crash, no sanitizer report, nothing but a tabula::error thrown":
//   - a URL that parses keeps parsing once its password is hidden (detail::redact), with the
//     password shown as *** and every other part unchanged;
//   - an error about a URL never shows its password.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <tabula/backend/config.hpp>
#include <tabula/backend/mysql/options.hpp>
#if __has_include(<libpq-fe.h>)  // the PostgreSQL options read libpq's keyword list
#include <tabula/backend/postgres/options.hpp>
#define TABULA_FUZZ_POSTGRES 1
#endif
#include <tabula/backend/sqlite/options.hpp>
#include <tabula/backend/url.hpp>

#include "fuzz.hpp"

namespace {

// The password as written in the URL (still percent-encoded), read the way the grammar defines
// it: in the authority (up to the first '/' or '?'), between the first ':' and the last '@'.
std::string_view written_password(std::string_view url) {
    const std::size_t scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos) return {};
    std::string_view rest = url.substr(scheme_end + 3);
    rest = rest.substr(0, rest.find('?'));
    const std::string_view authority = rest.substr(0, rest.find('/'));
    const std::size_t at = authority.rfind('@');
    if (at == std::string_view::npos) return {};
    const std::size_t colon = authority.find(':');
    if (colon == std::string_view::npos || colon > at) return {};
    return authority.substr(colon + 1, at - colon - 1);
}

// An error shows the password if its text is in the message and stays out of the message about
// the same URL with another password of the same length (so it is not there for another reason:
// the same text elsewhere in the URL, or in the message's own words).
void check_message_hides(std::string_view url, const std::string& message, void (*read)(std::string_view)) {
    const std::string_view password = written_password(url);
    if (password.size() < 6 || message.find(password) == std::string::npos) return;
    std::string other(url);
    other.replace(static_cast<std::size_t>(password.data() - url.data()), password.size(),
                  std::string(password.size(), password.front() == 'x' ? 'y' : 'x'));
    std::string other_message;
    const bool other_fails = !fuzz::returns_or_throws_tabula_error([&] { read(other); }, &other_message);
    // Another password may also change what fails (the error was about this password's escapes):
    // then the text appearing elsewhere in the URL (a scheme holding it) is all the message shows.
    std::string rest(url);
    rest.erase(static_cast<std::size_t>(password.data() - url.data()), password.size());
    if (!other_fails && rest.find(password) != std::string::npos) return;
    fuzz::require(other_fails && other_message.find(password) != std::string::npos,
                  "an error message shows the password of URL '" + fuzz::printable(url) + "': " + fuzz::printable(message));
}

void check_redacted_form(std::string_view url, const tabula::database_url& parsed) {
    const std::string shown = tabula::detail::redact(url);
    tabula::database_url again;
    std::string message;
    const bool parses = fuzz::returns_or_throws_tabula_error([&] { again = tabula::parse_database_url(shown); }, &message);
    fuzz::require(parses, "the redacted form '" + fuzz::printable(shown) + "' of a valid URL does not parse: " + message);
    // A written password shows as ***; "user:@host" may show either way.
    const bool hidden = written_password(url).empty() ? again.password.empty() || again.password == "***" : again.password == "***";
    fuzz::require(hidden, "redact('" + fuzz::printable(url) + "') left the password as '" +
                                                           fuzz::printable(again.password) + "'");
    fuzz::require(again.scheme == parsed.scheme && again.driver == parsed.driver && again.user == parsed.user &&
                      again.host == parsed.host && again.port == parsed.port && again.database == parsed.database,
                  "redact('" + fuzz::printable(url) + "') changed a part other than the password: '" + fuzz::printable(shown) + "'");
    fuzz::require(again.query.size() == parsed.query.size(), "redact('" + fuzz::printable(url) + "') changed the query options");
    for (const auto& [key, value] : parsed.query) {
        const auto it = again.query.find(key);
        fuzz::require(it != again.query.end(), "redact('" + fuzz::printable(url) + "') lost option '" + fuzz::printable(key) + "'");
        fuzz::require(it->second == value || it->second == "***",
                      "redact('" + fuzz::printable(url) + "') changed option '" + fuzz::printable(key) + "'");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view url(reinterpret_cast<const char*>(data), size);
    tabula::database_url parsed;
    std::string message;
    if (!fuzz::returns_or_throws_tabula_error([&] { parsed = tabula::parse_database_url(url); }, &message)) {
        check_message_hides(url, message, [](std::string_view u) { tabula::parse_database_url(u); });
        return 0;
    }
    check_redacted_form(url, parsed);

    // Each backend's reading of the URL, as its connection does it before connecting.
    auto backend = [&](void (*read)(std::string_view)) {
        if (!fuzz::returns_or_throws_tabula_error([&] { read(url); }, &message)) check_message_hides(url, message, read);
    };
    backend([](std::string_view u) { tabula::sqlite_backend::options_from_url(tabula::parse_database_url(u), tabula::detail::redact(u)); });
#ifdef TABULA_FUZZ_POSTGRES
    backend([](std::string_view u) { tabula::postgres_backend::options_from_url(tabula::parse_database_url(u), tabula::detail::redact(u)); });
#endif
    backend([](std::string_view u) { tabula::mysql_backend::options_from_url(tabula::parse_database_url(u), tabula::detail::redact(u)); });
    if (!fuzz::returns_or_throws_tabula_error([&] { tabula::database_config::from_url(std::string(url)); }, &message))
        fuzz::fail("database_config::from_url refused a URL that parse_database_url accepts: " + message);
    return 0;
}
