// Fuzzes the environment-variable configuration (database_config::from_environment, Open WebUI's
// DATABASE_URL / DATABASE_TYPE, _USER, _PASSWORD, _HOST, _PORT, _NAME, _SCHEMA, the pool and WAL
// variables). The input is lines; a line's first byte picks the variable, the rest is its value.
//
// Properties, besides "no crash, nothing but a tabula::error thrown":
//   - a configuration built from the component variables reads back as exactly those components
//     (user, password, host, port, database name): nothing is silently changed or truncated;
//   - an error never shows DATABASE_PASSWORD.
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <tabula/backend/config.hpp>
#include <tabula/backend/url.hpp>

#include "fuzz.hpp"

namespace {

constexpr std::array<std::string_view, 15> variables = {
    "DATABASE_URL",       "DATABASE_TYPE",      "DATABASE_USER",         "DATABASE_PASSWORD",          "DATABASE_HOST",
    "DATABASE_PORT",      "DATABASE_NAME",      "DATABASE_SCHEMA",       "DATABASE_ENABLE_SQLITE_WAL", "DATABASE_POOL_SIZE",
    "DATABASE_POOL_TIMEOUT", "DATABASE_POOL_RECYCLE", "DATABASE_POOL_MAX_OVERFLOW", "DATABASE_TYPE", "DATABASE_PORT"};

std::string described(const std::map<std::string, std::string, std::less<>>& env) {
    std::string out;
    for (const auto& [name, value] : env) out += "\n  " + name + "='" + fuzz::printable(value) + "'";
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::map<std::string, std::string, std::less<>> env;
    std::string_view input(reinterpret_cast<const char*>(data), size);
    while (!input.empty()) {
        const std::size_t end = input.find('\n');
        const std::string_view line = input.substr(0, end);
        input = end == std::string_view::npos ? std::string_view{} : input.substr(end + 1);
        if (line.empty()) continue;
        env[std::string(variables[static_cast<unsigned char>(line[0]) % variables.size()])] = std::string(line.substr(1));
    }
    auto get = [&](std::string_view name) -> std::optional<std::string> {
        const auto it = env.find(name);
        if (it == env.end()) return std::nullopt;
        return it->second;
    };

    tabula::database_config config;
    std::string message;
    const bool built = fuzz::returns_or_throws_tabula_error(
        [&] { config = tabula::database_config::from_environment("sqlite:///data/webui.db", get); }, &message);
    if (!built) {
        // The password's text in the message is a leak unless the message about the same
        // variables with another password of the same length has it too (it is there for another
        // reason: the same text in another variable, or in the message's own words).
        const auto password = get("DATABASE_PASSWORD");
        if (password && password->size() >= 6 && message.find(*password) != std::string::npos) {
            auto other = env;
            other["DATABASE_PASSWORD"] = std::string(password->size(), password->front() == 'x' ? 'y' : 'x');
            auto get_other = [&](std::string_view name) -> std::optional<std::string> {
                const auto it = other.find(name);
                if (it == other.end()) return std::nullopt;
                return it->second;
            };
            std::string other_message;
            const bool other_fails = !fuzz::returns_or_throws_tabula_error(
                [&] { tabula::database_config::from_environment("sqlite:///data/webui.db", get_other); }, &other_message);
            fuzz::require(other_fails && other_message.find(*password) != std::string::npos,
                          "an error shows DATABASE_PASSWORD:" + described(env) + "\n  " + fuzz::printable(message));
        }
        return 0;
    }

    // Empty counts as unset, as in Open WebUI.
    auto set = [&](std::string_view name) { return get(name) && !get(name)->empty(); };
    if (set("DATABASE_URL") || !(set("DATABASE_TYPE") && set("DATABASE_USER") && set("DATABASE_HOST") && set("DATABASE_PORT") &&
                                 set("DATABASE_NAME")))
        return 0;
    const tabula::database_url url = tabula::parse_database_url(config.url);
    const std::string shown = "\n  gave '" + fuzz::printable(config.shown_url()) + "' from:" + described(env);
    fuzz::require(url.user == *get("DATABASE_USER"), "DATABASE_USER read back as '" + fuzz::printable(url.user) + "'" + shown);
    fuzz::require(url.password == (set("DATABASE_PASSWORD") ? *get("DATABASE_PASSWORD") : std::string{}),
                  "DATABASE_PASSWORD read back differently" + shown);
    std::string host = *get("DATABASE_HOST");
    if (host.size() > 2 && host.front() == '[' && host.back() == ']' && host.find_first_not_of("0123456789abcdefABCDEF:.", 1) == host.size() - 1)
        host = host.substr(1, host.size() - 2);  // an IPv6 literal
    fuzz::require(url.host == host, "DATABASE_HOST read back as '" + fuzz::printable(url.host) + "'" + shown);
    fuzz::require(url.port && url.port == tabula::detail::parse_port(*get("DATABASE_PORT")), "DATABASE_PORT read back differently" + shown);
    fuzz::require(url.database == *get("DATABASE_NAME"), "DATABASE_NAME read back as '" + fuzz::printable(url.database) + "'" + shown);
    return 0;
}
