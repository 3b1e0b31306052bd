// Runs migration steps on MySQL/MariaDB with ALTER TABLE, one statement per change. MySQL commits
// every DDL statement on its own, so a revision cannot be undone by a rollback: instead every step
// is resumable. On a live connection the editor first looks whether a step's effect is already
// there (the column exists, the index is gone, the key is the new one) and skips what is done, so
// running a revision again after a crash or a failed step continues where it stopped.
//   type, nullability or default change   MODIFY COLUMN, restating the whole column
//   text and blob columns in keys          VARCHAR(255)/VARBINARY(255) (MySQL cannot index LONGTEXT):
//                                          a column joining a key is narrowed before the key is
//                                          made, a column leaving every key widened after
//   new NOT NULL column with a fill        added nullable, filled by one UPDATE, then restated
//   dropped foreign key                    InnoDB's own index for it goes too
//   new primary key                        dropped and added in one statement
//   renamed JSON column                    CHANGE COLUMN, restating it, so MariaDB's json_valid
//                                          check follows the new name
// Without a connection the editor renders the same statements for an offline script.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tabula/backend/migration_contract.hpp>
#include <tabula/backend/mysql/connection.hpp>
#include <tabula/backend/mysql/introspection.hpp>
#include <tabula/migrate/plan/progress.hpp>
#include <tabula/migrate/plan/step.hpp>
#include <tabula/sql/alter.hpp>
#include <tabula/sql/ddl.hpp>

namespace tabula::mysql_backend {

class schema_editor {
public:
    // `live` is the connection statements run on, or nullptr when only rendering a script.
    schema_editor(statement_runner execute, connection* live, progress_callback = {}, std::string_view = {}, std::int64_t = 0)
        : execute_(std::move(execute)), live_(live) {}

