// The comparison of a live database's schema (read by the backend's introspection) with a compiled
// schema version: what `db check` reports, like `alembic check`.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tabula/backend/live_schema.hpp>
#include <tabula/migrate/plan/schema_version.hpp>
#include <tabula/schema/descriptor.hpp>
#include <tabula/sql/dialect.hpp>
#include <tabula/sql/json_path.hpp>
#include <tabula/sql/type_map.hpp>

namespace tabula {

enum class difference_kind { missing_table, extra_table, missing_column, extra_column, column_type, column_nullability,
                             column_default, primary_key, missing_index, extra_index, index_definition, missing_unique,
                             extra_unique, missing_foreign_key, extra_foreign_key };

struct schema_difference {
    difference_kind kind;
    std::string table;
    std::string message;  // "column chat.meta has type BIGINT in the database, TEXT in the models"
};

namespace detail {

inline std::string upper(std::string_view text) {
    std::string out;
    for (char c : text) out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
    return out;
}

inline std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
    return "(" + out + ")";
}

inline std::vector<std::string> to_strings(const name_list& names) { return {names.begin(), names.end()}; }

// A default as SQL writes it ('x' stays 'x', not ''x''); none says so.
inline std::string shown_default(const std::string& value) { return value.empty() ? std::string("(none)") : value; }
// An index key compared loosely: without spaces, quotes and parentheses, in lower case.
inline std::string loose_key(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == ' ' || c == '"' || c == '`' || c == '(' || c == ')') continue;
        out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    return out;
}

// The key of a json_index as the database reads it back: SQLite keeps the text tabula wrote;
// PostgreSQL prints the expression its own way ((meta #>> '{a}'::text[])::bigint).
inline std::string json_index_key_text(const index_descriptor& index, sql::dialect dialect) {
    if (dialect != sql::dialect::postgres)
        return loose_key(sql::text(dialect, [&](auto& w) {
            sql::json_path_value(w, [&](auto& out) { out.identifier(index.columns[0]); }, index.json_path, index.json_type);
        }));
    std::string out = loose_key(index.columns[0]) + "#>>" + sql::text(dialect, [&](auto& w) { sql::postgres_json_path(w, index.json_path); }) + "::text[]";
    if (index.json_type == value_kind::int64) out += "::bigint";
    if (index.json_type == value_kind::float64) out += "::doubleprecision";
    if (index.json_type == value_kind::boolean) out += "::boolean";
    return out;
}

// SQL the user wrote (an expression_index's keys, a partial index's condition) against the text
// the database prints back: compared loosely, and without the casts PostgreSQL adds
// (lower((email)::text) for lower(email)).
inline std::string loose_expression(std::string_view text) {
    std::string out = loose_key(text);
    for (std::size_t cast = out.find("::"); cast != std::string::npos; cast = out.find("::", cast)) {
        std::size_t end = cast + 2;
        while (end < out.size() && ((out[end] >= 'a' && out[end] <= 'z') || (out[end] >= '0' && out[end] <= '9') || out[end] == '_')) ++end;
        out.erase(cast, end - cast);
    }
    return out;
}

// An expression_index's keys, split at top-level commas.
inline std::vector<std::string> expression_keys(std::string_view expression) {
    std::vector<std::string> out(1);
    int depth = 0;
    char quote = 0;
    for (char c : expression) {
        if (quote) quote = c == quote ? 0 : quote;
        else if (c == '\'' || c == '"') quote = c;
        else if (c == '(') ++depth;
        else if (c == ')') --depth;
        else if (c == ',' && depth == 0) {
            out.emplace_back();
            continue;
        }
        out.back().push_back(c);
    }
    return out;
}

