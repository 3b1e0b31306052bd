// Runs a revision chain on a live database: upgrade, downgrade, current, stamp, check, and the
// offline script of an upgrade or downgrade range. Where DDL is transactional (SQLite,
// PostgreSQL) each revision runs in its own transaction together with its version-table update;
// a failing revision leaves the database exactly at the revision before it. Several processes may
// upgrade one database at once: each revision is applied under the backend's lock after
// re-reading the version table, so exactly one process applies it and the others find it done.
//
// Where DDL commits on its own (MySQL: migration_support<B>::transactional_ddl is false) a revision
// is a sequence of units (schema steps, hand-written SQL statements, the data function) whose
// progress is recorded in <version_table>_progress as each one finishes; SQL and data functions
// run in transactions of their own with that record, steps are skipped when their effect is
// already there. A revision stopped anywhere is completed by the next upgrade; one that failed
// before anything irreversible is undone (see backend/mysql/migration.hpp).
//
// A data function that takes a data_checkpoint (migrate/plan/progress.hpp) commits page by page
// on every backend: its revision runs like MySQL's, recorded in the progress table with the last
// checkpoint, and one stopped partway resumes after that checkpoint.
//
//   tabula::migrator<migrations, tabula::sqlite> migrate(db);
//   migrate.upgrade("head");
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <tabula/backend/migration_contract.hpp>
#include <tabula/error.hpp>
#include <tabula/migrate/plan/chain.hpp>
#include <tabula/migrate/plan/progress.hpp>
#include <tabula/migrate/plan/step.hpp>
#include <tabula/migrate/run/schema_check.hpp>
#include <tabula/session/session.hpp>
#include <tabula/sql/transaction.hpp>
#include <tabula/sql/version_table.hpp>

namespace tabula {

enum class migration_direction { upgrade, downgrade };

// How `upgrade` to the head treats a database that holds no table and no recorded revision.
// replay: every revision runs in turn, as Alembic's upgrade does. create_head: the head's schema is
// created in one transaction and the head recorded (Alembic's recipe for a new database:
// create_all, then stamp head), which costs one revision's DDL instead of the whole history's.
// Both give the same schema wherever the revisions' schema versions describe everything they do;
// create_head falls back to replaying when a revision on the way has hand-written SQL or declares
// seeds_data, and where DDL is not transactional (MySQL). On PostgreSQL a SERIAL column's sequence
// is named after the table that created it: replayed, a renamed table keeps the old name.
enum class empty_database_upgrade { replay, create_head };

// What a stamp did: the revisions the version table holds now, and those it replaced.
struct stamp_result {
    std::vector<std::string> recorded;
    std::vector<std::string> replaced;
};

struct migration_options {
    std::string version_table = "alembic_version";
    progress_callback progress;                  // called while rebuilds copy rows
    // Called as each revision starts, under the lock (Alembic's "Running upgrade a -> b").
    std::function<void(migration_direction, std::string_view id, std::string_view message)> on_revision;
    // Called with what a revision's steps could not do exactly and did otherwise, such as
    // PostgreSQL leaving a column last because a view depends on its table (the server's WARNING).
    std::function<void(std::string_view id, std::string_view warning)> on_warning;
    empty_database_upgrade empty_database = empty_database_upgrade::replay;
    int lock_timeout_ms = 10 * 60 * 1000;        // how long a process waits for another's revision
    std::int64_t rows_per_chunk = 50'000;        // rows copied between progress reports
};

// One revision as the migrator runs it, for a given session type.
template <class Session>
struct revision_entry {
    std::string_view id;
    std::string_view message;
    std::array<std::size_t, detail::max_parents> parents{};
    std::size_t parent_count = 0;
    std::span<const std::string_view> labels;
    std::span<const migration_step> upgrade_steps;
    std::span<const migration_step> downgrade_steps;
    std::span<const dialect_sql> upgrade_sql;
    std::span<const dialect_sql> downgrade_sql;
    void (*upgrade_data)(Session&, data_checkpoint&) = nullptr;
    void (*upgrade_check)(Session&) = nullptr;  // before the upgrade's first step
    void (*downgrade_data)(Session&, data_checkpoint&) = nullptr;
    // The data function takes a data_checkpoint: it may commit page by page and resume.
    bool upgrade_resumable = false;
    bool downgrade_resumable = false;
    bool irreversible = false;
    bool destroys_data = false;
    bool reversible = true;
    bool seeds_data = false;
};

namespace detail {

template <class Chain, class Session, std::size_t I>
constexpr revision_entry<Session> make_entry() {
    using plan = revision_plan<Chain, I>;
    using revision = typename plan::revision;
    revision_entry<Session> entry;
    entry.id = revision::id;
    entry.message = revision::message;
    entry.parents = Chain::graph.parents[I];
    entry.parent_count = Chain::graph.parent_count[I];
    entry.labels = revision::branches::labels;
    entry.upgrade_steps = plan::upgrade_steps;
    entry.downgrade_steps = plan::downgrade_steps;
    entry.upgrade_sql = revision::upgrade_sql;
    entry.downgrade_sql = revision::downgrade_sql;
    if constexpr (has_upgrade_data<revision>) {
        if constexpr (requires(Session& s, data_checkpoint& at) { revision::upgrade_data(s, at); }) {
            entry.upgrade_data = [](Session& s, data_checkpoint& at) { revision::upgrade_data(s, at); };
            entry.upgrade_resumable = true;
        } else {
            entry.upgrade_data = [](Session& s, data_checkpoint&) { revision::upgrade_data(s); };
        }
    }
    if constexpr (has_upgrade_check<revision>) entry.upgrade_check = [](Session& s) { revision::upgrade_check(s); };
    if constexpr (has_downgrade_data<revision>) {
        if constexpr (requires(Session& s, data_checkpoint& at) { revision::downgrade_data(s, at); }) {
            entry.downgrade_data = [](Session& s, data_checkpoint& at) { revision::downgrade_data(s, at); };
            entry.downgrade_resumable = true;
        } else {
            entry.downgrade_data = [](Session& s, data_checkpoint&) { revision::downgrade_data(s); };
        }
    }
    entry.irreversible = revision::irreversible;
    entry.destroys_data = plan::destroys_data;
    entry.reversible = plan::reversible;
    entry.seeds_data = revision::seeds_data;
    return entry;
}

// A row of <version_table>_progress: how far a revision got, where DDL is not transactional or a
// resumable data function committed a page; `position` is that function's last checkpoint.
struct progress_row {
    std::string revision;
    std::string direction;
    std::int64_t step = 0;
    std::optional<std::string> position;
};

template <class Chain, class Session>
inline constexpr auto chain_entries = []<std::size_t... I>(std::index_sequence<I...>) {
    return std::array<revision_entry<Session>, sizeof...(I)>{make_entry<Chain, Session, I>()...};
}(std::make_index_sequence<Chain::size>{});

}  // namespace detail

template <class Chain, class Backend>
class migrator {
    static_assert(chain_checked<Chain>, "tabula: the revision chain has errors (see the revision_report above)");
    static_assert(migration_backend<Backend>,
                  "tabula: this backend has no migration support in this translation unit; include <tabula/migrate.hpp> "
                  "together with the backend's header");
    using support = migration_support<Backend>;

public:
    using session_type = session<Backend>;
    using entry = revision_entry<session_type>;
    static constexpr std::size_t size = Chain::size;
    static constexpr const auto& entries = detail::chain_entries<Chain, session_type>;
    static constexpr sql::dialect dialect = Backend::dialect;
    // Ends the message on_revision receives when create_head made the head's schema at once.
    static constexpr std::string_view created_at_head_note = " (empty database: the head's schema created directly)";

    explicit migrator(session_type& db, migration_options options = {}) : db_(db), options_(std::move(options)) {}