    // `create_if_missing` (a base revision): existing tables and indexes are adopted, not an error.
    void apply(const migration_step& step, bool create_if_missing) {
        std::string_view table = step.table_name();
        // A step that runs before its table is renamed, resumed after the rename already ran.
        if (live_ && step.kind < step_kind::rename_table && step.before->name != step.after->name && !has_table(*live_, table) &&
            has_table(*live_, step.after->name))
            table = step.after->name;
        switch (step.kind) {
            case step_kind::create_table:
                if (live_ && has_table(*live_, step.after->name)) break;
                run([&](auto& w) { sql::create_table(w, *step.after, create_if_missing); });
                break;
            case step_kind::drop_table:
                if (live_ && !has_table(*live_, step.before->name)) break;
                run([&](auto& w) { sql::drop_table(w, step.before->name, false); });
                break;
            case step_kind::rename_table:
                if (live_ && !has_table(*live_, step.before->name) && has_table(*live_, step.after->name)) break;
                run([&](auto& w) { sql::rename_table(w, step.before->name, step.after->name); });
                break;
            case step_kind::rename_column:
                if (live_ && !column(table, step.old_column->name) && column(table, step.new_column->name)) {
                    if (sql::column_in_key(*step.before, step.old_column->name)) fit_outside_keys(table, *step.after, step.new_column->name);
                    break;
                }
                if (sql::column_type(*step.before, *step.old_column, sql::dialect::mysql) == "JSON") {
                    // MariaDB's JSON is LONGTEXT with a CHECK (json_valid(c)) named after the column;
                    // RENAME COLUMN keeps that name, so the column would read back as LONGTEXT.
                    // Restated, it gets the check under its new name.
                    column_descriptor renamed = *step.old_column;
                    renamed.name = step.new_column->name;
                    run([&](auto& w) { sql::change_column(w, table, *step.before, step.old_column->name, renamed); });
                } else {
                    run([&](auto& w) { sql::rename_column(w, table, step.old_column->name, step.new_column->name); });
                }
                // A key dropped under the old name could not widen the column it left.
                if (sql::column_in_key(*step.before, step.old_column->name)) fit_outside_keys(table, *step.after, step.new_column->name);
                break;
            case step_kind::add_column: add_column(step); break;
            case step_kind::alter_column:
                if (live_ && matches(table, *step.after, *step.new_column)) break;
                // MODIFY COLUMN converts as MySQL casts; it takes no expression.
                if (!step.fill_for(sql::dialect::mysql).empty())
                    throw unsupported_statement("tabula: MySQL cannot change the type of " + std::string(table) + "." +
                                                std::string(step.new_column->name) + " with the conversion '" + std::string(step.fill_for(sql::dialect::mysql)) +
                                                "': MODIFY COLUMN takes no expression; convert in upgrade_data/downgrade_data instead");
                run([&](auto& w) { sql::modify_column(w, table, *step.after, *step.new_column); });
                break;
            case step_kind::require_not_null: {
                if (live_) {
                    const auto found = column(table, step.new_column->name);
                    if (found && found->not_null) break;
                }
                run([&](auto& w) { sql::modify_column(w, table, *step.after, *step.new_column); });
                break;
            }
            case step_kind::alter_primary_key: {
                const table_descriptor& after = *step.after;
                if (live_ && primary_key(*live_, table) == std::vector<std::string>(after.primary_key.begin(), after.primary_key.end())) break;
                for (std::string_view c : after.primary_key) fit_for_key(table, after, c);
                // A table made outside the models may lack the key its model declares.
                const bool keyless = step.before->primary_key.empty() || (live_ && primary_key(*live_, table).empty());
                if (keyless) run([&](auto& w) { sql::add_primary_key(w, table, after.primary_key); });
                else run([&](auto& w) { sql::replace_primary_key(w, table, after.primary_key); });
                for (std::string_view c : step.before->primary_key) fit_outside_keys(table, after, c);
                break;
            }
            case step_kind::create_index:
                if (live_ && has_index(*live_, table, step.index->name)) break;
                for (std::string_view c : step.index->columns) fit_for_key(table, *step.after, c);
                run([&](auto& w) { sql::create_index(w, table, *step.index, create_if_missing); });
                break;
            case step_kind::drop_index:
                if (!live_ || has_index(*live_, table, step.index->name))
                    run([&](auto& w) { sql::drop_index(w, table, step.index->name); });
                for (std::string_view c : step.index->columns) fit_outside_keys(table, *step.after, c);
                break;
            case step_kind::add_unique:
                if (live_ && has_index(*live_, table, step.unique->name)) break;
                for (std::string_view c : step.unique->columns) fit_for_key(table, *step.after, c);
                run([&](auto& w) { sql::add_unique(w, table, *step.unique); });
                break;
            case step_kind::drop_unique:
                if (!live_ || has_index(*live_, table, step.unique->name))
                    run([&](auto& w) { sql::drop_unique(w, table, step.unique->name); });
                for (std::string_view c : step.unique->columns) fit_outside_keys(table, *step.after, c);
                break;
            case step_kind::add_foreign_key:
                if (live_ && has_foreign_key(*live_, table, step.foreign_key->name)) break;
                for (std::string_view c : step.foreign_key->columns) fit_for_key(table, *step.after, c);
                run([&](auto& w) { sql::add_foreign_key(w, table, *step.foreign_key); });
                break;
            case step_kind::drop_foreign_key:
                if (!live_ || has_foreign_key(*live_, table, step.foreign_key->name))
                    run([&](auto& w) { sql::drop_foreign_key(w, table, step.foreign_key->name); });
                // InnoDB indexed the key's columns under the key's name and keeps that index.
                run([&](auto& w) { sql::drop_index_if_exists(w, table, step.foreign_key->name); });
                for (std::string_view c : step.foreign_key->columns) fit_outside_keys(table, *step.after, c);
                break;
            case step_kind::drop_column:
                if (live_ && !column(table, step.old_column->name)) break;
                run([&](auto& w) { sql::drop_column(w, table, step.old_column->name); });
                break;
        }
    }

    // Every statement runs as it is applied: nothing is pending.
    void flush() {}

private:
    template <class Render>
    void run(Render&& render) {
        execute_(sql::text(sql::dialect::mysql, render));
    }

