// The table that records which revisions a database is at: Alembic's format, one row per head,
//   alembic_version(version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY)
// so a database last migrated by Alembic with the same revision ids is simply continued. The
// table's name comes from configuration, so these statements are rendered at run time.
#pragma once

#include <string>
#include <string_view>

#include <tabula/sql/dialect.hpp>
#include <tabula/sql/writer.hpp>

namespace tabula::sql {

inline std::string create_version_table(dialect target, std::string_view table) {
    return text(target, [&](auto& w) {
        w.put("CREATE TABLE IF NOT EXISTS ").identifier(table).put(" (").identifier("version_num").put(" VARCHAR(32) NOT NULL, CONSTRAINT ");
        w.identifier(std::string(table) + "_pkc").put(" PRIMARY KEY (").identifier("version_num").put("))");
    });
}
inline std::string select_versions(dialect target, std::string_view table) {
    return text(target, [&](auto& w) { w.put("SELECT ").identifier("version_num").put(" FROM ").identifier(table); });
}
inline std::string insert_version(dialect target, std::string_view table) {
    return text(target, [&](auto& w) {
        w.put("INSERT INTO ").identifier(table).put(" (").identifier("version_num").put(") VALUES (").parameter().put(')');
    });
}
inline std::string delete_version(dialect target, std::string_view table) {
    return text(target, [&](auto& w) { w.put("DELETE FROM ").identifier(table).put(" WHERE ").identifier("version_num").put(" = ").parameter(); });
}
inline std::string delete_all_versions(dialect target, std::string_view table) {
    return text(target, [&](auto& w) { w.put("DELETE FROM ").identifier(table); });
}
// For offline scripts: revision ids are checked to be [0-9A-Za-z_-], so quoting them is safe.
inline std::string with_literal(std::string statement, dialect target, std::string_view value) {
    const std::string placeholder = numbered_parameters(target) ? "$1" : "?";
    const std::size_t at = statement.rfind(placeholder);
    return statement.replace(at, placeholder.size(), "'" + std::string(value) + "'");
}

}  // namespace tabula::sql