    // Applies revisions up to `target`: "head", a revision id (or a unique prefix of one), a
    // branch label, "label@head", or "+N". Returns the ids applied by this call.
    std::vector<std::string_view> upgrade(std::string_view target = "head") {
        prepare("upgrade");
        typename support::lock guard(db_.connection(), options_.lock_timeout_ms);
        std::array<bool, size> wanted{};
        if (is_relative(target, '+')) {
            wanted = relative_upgrade(target, applied_set(read_heads()));
        } else if (const std::size_t at = target.find('@'); at != std::string_view::npos && target.substr(at + 1) != "head") {
            const std::size_t to = along_branch(target, applied_set(read_heads()));
            if (to != size) wanted = Chain::graph.ancestor[to];
        } else {
            wanted = Chain::graph.ancestor[resolve(target)];
        }
        verify_adoption(wanted, applied_set(read_heads()));
        std::vector<std::string_view> applied_now;
        if constexpr (!support::transactional_ddl) {
            db_.execute_script(sql::create_version_table(dialect, options_.version_table));
            if (const auto finished = settle_interrupted(migration_direction::upgrade)) applied_now.push_back(entries[*finished].id);
            while (true) {
                const auto applied = applied_set(read_heads());
                std::size_t next = size;
                for (std::size_t i : Chain::graph.order)
                    if (wanted[i] && !applied[i]) {
                        next = i;
                        break;
                    }
                if (next == size) break;
                run_resumable(next, migration_direction::upgrade, applied, 0);
                applied_now.push_back(entries[next].id);
            }
            return applied_now;
        }
        if (const auto finished = settle_checkpointed(migration_direction::upgrade)) applied_now.push_back(entries[*finished].id);
        if constexpr (size > 0) {
            if (options_.empty_database == empty_database_upgrade::create_head && applied_now.empty() &&
                wanted == Chain::graph.ancestor[Chain::graph.head])
                if (auto created = create_head_if_empty()) return std::move(*created);
        }
        while (true) {
            std::optional<tabula::transaction<session_type>> scope(std::in_place, db_, transaction_options{});
            db_.execute_script(sql::create_version_table(dialect, options_.version_table));
            const auto heads = read_heads();
            const auto applied = applied_set(heads);
            std::size_t next = size;
            for (std::size_t i : Chain::graph.order)
                if (wanted[i] && !applied[i]) {
                    next = i;
                    break;
                }
            if (next == size) {
                scope->commit();
                break;
            }
            run_in_scope(next, migration_direction::upgrade, applied, scope);
            applied_now.push_back(entries[next].id);
        }
        return applied_now;
    }

    // Reverts revisions down to `target`: "base", a revision id (which stays applied), or "-N".
    // Refuses, before changing anything, to go past an irreversible revision.
    std::vector<std::string_view> downgrade(std::string_view target) {
        prepare("downgrade");
        typename support::lock guard(db_.connection(), options_.lock_timeout_ms);
        std::array<bool, size> keep{};
        {
            const auto applied = applied_set(read_heads());
            if (is_relative(target, '-')) {
                const auto heads = read_heads();
                if (heads.size() > 1) {
                    std::string at;
                    for (std::size_t h : heads) at += (at.empty() ? "" : ", ") + std::string(entries[h].id);
                    throw migration_error("tabula: downgrade " + std::string(target) + " is ambiguous: the database has several heads (" + at +
                                              "); name the revision to go down to (REV, REV-N or LABEL@-N); nothing was changed",
                                          std::string(target));
                }
                keep = applied;
                const std::size_t count = relative_count(target);
                std::size_t remaining = count;
                for (std::size_t position = size; position-- > 0 && remaining > 0;) {
                    const std::size_t i = Chain::graph.order[position];
                    if (keep[i]) keep[i] = false, --remaining;
                }
                if (remaining > 0)
                    throw migration_error("tabula: cannot downgrade " + std::string(target) + ": only " + std::to_string(count - remaining) +
                                              " revision(s) are applied; use 'base' to revert them all; nothing was changed",
                                          std::string(target));
            } else if (const std::size_t at = target.find('@'); at != std::string_view::npos && target.substr(at + 1) != "head") {
                // Only that branch goes down: the revisions after `to` on it, and what depends on them.
                const std::size_t to = along_branch(target, applied);
                const std::size_t first = labelled(target.substr(0, at), target);
                keep = applied;
                for (std::size_t i = 0; i < size; ++i)
                    if (Chain::graph.ancestor[i][first] && (to == size || !Chain::graph.ancestor[to][i])) keep[i] = false;
            } else if (target != "base") {
                keep = Chain::graph.ancestor[resolve(target)];
            }
            for (std::size_t i = 0; i < size; ++i)
                if (applied[i] && !keep[i] && !entries[i].reversible)
                    throw migration_error("tabula: cannot downgrade past revision " + std::string(entries[i].id) + " (" +
                                              std::string(entries[i].message) + "): " + irreversible_reason(entries[i]) +
                                              "; nothing was changed",
                                          std::string(entries[i].id));
        }
        std::vector<std::string_view> reverted;
        if constexpr (!support::transactional_ddl) {
            db_.execute_script(sql::create_version_table(dialect, options_.version_table));
            if (const auto finished = settle_interrupted(migration_direction::downgrade)) reverted.push_back(entries[*finished].id);
            while (true) {
                const auto applied = applied_set(read_heads());
                std::size_t next = size;
                for (std::size_t position = size; position-- > 0;) {
                    const std::size_t i = Chain::graph.order[position];
                    if (applied[i] && !keep[i]) {
                        next = i;
                        break;
                    }
                }
                if (next == size) break;
                run_resumable(next, migration_direction::downgrade, applied, 0);
                reverted.push_back(entries[next].id);
            }
            return reverted;
        }
        if (const auto finished = settle_checkpointed(migration_direction::downgrade)) reverted.push_back(entries[*finished].id);
        while (true) {
            std::optional<tabula::transaction<session_type>> scope(std::in_place, db_, transaction_options{});
            db_.execute_script(sql::create_version_table(dialect, options_.version_table));
            const auto applied = applied_set(read_heads());
            std::size_t next = size;
            for (std::size_t position = size; position-- > 0;) {
                const std::size_t i = Chain::graph.order[position];
                if (applied[i] && !keep[i]) {
                    next = i;
                    break;
                }
            }
            if (next == size) {
                scope->commit();
                break;
            }
            run_in_scope(next, migration_direction::downgrade, applied, scope);
            reverted.push_back(entries[next].id);
        }
        return reverted;
    }

    // The revisions the database is at (one per head; empty for a database never migrated).
    std::vector<std::string> current() {
        std::vector<std::string> out;
        for (std::size_t i : read_heads()) out.emplace_back(entries[i].id);
        return out;
    }

