// A statement being written: quotes identifiers where they need it, numbers placeholders, and
// writes to any sink (a length count or a buffer at compile time, a std::string at run time).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <tabula/sql/dialect.hpp>
#include <tabula/sql/keywords.hpp>
#include <tabula/sql/static_text.hpp>

namespace tabula::sql {

template <class Sink>
struct statement_writer {
    Sink& sink;
    dialect target;
    std::size_t next_parameter = 1;
    // Columns written with their table ("post"."id"): a query over more than one table.
    bool qualify_columns = false;

    constexpr statement_writer& put(std::string_view text) {
        sink.put(text);
        return *this;
    }
    constexpr statement_writer& put(char c) {
        sink.put(c);
        return *this;
    }
    constexpr statement_writer& number(std::size_t value) {
        put_number(sink, value);
        return *this;
    }
    // name, or "name" with embedded quote characters doubled where it needs quotes (a keyword, an
    // upper-case letter, a space: sql/keywords.hpp), so any declared name is safe.
    constexpr statement_writer& identifier(std::string_view name) {
        if (!needs_quotes(name, target)) {
            sink.put(name);
            return *this;
        }
        const char quote = identifier_quote(target);
        sink.put(quote);
        for (char c : name) {
            if (c == quote) sink.put(quote);
            sink.put(c);
        }
        sink.put(quote);
        return *this;
    }
    constexpr statement_writer& qualified(std::string_view table, std::string_view column) {
        identifier(table);
        sink.put('.');
        return identifier(column);
    }
    constexpr statement_writer& parameter() {
        if (numbered_parameters(target)) {
            sink.put('$');
            put_number(sink, next_parameter);
        } else {
            sink.put('?');
        }
        ++next_parameter;
        return *this;
    }
};

template <class Sink>
statement_writer(Sink&, dialect) -> statement_writer<Sink>;

// Renders at run time: text(dialect::postgres, [&](auto& w) { drop_table(w, name, true); }).
// For statements whose shape depends on run-time data (migration steps, IN lists, names from
// configuration); everything a model or query type fixes is rendered at compile time instead.
template <class Render>
std::string text(dialect target, Render&& render) {
    std::string out;
    string_sink sink{out};
    statement_writer<string_sink> w{sink, target};
    render(w);
    return out;
}

}  // namespace tabula::sql
