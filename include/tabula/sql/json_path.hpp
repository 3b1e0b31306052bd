// The value at a JSON path inside a JSON column, as each dialect reads it. One rendering serves
// the query layer's tabula::json<> and the DDL of tabula::json_index: SQLite and PostgreSQL use an
// expression index only for a query expression written the same way.
#pragma once

#include <cstddef>
#include <string_view>

#include <tabula/schema/value_kind.hpp>
#include <tabula/sql/writer.hpp>

namespace tabula::sql {

// PostgreSQL's form of a path: '{settings,tags,0}' (#> and #>> take a text array).
template <class Sink>
constexpr void postgres_json_path(statement_writer<Sink>& w, std::string_view path) {
    w.put("'{");
    bool first = true;
    for (std::size_t i = 1; i < path.size();) {
        if (!first) w.put(',');
        first = false;
        const bool index = path[i] == '[';
        ++i;
        while (i < path.size() && path[i] != '.' && path[i] != '[' && path[i] != ']') w.put(path[i++]);
        if (index) ++i;  // the closing ]
    }
    w.put("}'");
}

// `column(w)` writes the JSON column; `kind` is text, boolean, int64 or float64.
template <class Sink, class Column>
constexpr void json_path_value(statement_writer<Sink>& w, Column&& column, std::string_view path, value_kind kind) {
    const bool integer = kind == value_kind::int64;
    const bool real = kind == value_kind::float64;
    const bool boolean = kind == value_kind::boolean;
    switch (w.target) {
        case dialect::sqlite:
            // json_extract returns SQL values already: text, integer (1/0 for booleans), real.
            if (integer || real) w.put("CAST(");
            w.put("json_extract(");
            column(w);
            w.put(", '").put(path).put("')");
            if (integer) w.put(" AS INTEGER)");
            if (real) w.put(" AS REAL)");
            break;
        case dialect::postgres:
            if (integer || real || boolean) w.put("CAST(");
            w.put('(');
            column(w);
            w.put(" #>> ");
            postgres_json_path(w, path);
            w.put(')');
            if (integer) w.put(" AS BIGINT)");
            if (real) w.put(" AS DOUBLE PRECISION)");
            if (boolean) w.put(" AS BOOLEAN)");
            break;
        case dialect::mysql:
            // JSON_UNQUOTE turns a JSON string into its text and true/false into 'true'/'false'.
            if (integer || real) w.put("CAST(");
            if (boolean) w.put('(');
            w.put("JSON_UNQUOTE(JSON_EXTRACT(");
            column(w);
            w.put(", '").put(path).put("'))");
            if (integer) w.put(" AS SIGNED)");
            if (real) w.put(" AS DOUBLE)");
            if (boolean) w.put(" = 'true')");
            break;
    }
}

}  // namespace tabula::sql