    // Records `targets` ("base", "head", ids) as the database's revisions without running
    // anything: adopts a database created before the migration system, or repairs the record.
    // As Alembic's stamp, each target replaces the recorded revisions it descends from or leads to,
    // and revisions on other branches stay; a target with its own ancestor is refused. A version
    // table holding a revision the chain does not know is refused too, unless `purge` says to
    // replace whatever it holds. Everything is resolved before anything changes.
    stamp_result stamp(std::span<const std::string_view> targets, bool purge = false) {
        prepare("stamp");
        if (targets.empty()) throw migration_error("tabula: stamp needs a revision (or base, head)", {});
        std::vector<std::size_t> wanted;
        for (std::string_view target : targets) {
            if (target == "base") {
                if (targets.size() > 1)
                    throw migration_error("tabula: cannot stamp base together with revisions; nothing was changed", std::string(target));
                continue;
            }
            const std::size_t i = resolve(target);
            for (std::size_t other : wanted)
                if (other != i && (Chain::graph.ancestor[i][other] || Chain::graph.ancestor[other][i])) {
                    const bool older = Chain::graph.ancestor[i][other];
                    throw migration_error("tabula: cannot stamp " + std::string(entries[other].id) + " and " + std::string(entries[i].id) +
                                              " together: " + std::string(entries[older ? other : i].id) + " is an ancestor of " +
                                              std::string(entries[older ? i : other].id) + "; nothing was changed",
                                          std::string(target));
                }
            if (std::find(wanted.begin(), wanted.end(), i) == wanted.end()) wanted.push_back(i);
        }
        std::vector<std::size_t> current;
        if (!purge) {
            try {
                current = read_heads();
            } catch (const migration_error& unknown) {
                throw migration_error(std::string(unknown.what()) + "; stamp --purge replaces what the version table holds; nothing was changed",
                                      unknown.revision());
            }
        }
        stamp_result result;
        std::vector<std::size_t> recorded;
        for (std::size_t h : current) {
            bool related = targets.size() == 1 && targets[0] == "base";
            for (std::size_t t : wanted) related = related || Chain::graph.ancestor[t][h] || Chain::graph.ancestor[h][t];
            if (related && std::find(wanted.begin(), wanted.end(), h) == wanted.end()) result.replaced.emplace_back(entries[h].id);
            else if (!related) recorded.push_back(h);
        }
        recorded.insert(recorded.end(), wanted.begin(), wanted.end());
        std::sort(recorded.begin(), recorded.end());  // chain order, as an upgrade would record them
        tabula::transaction<session_type> scope(db_, transaction_options{});
        db_.execute_script(sql::create_version_table(dialect, options_.version_table));
        db_.execute_script(sql::delete_all_versions(dialect, options_.version_table));
        for (std::size_t i : recorded) {
            db_.execute(sql::insert_version(dialect, options_.version_table), entries[i].id);
            result.recorded.emplace_back(entries[i].id);
        }
        scope.commit();
        // The record says where the database is: a revision left halfway is no longer under way.
        db_.execute_script(drop_progress_table());
        return result;
    }
    stamp_result stamp(std::string_view target, bool purge = false) { return stamp(std::span<const std::string_view>(&target, 1), purge); }

    // Every difference between the live database and the head revision's schema; empty when
    // they match. A database not at head is reported first.
    std::vector<schema_difference> check() {
        std::vector<schema_difference> out;
        const auto heads = read_heads();
        if (heads.size() != 1 || entries[heads[0]].id != Chain::head) {
            std::string at;
            for (std::size_t h : heads) at += (at.empty() ? "" : ", ") + std::string(entries[h].id);
            out.push_back({difference_kind::missing_table, options_.version_table,
                           "the database is at revision " + (at.empty() ? std::string("base") : at) + ", not at head " + std::string(Chain::head)});
        }
        if (const auto pending = read_progress())
            out.push_back({difference_kind::missing_table, progress_table(),
                           "the " + std::string(pending->direction == migration_direction::upgrade ? "upgrade" : "downgrade") +
                               " of revision " + std::string(entries[pending->revision].id) + " stopped after " +
                               std::to_string(pending->done) + " of its " +
                               std::to_string(units_of(entries[pending->revision], pending->direction).size()) + " steps" +
                               (pending->position.empty() ? std::string() : ", its data function at '" + pending->position + "'") +
                               "; run it again to complete it"});
        const live_schema live = support::read_schema(db_.connection());
        auto differences = compare_schemas(live, *Chain::views[Chain::graph.head], dialect, {options_.version_table, progress_table()});
        out.insert(out.end(), differences.begin(), differences.end());
        return out;
    }

    // ---- without a database ---------------------------------------------------------------------

    static std::vector<std::string_view> heads() { return {Chain::head}; }

    // Branch points: "id -> child1, child2".
    static std::vector<std::string> branches() {
        std::vector<std::string> out;
        for (std::size_t i = 0; i < size; ++i) {
            const auto kids = children(i);
            if (kids.size() < 2) continue;
            std::string line = std::string(entries[i].id) + " ->";
            for (std::size_t k = 0; k < kids.size(); ++k) line += (k ? ", " : " ") + std::string(entries[kids[k]].id);
            out.push_back(std::move(line));
        }
        return out;
    }

    // Newest first, as `alembic history`; verbose adds parents, labels and every step. `range`
    // is Alembic's -r A:B: from A through B, either side left out for base or head.
    static std::string history(bool verbose = false, std::string_view range = {}) {
        std::array<bool, size> listed;
        listed.fill(true);
        if (!range.empty()) {
            const std::size_t colon = range.find(':');
            if (colon == std::string_view::npos)
                throw migration_error("tabula: history range '" + std::string(range) + "' is not A:B (either side may be left out)",
                                      std::string(range));
            const std::string_view from = range.substr(0, colon);
            const std::string_view to = range.substr(colon + 1);
            listed = to.empty() ? listed : Chain::graph.ancestor[resolve(to)];
            if (!from.empty() && from != "base") {
                const std::size_t first = resolve(from);
                if (!listed[first])
                    throw migration_error("tabula: history range '" + std::string(range) + "': " + std::string(entries[first].id) +
                                              " is not an ancestor of " + std::string(to.empty() ? "head" : to),
                                          std::string(range));
                for (std::size_t i = 0; i < size; ++i) listed[i] = listed[i] && Chain::graph.ancestor[i][first];
            }
        }
        std::string out;
        for (std::size_t position = size; position-- > 0;) {
            const std::size_t i = Chain::graph.order[position];
            if (!listed[i]) continue;
            out += verbose ? show(i) + "\n" : summary(i);
        }
        return out;
    }

    // One revision in full, as `alembic show`: id and markers, parents, labels, message, steps.
    // Built by appending: GCC 12 at -O3 warns (-Wrestrict, wrongly) on "literal" + std::string.
    static std::string show(std::size_t i) {
        const entry& e = entries[i];
        std::string out;
        auto line = [&out](auto&&... parts) { ((out += parts), ...); };
        line("Rev: ", e.id, markers(i), "\n");
        line("Parent: ", parents_text(e), "\n");
        if (!e.labels.empty()) {
            out += "Branch names:";
            for (std::string_view label : e.labels) line(" ", label);
            out += "\n";
        }
        line("\n    ", e.message, "\n\n");
        // In the order the upgrade runs them: automatic steps (a fill right after its column), the
        // hand-written SQL, the data function, then drops and the NOT NULLs of filled columns.
        out += "    upgrade:\n";
        auto steps = [&](bool after_data) {
            for (const migration_step& s : e.upgrade_steps) {
                if (runs_after_data(s) != after_data) continue;
                line("      - ", describe(s), "\n");
                if (s.kind == step_kind::add_column && !s.fill.empty())
                    line("      - fill ", s.table_name(), ".", s.new_column->name, " = ", s.fill, "\n");
                if (s.kind == step_kind::alter_column && !s.fill.empty())
                    line("      - convert ", s.table_name(), ".", s.new_column->name, " = ", s.fill, "\n");
            }
        };
        steps(false);
        for (const dialect_sql& statement : e.upgrade_sql) {
            std::string text(statement.for_dialect(dialect));
            for (std::size_t at = 0; (at = text.find('\n', at)) != std::string::npos; at += 9) text.replace(at, 1, "\n        ");
            line("      - SQL: ", text.empty() ? "(no text for " + std::string(sql::to_string(dialect)) + ")" : text, "\n");
        }
        if (e.upgrade_data) out += "      - data function upgrade_data\n";
        steps(true);
        if (e.upgrade_check) out += "      (checked first by upgrade_check)\n";
        if (e.upgrade_steps.empty() && e.upgrade_sql.empty() && !e.upgrade_data) out += "      (nothing)\n";
        if (e.reversible) out += "    downgrade: reversible\n";
        else line("    downgrade: refused (", irreversible_reason(e), ")\n");
        return out;
    }
    static std::string show(std::string_view target) { return show(resolve(target)); }

    // "a -> b (head), message": one line of `history`.
    static std::string summary(std::size_t i) {
        std::string out = parents_text(entries[i]);
        ((((out += " -> ") += entries[i].id) += markers(i)) += ", ") += entries[i].message;
        return out += '\n';
    }

    // "a -> b" going up, "b -> a" going down, as Alembic's "Running upgrade a -> b, message".
    static std::string transition(migration_direction direction, std::string_view id) {
        for (std::size_t i = 0; i < size; ++i)
            if (entries[i].id == id)
                return direction == migration_direction::upgrade ? parents_text(entries[i]) + " -> " + std::string(id)
                                                                 : std::string(id) + " -> " + parents_text(entries[i]);
        return std::string(id);
    }

