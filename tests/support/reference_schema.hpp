// A database's schema in the text format of Open WebUI's reference snapshots
// (tests/data/openwebui/revisions/<backend>/NN_<revision>.txt, head_<backend>_tables.txt), so a
// database tabula made compares with what Open WebUI's own migrations made, line by line:
//   SQLite      per table PRAGMA table_info, index_list + index_xinfo and foreign_key_list, all
//               sorted; then the SQL of every index (sqlite_master)
//   PostgreSQL  information_schema-style columns, column counts, pg_indexes and pg_constraint,
//               ordered by table then name (byte order, as the snapshots were sorted)
// The snapshots' header lines ('#', '--') are comments: reference_body() drops them, and the dump
// writes none. PostgreSQL's index definitions name the schema: the test's own schema is written
// as `public`, the snapshots' schema.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <tabula/sql/dialect.hpp>

namespace test_support {

// Every column as text: reference dumps print values, and NULL as Python's None.
struct text_row2 {
    std::optional<std::string> a, b;
};
struct text_row3 {
    std::optional<std::string> a, b, c;
};
struct text_row4 {
    std::optional<std::string> a, b, c, d;
};
struct text_row5 {
    std::optional<std::string> a, b, c, d, e;
};
struct text_row6 {
    std::optional<std::string> a, b, c, d, e, f;
};

inline std::string shown(const std::optional<std::string>& value) { return value ? *value : "None"; }
inline std::string blank_if_null(const std::optional<std::string>& value) { return value ? *value : ""; }

// A reference snapshot without its header lines and without blank lines at either end.
inline std::string reference_body(std::string_view text) {
    std::istringstream in{std::string(text)};
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("#", 0) == 0 || line.rfind("--", 0) == 0) continue;
        lines.push_back(line);
    }
    while (!lines.empty() && lines.back().empty()) lines.pop_back();
    std::size_t first = 0;
    while (first < lines.size() && lines[first].empty()) ++first;
    std::string out;
    for (std::size_t i = first; i < lines.size(); ++i) out += lines[i] + "\n";
    return out;
}

// pg_dump's output (the reference's *.schema.sql) as one script for the session's schema: without
// psql's meta-commands and the empty search_path, with the dump's schema `public` replaced by the
// session's own.
inline std::string postgres_dump_script(const std::string& dump, const std::string& schema) {
    std::istringstream in(dump);
    std::string out;
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("\\", 0) == 0 || line.find("set_config('search_path'") != std::string::npos) continue;
        for (std::size_t at = line.find("public."); at != std::string::npos; at = line.find("public.", at + schema.size() + 1))
            line.replace(at, 7, schema + ".");
        out += line + "\n";
    }
    return out;
}

inline std::string read_reference(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) throw std::runtime_error("cannot read the reference snapshot " + file.string());
    std::ostringstream text;
    text << in.rdbuf();
    return reference_body(text.str());
}

