// Runs migration steps on PostgreSQL, where ALTER TABLE can make every change in place and DDL is
// transactional: a revision's steps and its version-table update commit together or not at all.
//   type change     ALTER COLUMN ... TYPE t USING "c"::t (the default is dropped around it, since
//                   PostgreSQL cannot always cast the old default)
//   new NOT NULL    added with its default; with a fill expression it is added nullable, filled
//                   by one UPDATE, then made NOT NULL
//   renamed table   its primary key constraint is renamed too (<table>_pkey), so the database
//                   matches what create_all would have made
//   placed column   ADD COLUMN appends; a table given a column its model declares before others
//                   has its columns put in the declared order when the steps are flushed, by one
//                   rebuild per table (sql/column_order.hpp)
// Without a connection the editor renders the same statements for an offline script.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tabula/backend/migration_contract.hpp>
#include <tabula/backend/postgres/connection.hpp>
#include <tabula/backend/postgres/introspection.hpp>
#include <tabula/error.hpp>
#include <tabula/migrate/plan/progress.hpp>
#include <tabula/migrate/plan/step.hpp>
#include <tabula/sql/alter.hpp>
#include <tabula/sql/column_order.hpp>
#include <tabula/sql/ddl.hpp>

namespace tabula::postgres_backend {

class schema_editor {
public:
    // `live` is the connection statements run on, or nullptr when only rendering a script.
    schema_editor(statement_runner execute, connection* live, progress_callback = {}, std::string_view = {}, std::int64_t = 0)
        : execute_(std::move(execute)), live_(live) {}

    // `create_if_missing` (a base revision): existing tables and indexes are adopted, not an error.
    void apply(const migration_step& step, bool create_if_missing) {
        switch (step.kind) {
            case step_kind::create_table: run([&](auto& w) { sql::create_table(w, *step.after, create_if_missing); }); break;
            case step_kind::drop_table: run([&](auto& w) { sql::drop_table(w, step.before->name, false); }); break;
            case step_kind::rename_table: {
                const std::optional<std::string> key = existing_primary_key(step.before->name);
                run([&](auto& w) { sql::rename_table(w, step.before->name, step.after->name); });
                // A key named after the old table follows the new name, unless the new model
                // declares the old name (Open WebUI's config_old keeps config_pkey).
                const std::string renamed = step.after->primary_key_name.empty() ? std::string(step.after->name) + "_pkey"
                                                                                 : std::string(step.after->primary_key_name);
                if (key && *key == std::string(step.before->name) + "_pkey" && *key != renamed)
                    run([&](auto& w) { sql::rename_constraint(w, step.after->name, *key, renamed); });
                break;
            }
            case step_kind::rename_column:
                run([&](auto& w) { sql::rename_column(w, step.table_name(), step.old_column->name, step.new_column->name); });
                break;
            case step_kind::add_column: add_column(step); break;
            case step_kind::alter_column: alter_column(step); break;
            case step_kind::require_not_null:
                run([&](auto& w) { sql::alter_column_nullability(w, step.table_name(), step.new_column->name, false); });
                break;
            case step_kind::alter_primary_key: {
                const std::string_view table = step.table_name();
                // A table made outside the models may lack the key its model declares (Open WebUI's
                // Peewee tables have a unique index instead): nothing to drop then.
                if (!step.before->primary_key.empty())
                    if (const std::optional<std::string> key = existing_primary_key(table))
                        run([&](auto& w) { sql::drop_primary_key(w, table, *key); });
                run([&](auto& w) { sql::add_primary_key(w, table, step.after->primary_key, step.after->primary_key_name); });
                // Columns that left the key may be nullable now (alter_column left them NOT NULL).
                for (std::string_view column : step.before->primary_key) {
                    const column_descriptor* after = step.after->find_column(column);
                    if (after && after->nullable && !step.after->primary_key.contains(column))
                        run([&](auto& w) { sql::alter_column_nullability(w, table, column, true); });
                }
                break;
            }
            case step_kind::create_index:
                run([&](auto& w) { sql::create_index(w, step.table_name(), *step.index, create_if_missing); });
                break;
            case step_kind::drop_index: run([&](auto& w) { sql::drop_index(w, step.table_name(), step.index->name); }); break;
            case step_kind::add_unique: run([&](auto& w) { sql::add_unique(w, step.table_name(), *step.unique); }); break;
            // A constraint to drop that a table made outside the models never had (Open WebUI's
            // Peewee tables have unique indexes instead) is already as the step wants it.
            case step_kind::drop_unique:
                if (!live_ || postgres_backend::has_constraint(*live_, step.table_name(), step.unique->name))
                    run([&](auto& w) { sql::drop_unique(w, step.table_name(), step.unique->name); });
                break;
            case step_kind::add_foreign_key: run([&](auto& w) { sql::add_foreign_key(w, step.table_name(), *step.foreign_key); }); break;
            case step_kind::drop_foreign_key:
                if (!live_ || postgres_backend::has_constraint(*live_, step.table_name(), step.foreign_key->name))
                    run([&](auto& w) { sql::drop_foreign_key(w, step.table_name(), step.foreign_key->name); });
                break;
            case step_kind::drop_column: run([&](auto& w) { sql::drop_column(w, step.table_name(), step.old_column->name); }); break;
        }
    }

