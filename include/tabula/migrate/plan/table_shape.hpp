// The current shape of a table while a revision's steps run: where steps are applied one by one,
// a backend that must rebuild a table needs the state in between the two versions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <tabula/migrate/plan/step.hpp>
#include <tabula/schema/descriptor.hpp>

namespace tabula {

struct table_shape {
    std::string_view name;
    std::vector<column_descriptor> columns;
    name_list primary_key;
    bool autoincrement = false;
    std::string_view primary_key_name;
    std::vector<unique_descriptor> uniques;
    std::vector<index_descriptor> indexes;
    std::vector<foreign_key_descriptor> foreign_keys;

    static table_shape of(const table_descriptor& table) {
        return {table.name,
                {table.columns.begin(), table.columns.end()},
                table.primary_key,
                table.autoincrement,
                table.primary_key_name,
                {table.uniques.begin(), table.uniques.end()},
                {table.indexes.begin(), table.indexes.end()},
                {table.foreign_keys.begin(), table.foreign_keys.end()}};
    }
    // A descriptor over this shape's storage, for the SQL renderers.
    table_descriptor view() const { return {name, columns, primary_key, autoincrement, primary_key_name, uniques, indexes, foreign_keys}; }

    column_descriptor* find(std::string_view column) {
        for (column_descriptor& c : columns)
            if (c.name == column) return &c;
        return nullptr;
    }
    // Where a column `target` declares goes among this shape's columns so that they keep
    // `target`'s order: after the last column `target` declares before it. Columns `target` does
    // not have (dropped later in the revision) do not count: a column placed after them is in
    // its declared place once they are gone.
    std::size_t declared_position(const table_descriptor& target, std::string_view column) const {
        const std::size_t declared = target.column_position(column);
        std::size_t at = 0;
        for (std::size_t i = 0; i < columns.size(); ++i)
            if (target.column_position(columns[i].name) < declared) at = i + 1;
        return at;
    }
    // Whether a column placed at `position` is, as far as `target` is concerned, the last one:
    // every column from there on is one `target` does not have.
    bool only_undeclared_from(const table_descriptor& target, std::size_t position) const {
        for (std::size_t i = position; i < columns.size(); ++i)
            if (target.find_column(columns[i].name)) return false;
        return true;
    }
    bool in_constraint(std::string_view column) const {
        if (primary_key.contains(column)) return true;
        for (const unique_descriptor& u : uniques)
            if (u.columns.contains(column)) return true;
        for (const index_descriptor& i : indexes)
            if (i.columns.contains(column)) return true;
        for (const foreign_key_descriptor& f : foreign_keys)
            if (f.columns.contains(column)) return true;
        return false;
    }
    void rename_column(std::string_view from, std::string_view to) {
        auto rename = [&](name_list& list) {
            for (std::size_t i = 0; i < list.size(); ++i)
                if (list.names[i] == from) list.names[i] = to;
        };
        if (column_descriptor* c = find(from)) c->name = to;
        rename(primary_key);
        for (unique_descriptor& u : uniques) rename(u.columns);
        for (index_descriptor& i : indexes) rename(i.columns);
        for (foreign_key_descriptor& f : foreign_keys) rename(f.columns);
    }
    template <class T, class Same>
    static void erase_if(std::vector<T>& items, Same same) {
        std::erase_if(items, same);
    }
};

}  // namespace tabula