    // The SQL an upgrade (or downgrade) from `from` to `to` would run, without a connection, like
    // `alembic upgrade --sql`. Data functions cannot run offline: each one is noted in the script
    // and in `warnings`. Fed to the database's own client with its default options, a failing
    // statement leaves the database at a complete revision: psql runs the script as one
    // transaction, which an error aborts; the mysql client stops at the first error; SQLite's
    // shell goes on, so each revision is a transaction that checks its own result and rolls back.
    // `from` and `to` may each name several revisions separated by commas (a database at several
    // heads): "a1b2,c3d4" upgrades through their merge.
    static std::string offline_script(migration_direction direction, std::string_view from, std::string_view to,
                                      std::string_view version_table = "alembic_version", std::vector<std::string>* warnings = nullptr) {
        const std::array<bool, size> start = applied_by(from);
        const std::array<bool, size> end = applied_by(to);
        std::string script = "-- tabula " + std::string(direction == migration_direction::upgrade ? "upgrade" : "downgrade") + " " +
                             std::string(from) + " -> " + std::string(to) + " (" + std::string(sql::to_string(dialect)) + ")\n";
        script += support::offline_prologue;
        if constexpr (!support::transactional_ddl)
            script += "-- This database commits each schema change on its own: the script is not one transaction; if it stops\n"
                      "-- halfway, the statements before the failing one stay applied.\n";
        constexpr bool per_revision = support::offline_revision_transactions;
        if (!per_revision) script += "BEGIN;\n\n";
        script += sql::create_version_table(dialect, version_table) + ";\n\n";
        std::array<bool, size> applied = start;
        auto append = [&](std::string_view statement) {
            script += statement;
            script += ";\n";
        };
        auto revision_block = [&](std::size_t i) {
            const entry& e = entries[i];
            const bool up = direction == migration_direction::upgrade;
            script += "-- Running " + std::string(up ? "upgrade " : "downgrade ") + transition(direction, e.id) + ", " +
                      std::string(e.message) + "\n";
            if (per_revision) script += "BEGIN;\n";
            typename support::editor editor([&](std::string_view statement) { append(statement); }, nullptr);
            const auto& steps = up ? e.upgrade_steps : e.downgrade_steps;
            for (const migration_step& s : steps)
                if (!runs_after_data(s)) editor.apply(s, up && e.parent_count == 0);
            editor.flush();
            for (const dialect_sql& statement : up ? e.upgrade_sql : e.downgrade_sql) append(hand_written(statement, e));
            if (up ? e.upgrade_data != nullptr : e.downgrade_data != nullptr) {
                const std::string note = "revision " + std::string(e.id) + " has a data function (" +
                                         (up ? "upgrade_data" : "downgrade_data") + ") that cannot run in an offline script";
                script += "-- WARNING: " + note + "\n";
                if (warnings) warnings->push_back(note);
            }
            for (const migration_step& s : steps)
                if (runs_after_data(s)) editor.apply(s, false);
            editor.flush();
            const auto before = heads_of(applied);
            applied[i] = up;
            const auto after = heads_of(applied);
            for (std::size_t h : before)
                if (std::find(after.begin(), after.end(), h) == after.end())
                    append(sql::with_literal(sql::delete_version(dialect, version_table), dialect, entries[h].id));
            for (std::size_t h : after)
                if (std::find(before.begin(), before.end(), h) == before.end())
                    append(sql::with_literal(sql::insert_version(dialect, version_table), dialect, entries[h].id));
            if (per_revision) {
                std::vector<std::string_view> head_ids;
                for (std::size_t h : after) head_ids.push_back(entries[h].id);
                script += support::offline_revision_end(version_table, std::move(head_ids), steps);
                script += "COMMIT;\n";
            }
            script += "\n";
        };
        if (direction == migration_direction::upgrade) {
            for (std::size_t i : Chain::graph.order)
                if (end[i] && !start[i]) revision_block(i);
        } else {
            for (std::size_t position = size; position-- > 0;) {
                const std::size_t i = Chain::graph.order[position];
                if (start[i] && !end[i]) {
                    if (!entries[i].reversible)
                        throw migration_error("tabula: cannot downgrade past revision " + std::string(entries[i].id) + ": " +
                                                  irreversible_reason(entries[i]),
                                              std::string(entries[i].id));
                    revision_block(i);
                }
            }
        }
        if (!per_revision) script += "COMMIT;\n";
        script += support::offline_epilogue;
        return script;
    }

    // The revisions applied in a database at `revisions`: "base", or targets separated by commas
    // ("a1b2,c3d4" for a database at two heads), each with its ancestors.
    static std::array<bool, size> applied_by(std::string_view revisions) {
        std::array<bool, size> out{};
        if (revisions == "base") return out;
        for (std::size_t begin = 0; begin <= revisions.size();) {
            const std::size_t comma = std::min(revisions.find(',', begin), revisions.size());
            const std::string_view target = revisions.substr(begin, comma - begin);
            if (target.empty() || target == "base")
                throw migration_error("tabula: '" + std::string(revisions) + "' is not base or a list of revisions separated by commas",
                                      std::string(revisions));
            const std::size_t i = resolve(target);
            for (std::size_t j = 0; j < size; ++j) out[j] = out[j] || Chain::graph.ancestor[i][j];
            begin = comma + 1;
        }
        return out;
    }

    // "head", "heads", a full id, a unique id prefix, a branch label, or "label@head".
    static std::size_t resolve(std::string_view target) {
        if (size == 0) throw migration_error("tabula: the revision chain is empty", {});
        if (target == "head" || target == "heads") return Chain::graph.head;
        if (const std::size_t at = target.find("@head"); at != std::string_view::npos && at + 5 == target.size())
            return branch_tip(labelled(target.substr(0, at), target));
        for (std::size_t i = 0; i < size; ++i)
            if (entries[i].id == target) return i;
        for (std::size_t i = 0; i < size; ++i)
            for (std::string_view label : entries[i].labels)
                if (label == target) return i;
        std::size_t found = size;
        for (std::size_t i = 0; i < size; ++i) {
            if (target.size() < 4 || entries[i].id.substr(0, target.size()) != target) continue;
            if (found != size)
                throw migration_error("tabula: revision prefix '" + std::string(target) + "' is ambiguous: it matches " +
                                          std::string(entries[found].id) + " and " + std::string(entries[i].id),
                                      std::string(target));
            found = i;
        }
        if (found != size) return found;
        // REV+N, REV-N: N revisions after or before REV (an id may itself hold '-': tried first).
        const std::size_t sign = target.find_last_of("+-");
        if (sign != std::string_view::npos && sign > 0 && sign + 1 < target.size() &&
            target.find_first_not_of("0123456789", sign + 1) == std::string_view::npos) {
            const std::size_t from = resolve(target.substr(0, sign));
            const std::size_t steps = relative_count(target.substr(sign));
            const std::size_t to = walk(from, target[sign] == '+' ? static_cast<long long>(steps) : -static_cast<long long>(steps), target);
            if (to == size)
                throw migration_error("tabula: '" + std::string(target) + "' goes below the base revision; use 'base'", std::string(target));
            return to;
        }
        throw migration_error("tabula: unknown revision '" + std::string(target) + "'", std::string(target));
    }

private:
    void prepare(std::string_view command) {
        if (db_.in_transaction())
            throw migration_error("tabula: " + std::string(command) + " must run outside a transaction scope: each revision opens its own", {});
    }

    static bool is_relative(std::string_view target, char sign) { return target.size() > 1 && target[0] == sign; }
    static std::size_t relative_count(std::string_view target) {
        std::size_t n = 0;
        for (char c : target.substr(1)) {
            if (c < '0' || c > '9') throw migration_error("tabula: '" + std::string(target) + "' is not a relative revision (+N or -N)", {});
            n = n * 10 + static_cast<std::size_t>(c - '0');
        }
        return n;
    }

