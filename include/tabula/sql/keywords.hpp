// When an identifier needs quotes, per dialect, as SQLAlchemy and Alembic decide it: a name is
// written bare unless it is a keyword of the dialect, holds a character other than a lower-case
// ASCII letter, a digit, '_' or '$', starts with a digit or '$', or is empty. SQLite keeps DDL as
// written in its schema table, where other tools read it back: bare names keep it readable to them.
#pragma once

#include <array>
#include <string_view>

#include <tabula/sql/dialect.hpp>

namespace tabula::sql {

namespace keywords {

// Sorted and lower case: is_keyword() searches them by halves (tests/sql/statements.cpp checks the
// order, so that no includer pays for the check). SQLite: every keyword of any build (as the C API
// lists them, 3.40), reserved or not. PostgreSQL: the reserved, type-or-function and column-name
// keywords of 15's pg_get_keywords() and those 16 and 17 added. MySQL: the words MariaDB 10.11
// cannot take bare as a table and column name (tried one by one from information_schema.KEYWORDS)
// and MySQL 8's reserved words.
inline constexpr std::array<std::string_view, 147> sqlite = {
    "abort", "action", "add", "after", "all", "alter", "always", "analyze", "and", "as", "asc", "attach", "autoincrement",
    "before", "begin", "between", "by", "cascade", "case", "cast", "check", "collate", "column", "commit", "conflict",
    "constraint", "create", "cross", "current", "current_date", "current_time", "current_timestamp", "database", "default",
    "deferrable", "deferred", "delete", "desc", "detach", "distinct", "do", "drop", "each", "else", "end", "escape", "except",
    "exclude", "exclusive", "exists", "explain", "fail", "filter", "first", "following", "for", "foreign", "from", "full",
    "generated", "glob", "group", "groups", "having", "if", "ignore", "immediate", "in", "index", "indexed", "initially",
    "inner", "insert", "instead", "intersect", "into", "is", "isnull", "join", "key", "last", "left", "like", "limit", "match",
    "materialized", "natural", "no", "not", "nothing", "notnull", "null", "nulls", "of", "offset", "on", "or", "order",
    "others", "outer", "over", "partition", "plan", "pragma", "preceding", "primary", "query", "raise", "range", "recursive",
    "references", "regexp", "reindex", "release", "rename", "replace", "restrict", "returning", "right", "rollback", "row",
    "rows", "savepoint", "select", "set", "table", "temp", "temporary", "then", "ties", "to", "transaction", "trigger",
    "unbounded", "union", "unique", "update", "using", "vacuum", "values", "view", "virtual", "when", "where", "window", "with",
    "without"};
inline constexpr std::array<std::string_view, 163> postgres = {
    "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "between", "bigint",
    "binary", "bit", "boolean", "both", "case", "cast", "char", "character", "check", "coalesce", "collate", "collation",
    "column", "concurrently", "constraint", "create", "cross", "current_catalog", "current_date", "current_role",
    "current_schema", "current_time", "current_timestamp", "current_user", "dec", "decimal", "default", "deferrable", "desc",
    "distinct", "do", "else", "end", "except", "exists", "extract", "false", "fetch", "float", "for", "foreign", "freeze",
    "from", "full", "grant", "greatest", "group", "grouping", "having", "ilike", "in", "initially", "inner", "inout", "int",
    "integer", "intersect", "interval", "into", "is", "isnull", "join", "json_array", "json_arrayagg", "json_exists",
    "json_object", "json_objectagg", "json_query", "json_scalar", "json_serialize", "json_table", "json_value", "lateral",
    "leading", "least", "left", "like", "limit", "localtime", "localtimestamp", "merge_action", "national", "natural", "nchar",
    "none", "normalize", "not", "notnull", "null", "nullif", "numeric", "offset", "on", "only", "or", "order", "out", "outer",
    "overlaps", "overlay", "placing", "position", "precision", "primary", "real", "references", "returning", "right", "row",
    "select", "session_user", "setof", "similar", "smallint", "some", "substring", "symmetric", "system_user", "table",
    "tablesample", "then", "time", "timestamp", "to", "trailing", "treat", "trim", "true", "union", "unique", "user", "using",
    "values", "varchar", "variadic", "verbose", "when", "where", "window", "with", "xmlattributes", "xmlconcat", "xmlelement",
    "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot", "xmlserialize", "xmltable"};
inline constexpr std::array<std::string_view, 284> mysql = {
    "accessible", "add", "all", "alter", "analyze", "and", "as", "asc", "asensitive", "before", "between", "bigint", "binary",
    "blob", "both", "by", "call", "cascade", "case", "change", "char", "character", "check", "collate", "column", "condition",
    "constraint", "continue", "convert", "create", "cross", "cube", "cume_dist", "current_date", "current_role", "current_time",
    "current_timestamp", "current_user", "cursor", "database", "databases", "day_hour", "day_microsecond", "day_minute",
    "day_second", "dec", "decimal", "declare", "default", "delayed", "delete", "delete_domain_id", "dense_rank", "desc",
    "describe", "deterministic", "distinct", "distinctrow", "div", "do_domain_ids", "double", "drop", "dual", "each", "else",
    "elseif", "empty", "enclosed", "escaped", "except", "exists", "exit", "explain", "false", "fetch", "first_value", "float",
    "float4", "float8", "for", "force", "foreign", "from", "fulltext", "function", "generated", "get", "grant", "group",
    "grouping", "groups", "having", "high_priority", "hour_microsecond", "hour_minute", "hour_second", "if", "ignore",
    "ignore_domain_ids", "in", "index", "infile", "inner", "inout", "insensitive", "insert", "int", "int1", "int2", "int3",
    "int4", "int8", "integer", "intersect", "interval", "into", "io_after_gtids", "io_before_gtids", "is", "iterate", "join",
    "json_table", "key", "keys", "kill", "lag", "last_value", "lateral", "lead", "leading", "leave", "left", "like", "limit",
    "linear", "lines", "load", "localtime", "localtimestamp", "lock", "long", "longblob", "longtext", "loop", "low_priority",
    "manual", "master_bind", "master_demote_to_replica", "master_demote_to_slave", "master_ssl_verify_server_cert", "match",
    "maxvalue", "mediumblob", "mediumint", "mediumtext", "middleint", "minute_microsecond", "minute_second", "mod", "modifies",
    "natural", "no_write_to_binlog", "not", "nth_value", "ntile", "null", "numeric", "of", "offset", "on", "optimize",
    "optimizer_costs", "optionally", "or", "order", "out", "outer", "outfile", "over", "page_checksum", "parallel",
    "parse_vcol_expr", "partition", "percent_rank", "portion", "precision", "primary", "procedure", "purge", "qualify", "range",
    "rank", "read", "read_write", "reads", "real", "recursive", "ref_system_id", "references", "regexp", "release", "rename",
    "repeat", "replace", "require", "resignal", "restrict", "return", "returning", "revoke", "right", "rlike", "row",
    "row_number", "rows", "schema", "schemas", "second_microsecond", "select", "sensitive", "separator", "set", "show",
    "signal", "smallint", "spatial", "specific", "sql", "sql_big_result", "sql_buffer_result", "sql_cache",
    "sql_calc_found_rows", "sql_no_cache", "sql_small_result", "sqlexception", "sqlstate", "sqlwarning", "ssl", "starting",
    "stats_auto_recalc", "stats_persistent", "stats_sample_pages", "stored", "straight_join", "system", "table", "tablesample",
    "terminated", "then", "tinyblob", "tinyint", "tinytext", "to", "trailing", "trigger", "true", "undo", "union", "unique",
    "unlock", "unsigned", "update", "usage", "use", "using", "utc_date", "utc_time", "utc_timestamp", "value", "values",
    "varbinary", "varchar", "varcharacter", "varying", "virtual", "when", "where", "while", "window", "with", "write", "xor",
    "year_month", "zerofill"};

}  // namespace keywords

namespace detail {
// Binary search written out: every identifier of every statement rendered at compile time goes
// through it, and the constant evaluator pays for each layer of std::binary_search and
// char_traits that it would otherwise walk through.
constexpr bool listed_in(const std::string_view* words, std::size_t count, std::string_view name) noexcept {
    const char* wanted = name.data();
    const std::size_t wanted_size = name.size();
    std::size_t low = 0, high = count;
    while (low < high) {
        const std::size_t middle = (low + high) / 2;
        const char* word = words[middle].data();
        const std::size_t word_size = words[middle].size();
        const std::size_t common = word_size < wanted_size ? word_size : wanted_size;
        int order = 0;
        for (std::size_t i = 0; i < common && order == 0; ++i)
            if (word[i] != wanted[i]) order = word[i] < wanted[i] ? -1 : 1;
        if (order == 0) order = word_size < wanted_size ? -1 : (word_size > wanted_size ? 1 : 0);
        if (order == 0) return true;
        if (order < 0) low = middle + 1;
        else high = middle;
    }
    return false;
}
}  // namespace detail

constexpr bool is_keyword(std::string_view lower_case_name, dialect d) noexcept {
    auto listed = [&](const auto& words) { return detail::listed_in(words.data(), words.size(), lower_case_name); };
    switch (d) {
        case dialect::sqlite: return listed(keywords::sqlite);
        case dialect::postgres: return listed(keywords::postgres);
        case dialect::mysql: return listed(keywords::mysql);
    }
    return true;
}

constexpr bool needs_quotes(std::string_view name, dialect d) noexcept {
    if (name.empty() || (name.front() >= '0' && name.front() <= '9') || name.front() == '$') return true;
    for (char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '$')) return true;
    return is_keyword(name, d);
}

}  // namespace tabula::sql
