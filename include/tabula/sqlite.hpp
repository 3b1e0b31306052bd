// The SQLite backend: include this header and link tabula::sqlite.
//   tabula::session<tabula::sqlite> db("sqlite:///app.db");
// Linked with tabula::sqlcipher instead (SQLCipher, TABULA_SQLCIPHER), the same backend also opens
// encrypted databases: sqlite+sqlcipher://:KEY@/app.db (see <tabula/sqlcipher.hpp>).
// Migrations for SQLite compile where <tabula/migrate.hpp> is included too (in either order).
#pragma once
#define TABULA_SQLITE_INCLUDED

#include <tabula/backend/sqlite/backend.hpp>
#include <tabula/tabula.hpp>

#ifdef TABULA_MIGRATE_INCLUDED
#include <tabula/backend/sqlite/migration.hpp>
#endif
