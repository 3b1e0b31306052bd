// The SQLite backend: include this header and link tabula::sqlite.
//   tabula::session<tabula::sqlite> db("sqlite:///app.db");
#pragma once

#include <tabula/backend/sqlite/connection.hpp>
#include <tabula/backend/sqlite/migration.hpp>
#include <tabula/backend/sqlite/options.hpp>
#include <tabula/backend/sqlite/statement.hpp>
#include <tabula/sql/dialect.hpp>
#include <tabula/tabula.hpp>

namespace tabula {

struct sqlite {
    static constexpr sql::dialect dialect = sql::dialect::sqlite;
    using connection = sqlite_backend::connection;
    using statement = sqlite_backend::statement;
    using options = sqlite_backend::options;
    using migration = sqlite_backend::migration_support;
    // SQLite reports generated keys through sqlite3_last_insert_rowid, not a result row.
    static constexpr bool insert_returns_key = false;
};

}  // namespace tabula
