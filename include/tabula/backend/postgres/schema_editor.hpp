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

#include <cstdint>
#include <map>
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
                const std::string key = primary_key_name(step.before->name);
                run([&](auto& w) { sql::rename_table(w, step.before->name, step.after->name); });
                const std::string renamed = std::string(step.after->name) + "_pkey";
                if (key == std::string(step.before->name) + "_pkey")
                    run([&](auto& w) { sql::rename_constraint(w, step.after->name, key, renamed); });
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
                if (!step.before->primary_key.empty()) {
                    const std::string key = primary_key_name(table);
                    run([&](auto& w) { sql::drop_primary_key(w, table, key); });
                }
                run([&](auto& w) { sql::add_primary_key(w, table, step.after->primary_key); });
                break;
            }
            case step_kind::create_index:
                run([&](auto& w) { sql::create_index(w, step.table_name(), *step.index, create_if_missing); });
                break;
            case step_kind::drop_index: run([&](auto& w) { sql::drop_index(w, step.table_name(), step.index->name); }); break;
            case step_kind::add_unique: run([&](auto& w) { sql::add_unique(w, step.table_name(), *step.unique); }); break;
            case step_kind::drop_unique: run([&](auto& w) { sql::drop_unique(w, step.table_name(), step.unique->name); }); break;
            case step_kind::add_foreign_key: run([&](auto& w) { sql::add_foreign_key(w, step.table_name(), *step.foreign_key); }); break;
            case step_kind::drop_foreign_key:
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
            for (const column_descriptor& c : table->columns) declared.push_back(c.name);
            run([&](auto& w) { sql::reorder_columns(w, name, declared); });
        }
        to_order_.clear();
    }

private:
    template <class Render>
    void run(Render&& render) {
        execute_(sql::text(sql::dialect::postgres, render));
    }

    std::string primary_key_name(std::string_view table) {
        if (live_) return postgres_backend::primary_key_name(*live_, table);
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
        if (step.fill.empty()) {
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
        run([&](auto& w) { sql::fill_column(w, table.name, column.name, step.fill); });
        if (!column.nullable && !step.nullable_until_filled)
            run([&](auto& w) { sql::alter_column_nullability(w, table.name, column.name, false); });
        if (!sql::column_default(column, sql::dialect::postgres).empty())
            run([&](auto& w) { sql::alter_column_default(w, table.name, column.name, sql::column_default(column, sql::dialect::postgres)); });
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
            const std::string conversion = sql::text(sql::dialect::postgres, [&](auto& w) { w.identifier(name).put("::").put(new_type); });
            run([&](auto& w) { sql::alter_column_type(w, table, after, conversion); });
        }
        if (!before.autoincrement && after.autoincrement)
            run([&](auto& w) { sql::alter_column_identity(w, table.name, name, true); });
        if (before.nullable != after.nullable) run([&](auto& w) { sql::alter_column_nullability(w, table.name, name, after.nullable); });
        if (default_changes || (type_changes && !new_default.empty()))
            run([&](auto& w) { sql::alter_column_default(w, table.name, name, sql::column_default(after, sql::dialect::postgres)); });
    }

    statement_runner execute_;
    connection* live_;
    std::map<std::string, const table_descriptor*> to_order_;  // table -> its declared shape
};

}  // namespace tabula::postgres_backend
