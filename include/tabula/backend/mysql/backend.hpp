// tabula::mysql, the backend tag a session is instantiated with: session<tabula::mysql>. It
// serves MySQL and MariaDB alike (mysql:// and mariadb:// URLs), through MariaDB Connector/C.
#pragma once

#include <string_view>

#include <tabula/backend/contract.hpp>
#include <tabula/backend/mysql/connection.hpp>
#include <tabula/backend/mysql/options.hpp>
#include <tabula/backend/mysql/statement.hpp>
#include <tabula/sql/dialect.hpp>

namespace tabula {

struct mysql {
    static constexpr sql::dialect dialect = sql::dialect::mysql;
    static constexpr std::string_view name = "mysql";
    using options = mysql_backend::options;
    using connection = mysql_backend::connection;
    using statement = mysql_backend::statement;
    // Generated keys come from the INSERT's own result (mysql_stmt_insert_id), not a result row.
    // Text travels in binary form with its length, NUL bytes included.
    static constexpr bool text_holds_nul = true;
    static constexpr bool insert_returns_key = false;
};

static_assert(backend<mysql>, "tabula::mysql must meet the backend contract (backend/contract.hpp)");

}  // namespace tabula
