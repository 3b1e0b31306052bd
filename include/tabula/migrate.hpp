// Migrations: schema versions, compile-time diffs, revision chains and the migrator.
#pragma once

#include <tabula/migrate/chain.hpp>
#include <tabula/migrate/diff.hpp>
#include <tabula/migrate/cli.hpp>
#include <tabula/migrate/live_schema.hpp>
#include <tabula/migrate/migrator.hpp>
#include <tabula/migrate/progress.hpp>
#include <tabula/migrate/revision.hpp>
#include <tabula/migrate/schema_version.hpp>
#include <tabula/migrate/step.hpp>