    // Statements run as steps are applied; only the column order of tables given a column in
    // the middle is pending, one rebuild per table.
    void flush() {
        for (const auto& [name, table] : to_order_) {
            std::vector<std::string_view> declared;
            for (const column_descriptor& c : table->columns)
                if (!kept_in_place(name, c.name)) declared.push_back(c.name);
            // A column converted in place stays after the column it followed (or first), placed in
            // the old order so that one may follow another.
            std::vector<kept_column>& kept = in_place_[name];
            std::sort(kept.begin(), kept.end(), [](const kept_column& a, const kept_column& b) { return a.old_position < b.old_position; });
            for (const kept_column& k : kept) {
                auto at = declared.begin();
                if (!k.predecessor.empty()) at = std::find(declared.begin(), declared.end(), k.predecessor);
                if (at != declared.end() && !k.predecessor.empty()) ++at;
                declared.insert(at, k.column);
            }
            run([&](auto& w) { sql::reorder_columns(w, name, declared); });
        }
        to_order_.clear();
        in_place_.clear();
    }

private:
    template <class Render>
    void run(Render&& render) {
        execute_(sql::text(sql::dialect::postgres, render));
    }

    // The table's primary key constraint as the database names it; offline, PostgreSQL's default
    // name. A table made outside the models may have none.
    std::optional<std::string> existing_primary_key(std::string_view table) {
        if (live_) return postgres_backend::find_primary_key_name(*live_, table);
        return std::string(table) + "_pkey";
    }

    // A column declared before others the table already has is appended, then placed at flush.
    // Columns are added in declared order, so one declared last after the others needs nothing.
    void place_later(const migration_step& step) {
        const table_descriptor& table = *step.after;
        if (table.column_position(step.new_column->name) + 1 == table.columns.size()) return;
        auto refuse_delimiter = [&](std::string_view name) {
            if (name.find("$tabula$") != std::string_view::npos)
                throw error("cannot place column " + std::string(step.new_column->name) + " of table " + std::string(table.name) +
                            ": the name '" + std::string(name) + "' contains $tabula$, which ends the statement that orders columns");
        };
        refuse_delimiter(table.name);
        for (const column_descriptor& c : table.columns) refuse_delimiter(c.name);
        to_order_[std::string(table.name)] = &table;
    }

    void add_column(const migration_step& step) {
        place_later(step);
        const table_descriptor& table = *step.after;
        column_descriptor column = *step.new_column;
        if (step.fill_for(sql::dialect::postgres).empty()) {
            if (step.nullable_until_filled) column.nullable = true;
            run([&](auto& w) { sql::add_column(w, table, column); });
            return;
        }
        // Added nullable and without its default, filled, then given both.
        column_descriptor bare = column;
        bare.nullable = true;
        bare.server_default = {};
        bare.default_on = {};
        run([&](auto& w) { sql::add_column(w, table, bare); });
        run([&](auto& w) { sql::fill_column(w, table.name, column.name, step.fill_for(sql::dialect::postgres)); });
        if (!column.nullable && !step.nullable_until_filled)
            run([&](auto& w) { sql::alter_column_nullability(w, table.name, column.name, false); });
        if (!sql::column_default(column, sql::dialect::postgres).empty())
            run([&](auto& w) { sql::alter_column_default(w, table.name, column.name, sql::column_default(column, sql::dialect::postgres)); });
    }

    // A column whose type changes and that the new version declares last, where the old one did
    // not, is recreated at the end (add, copy converted, drop, rename), as a rebuild on SQLite
    // places it; only a column outside keys, constraints and indexes, which a drop would lose.
    static bool moves_to_end(const migration_step& step) {
        const table_descriptor& before = *step.before;
        const table_descriptor& after = *step.after;
        const std::string_view name = step.new_column->name;
        if (after.columns.empty() || after.columns.back().name != name) return false;
        if (!before.columns.empty() && before.columns.back().name == step.old_column->name) return false;
        if (step.old_column->name != name || after.primary_key.contains(name) || before.primary_key.contains(name)) return false;
        for (const table_descriptor* t : {&before, &after}) {
            for (const unique_descriptor& u : t->uniques)
                if (u.columns.contains(name)) return false;
            for (const index_descriptor& i : t->indexes)
                if (i.columns.contains(name) || !i.expression.empty()) return false;
            for (const foreign_key_descriptor& f : t->foreign_keys)
                if (f.columns.contains(name)) return false;
        }
        return true;
    }

