// Runs migration steps on SQLite. ALTER TABLE does what it can (rename a table or a column, add a
// nullable or defaulted column, drop a plain column); everything else - type, nullability and
// default changes, key, unique and foreign key changes - rebuilds the table the way SQLite's
// documentation describes: create the new table, copy the rows, drop the old one, rename, and
// recreate indexes and triggers. Consecutive changes to one table share one rebuild.
//
// ALTER TABLE renames columns from SQLite 3.25 and drops them from 3.35. With an older library
// (SQLCipher 3 embeds 3.15) those steps rebuild the table too; the choice is made by the version
// of the library running, for offline scripts as well. Before 3.26, renaming a table leaves the
// foreign keys that reference it on the old name: the editor rebuilds those tables as well.
//
// Without a connection the editor renders the same statements for an offline script; it then
// cannot preserve triggers or indexes it does not know, nor report progress.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <tabula/backend/migration_contract.hpp>
#include <tabula/backend/sqlite/api.hpp>
#include <tabula/backend/sqlite/connection.hpp>
#include <tabula/backend/sqlite/introspection.hpp>
#include <tabula/error.hpp>
#include <tabula/migrate/plan/progress.hpp>
#include <tabula/migrate/plan/step.hpp>
#include <tabula/migrate/plan/table_shape.hpp>
#include <tabula/sql/alter.hpp>
#include <tabula/sql/ddl.hpp>
#include <tabula/sql/dml.hpp>
#include <tabula/sql/type_map.hpp>

