// The MySQL/MariaDB backend (MariaDB Connector/C): include this header and link tabula::mysql.
//   tabula::session<tabula::mysql> db("mysql://app:secret@db.internal:3306/app");
// Migrations for MySQL compile where <tabula/migrate.hpp> is included too (in either order).
#pragma once
#define TABULA_MYSQL_INCLUDED

#include <tabula/backend/mysql/backend.hpp>
#include <tabula/tabula.hpp>

// TABULA_SEPARATE_COMPILATION (defined for the whole program): the session's own code for this
// backend is compiled once, in the one file that includes <tabula/separate_compilation.hpp>,
// instead of in every file that opens a session.
#ifdef TABULA_SEPARATE_COMPILATION
extern template class tabula::session<tabula::mysql>;
extern template class tabula::transaction<tabula::session<tabula::mysql>>;
extern template class tabula::detail::statement_cache<tabula::mysql::statement>;
#endif

#ifdef TABULA_MIGRATE_INCLUDED
#include <tabula/backend/mysql/migration.hpp>
#endif