// An index's keys as the database lists them: column names, or the expression of a json_index.
inline std::vector<std::string> index_keys(const index_descriptor& index, sql::dialect dialect) {
    if (index.on_expression()) {
        std::vector<std::string> out;
        for (const std::string& key : expression_keys(index.expression)) out.push_back(loose_expression(key));
        return out;
    }
    if (!index.on_json_path()) return to_strings(index.columns);
    return {json_index_key_text(index, dialect)};
}
inline std::vector<std::string> index_keys(const live_index& index, bool expression) {
    std::vector<std::string> out;
    for (const std::string& key : index.columns)
        out.push_back(expression ? loose_expression(key) : key.find('(') == std::string::npos ? key : loose_key(key));
    return out;
}

// PostgreSQL's SERIAL types (a column declared so, as SQLAlchemy declares generated integer keys)
// read back as the integer type, with a default drawing from a sequence.
inline std::string_view serial_integer(std::string_view upper_type) {
    if (upper_type == "SERIAL") return "INTEGER";
    if (upper_type == "BIGSERIAL") return "BIGINT";
    if (upper_type == "SMALLSERIAL") return "SMALLINT";
    return {};
}

inline std::string_view action_text(action a) { return a == action::no_action ? "NO ACTION" : to_sql(a); }

}  // namespace detail