    static std::size_t labelled(std::string_view label, std::string_view target) {
        for (std::size_t i = 0; i < size; ++i)
            for (std::string_view l : entries[i].labels)
                if (l == label) return i;
        throw migration_error("tabula: unknown branch label in '" + std::string(target) + "'", std::string(target));
    }

    // N revisions on from `from` (back when negative), through single children or single parents;
    // `size` for the state before a base revision. Past either end, or at a branch point or a
    // merge, there is no one answer: an error naming the target.
    static std::size_t walk(std::size_t from, long long delta, std::string_view target) {
        std::size_t at = from;
        for (; delta > 0; --delta) {
            const auto kids = children(at);
            if (kids.empty())
                throw migration_error("tabula: '" + std::string(target) + "' goes past the head revision " + std::string(entries[at].id),
                                      std::string(target));
            if (kids.size() > 1)
                throw migration_error("tabula: '" + std::string(target) + "' is ambiguous: revision " + std::string(entries[at].id) +
                                          " is a branch point",
                                      std::string(target));
            at = kids[0];
        }
        for (; delta < 0; ++delta) {
            if (at == size || entries[at].parent_count == 0) {
                if (at != size && delta == -1) return size;
                throw migration_error("tabula: '" + std::string(target) + "' goes below the base revision; use 'base'", std::string(target));
            }
            if (entries[at].parent_count > 1)
                throw migration_error("tabula: '" + std::string(target) + "' is ambiguous: revision " + std::string(entries[at].id) +
                                          " is a merge point",
                                      std::string(target));
            at = entries[at].parents[0];
        }
        return at;
    }

    // +N: the next N revisions, each the only one whose parents are all applied by then. Where
    // several branches could go next there is no one answer (Alembic: an ambiguous walk); the
    // caller must name the revision or the branch.
    static std::array<bool, size> relative_upgrade(std::string_view target, std::array<bool, size> applied) {
        const std::size_t count = relative_count(target);
        std::array<bool, size> wanted = applied;
        for (std::size_t done = 0; done < count; ++done) {
            std::vector<std::size_t> next;
            for (std::size_t i : Chain::graph.order) {
                if (wanted[i]) continue;
                bool ready = true;
                for (std::size_t k = 0; k < entries[i].parent_count; ++k) ready = ready && wanted[entries[i].parents[k]];
                if (ready) next.push_back(i);
            }
            if (next.empty())
                throw migration_error("tabula: cannot upgrade " + std::string(target) + ": only " + std::to_string(done) +
                                          " revision(s) are left to apply; nothing was changed",
                                      std::string(target));
            if (next.size() > 1) {
                std::string which;
                for (std::size_t i : next) which += (which.empty() ? "" : ", ") + std::string(entries[i].id);
                throw migration_error("tabula: upgrade " + std::string(target) + " is ambiguous: several branches remain unapplied (" + which +
                                          " could each come next); name the revision or the branch (REV, LABEL@+N or LABEL@head); "
                                          "nothing was changed",
                                      std::string(target));
            }
            wanted[next.front()] = true;
        }
        return wanted;
    }

    // LABEL@+N, LABEL@-N: N revisions on from where the database is on that branch's line (the
    // labelled revision and its single descendants); `size` for before a base revision.
    static std::size_t along_branch(std::string_view target, const std::array<bool, size>& applied) {
        const std::size_t at = target.find('@');
        const std::string_view step = target.substr(at + 1);
        if (!is_relative(step, '+') && !is_relative(step, '-'))
            throw migration_error("tabula: '" + std::string(target) + "' is not LABEL@head, LABEL@+N or LABEL@-N", std::string(target));
        const std::size_t first = labelled(target.substr(0, at), target);
        const long long n = static_cast<long long>(relative_count(step));
        if (!applied[first]) {
            if (step[0] == '-' || n == 0)
                throw migration_error("tabula: '" + std::string(target) + "': no revision of branch '" + std::string(target.substr(0, at)) +
                                          "' is applied",
                                      std::string(target));
            return walk(first, n - 1, target);
        }
        std::size_t current = first;
        for (std::size_t next = first; next != branch_tip(first);) {
            next = children(next)[0];
            if (!applied[next]) break;
            current = next;
        }
        return walk(current, step[0] == '+' ? n : -n, target);
    }

    // The last revision of the straight line of revisions starting at `start`.
    static std::size_t branch_tip(std::size_t start) {
        std::size_t tip = start;
        while (true) {
            const auto kids = children(tip);
            if (kids.size() != 1 || entries[kids[0]].parent_count != 1) return tip;
            tip = kids[0];
        }
    }

    static std::vector<std::size_t> children(std::size_t i) {
        std::vector<std::size_t> out;
        for (std::size_t c = 0; c < size; ++c)
            for (std::size_t k = 0; k < entries[c].parent_count; ++k)
                if (entries[c].parents[k] == i) out.push_back(c);
        return out;
    }

    static std::string parents_text(const entry& e) {
        if (e.parent_count == 0) return "<base>";
        std::string out;
        for (std::size_t k = 0; k < e.parent_count; ++k) out += (k ? ", " : "") + std::string(entries[e.parents[k]].id);
        return e.parent_count > 1 ? "(" + out + ")" : out;
    }

    // What the revision's steps may have changed, for the foreign-key check after it. Renames and
    // index changes move no row and no key; an added column or foreign key or a new NOT NULL
    // concerns the table's own rows; a dropped table, and type, key and unique changes, may
    // concern the tables referencing it too.
    static revision_footprint footprint(const entry& e, migration_direction direction) {
        const bool up = direction == migration_direction::upgrade;
        revision_footprint out;
        out.everywhere = !(up ? e.upgrade_sql : e.downgrade_sql).empty() || (up ? e.upgrade_data : e.downgrade_data) != nullptr;
        auto add = [](std::vector<std::string>& to, std::string_view table) {
            if (std::find(to.begin(), to.end(), table) == to.end()) to.emplace_back(table);
        };
        for (const migration_step& s : up ? e.upgrade_steps : e.downgrade_steps) {
            switch (s.kind) {
                case step_kind::rename_table:
                case step_kind::rename_column:
                case step_kind::create_index:
                case step_kind::drop_index:
                case step_kind::drop_foreign_key: break;
                case step_kind::create_table:
                case step_kind::add_column:
                case step_kind::add_foreign_key:
                case step_kind::require_not_null: add(out.tables, s.table_name()); break;
                case step_kind::drop_table: add(out.referenced, s.table_name()); break;
                case step_kind::alter_column:
                case step_kind::alter_primary_key:
                case step_kind::add_unique:
                case step_kind::drop_unique:
                case step_kind::drop_column:
                    add(out.tables, s.table_name());
                    add(out.referenced, s.table_name());
                    break;
            }
        }
        return out;
    }

    // " (head) (branchpoint) (mergepoint)", as they apply.
    static std::string markers(std::size_t i) {
        std::string out;
        if (entries[i].id == Chain::head) out += " (head)";
        if (children(i).size() > 1) out += " (branchpoint)";
        if (entries[i].parent_count > 1) out += " (mergepoint)";
        return out;
    }

    static std::string irreversible_reason(const entry& e) {
        if (e.irreversible) return "it is declared irreversible";
        if (e.destroys_data) return "its upgrade destroyed data and it has no downgrade_data function (or downgrade_fills converting back) to restore it";
        return "its downgrade would add back a NOT NULL column without a value (give it a downgrade_data function)";
    }

    static std::string hand_written(const dialect_sql& statement, const entry& e) {
        const std::string_view text = statement.for_dialect(dialect);
        if (text.empty())
            throw migration_error("tabula: revision " + std::string(e.id) + " has hand-written SQL with no text for " +
                                      std::string(sql::to_string(dialect)) + " (set .all or ." + std::string(sql::to_string(dialect)) + ")",
                                  std::string(e.id));
        return std::string(text);
    }

