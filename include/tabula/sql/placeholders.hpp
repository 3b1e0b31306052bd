// Raw SQL is written with `?` placeholders on every backend, so the same text runs everywhere.
// PostgreSQL numbers its parameters: each `?` outside string literals, quoted identifiers,
// dollar-quoted strings and comments becomes $1, $2, ... in order. `??` stands for a literal `?`
// (PostgreSQL's JSONB key-exists operator). Text that already uses $n is left as it is.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <tabula/sql/dialect.hpp>

namespace tabula::sql {

inline std::string numbered_placeholders(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 16);
    std::size_t next = 1;
    std::size_t i = 0;
    auto copy_until = [&](std::string_view closing) {
        const std::size_t end = text.find(closing, i);
        const std::size_t stop = end == std::string_view::npos ? text.size() : end + closing.size();
        out.append(text.substr(i, stop - i));
        i = stop;
    };
    while (i < text.size()) {
        const char c = text[i];
        if (c == '\'' || c == '"') {
            // Quotes are escaped by doubling, which this loop reads as two adjacent quoted runs.
            const std::size_t end = text.find(c, i + 1);
            const std::size_t stop = end == std::string_view::npos ? text.size() : end + 1;
            out.append(text.substr(i, stop - i));
            i = stop;
        } else if (c == '-' && i + 1 < text.size() && text[i + 1] == '-') {
            copy_until("\n");
        } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
            copy_until("*/");
        } else if (c == '$') {
            // $tag$ ... $tag$ dollar quoting; a bare $n parameter is copied as it is.
            std::size_t j = i + 1;
            while (j < text.size() && (text[j] == '_' || (text[j] >= 'a' && text[j] <= 'z') || (text[j] >= 'A' && text[j] <= 'Z') ||
                                       (j > i + 1 && text[j] >= '0' && text[j] <= '9')))
                ++j;
            if (j < text.size() && text[j] == '$') {
                const std::string_view tag = text.substr(i, j - i + 1);
                i = j + 1;
                out.append(tag);
                copy_until(tag);
            } else {
                out.push_back(c);
                ++i;
            }
        } else if (c == '?') {
            if (i + 1 < text.size() && text[i + 1] == '?') {
                out.push_back('?');
                i += 2;
            } else {
                out.push_back('$');
                out.append(std::to_string(next++));
                ++i;
            }
        } else {
            out.push_back(c);
            ++i;
        }
    }
    return out;
}

// Raw SQL as the dialect runs it.
inline std::string raw_sql(dialect target, std::string_view text) {
    return numbered_parameters(target) ? numbered_placeholders(text) : std::string(text);
}

}  // namespace tabula::sql