// Every difference between the database and the compiled schema, in a stable order. Tables in
// `ignored` (the version table) are not compared.
inline std::vector<schema_difference> compare_schemas(const live_schema& database, const schema_view& models, sql::dialect dialect,
                                                      const std::vector<std::string>& ignored = {}) {
    using detail::joined;
    std::vector<schema_difference> out;
    auto add = [&](difference_kind kind, std::string_view table, std::string message) {
        out.push_back({kind, std::string(table), std::move(message)});
    };
    for (const table_descriptor* expected : models.tables) {
        const live_table* actual = database.table(expected->name);
        const std::string table(expected->name);
        if (!actual) {
            add(difference_kind::missing_table, table, "table " + table + " is missing from the database");
            continue;
        }
        for (const column_descriptor& c : expected->columns) {
            const std::string column = table + "." + std::string(c.name);
            const live_column* found = actual->column(c.name);
            if (!found) {
                add(difference_kind::missing_column, table, "column " + column + " is missing from the database");
                continue;
            }
            std::string type(sql::column_type(*expected, c, dialect));
            const std::string serial(dialect == sql::dialect::postgres ? detail::serial_integer(detail::upper(type)) : std::string_view{});
            if (!serial.empty()) type = serial;
            const std::string former(sql::former_column_type(*expected, c, dialect));
            if (detail::upper(found->type) != detail::upper(type) && (former.empty() || detail::upper(found->type) != former))
                add(difference_kind::column_type, table, "column " + column + " has type " + found->type + " in the database, " + type + " in the models");
            const bool not_null = !c.nullable || c.primary_key;
            if (found->not_null != not_null)
                add(difference_kind::column_nullability, table,
                    "column " + column + " is " + (found->not_null ? "NOT NULL" : "nullable") + " in the database, " +
                        (not_null ? "NOT NULL" : "nullable") + " in the models");
            const std::string expected_default(sql::column_default(c, dialect));
            const std::string actual_default = found->default_value.value_or("");
            const bool sequence_default = !serial.empty() && expected_default.empty() && actual_default.rfind("nextval(", 0) == 0;
            if (expected_default != actual_default && !sequence_default)
                add(difference_kind::column_default, table,
                    "column " + column + " has default " + detail::shown_default(actual_default) + " in the database, " +
                        detail::shown_default(expected_default) + " in the models");
        }
        for (const live_column& c : actual->columns)
            if (!expected->find_column(c.name))
                add(difference_kind::extra_column, table, "column " + table + "." + c.name + " is in the database but not in the models");
        if (actual->primary_key != detail::to_strings(expected->primary_key))
            add(difference_kind::primary_key, table,
                "primary key of " + table + " is " + joined(actual->primary_key) + " in the database, " +
                    joined(detail::to_strings(expected->primary_key)) + " in the models");

        for (const index_descriptor& i : expected->indexes) {
            auto it = std::find_if(actual->indexes.begin(), actual->indexes.end(), [&](const live_index& l) { return l.name == i.name; });
            if (it == actual->indexes.end()) {
                add(difference_kind::missing_index, table, "index " + std::string(i.name) + " on " + table + " is missing from the database");
            } else if (detail::index_keys(*it, i.on_expression()) != detail::index_keys(i, dialect) || it->unique != i.unique ||
                       detail::loose_expression(it->where) != detail::loose_expression(i.where)) {
                auto condition = [](std::string_view where) { return where.empty() ? std::string() : " WHERE " + std::string(where); };
                add(difference_kind::index_definition, table,
                    "index " + std::string(i.name) + " on " + table + " is " + (it->unique ? "UNIQUE " : "") + joined(it->columns) +
                        condition(it->where) + " in the database, " + (i.unique ? "UNIQUE " : "") +
                        joined(i.on_expression() ? std::vector<std::string>{std::string(i.expression)} : detail::index_keys(i, dialect)) +
                        condition(i.where) + " in the models");
            }
        }
        for (const live_index& l : actual->indexes) {
            const bool known = std::any_of(expected->indexes.begin(), expected->indexes.end(), [&](const index_descriptor& i) { return i.name == l.name; });
            if (!known) add(difference_kind::extra_index, table, "index " + l.name + " on " + table + " is in the database but not in the models");
        }
        // Unique constraints and foreign keys by content: not every database keeps their names.
        for (const unique_descriptor& u : expected->uniques) {
            const auto columns = detail::to_strings(u.columns);
            if (std::find(actual->uniques.begin(), actual->uniques.end(), columns) == actual->uniques.end())
                add(difference_kind::missing_unique, table, "unique constraint " + std::string(u.name) + " " + joined(columns) + " on " + table + " is missing from the database");
        }
        for (const auto& columns : actual->uniques) {
            const bool known = std::any_of(expected->uniques.begin(), expected->uniques.end(),
                                           [&](const unique_descriptor& u) { return detail::to_strings(u.columns) == columns; });
            if (!known) add(difference_kind::extra_unique, table, "unique constraint " + joined(columns) + " on " + table + " is in the database but not in the models");
        }
        auto same_foreign_key = [](const live_foreign_key& l, const foreign_key_descriptor& f) {
            return l.columns == detail::to_strings(f.columns) && l.referenced_table == f.referenced_table &&
                   l.referenced_columns == detail::to_strings(f.referenced_columns) && detail::upper(l.on_delete) == detail::action_text(f.on_delete) &&
                   detail::upper(l.on_update) == detail::action_text(f.on_update);
        };
        for (const foreign_key_descriptor& f : expected->foreign_keys) {
            const bool found = std::any_of(actual->foreign_keys.begin(), actual->foreign_keys.end(), [&](const live_foreign_key& l) { return same_foreign_key(l, f); });
            if (!found)
                add(difference_kind::missing_foreign_key, table,
                    "foreign key " + std::string(f.name) + " " + joined(detail::to_strings(f.columns)) + " -> " + std::string(f.referenced_table) + " on " + table +
                        " is missing from the database");
        }
        for (const live_foreign_key& l : actual->foreign_keys) {
            const bool known = std::any_of(expected->foreign_keys.begin(), expected->foreign_keys.end(), [&](const foreign_key_descriptor& f) { return same_foreign_key(l, f); });
            if (!known)
                add(difference_kind::extra_foreign_key, table,
                    "foreign key " + joined(l.columns) + " -> " + l.referenced_table + " on " + table + " is in the database but not in the models");
        }
    }
    for (const live_table& t : database.tables) {
        if (std::find(ignored.begin(), ignored.end(), t.name) != ignored.end()) continue;
        if (!models.find(t.name)) add(difference_kind::extra_table, t.name, "table " + t.name + " is in the database but not in the models");
    }
    return out;
}

}  // namespace tabula
