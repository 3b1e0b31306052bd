// SQLite's stored SQL with the quotes a name does not need taken off (no doctest: the fuzzers use it).
#pragma once

#include <string>
#include <string_view>

#include <tabula/sql/keywords.hpp>

namespace test_support {

// SQLite writes a table it renames as "name", quotes or not: stored SQL is compared with every
// quoted identifier that needs no quotes written bare, as tabula writes it.
inline std::string bare_identifiers(std::string_view sql) {
    std::string out;
    for (std::size_t i = 0; i < sql.size(); ++i) {
        const char c = sql[i];
        if (c == '\'') {  // a string literal, copied whole ('' inside)
            const std::size_t end = sql.find('\'', i + 1);
            const std::size_t stop = end == std::string_view::npos ? sql.size() : end + 1;
            out.append(sql.substr(i, stop - i));
            i = stop - 1;
            continue;
        }
        if (c == '"') {
            const std::size_t end = sql.find('"', i + 1);
            if (end != std::string_view::npos && (end + 1 >= sql.size() || sql[end + 1] != '"')) {
                const std::string_view name = sql.substr(i + 1, end - i - 1);
                if (!tabula::sql::needs_quotes(name, tabula::sql::dialect::sqlite)) {
                    out.append(name);
                    i = end;
                    continue;
                }
            }
        }
        out.push_back(c);
    }
    return out;
}

}  // namespace test_support
