// Completes a constraint violation from the model that was written: the database reported either
// the constraint's name (PostgreSQL, MySQL) or its columns (SQLite); the model's declarations give
// the other, so an application sees both on every backend.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <tabula/error.hpp>
#include <tabula/schema/descriptor.hpp>

namespace tabula::detail {

[[gnu::cold]] inline std::vector<std::string> column_names(const name_list& names) { return {names.begin(), names.end()}; }

inline bool same_columns(const name_list& names, const std::vector<std::string>& columns) {
    if (names.size() != columns.size()) return false;
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (names[i] != columns[i]) return false;
    return true;
}

[[gnu::cold]] inline void identify_constraint(constraint_violation& violation, const table_descriptor& table) {
    if (violation.table() != table.name) return;
    const std::string primary_key_name = std::string(table.name) + "_pkey";
    const std::string& name = violation.constraint();
    const std::vector<std::string>& columns = violation.columns();
    auto matches = [&](std::string_view declared, const name_list& covered) {
        return (!name.empty() && name == declared) || (name.empty() && same_columns(covered, columns));
    };
    switch (violation.kind()) {
        case constraint_kind::primary_key:
        case constraint_kind::unique:
            if (matches(primary_key_name, table.primary_key)) return violation.identify(primary_key_name, column_names(table.primary_key));
            for (const unique_descriptor& u : table.uniques)
                if (matches(u.name, u.columns)) return violation.identify(std::string(u.name), column_names(u.columns));
            for (const index_descriptor& i : table.indexes)
                if (i.unique && matches(i.name, i.columns)) return violation.identify(std::string(i.name), column_names(i.columns));
            break;
        case constraint_kind::foreign_key:
            for (const foreign_key_descriptor& f : table.foreign_keys)
                if (!name.empty() && name == f.name) return violation.identify(std::string(f.name), column_names(f.columns));
            // SQLite names neither: a table with one foreign key can only have broken that one.
            if (name.empty() && table.foreign_keys.size() == 1)
                return violation.identify(std::string(table.foreign_keys[0].name), column_names(table.foreign_keys[0].columns));
            break;
        default: break;
    }
}

}  // namespace tabula::detail