    void recreate_at_end(const migration_step& step, const std::string& conversion) {
        const table_descriptor& table = *step.after;
        const std::string temporary = std::string(step.new_column->name) + "__tabula_new";
        column_descriptor bare = *step.new_column;
        bare.name = temporary;
        bare.nullable = true;
        bare.server_default = {};
        bare.default_on = {};
        run([&](auto& w) { sql::add_column(w, table, bare); });
        run([&](auto& w) { sql::fill_column(w, table.name, temporary, conversion); });
        run([&](auto& w) { sql::drop_column(w, table.name, step.old_column->name); });
        run([&](auto& w) { sql::rename_column(w, table.name, temporary, step.new_column->name); });
        if (!step.new_column->nullable) run([&](auto& w) { sql::alter_column_nullability(w, table.name, step.new_column->name, false); });
        // The default follows in alter_column, as after an in-place change.
    }

    void alter_column(const migration_step& step) {
        const table_descriptor& table = *step.after;
        const column_descriptor& before = *step.old_column;
        const column_descriptor& after = *step.new_column;
        const std::string_view name = after.name;
        const std::string old_type(sql::column_type(*step.before, before, sql::dialect::postgres));
        const std::string new_type(sql::column_type(table, after, sql::dialect::postgres));
        const bool type_changes = old_type != new_type;
        // Defaults as PostgreSQL gets them: a default_on for it replaces the server default.
        const std::string_view old_default = sql::column_default(before, sql::dialect::postgres);
        const std::string_view new_default = sql::column_default(after, sql::dialect::postgres);
        const bool default_changes = old_default != new_default;
        if (type_changes && !old_default.empty())
            run([&](auto& w) { sql::alter_column_default(w, table.name, name, {}); });
        if (before.autoincrement && !after.autoincrement)
            run([&](auto& w) { sql::alter_column_identity(w, table.name, name, false); });
        if (type_changes) {
            // The revision's conversion (its fill for the column), else a cast.
            const std::string_view declared = step.fill_for(sql::dialect::postgres);
            const std::string conversion = !declared.empty() ? std::string(declared)
                                                             : sql::text(sql::dialect::postgres, [&](auto& w) { w.identifier(name).put("::").put(new_type); });
            if (!step.in_place && moves_to_end(step)) recreate_at_end(step, conversion);
            else run([&](auto& w) { sql::alter_column_type(w, table, after, conversion); });
            if (step.in_place) keep_in_place(step);
        }
        if (!before.autoincrement && after.autoincrement)
            run([&](auto& w) { sql::alter_column_identity(w, table.name, name, true); });
        // A key column stays NOT NULL until the key lets it go (alter_primary_key, which follows).
        const bool leaves_key = step.before->primary_key.contains(name) && !table.primary_key.contains(name);
        if (before.nullable != after.nullable && !(after.nullable && leaves_key))
            run([&](auto& w) { sql::alter_column_nullability(w, table.name, name, after.nullable); });
        if (default_changes || (type_changes && !new_default.empty()))
            run([&](auto& w) { sql::alter_column_default(w, table.name, name, sql::column_default(after, sql::dialect::postgres)); });
    }

    bool kept_in_place(const std::string& table, std::string_view column) const {
        const auto found = in_place_.find(table);
        if (found == in_place_.end()) return false;
        for (const kept_column& kept : found->second)
            if (kept.column == column) return true;
        return false;
    }

    // A column converted in place: remembered with the nearest column before it in the old shape
    // that the new one keeps (empty: it stays first), so that ordering the table leaves it there.
    void keep_in_place(const migration_step& step) {
        kept_column kept{step.new_column->name, {}, 0};
        for (const column_descriptor& c : step.before->columns) {
            if (c.name == step.old_column->name) break;
            ++kept.old_position;
            if (step.after->find_column(c.name)) kept.predecessor = c.name;
        }
        in_place_[std::string(step.after->name)].push_back(kept);
    }

    struct kept_column {
        std::string_view column;
        std::string_view predecessor;
        std::size_t old_position = 0;
    };

    statement_runner execute_;
    connection* live_;
    std::map<std::string, const table_descriptor*> to_order_;  // table -> its declared shape
    std::map<std::string, std::vector<kept_column>> in_place_;  // table -> its columns converted in place
};

}  // namespace tabula::postgres_backend
