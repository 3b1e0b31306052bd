// One migration step: a logical change between two schema versions, independent of dialect.
// Steps are plain constexpr data pointing into the versions' table descriptors; each backend turns
// them into statements (SQLite rebuilds a table where ALTER TABLE cannot do the change).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <tabula/schema/descriptor.hpp>
#include <tabula/sql/type_map.hpp>

namespace tabula {

// In execution order: a diff's steps are sorted by kind, so dependencies hold (constraints are
// dropped before the columns they cover, tables exist before foreign keys to them, destructive
// steps come last, after a revision's data functions).
enum class step_kind : std::uint8_t {
    drop_foreign_key,
    drop_unique,
    drop_index,
    rename_table,
    rename_column,
    create_table,
    add_column,
    alter_column,
    alter_primary_key,
    create_index,
    add_unique,
    add_foreign_key,
    // Steps from here on run after the revision's hand-written SQL and data functions.
    drop_column,
    drop_table,
    require_not_null,
};

constexpr bool runs_after_data(step_kind kind) noexcept { return kind >= step_kind::drop_column; }

constexpr std::string_view to_string(step_kind kind) noexcept {
    switch (kind) {
        case step_kind::drop_foreign_key: return "drop foreign key";
        case step_kind::drop_unique: return "drop unique constraint";
        case step_kind::drop_index: return "drop index";
        case step_kind::rename_table: return "rename table";
        case step_kind::rename_column: return "rename column";
        case step_kind::create_table: return "create table";
        case step_kind::add_column: return "add column";
        case step_kind::alter_column: return "alter column";
        case step_kind::alter_primary_key: return "alter primary key";
        case step_kind::create_index: return "create index";
        case step_kind::add_unique: return "add unique constraint";
        case step_kind::add_foreign_key: return "add foreign key";
        case step_kind::drop_column: return "drop column";
        case step_kind::drop_table: return "drop table";
        case step_kind::require_not_null: return "require NOT NULL";
    }
    return "step";
}

struct migration_step {
    step_kind kind{};
    const table_descriptor* before = nullptr;  // the table as the old version has it
    const table_descriptor* after = nullptr;   // the table as the new version has it
    const column_descriptor* old_column = nullptr;
    const column_descriptor* new_column = nullptr;
    const index_descriptor* index = nullptr;
    const unique_descriptor* unique = nullptr;
    const foreign_key_descriptor* foreign_key = nullptr;
    std::string_view fill{};              // add_column: SQL expression giving existing rows a value;
                                          // alter_column: the conversion of a changed type
    per_dialect fill_on{};                // the fill on the dialects it names, where they differ
    bool destroys_data = false;           // drop table, drop column, narrowing type change
    bool nullable_until_filled = false;   // add_column: NOT NULL is required later (require_not_null)
    bool in_place = false;                // alter_column: the conversion keeps the column's position
    bool frees_name = false;              // drop_table, drop_column: runs before the renames, which
                                          // need its name
    bool after_data = false;              // create_index: on a table the revision creates, built
                                          // once its data function has filled it

    // The fill as `dialect` runs it.
    constexpr std::string_view fill_for(sql::dialect dialect) const noexcept {
        std::string_view specific;
        switch (dialect) {
            case sql::dialect::sqlite: specific = fill_on.sqlite; break;
            case sql::dialect::postgres: specific = fill_on.postgres; break;
            case sql::dialect::mysql: specific = fill_on.mysql; break;
        }
        return specific.empty() ? fill : specific;
    }

    // Which pointers a step sets follows from its kind; it is never tested against null, because
    // GCC's UBSan makes such tests on descriptor addresses non-constant.
    constexpr bool has_new_column() const noexcept {
        return kind == step_kind::rename_column || kind == step_kind::add_column || kind == step_kind::alter_column ||
               kind == step_kind::require_not_null;
    }
    constexpr bool has_old_column() const noexcept {
        return kind == step_kind::rename_column || kind == step_kind::alter_column || kind == step_kind::drop_column;
    }

    // The table's name in the database when the step runs: the old name up to and including
    // rename_table (constraints are dropped before it), the new name after it.
    constexpr std::string_view table_name() const noexcept {
        if (kind == step_kind::create_table) return after->name;
        if (kind <= step_kind::rename_table || kind == step_kind::drop_table) return before->name;
        return after->name;
    }
    constexpr std::string_view column_name() const noexcept {
        if (has_new_column()) return new_column->name;
        if (has_old_column()) return old_column->name;
        return {};
    }
};

// "add column chat.folder_id (TEXT, NULL)": for history, errors and logs.
inline std::string describe(const migration_step& step) {
    std::string out(to_string(step.kind));
    out += ' ';
    const std::string table(step.table_name());
    switch (step.kind) {
        case step_kind::rename_table: out += step.before->name; out += " -> "; out += step.after->name; break;
        case step_kind::rename_column:
            out += table + "." + std::string(step.old_column->name) + " -> " + std::string(step.new_column->name);
            break;
        case step_kind::add_column:
        case step_kind::alter_column:
        case step_kind::require_not_null: {
            // Appended piece by piece: GCC 12 at -O3 warns (-Wrestrict, wrongly) on "(" + std::string.
            auto type = [](const column_descriptor& c, bool nullable) {
                std::string text = "(";
                text += c.type_override.empty() ? to_string(c.kind) : c.type_override;
                text += nullable ? ", NULL" : ", NOT NULL";
                if (!c.server_default.empty()) {
                    text += ", DEFAULT ";
                    text += c.server_default;
                }
                text += ')';
                return text;
            };
            out += table + "." + std::string(step.new_column->name) + " " + type(*step.new_column, step.new_column->nullable || step.nullable_until_filled);
            if (step.kind == step_kind::alter_column) out += " from " + type(*step.old_column, step.old_column->nullable);
            break;
        }
        case step_kind::drop_column: out += table + "." + std::string(step.old_column->name); break;
        case step_kind::create_index:
        case step_kind::drop_index: out += std::string(step.index->name) + " on " + table; break;
        case step_kind::add_unique:
        case step_kind::drop_unique: out += std::string(step.unique->name) + " on " + table; break;
        case step_kind::add_foreign_key:
        case step_kind::drop_foreign_key:
            out += std::string(step.foreign_key->name) + " on " + table + " -> " + std::string(step.foreign_key->referenced_table);
            break;
        default: out += table; break;
    }
    if (step.destroys_data) out += " [destroys data]";
    return out;
}

// Whether this step runs after the revision's data functions: destructive steps do, except a
// drop that frees a name a rename needs; and the plain indexes of a table the revision creates
// and its data function fills (one index built over the rows costs less than keeping it
// up to date row by row: Open WebUI's chat_message backfill has seven).
constexpr bool runs_after_data(const migration_step& step) noexcept {
    return (runs_after_data(step.kind) && !step.frees_name) || step.after_data;
}

}  // namespace tabula
