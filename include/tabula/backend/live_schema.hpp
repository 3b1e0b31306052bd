// The schema of a live database as a backend's introspection reads it: tables, columns with
// their declared types, keys, indexes, unique constraints and foreign keys. Plain data, compared
// with compiled schema versions by the migration runner (`db check`).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tabula {

struct live_column {
    std::string name;
    std::string type;
    bool not_null = false;
    std::optional<std::string> default_value;
};

struct live_index {
    std::string name;
    std::vector<std::string> columns;  // column names; an expression key as the database prints it
    bool unique = false;
    std::string where{};               // a partial index's condition as the database prints it
};

struct live_foreign_key {
    std::vector<std::string> columns;
    std::string referenced_table;
    std::vector<std::string> referenced_columns;
    std::string on_delete;
    std::string on_update;
};

struct live_table {
    std::string name;
    std::vector<live_column> columns;
    std::vector<std::string> primary_key;
    std::vector<live_index> indexes;                 // created by CREATE INDEX
    std::vector<std::vector<std::string>> uniques;   // UNIQUE constraints, by their columns
    std::vector<live_foreign_key> foreign_keys;

    const live_column* column(std::string_view column_name) const {
        for (const live_column& c : columns)
            if (c.name == column_name) return &c;
        return nullptr;
    }
};

struct live_schema {
    std::vector<live_table> tables;
    const live_table* table(std::string_view name) const {
        for (const live_table& t : tables)
            if (t.name == name) return &t;
        return nullptr;
    }
};

}  // namespace tabula
