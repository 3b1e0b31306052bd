// The SQL dialects tabula renders. A dialect decides identifier quoting, parameter placeholders,
// type names (sql/type_map.hpp) and the few statements whose syntax differs (upsert, identity).
#pragma once

#include <cstdint>
#include <string_view>

namespace tabula::sql {

enum class dialect : std::uint8_t { sqlite, postgres, mysql };

constexpr std::string_view to_string(dialect d) noexcept {
    switch (d) {
        case dialect::sqlite: return "sqlite";
        case dialect::postgres: return "postgresql";
        case dialect::mysql: return "mysql";
    }
    return "sqlite";
}

constexpr char identifier_quote(dialect d) noexcept { return d == dialect::mysql ? '`' : '"'; }

// PostgreSQL numbers its parameters ($1, $2, ...); the others use a bare '?'.
constexpr bool numbered_parameters(dialect d) noexcept { return d == dialect::postgres; }

}  // namespace tabula::sql