inline std::string joined_names(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

// The SQLite snapshot format: "TABLE name  (n columns)" blocks, then "  index ON table: sql".
template <class Session>
std::string sqlite_reference_dump(Session& db) {
    std::string out;
    const auto tables = db.template raw<std::string>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name");
    for (const std::string& table : tables) {
        const auto columns = db.template raw<text_row6>(
            "SELECT CAST(cid AS TEXT), name, type, CAST(\"notnull\" AS TEXT), dflt_value, CAST(pk AS TEXT) FROM pragma_table_info(?) ORDER BY cid",
            table);
        out += "TABLE " + table + "  (" + std::to_string(columns.size()) + " columns)\n";
        out += "  columns: cid | name | type | notnull | dflt_value | pk\n";
        for (const text_row6& c : columns)
            out += "    " + shown(c.a) + " | " + shown(c.b) + " | " + shown(c.c) + " | " + shown(c.d) + " | " + shown(c.e) + " | " + shown(c.f) + "\n";

        auto indexes = db.template raw<text_row4>(
            "SELECT name, CAST(\"unique\" AS TEXT), origin, CAST(partial AS TEXT) FROM pragma_index_list(?)", table);
        std::sort(indexes.begin(), indexes.end(), [](const text_row4& x, const text_row4& y) { return shown(x.a) < shown(y.a); });
        out += "  indexes (" + std::to_string(indexes.size()) + "): name | unique | origin | partial | columns\n";
        for (const text_row4& i : indexes) {
            std::vector<std::string> keys;
            for (const auto& k : db.template raw<text_row2>("SELECT name, CAST(cid AS TEXT) FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno",
                                                            shown(i.a)))
                keys.push_back(k.a ? *k.a : "<expr>");
            out += "    " + shown(i.a) + " | " + shown(i.b) + " | " + shown(i.c) + " | " + shown(i.d) + " | " + joined_names(keys) + "\n";
        }

        std::vector<std::string> keys;
        for (const text_row5& f : db.template raw<text_row5>("SELECT \"from\", \"table\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(?)", table))
            keys.push_back(shown(f.a) + " -> " + shown(f.b) + "." + shown(f.c) + " | " + shown(f.d) + " | " + shown(f.e));
        std::sort(keys.begin(), keys.end());
        out += "  foreign_keys (" + std::to_string(keys.size()) + "): from -> table.to | on_update | on_delete  (sorted; pragma ids omitted)\n";
        for (const std::string& k : keys) out += "    " + k + "\n";
        out += "\n";
    }
    for (const text_row3& i : db.template raw<text_row3>("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"))
        out += "  " + shown(i.a) + " ON " + shown(i.b) + ": " + shown(i.c) + "\n";
    return reference_body(out);
}

// The PostgreSQL snapshot format, for the tables of the connection's current_schema().
template <class Session>
std::string postgres_reference_dump(Session& db) {
    const std::string schema = db.template raw<std::string>("SELECT current_schema()")[0];
    auto sorted = [](auto rows, auto key) {
        std::stable_sort(rows.begin(), rows.end(), [&](const auto& x, const auto& y) { return key(x) < key(y); });
        return rows;
    };
    std::string out;
    // Columns: format_type() spells the type as the snapshot does (character varying(32)).
    const auto columns = sorted(
        db.template raw<text_row5>(
            "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), CASE WHEN a.attnotnull THEN 'NO' ELSE 'YES' END, "
            "pg_get_expr(d.adbin, d.adrelid) FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid "
            "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum"),
        [](const text_row5& r) { return shown(r.a); });
    std::vector<std::pair<std::string, int>> counts;
    for (const text_row5& c : columns) {
        out += shown(c.a) + " | " + shown(c.b) + " | " + shown(c.c) + " | " + shown(c.d) + " | " + blank_if_null(c.e) + "\n";
        if (counts.empty() || counts.back().first != shown(c.a)) counts.emplace_back(shown(c.a), 0);
        ++counts.back().second;
    }
    out += "\n";
    for (const auto& [table, count] : counts) out += table + " | " + std::to_string(count) + "\n";
    out += "\n";
    const auto indexes = sorted(db.template raw<text_row3>("SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()"),
                                [](const text_row3& r) { return std::make_tuple(shown(r.a), shown(r.b)); });
    for (const text_row3& i : indexes) {
        std::string definition = shown(i.c);
        const std::string qualified = " ON " + schema + ".";
        if (const std::size_t at = definition.find(qualified); at != std::string::npos) definition.replace(at, qualified.size(), " ON public.");
        out += shown(i.a) + " | " + shown(i.b) + " | " + definition + "\n";
    }
    out += "\n";
    const auto constraints = sorted(
        db.template raw<text_row4>("SELECT t.relname, c.conname, c.contype::text, pg_get_constraintdef(c.oid) FROM pg_catalog.pg_constraint c "
                                   "JOIN pg_catalog.pg_class t ON t.oid = c.conrelid JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace "
                                   "WHERE n.nspname = current_schema()"),
        [](const text_row4& r) { return std::make_tuple(shown(r.a), shown(r.b)); });
    for (const text_row4& c : constraints) out += shown(c.a) + " | " + shown(c.b) + " | " + shown(c.c) + " | " + shown(c.d) + "\n";
    return reference_body(out);
}

// The first lines where two texts differ (at most `limit`), each as "line N: expected / actual".
inline std::vector<std::string> differing_lines(const std::string& expected, const std::string& actual, std::size_t limit = 1000) {
    std::istringstream e(expected), a(actual);
    std::vector<std::string> out;
    std::string x, y;
    for (std::size_t n = 1; out.size() < limit; ++n) {
        const bool has_x = static_cast<bool>(std::getline(e, x));
        const bool has_y = static_cast<bool>(std::getline(a, y));
        if (!has_x && !has_y) break;
        if (!has_x) x = "(end)";
        if (!has_y) y = "(end)";
        if (x != y) out.push_back("line " + std::to_string(n) + ":\n  reference: " + x + "\n  tabula:    " + y);
    }
    return out;
}

}  // namespace test_support