    // "revision a1, b2" or "base": where a failed command left the database (the revisions before
    // the failing one stay applied: each revision commits on its own).
    static std::string revisions_text(const std::vector<std::size_t>& heads) {
        if (heads.empty()) return "base";
        std::string out = heads.size() == 1 ? "revision " : "revisions ";
        for (std::size_t k = 0; k < heads.size(); ++k) out += (k ? ", " : "") + std::string(entries[heads[k]].id);
        return out;
    }

    static std::vector<std::size_t> heads_of(const std::array<bool, size>& applied) {
        std::vector<std::size_t> out;
        for (std::size_t i = 0; i < size; ++i) {
            if (!applied[i]) continue;
            bool child_applied = false;
            for (std::size_t c : children(i)) child_applied = child_applied || applied[c];
            if (!child_applied) out.push_back(i);
        }
        return out;
    }

    static std::array<bool, size> applied_set(const std::vector<std::size_t>& heads) {
        std::array<bool, size> out{};
        for (std::size_t h : heads)
            for (std::size_t j = 0; j < size; ++j) out[j] = out[j] || Chain::graph.ancestor[h][j];
        return out;
    }

    std::vector<std::size_t> read_heads() {
        std::vector<std::size_t> out;
        const std::vector<std::string> rows = [&] {
            // No version table yet means a database never migrated; any other failure (a lock, a
            // broken connection) is not an answer and propagates.
            if (!support::has_table(db_.connection(), options_.version_table)) return std::vector<std::string>{};
            return db_.template raw<std::string>(sql::select_versions(dialect, options_.version_table));
        }();
        for (const std::string& id : rows) {
            std::size_t found = size;
            for (std::size_t i = 0; i < size; ++i)
                if (entries[i].id == id) found = i;
            if (found == size)
                throw migration_error("tabula: the database is at revision " + id +
                                          ", which this application's revision chain does not contain (was it migrated by a newer version?)",
                                      id);
            out.push_back(found);
        }
        return out;
    }

    // A base revision adopts the tables that already exist (a database older than its migrations)
    // instead of creating them. Each must be what the revision describes, or a later revision
    // fails on it, far from the cause: checked before anything changes, every difference named.
    // A missing index is no difference: the revision creates it.
    void verify_adoption(const std::array<bool, size>& wanted, const std::array<bool, size>& applied) {
        std::optional<live_schema> live;
        for (std::size_t i : Chain::graph.order) {
            const entry& e = entries[i];
            if (!wanted[i] || applied[i] || e.parent_count != 0) continue;
            if constexpr (!support::transactional_ddl) {
                // Stopped halfway by an earlier command: its tables are its own work (its SQL may
                // have changed them already), and the resumed revision completes them.
                if (const auto pending = read_progress(); pending && pending->revision == i) continue;
            }
            if (!live) live = support::read_schema(db_.connection());
            std::vector<const table_descriptor*> adopted;
            live_schema existing;
            for (const migration_step& s : e.upgrade_steps)
                if (const live_table* table = s.kind == step_kind::create_table ? live->table(s.after->name) : nullptr) {
                    adopted.push_back(s.after);
                    existing.tables.push_back(*table);
                }
            if (adopted.empty()) continue;
            std::string found;
            std::size_t count = 0;
            for (const schema_difference& d : compare_schemas(existing, schema_view{adopted, {}}, dialect)) {
                if (d.kind == difference_kind::missing_index) continue;
                std::string message = d.message;
                for (std::size_t at; (at = message.find("in the models")) != std::string::npos;)
                    message.replace(at, 13, "in the revision");
                found += "\n  - " + message;
                ++count;
            }
            if (count > 0)
                throw migration_error("tabula: revision " + std::string(e.id) + " (" + std::string(e.message) + ") would adopt existing tables " +
                                          "that differ from its schema in " + std::to_string(count) + " way(s):" + found +
                                          "\nnothing was changed; make the tables match the revision (or move them away) and upgrade again",
                                      std::string(e.id));
        }
    }

    // Runs revision i in the command's open transaction `scope`, committing it; a revision whose
    // data function commits page by page runs on its own after `scope` ends.
    void run_in_scope(std::size_t i, migration_direction direction, const std::array<bool, size>& applied,
                      std::optional<tabula::transaction<session_type>>& scope) {
        const bool up = direction == migration_direction::upgrade;
        if (up ? entries[i].upgrade_resumable : entries[i].downgrade_resumable) {
            scope->commit();
            scope.reset();
            run_resumable(i, direction, applied, 0);
        } else {
            run(i, direction, applied);
            scope->commit();
        }
    }

    // The server's warnings (PostgreSQL's notices) go to on_warning, as the revision's that raised them.
    void discard_warnings() {
        if constexpr (requires { db_.connection().take_warnings(); }) static_cast<void>(db_.connection().take_warnings());
    }
    void report_warnings(std::string_view id) {
        if constexpr (requires { db_.connection().take_warnings(); }) {
            for (const std::string& warning : db_.connection().take_warnings())
                if (options_.on_warning) options_.on_warning(id, warning);
        }
    }

    // The head's schema from nothing: what create_head runs on an empty database.
    static constexpr const auto& head_creation_steps =
        diff_steps<empty_schema::view, *Chain::views[Chain::graph.head], detail::no_renames>;

    // migration_options::empty_database == create_head: on a database without tables or recorded
    // revisions, creates the head's schema and records the head, in one transaction. The revisions
    // it stands for come back as applied; nullopt (nothing done) where the database is not empty
    // or a revision must run for what its schema version does not say.
    [[gnu::cold]] std::optional<std::vector<std::string_view>> create_head_if_empty() {
        for (const entry& e : entries)
            if (!e.upgrade_sql.empty() || e.seeds_data) return std::nullopt;
        tabula::transaction<session_type> scope(db_, transaction_options{});
        db_.execute_script(sql::create_version_table(dialect, options_.version_table));
        if (!read_heads().empty()) return std::nullopt;
        auto& connection = db_.connection();
        for (const live_table& table : support::read_schema(connection).tables)
            if (table.name != options_.version_table && table.name != progress_table()) return std::nullopt;
        const entry& head = entries[Chain::graph.head];
        if (options_.on_revision) options_.on_revision(migration_direction::upgrade, head.id, std::string(head.message) + std::string(created_at_head_note));
        const migration_step* current = nullptr;
        discard_warnings();
        try {
            typename support::editor editor([&](std::string_view statement) { db_.execute_script(statement); }, &connection,
                                            options_.progress, head.id, options_.rows_per_chunk);
            for (const migration_step& s : head_creation_steps) editor.apply(*(current = &s), false);
            current = nullptr;
            editor.flush();
            report_warnings(head.id);
            db_.execute(sql::insert_version(dialect, options_.version_table), head.id);
            scope.commit();
        } catch (const std::exception& failure) {
            throw migration_error("tabula: creating the schema of head revision " + std::string(head.id) +
                                      " on an empty database failed" + (current ? " at step '" + describe(*current) + "'" : std::string()) +
                                      ": " + failure.what() + "; it was rolled back: the database is empty",
                                  std::string(head.id));
        }
        std::vector<std::string_view> applied;
        for (std::size_t i : Chain::graph.order) applied.push_back(entries[i].id);
        return applied;
    }

    // The revision's upgrade_check, whose refusal is reported as such: nothing has changed yet.
    void check_upgrade(const entry& e) {
        if (!e.upgrade_check) return;
        try {
            e.upgrade_check(db_);
        } catch (const migration_error&) {
            throw;
        } catch (const std::exception& failure) {
            throw migration_error("tabula: upgrade of revision " + std::string(e.id) + " (" + std::string(e.message) +
                                      ") refused by its upgrade_check: " + failure.what() + "; nothing was changed",
                                  std::string(e.id));
        }
    }

