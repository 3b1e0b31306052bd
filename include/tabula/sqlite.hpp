// The SQLite backend: include this header and link tabula::sqlite.
//   tabula::session<tabula::sqlite> db("sqlite:///app.db");
// Linked with tabula::sqlcipher instead (SQLCipher, TABULA_SQLCIPHER), the same backend also opens
// encrypted databases: sqlite+sqlcipher://:KEY@/app.db (see <tabula/sqlcipher.hpp>).
// Migrations for SQLite compile where <tabula/migrate.hpp> is included too (in either order).
#pragma once
#define TABULA_SQLITE_INCLUDED

#include <tabula/backend/sqlite/backend.hpp>
#include <tabula/tabula.hpp>

// TABULA_SEPARATE_COMPILATION (defined for the whole program): the session's own code for this
// backend is compiled once, in the one file that includes <tabula/separate_compilation.hpp>,
// instead of in every file that opens a session.
#ifdef TABULA_SEPARATE_COMPILATION
extern template class tabula::session<tabula::sqlite>;
extern template class tabula::transaction<tabula::session<tabula::sqlite>>;
extern template class tabula::detail::statement_cache<tabula::sqlite::statement>;
#endif

#ifdef TABULA_MIGRATE_INCLUDED
#include <tabula/backend/sqlite/migration.hpp>
#endif
