// tabula::sqlite, the backend tag a session is instantiated with: session<tabula::sqlite>.
#pragma once

#include <string_view>

#include <tabula/backend/contract.hpp>
#include <tabula/backend/sqlite/connection.hpp>
#include <tabula/backend/sqlite/options.hpp>
#include <tabula/backend/sqlite/statement.hpp>
#include <tabula/sql/dialect.hpp>

namespace tabula {

struct sqlite {
    static constexpr sql::dialect dialect = sql::dialect::sqlite;
    static constexpr std::string_view name = "sqlite";
    using options = sqlite_backend::options;
    using connection = sqlite_backend::connection;
    using statement = sqlite_backend::statement;
    // Generated keys come from sqlite3_last_insert_rowid as the INSERT finishes, not a result row.
    // SQLite stores text as given, NUL bytes included.
    static constexpr bool text_holds_nul = true;
    static constexpr bool insert_returns_key = false;
};

static_assert(backend<sqlite>, "tabula::sqlite must meet the backend contract (backend/contract.hpp)");

}  // namespace tabula
