// The PostgreSQL backend (libpq): include this header and link tabula::postgres.
//   tabula::session<tabula::postgres> db("postgresql://app:secret@db.internal:5432/app");
// Migrations for PostgreSQL compile where <tabula/migrate.hpp> is included too (in either order).
#pragma once
#define TABULA_POSTGRES_INCLUDED

#include <tabula/backend/postgres/backend.hpp>
#include <tabula/tabula.hpp>

// TABULA_SEPARATE_COMPILATION (defined for the whole program): the session's own code for this
// backend is compiled once, in the one file that includes <tabula/separate_compilation.hpp>,
// instead of in every file that opens a session.
#ifdef TABULA_SEPARATE_COMPILATION
extern template class tabula::session<tabula::postgres>;
extern template class tabula::transaction<tabula::session<tabula::postgres>>;
extern template class tabula::detail::statement_cache<tabula::postgres::statement>;
#endif

#ifdef TABULA_MIGRATE_INCLUDED
#include <tabula/backend/postgres/migration.hpp>
#endif