namespace tabula::sqlite_backend {

class schema_editor {
public:
    // `live` is the connection statements run on, or nullptr when only rendering a script.
    schema_editor(statement_runner execute, connection* live, progress_callback progress = {}, std::string_view revision = {},
                  std::int64_t rows_per_chunk = 50'000)
        : execute_(std::move(execute)),
          live_(live),
          progress_(std::move(progress)),
          revision_(revision),
          rows_per_chunk_(rows_per_chunk),
          alter_renames_columns_(library_version() >= 3025000),
          alter_drops_columns_(library_version() >= 3035000),
          alter_renames_references_(library_version() >= 3026000) {}

    // `create_if_missing` (a base revision): existing tables and indexes are adopted, not an error.
    void apply(const migration_step& step, bool create_if_missing) {
        switch (step.kind) {
            case step_kind::create_table: {
                run([&](auto& w) { sql::create_table(w, *step.after, create_if_missing); });
                shapes_[std::string(step.after->name)] = table_shape::of(*step.after);
                shapes_[std::string(step.after->name)].indexes.clear();  // created by their own steps
                break;
            }
            case step_kind::drop_table: {
                std::string_view in_database = step.before->name;
                if (auto it = pending_.find(std::string(step.before->name)); it != pending_.end()) {
                    in_database = it->second.before.name;
                    pending_.erase(it);
                }
                run([&](auto& w) { sql::drop_table(w, in_database, false); });
                shapes_.erase(std::string(step.before->name));
                break;
            }
            case step_kind::rename_table: {
                table_shape moved = current(step.before->name, step.before);
                shapes_.erase(std::string(step.before->name));
                moved.name = step.after->name;
                shapes_[std::string(step.after->name)] = std::move(moved);
                if (auto it = pending_.find(std::string(step.before->name)); it != pending_.end()) {
                    // The rebuild creates the table under its new name.
                    rebuild work = std::move(it->second);
                    pending_.erase(it);
                    pending_.emplace(std::string(step.after->name), std::move(work));
                } else {
                    run([&](auto& w) { sql::rename_table(w, step.before->name, step.after->name); });
                }
                if (!alter_renames_references_) renamed_.emplace_back(step.before->name, step.after->name);
                break;
            }
            case step_kind::rename_column: {
                table_shape& shape = current(step.table_name(), step.before);
                if (pending_.contains(std::string(shape.name)) || !alter_renames_columns_) {
                    begin_rebuild(shape);
                    pending_.at(std::string(shape.name)).sources[std::string(step.new_column->name)] = identifier(step.old_column->name);
                } else {
                    run([&](auto& w) { sql::rename_column(w, shape.name, step.old_column->name, step.new_column->name); });
                }
                shape.rename_column(step.old_column->name, step.new_column->name);
                break;
            }
            case step_kind::add_column: {
                table_shape& shape = current(step.table_name(), step.before);
                column_descriptor column = *step.new_column;
                if (step.nullable_until_filled) column.nullable = true;
                // ADD COLUMN appends: a column declared before others the table has is placed by a
                // rebuild, so that a downgrade restores a dropped column where it was.
                const std::size_t position = shape.declared_position(*step.after, column.name);
                const bool at_end = shape.only_undeclared_from(*step.after, position);
                const bool alter = at_end && step.fill_for(sql::dialect::sqlite).empty() && !pending_.contains(std::string(shape.name)) && !column.primary_key &&
                                   (column.nullable || constant_default(column.server_default)) && !empty_live(shape.name);
                if (alter) {
                    const table_descriptor view = shape.view();
                    run([&](auto& w) { sql::add_column(w, view, column); });
                    shape.columns.push_back(column);
                } else {
                    begin_rebuild(shape);
                    if (at_end) shape.columns.push_back(column);
                    else shape.columns.insert(shape.columns.begin() + static_cast<std::ptrdiff_t>(position), column);
                    std::string source = step.fill_for(sql::dialect::sqlite).empty() ? std::string(column.server_default.empty() ? "NULL" : default_of(column))
                                                           : "(" + std::string(step.fill_for(sql::dialect::sqlite)) + ")";
                    pending_[std::string(shape.name)].sources[std::string(column.name)] = std::move(source);
                }
                break;
            }
            case step_kind::alter_column: {
                table_shape& shape = current(step.table_name(), step.before);
                begin_rebuild(shape);
                if (column_descriptor* c = shape.find(step.new_column->name)) *c = *step.new_column;
                // A type change puts the column where the new version declares it: the rebuild
                // writes the columns anew anyway (PostgreSQL's editor moves it only to the end).
                if (step.old_column->kind != step.new_column->kind || step.old_column->type_override != step.new_column->type_override)
                    move_to_declared_place(shape, *step.after, step.new_column->name);
                // A type change with a conversion: the rebuild copies the expression's value.
                if (!step.fill_for(sql::dialect::sqlite).empty())
                    pending_.at(std::string(shape.name)).sources[std::string(step.new_column->name)] = "(" + std::string(step.fill_for(sql::dialect::sqlite)) + ")";
                break;
            }
            case step_kind::require_not_null: {
                table_shape& shape = current(step.table_name(), step.before);
                begin_rebuild(shape);
                if (column_descriptor* c = shape.find(step.new_column->name)) c->nullable = false;
                break;
            }
            case step_kind::alter_primary_key: {
                table_shape& shape = current(step.table_name(), step.before);
                begin_rebuild(shape);
                shape.primary_key = step.after->primary_key;
                shape.autoincrement = step.after->autoincrement;
                for (column_descriptor& c : shape.columns) {
                    const column_descriptor* target = step.after->find_column(c.name);
                    c.primary_key = shape.primary_key.contains(c.name);
                    c.autoincrement = target && target->autoincrement;
                }
                break;
            }
            case step_kind::create_index: {
                table_shape& shape = current(step.table_name(), step.before);
                shape.indexes.push_back(*step.index);
                if (!pending_.contains(std::string(shape.name)))
                    run([&](auto& w) { sql::create_index(w, shape.name, *step.index, create_if_missing); });
                break;
            }
            case step_kind::drop_index: {
                table_shape& shape = current(step.table_name(), step.before);
                std::erase_if(shape.indexes, [&](const index_descriptor& i) { return i.name == step.index->name; });
                run([&](auto& w) { sql::drop_index(w, shape.name, step.index->name); });
                break;
            }
            case step_kind::add_unique: {
                table_shape& shape = current(step.table_name(), step.before);
                begin_rebuild(shape);
                shape.uniques.push_back(*step.unique);
                break;
            }
            case step_kind::drop_unique: {
                table_shape& shape = current(step.table_name(), step.before);
                begin_rebuild(shape);
                std::erase_if(shape.uniques, [&](const unique_descriptor& u) { return u.name == step.unique->name; });
                break;
            }
            case step_kind::add_foreign_key: {
                table_shape& shape = current(step.table_name(), step.before);
                begin_rebuild(shape);
                shape.foreign_keys.push_back(*step.foreign_key);
                break;
            }
            case step_kind::drop_foreign_key: {
                table_shape& shape = current(step.table_name(), step.before);
                begin_rebuild(shape);
                std::erase_if(shape.foreign_keys, [&](const foreign_key_descriptor& f) { return f.name == step.foreign_key->name; });
                break;
            }
            case step_kind::drop_column: {
                table_shape& shape = current(step.table_name(), step.before);
                const std::string_view column = step.old_column->name;
                if (!pending_.contains(std::string(shape.name)) && !shape.in_constraint(column) && alter_drops_columns_) {
                    if (live_)
                        for (const std::string& index : unmanaged_indexes_on(shape, {column}))
                            run([&](auto& w) { sql::drop_index(w, shape.name, index); });
                    run([&](auto& w) { sql::drop_column(w, shape.name, column); });
                } else {
                    begin_rebuild(shape);
                }
                std::erase_if(shape.columns, [&](const column_descriptor& c) { return c.name == column; });
                break;
            }
        }
    }

    // Carries out every pending rebuild.
    void flush() {
        while (!pending_.empty()) flush(pending_.begin()->first);
        repoint_references();
    }

private:
    struct rebuild {
        table_shape before;                          // the table as it is in the database, under its name there
        std::map<std::string, std::string> sources;  // new column -> SQL expression over the old table
    };

    template <class Render>
    void run(Render&& render) {
        execute_(sql::text(sql::dialect::sqlite, render));
    }

    static std::string identifier(std::string_view name) {
        return sql::text(sql::dialect::sqlite, [&](auto& w) { w.identifier(name); });
    }

    // A column's default as an expression, written as CREATE TABLE writes it.
    static std::string_view default_of(const column_descriptor& column) { return sql::column_default(column, sql::dialect::sqlite); }

    // Constant defaults only: SQLite's ADD COLUMN refuses expressions and CURRENT_TIMESTAMP.
    static bool constant_default(std::string_view value) {
        if (value.empty() || value.front() == '(') return false;
        std::string upper;
        for (char c : value) upper.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
        return upper.rfind("CURRENT_", 0) != 0 && upper != "NULL";
    }

    table_shape& current(std::string_view name, const table_descriptor* before) {
        auto it = shapes_.find(std::string(name));
        if (it != shapes_.end()) return it->second;
        table_shape shape = table_shape::of(*before);
        shape.name = name;
        return shapes_.emplace(std::string(name), std::move(shape)).first->second;
    }

    static void move_to_declared_place(table_shape& shape, const table_descriptor& target, std::string_view name) {
        const auto found = std::find_if(shape.columns.begin(), shape.columns.end(), [&](const column_descriptor& c) { return c.name == name; });
        if (found == shape.columns.end()) return;
        const column_descriptor column = *found;
        shape.columns.erase(found);
        const std::size_t position = shape.declared_position(target, name);
        shape.columns.insert(shape.columns.begin() + static_cast<std::ptrdiff_t>(position), column);
    }

    void begin_rebuild(const table_shape& shape) {
        const std::string key(shape.name);
        if (!pending_.contains(key)) pending_.emplace(key, rebuild{shape, {}});
    }

    void flush(std::string_view name) {
        // A copy: `name` may view the very map key erased below.
        const std::string key(name);
        auto it = pending_.find(key);
        if (it == pending_.end()) return;
        rebuild work = std::move(it->second);
        pending_.erase(it);
        rebuild_table(work, shapes_.at(key));
    }

    std::string copy_statement(const rebuild& work, const table_shape& after, std::string_view into) const {
        std::vector<std::string_view> columns;
        std::vector<std::string> sources;
        for (const column_descriptor& c : after.columns) {
            columns.push_back(c.name);
            if (auto source = work.sources.find(std::string(c.name)); source != work.sources.end()) sources.push_back(source->second);
            else if (work.before.view().find_column(c.name)) sources.push_back(identifier(c.name));
            else sources.emplace_back(c.server_default.empty() ? std::string_view("NULL") : default_of(c));
        }
        const std::vector<std::string_view> source_views(sources.begin(), sources.end());
        return sql::text(sql::dialect::sqlite, [&](auto& w) { sql::copy_rows(w, into, columns, source_views, work.before.name); });
    }

    void rebuild_table(const rebuild& work, const table_shape& after) {
        const std::string temporary = "_tabula_rebuild_" + std::string(after.name);
        std::vector<std::string> keep;  // SQL of triggers and of indexes tabula does not manage
        if (live_) {
            check_known_columns(work.before);
            keep = unmanaged_objects(work, after);
        }
        table_shape target = after;
        target.name = temporary;
        const table_descriptor target_view = target.view();
        // An offline script records the rows before and after, for the check that ends the
        // revision (migration_support<sqlite>::offline_revision_end): a failed copy rolls it back.
        auto record_rows = [&](bool before) {
            run([&](auto& w) {
                if (before) {
                    w.put("INSERT OR REPLACE INTO temp.").identifier("_tabula_rows").put(" (").identifier("name").put(", ");
                    w.identifier("before_rows").put(") SELECT ");
                    sql::string_literal(w, after.name);
                    w.put(", COUNT(*) FROM ").identifier(work.before.name);
                } else {
                    w.put("UPDATE temp.").identifier("_tabula_rows").put(" SET ").identifier("after_rows").put(" = (SELECT COUNT(*) FROM ");
                    w.identifier(after.name).put(") WHERE ").identifier("name").put(" = ");
                    sql::string_literal(w, after.name);
                }
            });
        };
        if (live_ && empty(work.before.name)) {
            // Nothing to copy: the table is made anew under its final name. Skipping the rename
            // matters on a new database, where every rebuild meets an empty table: SQLite re-reads
            // its whole schema after each RENAME.
            run([&](auto& w) { sql::drop_table(w, work.before.name, false); });
            run([&](auto& w) { sql::create_table(w, after.view(), false); });
        } else {
            if (!live_) record_rows(true);
            run([&](auto& w) { sql::create_table(w, target_view, false); });
            copy_rows(work, after, temporary);
            run([&](auto& w) { sql::drop_table(w, work.before.name, false); });
            // legacy_alter_table keeps SQLite from rewriting views and triggers that name the table.
            execute_("PRAGMA legacy_alter_table = ON");
            run([&](auto& w) { sql::rename_table(w, temporary, after.name); });
            execute_("PRAGMA legacy_alter_table = OFF");
        }
        for (const index_descriptor& index : after.indexes) run([&](auto& w) { sql::create_index(w, after.name, index, false); });
        for (const std::string& sql : keep) execute_(sql);
        if (!live_) record_rows(false);
    }

    bool empty(std::string_view table) {
        statement any = live_->prepare("SELECT 1 FROM " + identifier(table) + " LIMIT 1", false);
        return !any.step();
    }

    // A table with no rows, on a live connection, gets a column by being made anew rather than
    // by ALTER TABLE ADD COLUMN, after which SQLite re-reads its whole schema: creating one empty
    // table costs less, and a new database's upgrade is mostly that. (DROP and RENAME COLUMN stay
    // ALTERs: they keep the text of the table's other indexes, which a rebuild writes anew.)
    bool empty_live(std::string_view table) { return live_ && empty(table); }


    void copy_rows(const rebuild& work, const table_shape& after, const std::string& into) {
        const std::string copy = copy_statement(work, after, into);
        if (!live_ || !progress_) {
            execute_(copy);
            return;
        }
        // In chunks of rowids, reporting each: the same set-based copy, in bounded steps.
        const std::string from = identifier(work.before.name);
        // Two statements: SQLite counts a table fast only when COUNT(*) stands alone.
        statement counting = live_->prepare("SELECT COUNT(*) FROM " + from, false);
        counting.step();
        const std::int64_t total = counting.column(0).as_int64();
        progress_({revision_, after.name, 0, total});
        std::int64_t copied = 0;
        if (total > 0) {
            // Each end on its own: SQLite's min/max shortcut does not apply to both in one query.
            statement first = live_->prepare("SELECT rowid FROM " + from + " ORDER BY rowid LIMIT 1", false);
            statement last = live_->prepare("SELECT rowid FROM " + from + " ORDER BY rowid DESC LIMIT 1", false);
            first.step();
            last.step();
            const std::int64_t low = first.column(0).as_int64();
            const std::int64_t high = last.column(0).as_int64();
            // Dense rowids (the usual case): ranges of rowids, found without reading the table.
            // Sparse ones: each range ends at the rowid rows_per_chunk further on.
            const auto span = static_cast<std::uint64_t>(high) - static_cast<std::uint64_t>(low);
            const bool dense = span / 4 < static_cast<std::uint64_t>(total);
            statement chunk = live_->prepare(copy + " WHERE rowid >= ? AND rowid <= ?", false);
            statement boundary = live_->prepare("SELECT rowid FROM " + from + " WHERE rowid >= ? ORDER BY rowid LIMIT 1 OFFSET ?", false);
            std::int64_t next = low;
            while (true) {
                std::int64_t upto = high;
                if (dense) {
                    const auto room = static_cast<std::uint64_t>(high) - static_cast<std::uint64_t>(next);
                    if (room >= static_cast<std::uint64_t>(rows_per_chunk_)) upto = next + (rows_per_chunk_ - 1);
                } else {
                    boundary.reset();
                    boundary.bind_int64(1, next);
                    boundary.bind_int64(2, rows_per_chunk_ - 1);
                    if (boundary.step()) upto = boundary.column(0).as_int64();
                }
                chunk.reset();
                chunk.bind_int64(1, next);
                chunk.bind_int64(2, upto);
                chunk.step();
                copied += chunk.affected_rows();
                progress_({revision_, after.name, copied, total});
                if (upto >= high) break;
                next = upto + 1;
            }
        }
    }

    // A column in the database that the old version does not describe would be lost by the copy.
    void check_known_columns(const table_shape& before) {
        statement info = pragma_rows(*live_, "table_info", before.name);  // cid, name, ...
        while (info.step()) {
            const std::string_view column = info.column(1).as_text();
            bool known = false;
            for (const column_descriptor& c : before.columns) known = known || c.name == column;
            if (!known)
                throw migration_error("tabula: revision " + std::string(revision_) + " must rebuild table '" + std::string(before.name) +
                                          "', which has a column '" + std::string(column) +
                                          "' its schema version does not describe; rebuilding would lose it (see `db check`)",
                                      std::string(revision_));
        }
    }

    // Indexes made outside the models (no step manages them) on any of `columns`. A dropped column
    // takes them with it, as on PostgreSQL and MySQL: SQLite's DROP COLUMN refuses while they
    // exist, and a rebuild could not make them again. (Open WebUI's Peewee layer left such
    // indexes, user_api_key for one, on columns later revisions drop.)
    std::vector<std::string> unmanaged_indexes_on(const table_shape& shape, const std::vector<std::string_view>& columns) {
        std::vector<std::string> names;
        statement list = live_->prepare("PRAGMA index_list(" + identifier(shape.name) + ")", false);
        while (list.step())
            if (list.column(3).as_text() == "c") names.emplace_back(list.column(1).as_text());  // origin: CREATE INDEX
        std::vector<std::string> out;
        for (const std::string& name : names) {
            bool managed = false;
            for (const index_descriptor& i : shape.indexes) managed = managed || i.name == name;
            if (managed) continue;
            statement info = live_->prepare("PRAGMA index_info(" + identifier(name) + ")", false);
            bool uses = false;
            while (info.step())
                if (!info.column(2).is_null()) uses = uses || std::find(columns.begin(), columns.end(), info.column(2).as_text()) != columns.end();
            if (uses) out.push_back(name);
        }
        return out;
    }

    // The old table's columns that the rebuilt table does not carry on, under their name or another.
    std::vector<std::string_view> dropped_columns(const rebuild& work, const table_shape& after) const {
        std::vector<std::string_view> out;
        for (const column_descriptor& old : work.before.columns) {
            bool carried = false;
            for (const column_descriptor& c : after.columns) {
                const auto source = work.sources.find(std::string(c.name));
                carried = carried || (source == work.sources.end() ? c.name == old.name : source->second == identifier(old.name));
            }
            if (!carried) out.push_back(old.name);
        }
        return out;
    }

    std::vector<std::string> unmanaged_objects(const rebuild& work, const table_shape& after) {
        const table_shape& before = work.before;
        std::vector<std::string> gone;  // indexes on dropped columns, which go with them
        if (const auto dropped = dropped_columns(work, after); !dropped.empty()) gone = unmanaged_indexes_on(before, dropped);
        std::vector<std::string> out;
        statement objects = live_->prepare(
            "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL "
            "ORDER BY type, name",
            false);
        objects.bind_text(1, before.name);
        while (objects.step()) {
            const std::string_view name = objects.column(1).as_text();
            bool managed = false;
            for (const index_descriptor& i : before.indexes) managed = managed || i.name == name;
            for (const index_descriptor& i : after.indexes) managed = managed || i.name == name;
            if (!managed && std::find(gone.begin(), gone.end(), name) == gone.end()) out.emplace_back(objects.column(2).as_text());
        }
        return out;
    }

    // SQLite before 3.26 renames a table without touching the foreign keys of other tables that
    // reference it unless foreign keys are on, and migrations run with them off. A table still
    // referencing a renamed table's old name (a foreign key whose declared name did not change, so
    // no step rebuilt it) is rebuilt from its own CREATE TABLE with the reference renamed by SQLite's
    // sqlite_rename_parent(), the function its ALTER TABLE uses with foreign keys on.
    void repoint_references() {
        const auto renamed = std::move(renamed_);
        renamed_.clear();
        if (!live_) return;  // an offline script cannot read which tables reference them
        for (const auto& [from, to] : renamed)
            for (const std::string& table : tables_referencing(*live_, {std::string(from)})) repoint(table, from, to);
    }

    void repoint(const std::string& table, std::string_view from, std::string_view to) {
        statement definition = live_->prepare("SELECT sqlite_rename_parent(sql, ?, ?) FROM sqlite_master WHERE type = 'table' AND name = ?", false);
        definition.bind_text(1, from);
        definition.bind_text(2, to);
        definition.bind_text(3, table);
        if (!definition.step()) return;
        const std::string create(definition.column(0).as_text());
        definition.reset();
        std::vector<std::string> keep;  // its indexes and triggers, which go with the old table
        statement objects = live_->prepare(
            "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name",
            false);
        objects.bind_text(1, table);
        while (objects.step()) keep.emplace_back(objects.column(0).as_text());
        std::vector<std::string> columns;
        statement info = pragma_rows(*live_, "table_info", table);  // cid, name, ...
        while (info.step()) columns.emplace_back(info.column(1).as_text());

        const std::string old_copy = "_tabula_repoint_" + table;
        std::vector<std::string_view> names(columns.begin(), columns.end());
        std::vector<std::string> quoted;
        for (const std::string& c : columns) quoted.push_back(identifier(c));
        const std::vector<std::string_view> sources(quoted.begin(), quoted.end());
        run([&](auto& w) { sql::rename_table(w, table, old_copy); });
        execute_(create);
        run([&](auto& w) { sql::copy_rows(w, table, names, sources, old_copy); });
        run([&](auto& w) { sql::drop_table(w, old_copy, false); });
        for (const std::string& sql : keep) execute_(sql);
    }

    statement_runner execute_;
    connection* live_;
    progress_callback progress_;
    std::string_view revision_;
    std::int64_t rows_per_chunk_;
    bool alter_renames_columns_;
    bool alter_drops_columns_;
    bool alter_renames_references_;
    std::vector<std::pair<std::string, std::string>> renamed_;  // renames whose referencing tables are not yet repointed
    std::map<std::string, table_shape> shapes_;
    std::map<std::string, rebuild> pending_;
};

}  // namespace tabula::sqlite_backend