    void run(std::size_t i, migration_direction direction, const std::array<bool, size> applied) {
        const entry& e = entries[i];
        if (options_.on_revision) options_.on_revision(direction, e.id, e.message);
        const bool up = direction == migration_direction::upgrade;
        const migration_step* current = nullptr;
        auto& connection = db_.connection();
        discard_warnings();  // not this revision's
        try {
            typename support::editor editor([&](std::string_view statement) { db_.execute_script(statement); }, &connection,
                                                       options_.progress, e.id, options_.rows_per_chunk);
            const auto& steps = up ? e.upgrade_steps : e.downgrade_steps;
            if (up) check_upgrade(e);
            for (const migration_step& s : steps)
                if (!runs_after_data(s)) editor.apply(*(current = &s), up && e.parent_count == 0);
            current = nullptr;
            editor.flush();
            for (const dialect_sql& statement : up ? e.upgrade_sql : e.downgrade_sql) db_.execute_script(hand_written(statement, e));
            if (auto data = up ? e.upgrade_data : e.downgrade_data) {
                // Not resumable (those run through run_resumable): it can report, not commit.
                data_checkpoint at({}, [&](std::string_view) {
                    throw migration_error("tabula: internal: a data function without a data_checkpoint parameter committed", std::string(e.id));
                }, options_.progress, e.id);
                data(db_, at);
            }
            for (const migration_step& s : steps)
                if (runs_after_data(s)) editor.apply(*(current = &s), false);
            current = nullptr;
            editor.flush();
            report_warnings(e.id);
            support::verify_revision(connection, e.id, footprint(e, direction));
            const auto before = heads_of(applied);
            auto now = applied;
            now[i] = up;
            const auto after = heads_of(now);
            for (std::size_t h : before)
                if (std::find(after.begin(), after.end(), h) == after.end())
                    db_.execute(sql::delete_version(dialect, options_.version_table), entries[h].id);
            for (std::size_t h : after)
                if (std::find(before.begin(), before.end(), h) == before.end())
                    db_.execute(sql::insert_version(dialect, options_.version_table), entries[h].id);
        } catch (const migration_error&) {
            throw;
        } catch (const std::exception& failure) {
            std::string where = current ? "at step '" + describe(*current) + "'" : "in its SQL or data function";
            throw migration_error("tabula: " + std::string(up ? "upgrade" : "downgrade") + " of revision " + std::string(e.id) + " (" +
                                      std::string(e.message) + ") failed " + where + ": " + failure.what() +
                                      "; the revision was rolled back: the database is at " + revisions_text(heads_of(applied)),
                                  std::string(e.id));
        }
    }

    // ---- where DDL is not transactional (MySQL) ---------------------------------------------------

    // One unit of a revision: a schema step, a hand-written SQL statement, or the data function.
    struct unit {
        const migration_step* step = nullptr;
        const dialect_sql* statement = nullptr;
        bool data = false;
    };

    // A revision's units in the order they run; progress counts the units done.
    static std::vector<unit> units_of(const entry& e, migration_direction direction) {
        const bool up = direction == migration_direction::upgrade;
        std::vector<unit> out;
        for (const migration_step& s : up ? e.upgrade_steps : e.downgrade_steps)
            if (!runs_after_data(s)) out.push_back({&s, nullptr, false});
        for (const dialect_sql& statement : up ? e.upgrade_sql : e.downgrade_sql) out.push_back({nullptr, &statement, false});
        if (up ? e.upgrade_data != nullptr : e.downgrade_data != nullptr) out.push_back({nullptr, nullptr, true});
        for (const migration_step& s : up ? e.upgrade_steps : e.downgrade_steps)
            if (runs_after_data(s)) out.push_back({&s, nullptr, false});
        return out;
    }

    static std::string describe_unit(const unit& u) {
        if (u.step) return "step '" + tabula::describe(*u.step) + "'";
        if (u.statement) return "its hand-written SQL";
        return "its data function";
    }

    struct interrupted {
        std::size_t revision;
        migration_direction direction;
        std::size_t done;
        std::string position;  // the data function's last checkpoint; empty when it committed none
    };

    std::string progress_table() const { return options_.version_table + "_progress"; }
    std::string drop_progress_table() const {
        return sql::text(dialect, [&](auto& w) { w.put("DROP TABLE IF EXISTS ").identifier(progress_table()); });
    }

    std::optional<interrupted> read_progress() {
        if (!support::has_table(db_.connection(), progress_table())) return std::nullopt;
        if constexpr (!support::transactional_ddl) {
            // A record left by a tabula older than resumable data functions has no position.
            try {
                db_.template raw<std::int64_t>(sql::text(dialect, [&](auto& w) {
                    w.put("SELECT COUNT(").identifier("position").put(") FROM ").identifier(progress_table());
                }));
            } catch (const error&) {
                db_.execute_script(sql::text(dialect, [&](auto& w) {
                    w.put("ALTER TABLE ").identifier(progress_table()).put(" ADD COLUMN ").identifier("position").put(" TEXT NULL");
                }));
            }
        }
        const auto rows = db_.template raw<detail::progress_row>(
            sql::text(dialect, [&](auto& w) {
                w.put("SELECT ").identifier("revision").put(", ").identifier("direction").put(", ").identifier("step").put(", ");
                w.identifier("position").put(" FROM ").identifier(progress_table());
            }));
        if (rows.empty()) return std::nullopt;
        const detail::progress_row& row = rows.front();
        for (std::size_t i = 0; i < size; ++i)
            if (entries[i].id == row.revision)
                return interrupted{i, row.direction == "downgrade" ? migration_direction::downgrade : migration_direction::upgrade,
                                   static_cast<std::size_t>(row.step), row.position.value_or(std::string())};
        throw migration_error("tabula: " + progress_table() + " records revision " + row.revision +
                                  " as under way, which this application's revision chain does not contain",
                              row.revision);
    }

    void record_progress(std::size_t i, std::size_t done, const std::optional<std::string>& position = std::nullopt) {
        db_.execute(sql::text(dialect, [&](auto& w) {
                        w.put("UPDATE ").identifier(progress_table()).put(" SET ").identifier("step").put(" = ").parameter().put(", ");
                        w.identifier("position").put(" = ").parameter().put(" WHERE ").identifier("revision").put(" = ").parameter();
                    }),
                    static_cast<std::int64_t>(done), position, entries[i].id);
    }

    // Where DDL is transactional a revision is left partway only by a resumable data function
    // that committed a page (and then stopped): completed or undone like MySQL's.
    std::optional<std::size_t> settle_checkpointed(migration_direction direction) {
        if (!support::has_table(db_.connection(), progress_table())) return std::nullopt;
        return settle_interrupted(direction);
    }

    // A revision left halfway by an earlier command (a crash, a lost server, a failure that could
    // not be undone). Completed when this command runs the same way; undone when it runs the other
    // way and that is safe. Returns the revision when this completed it.
    std::optional<std::size_t> settle_interrupted(migration_direction direction) {
        const auto pending = read_progress();
        if (!pending) {
            db_.execute_script(drop_progress_table());
            return std::nullopt;
        }
        const entry& e = entries[pending->revision];
        const auto applied = applied_set(read_heads());
        const bool up = pending->direction == migration_direction::upgrade;
        // The version table moves only when a revision completes: an upgrade under way is not
        // recorded yet, a downgrade under way still is. Anything else was stamped since.
        if (applied[pending->revision] == up) {
            db_.execute_script(drop_progress_table());
            return std::nullopt;
        }
        if (pending->direction == direction) {
            run_resumable(pending->revision, direction, applied, pending->done, pending->position);
            return pending->revision;
        }
        if (!pending->position.empty() || !undo_partial(pending->revision, pending->direction, pending->done))
            throw migration_error("tabula: the " + std::string(up ? "upgrade" : "downgrade") + " of revision " + std::string(e.id) + " (" +
                                      std::string(e.message) + ") stopped after " + std::to_string(pending->done) + " of its steps" +
                                      (pending->position.empty() ? std::string()
                                                                 : ", its data function having committed up to '" + pending->position + "'") +
                                      ", past what can be undone; run " + (up ? "upgrade" : "downgrade") +
                                      " again to complete it first; nothing was changed",
                                  std::string(e.id));
        return std::nullopt;
    }

