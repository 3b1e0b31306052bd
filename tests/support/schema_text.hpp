// A database's schema as one text, for comparing two databases exactly: every table with its
// columns in order (type, NOT NULL, default), key, indexes, unique constraints and foreign keys as
// the backend's introspection reads them, and on SQLite the SQL every table, index and trigger is
// stored with.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include <tabula/migrate.hpp>
#include <tabula/sql/keywords.hpp>

#include "bare_identifiers.hpp"
#include "database.hpp"

namespace test_support {

template <class Session>
std::string schema_text(Session& db) {
    using backend = typename Session::backend_type;
    const tabula::live_schema live = tabula::migration_support<backend>::read_schema(db.connection());
    std::string out;
    auto list = [](const std::vector<std::string>& names) {
        std::string text = "(";
        for (const std::string& n : names) text += (text.size() > 1 ? ", " : "") + n;
        return text + ")";
    };
    for (const tabula::live_table& table : live.tables) {
        out += "table " + table.name + "\n";
        for (const tabula::live_column& c : table.columns)
            out += "  column " + c.name + " " + c.type + (c.not_null ? " NOT NULL" : "") + (c.default_value ? " DEFAULT " + *c.default_value : "") + "\n";
        out += "  primary key " + list(table.primary_key) + "\n";
        for (const tabula::live_index& i : table.indexes) out += "  index " + i.name + (i.unique ? " UNIQUE " : " ") + list(i.columns) + "\n";
        for (const auto& u : table.uniques) out += "  unique " + list(u) + "\n";
        for (const tabula::live_foreign_key& f : table.foreign_keys)
            out += "  foreign key " + list(f.columns) + " -> " + f.referenced_table + " " + list(f.referenced_columns) + " ON DELETE " + f.on_delete +
                   " ON UPDATE " + f.on_update + "\n";
    }
    if constexpr (Session::dialect == tabula::sql::dialect::sqlite) {
        for (const auto& sql : db.template raw<std::string>(
                 "SELECT type || ' ' || name || ': ' || sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                 "ORDER BY type, name"))
            out += bare_identifiers(sql) + "\n";
    }
    return out;
}

// The columns of every table of `version` that the database has in another order than declared.
template <class Session>
std::vector<std::string> columns_out_of_order(Session& db, const tabula::schema_view& version) {
    using backend = typename Session::backend_type;
    const tabula::live_schema live = tabula::migration_support<backend>::read_schema(db.connection());
    std::vector<std::string> out;
    for (const tabula::table_descriptor* table : version.tables) {
        const tabula::live_table* found = live.table(table->name);
        if (!found) continue;
        std::string declared;
        std::string actual;
        for (const auto& c : table->columns) declared += std::string(declared.empty() ? "" : ", ") + std::string(c.name);
        for (const auto& c : found->columns) actual += (actual.empty() ? "" : ", ") + c.name;
        if (declared != actual) out.push_back(std::string(table->name) + ": (" + actual + ") in the database, (" + declared + ") declared");
    }
    return out;
}

struct version_at {
    std::string_view revision;
    const tabula::schema_view* schema;
};

// Upgrades one database revision by revision, and downgrades another from `versions.back()` to
// each revision in turn: at every revision both hold the same schema, byte for byte, the one the
// version describes (`db check`), with the columns in their declared order.
template <class Chain, class Backend>
void downgrades_restore_exactly(const std::vector<version_at>& versions) {
    database<Backend> clean_database;
    database<Backend> downgraded_database;
    auto clean = clean_database.open();
    auto downgraded = downgraded_database.open();
    tabula::migrator<Chain, Backend> upgrading(clean);
    tabula::migrator<Chain, Backend> downgrading(downgraded);
    std::vector<std::string> upgraded_texts;
    for (const version_at& v : versions) {
        CAPTURE(v.revision);
        upgrading.upgrade(v.revision);
        upgraded_texts.push_back(schema_text(clean));
        CHECK(columns_out_of_order(clean, *v.schema) == std::vector<std::string>{});
    }
    downgrading.upgrade(versions.back().revision);
    for (std::size_t i = versions.size(); i-- > 0;) {
        CAPTURE(versions[i].revision);
        downgrading.downgrade(versions[i].revision);
        CHECK(schema_text(downgraded) == upgraded_texts[i]);
        const auto live = tabula::migration_support<Backend>::read_schema(downgraded.connection());
        std::vector<std::string> differences;
        for (const auto& d : tabula::compare_schemas(live, *versions[i].schema, Backend::dialect, {"alembic_version"})) differences.push_back(d.message);
        CHECK(differences == std::vector<std::string>{});
    }
}

}  // namespace test_support
