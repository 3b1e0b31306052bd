// The PostgreSQL backend (libpq): include this header and link tabula::postgres.
//   tabula::session<tabula::postgres> db("postgresql://app:secret@db.internal:5432/app");
// Migrations for PostgreSQL compile where <tabula/migrate.hpp> is included too (in either order).
#pragma once
#define TABULA_POSTGRES_INCLUDED

#include <tabula/backend/postgres/backend.hpp>
#include <tabula/tabula.hpp>

#ifdef TABULA_MIGRATE_INCLUDED
#include <tabula/backend/postgres/migration.hpp>
#endif