    // Undoes the finished units of a revision that stopped halfway by applying the other
    // direction's steps, each skipped where there is nothing to undo. Only when nothing
    // irreversible happened: no SQL or data function committed, no step destroyed data, and the
    // revision is not a base revision (which may have adopted tables that existed before).
    bool undo_partial(std::size_t i, migration_direction direction, std::size_t done) {
        const entry& e = entries[i];
        const auto units = units_of(e, direction);
        if (e.parent_count == 0) return false;
        for (std::size_t k = 0; k <= done && k < units.size(); ++k) {
            if (k == done && !units[k].step) break;  // the unit that failed rolled back its own transaction
            if (!units[k].step || units[k].step->destroys_data) return false;
        }
        auto& connection = db_.connection();
        typename support::editor editor([&](std::string_view statement) { db_.execute_script(statement); }, &connection, options_.progress,
                                        e.id, options_.rows_per_chunk);
        for (const migration_step& s : direction == migration_direction::upgrade ? e.downgrade_steps : e.upgrade_steps) editor.apply(s, false);
        editor.flush();
        db_.execute_script(drop_progress_table());
        return true;
    }

    // Runs revision i from unit `start` on, recording each finished unit, and for a data function
    // its checkpoints; the version table and the progress record change together at the end.
    // `resume`: the record exists already, with this position of the data function (may be empty).
    // Where DDL is transactional everything between two commits of the data function is one
    // transaction, the record included: a revision stopped before its first commit is rolled
    // back whole, as run() would leave it. Where it is not (MySQL) each schema step commits with
    // its record, and SQL and the data function run in transactions of their own.
    void run_resumable(std::size_t i, migration_direction direction, const std::array<bool, size> applied, std::size_t start,
                       std::optional<std::string> resume = std::nullopt) {
        const entry& e = entries[i];
        if (options_.on_revision) options_.on_revision(direction, e.id, e.message);
        const bool up = direction == migration_direction::upgrade;
        const auto units = units_of(e, direction);
        auto& connection = db_.connection();
        std::optional<tabula::transaction<session_type>> scope;
        if constexpr (support::transactional_ddl) scope.emplace(db_, transaction_options{});
        bool committed = resume.has_value();  // part of the revision is in the database
        std::string position = resume.value_or(std::string());
        std::size_t done = start;
        try {
            if (up && start == 0) check_upgrade(e);
            if (!resume) {
                db_.execute_script(sql::text(dialect, [&](auto& w) {
                    w.put("CREATE TABLE IF NOT EXISTS ").identifier(progress_table()).put(" (").identifier("revision");
                    w.put(" VARCHAR(32) NOT NULL, ").identifier("direction").put(" VARCHAR(9) NOT NULL, ").identifier("step");
                    w.put(" INT NOT NULL, ").identifier("position").put(" TEXT NULL, PRIMARY KEY (").identifier("revision").put("))");
                }));
                db_.execute(sql::text(dialect, [&](auto& w) {
                                w.put("INSERT INTO ").identifier(progress_table()).put(" (").identifier("revision").put(", ");
                                w.identifier("direction").put(", ").identifier("step").put(") VALUES (").parameter().put(", ").parameter();
                                w.put(", 0)");
                            }),
                            e.id, std::string_view(up ? "upgrade" : "downgrade"));
                if constexpr (!support::transactional_ddl) committed = true;
            }
            typename support::editor editor([&](std::string_view statement) { db_.execute_script(statement); }, &connection,
                                            options_.progress, e.id, options_.rows_per_chunk);
            for (; done < units.size(); ++done) {
                const unit& u = units[done];
                if (u.step) {
                    editor.apply(*u.step, up && e.parent_count == 0);
                    editor.flush();
                    record_progress(i, done + 1);
                    if constexpr (!support::transactional_ddl) committed = true;
                    continue;
                }
                if constexpr (!support::transactional_ddl) scope.emplace(db_, transaction_options{});
                if (u.statement) {
                    db_.execute_script(hand_written(*u.statement, e));
                } else {
                    data_checkpoint at(done == start ? position : std::string(), [&](std::string_view reached) {
                        if (reached.empty())
                            throw migration_error("tabula: the data function of revision " + std::string(e.id) +
                                                      " committed an empty checkpoint position; give the position to resume from",
                                                  std::string(e.id));
                        record_progress(i, done, std::string(reached));
                        scope->commit();
                        committed = true;
                        position = reached;
                        scope.emplace(db_, transaction_options{});
                    }, options_.progress, e.id);
                    (up ? e.upgrade_data : e.downgrade_data)(db_, at);
                }
                record_progress(i, done + 1);
                if constexpr (!support::transactional_ddl) {
                    scope->commit();
                    scope.reset();
                    committed = true;
                }
            }
            support::verify_revision(connection, e.id, footprint(e, direction));
            if (!scope) scope.emplace(db_, transaction_options{});
            const auto before = heads_of(applied);
            auto now = applied;
            now[i] = up;
            const auto after = heads_of(now);
            for (std::size_t h : before)
                if (std::find(after.begin(), after.end(), h) == after.end())
                    db_.execute(sql::delete_version(dialect, options_.version_table), entries[h].id);
            for (std::size_t h : after)
                if (std::find(before.begin(), before.end(), h) == before.end())
                    db_.execute(sql::insert_version(dialect, options_.version_table), entries[h].id);
            db_.execute(sql::text(dialect, [&](auto& w) {
                            w.put("DELETE FROM ").identifier(progress_table()).put(" WHERE ").identifier("revision").put(" = ").parameter();
                        }),
                        e.id);
            if constexpr (support::transactional_ddl) db_.execute_script(drop_progress_table());
            scope->commit();
            scope.reset();
            if constexpr (!support::transactional_ddl) db_.execute_script(drop_progress_table());
        } catch (const std::exception& failure) {
            if (scope && scope->active()) {
                try {
                    scope->rollback();
                } catch (...) {
                    // A lost connection has rolled back already; the failure is what to report.
                }
            }
            const bool ours = dynamic_cast<const migration_error*>(&failure) != nullptr;
            if (ours && !committed) throw;
            const std::string what = std::string(up ? "upgrade" : "downgrade") + " of revision " + std::string(e.id) + " (" +
                                     std::string(e.message) + ") failed " +
                                     (done < units.size() ? "at " + describe_unit(units[done]) : std::string("after its last step")) + ": " +
                                     failure.what();
            // Where DDL is transactional, a failure after the data function rolls back to its last
            // checkpoint too; the rerun finds no page left after it and goes on with the steps.
            if (!position.empty() && (support::transactional_ddl || (done < units.size() && units[done].data)))
                throw migration_error("tabula: " + what + "; its data function had committed its work up to '" + position +
                                          "', so the database is partway through the revision (recorded in " + progress_table() +
                                          "). Fix the cause and run " + (up ? "upgrade" : "downgrade") +
                                          " again: the data function resumes after '" + position + "'",
                                      std::string(e.id));
            if constexpr (support::transactional_ddl) {
                throw migration_error("tabula: " + what + "; the revision was rolled back: the database is at " +
                                          revisions_text(heads_of(applied)),
                                      std::string(e.id));
            } else {
                if (ours) throw;
                std::string outcome;
                try {
                    if (done < units.size() && position.empty() && undo_partial(i, direction, done))
                        outcome = "; MySQL commits schema changes as they run, so the revision's finished steps were undone: it was "
                                  "rolled back and the database is at " + revisions_text(heads_of(applied));
                } catch (const std::exception& undo_failure) {
                    outcome = std::string("; undoing its finished steps failed too (") + undo_failure.what() + ")";
                }
                if (outcome.empty() || outcome.rfind("; undoing", 0) == 0)
                    outcome += "; MySQL commits schema changes as they run, so the database is partway through the revision: " +
                               std::to_string(done) + " of its " + std::to_string(units.size()) + " steps are done (recorded in " +
                               progress_table() + "). Fix the cause and run " + (up ? "upgrade" : "downgrade") +
                               " again: it resumes at the step that failed";
                throw migration_error("tabula: " + what + outcome, std::string(e.id));
            }
        }
    }

    session_type& db_;
    migration_options options_;
};

}  // namespace tabula
