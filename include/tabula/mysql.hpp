// The MySQL/MariaDB backend (MariaDB Connector/C): include this header and link tabula::mysql.
//   tabula::session<tabula::mysql> db("mysql://app:secret@db.internal:3306/app");
// Migrations for MySQL compile where <tabula/migrate.hpp> is included too (in either order).
#pragma once
#define TABULA_MYSQL_INCLUDED

#include <tabula/backend/mysql/backend.hpp>
#include <tabula/tabula.hpp>

#ifdef TABULA_MIGRATE_INCLUDED
#include <tabula/backend/mysql/migration.hpp>
#endif