    std::optional<live_column> column(std::string_view table, std::string_view name) { return find_column(*live_, table, name); }

    // Whether the live column already is what `shape` declares (type, nullability, default).
    bool matches(std::string_view table, const table_descriptor& shape, const column_descriptor& wanted) {
        const auto found = column(table, wanted.name);
        if (!found) return false;
        const std::string type = detail::type_name(sql::column_type(shape, wanted, sql::dialect::mysql));
        const std::string default_value(sql::column_default(wanted, sql::dialect::mysql));
        return found->type == type && found->not_null == (!wanted.nullable || wanted.primary_key) &&
               found->default_value.value_or("") == default_value;
    }

    static const column_descriptor* text_or_blob(const table_descriptor& shape, std::string_view name) {
        const column_descriptor* c = shape.find_column(name);
        if (!c || !sql::declared_type(*c, sql::dialect::mysql).empty() || (c->kind != value_kind::text && c->kind != value_kind::blob)) return nullptr;
        return c;
    }

    // Restates a text or blob column with the type `shape` gives it (VARCHAR(255) in a key,
    // LONGTEXT outside), keeping its nullability and default as they are in the database now.
    void restate(std::string_view table, const table_descriptor& shape, const column_descriptor& c) {
        column_descriptor current = c;
        std::string kept_default;
        if (live_) {
            const auto found = column(table, c.name);
            if (!found || found->type == detail::type_name(sql::column_type(shape, c, sql::dialect::mysql))) return;
            current.nullable = !found->not_null;
            kept_default = found->default_value.value_or("");
            current.server_default = kept_default;
            current.default_on = {};
        }
        run([&](auto& w) { sql::modify_column(w, table, shape, current); });
    }

    // Before a key covers a column: MySQL indexes no LONGTEXT or LONGBLOB.
    void fit_for_key(std::string_view table, const table_descriptor& shape, std::string_view name) {
        if (const column_descriptor* c = text_or_blob(shape, name); c && sql::column_in_key(shape, name)) restate(table, shape, *c);
    }

    // After a key stopped covering a column that no other key covers: back to LONGTEXT/LONGBLOB.
    void fit_outside_keys(std::string_view table, const table_descriptor& shape, std::string_view name) {
        if (const column_descriptor* c = text_or_blob(shape, name); c && !sql::column_in_key(shape, name)) restate(table, shape, *c);
    }

    void add_column(const migration_step& step) {
        const table_descriptor& table = *step.after;
        const std::string_view name = step.table_name();
        column_descriptor column = *step.new_column;
        if (step.nullable_until_filled) column.nullable = true;
        std::optional<live_column> found;
        if (live_) found = this->column(name, column.name);
        // ADD COLUMN appends: a column the model declares before others goes after the one
        // declared before it (which exists: renames ran before, and columns are added in order).
        const std::size_t position = table.column_position(column.name);
        auto add = [&](const column_descriptor& added) {
            if (position + 1 == table.columns.size()) run([&](auto& w) { sql::add_column(w, table, added); });
            else run([&](auto& w) { sql::add_column_after(w, table, added, position ? table.columns[position - 1].name : std::string_view{}); });
        };
        if (step.fill_for(sql::dialect::mysql).empty()) {
            if (!found) add(column);
            return;
        }
        // Added nullable and without its default, filled, then restated whole. A run stopped after
        // the column was added fills it again: the fill reads only other columns.
        if (!found) {
            column_descriptor bare = column;
            bare.nullable = true;
            bare.server_default = {};
            bare.default_on = {};
            add(bare);
        } else if (found->not_null == (!column.nullable) && found->default_value.value_or("") == sql::column_default(column, sql::dialect::mysql)) {
            return;
        }
        run([&](auto& w) { sql::fill_column(w, name, column.name, step.fill_for(sql::dialect::mysql)); });
        run([&](auto& w) { sql::modify_column(w, name, table, column); });
    }

    statement_runner execute_;
    connection* live_;
};

}  // namespace tabula::mysql_backend
