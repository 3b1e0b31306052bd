// tabula::postgres, the backend tag a session is instantiated with: session<tabula::postgres>.
#pragma once

#include <string_view>

#include <tabula/backend/contract.hpp>
#include <tabula/backend/postgres/connection.hpp>
#include <tabula/backend/postgres/options.hpp>
#include <tabula/backend/postgres/statement.hpp>
#include <tabula/sql/dialect.hpp>

namespace tabula {

struct postgres {
    static constexpr sql::dialect dialect = sql::dialect::postgres;
    static constexpr std::string_view name = "postgresql";
    using options = postgres_backend::options;
    using connection = postgres_backend::connection;
    using statement = postgres_backend::statement;
    // INSERT ... RETURNING "id": the generated key comes back as a result row.
    // PostgreSQL text cannot hold a NUL byte: such values are refused with type_mismatch.
    static constexpr bool text_holds_nul = false;
    static constexpr bool insert_returns_key = true;
};

static_assert(backend<postgres>, "tabula::postgres must meet the backend contract (backend/contract.hpp)");

}  // namespace tabula
