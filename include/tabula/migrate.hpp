// Migrations: schema versions, compile-time diffs and revision chains (the planner, migrate/plan/),
// and the migrator and `db` commands that run them on a live database (the runner, migrate/run/).
// Include it together with a backend header, in either order: each backend's migration support is
// compiled only in translation units that include this header.
#pragma once
#define TABULA_MIGRATE_INCLUDED

#include <tabula/migrate/plan/autogenerate.hpp>
#include <tabula/migrate/plan/chain.hpp>
#include <tabula/migrate/plan/diff.hpp>
#include <tabula/migrate/plan/progress.hpp>
#include <tabula/migrate/plan/revision.hpp>
#include <tabula/migrate/plan/schema_version.hpp>
#include <tabula/migrate/plan/step.hpp>
#include <tabula/migrate/run/cli.hpp>
#include <tabula/migrate/run/migrator.hpp>
#include <tabula/migrate/run/schema_check.hpp>

#ifdef TABULA_SQLITE_INCLUDED
#include <tabula/backend/sqlite/migration.hpp>
#endif
#ifdef TABULA_POSTGRES_INCLUDED
#include <tabula/backend/postgres/migration.hpp>
#endif
#ifdef TABULA_MYSQL_INCLUDED
#include <tabula/backend/mysql/migration.hpp>
#endif
