// What the migration runner needs from a backend beyond the session: `migration_support<B>`,
// specialised in <tabula/backend/<db>/migration.hpp>, must provide
//
//   transactional_ddl   true when DDL runs inside a transaction (SQLite, PostgreSQL): a revision
//                       is one transaction; false (MySQL): each step commits on its own, so the
//                       runner records progress and makes every step resumable
//   editor              turns migration steps into statements: editor(run, live connection or
//                       nullptr for offline scripts, progress, revision id, rows per chunk);
//                       apply(step, create_if_missing), then flush()
//   lock                held for a whole upgrade or downgrade so that many instances starting at
//                       once apply each revision exactly once: lock(connection&, timeout_ms)
//   read_schema         the live schema, for `check`
//   has_table           whether a table exists (the version table)
//   verify_revision     checks a revision's result before it commits (SQLite: foreign keys, of the
//                       tables in its revision_footprint)
//   offline_prologue,   what an offline script says before and after its statements (SQLite turns
//   offline_epilogue    foreign keys off around table rebuilds)
//   offline_revision_transactions, offline_revision_end
//                       true: an offline script gives each revision a transaction of its own and
//                       ends it with offline_revision_end(version table, heads, steps), a check
//                       that rolls the revision back when one of its statements failed (SQLite,
//                       whose shell goes on after errors); false: one transaction, or none
#pragma once

#include <concepts>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <tabula/backend/contract.hpp>
#include <tabula/backend/live_schema.hpp>
#include <tabula/migrate/plan/progress.hpp>
#include <tabula/migrate/plan/step.hpp>

namespace tabula {

// How a schema editor runs a statement it rendered: on the connection, or into a script.
using statement_runner = std::function<void(std::string_view sql)>;

// What a revision may have changed, so that the checks after it cost what it touched: `tables`
// whose rows or foreign keys changed (their own foreign keys are checked), `referenced` tables
// whose keys may have changed or which were dropped (the tables referencing them are checked).
// `everywhere`: hand-written SQL or a data function ran, which may write to any table.
struct revision_footprint {
    std::vector<std::string> tables;
    std::vector<std::string> referenced;
    bool everywhere = false;
};

template <class Backend>
concept migration_backend =
    backend<Backend> &&
    requires(typename Backend::connection& connection, std::string_view text, const migration_step& step, statement_runner run,
             progress_callback progress, int timeout_ms) {
        { migration_support<Backend>::transactional_ddl } -> std::convertible_to<bool>;
        { migration_support<Backend>::offline_prologue } -> std::convertible_to<std::string_view>;
        { migration_support<Backend>::offline_epilogue } -> std::convertible_to<std::string_view>;
        { migration_support<Backend>::offline_revision_transactions } -> std::convertible_to<bool>;
        { migration_support<Backend>::offline_revision_end(text, std::vector<std::string_view>{}, std::span<const migration_step>{}) }
            -> std::convertible_to<std::string>;
        typename migration_support<Backend>::editor;
        typename migration_support<Backend>::lock;
        { typename migration_support<Backend>::editor(run, &connection, progress, text, std::int64_t{}) };
        { typename migration_support<Backend>::lock(connection, timeout_ms) };
        { migration_support<Backend>::read_schema(connection) } -> std::same_as<live_schema>;
        { migration_support<Backend>::has_table(connection, text) } -> std::same_as<bool>;
        migration_support<Backend>::verify_revision(connection, text, revision_footprint{});
    } && requires(typename migration_support<Backend>::editor& editor, const migration_step& step) {
        editor.apply(step, true);
        editor.flush();
    };

}  // namespace tabula
