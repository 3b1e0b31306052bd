// Fuzzes LIKE on SQLite: col<>.like(pattern), col<>.not_like(pattern) and tabula::escape_like,
// against a model of SQLite's LIKE written here (ASCII case-insensitive, '_' one character, '%'
// any run, '\' the escape character, as tabula declares it on every dialect).
//
// Properties, besides "no crash, nothing but a tabula::error thrown":
//   - every text stored reads back byte for byte (NULs and invalid UTF-8 included);
//   - a pattern holding a NUL byte is refused (SQLite would cut it there and match too much);
//   - like("%" + escape_like(s) + "%") selects exactly the rows whose text contains s;
//   - like(p) and not_like(p) select exactly the rows the model says, and split the table.
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <tabula/sqlite.hpp>

#include "fuzz.hpp"

namespace fuzz_like {

struct Line {
    std::int64_t id = 0;
    std::string text{};
};

// Code points of valid UTF-8 (no overlong forms, no surrogates), or nothing.
std::optional<std::u32string> code_points(std::string_view s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        const std::size_t n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
        if (n == 0 || i + n > s.size()) return std::nullopt;
        char32_t c = n == 1 ? b : n == 2 ? b & 0x1f : n == 3 ? b & 0x0f : b & 0x07;
        for (std::size_t k = 1; k < n; ++k) {
            const auto t = static_cast<unsigned char>(s[i + k]);
            if ((t >> 6) != 2) return std::nullopt;
            c = (c << 6) | (t & 0x3f);
        }
        constexpr char32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
        if (c < smallest[n] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) return std::nullopt;
        out.push_back(c);
        i += n;
    }
    return out;
}

char32_t fold(char32_t c) { return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c; }

// SQLite's LIKE with ESCAPE '\' (its patternCompare), on code points.
bool like(std::u32string_view pattern, std::u32string_view text) {
    // matches[i][j]: pattern[i..] matches text[j..].
    std::vector<std::vector<signed char>> memo(pattern.size() + 1, std::vector<signed char>(text.size() + 1, -1));
    auto match = [&](auto& self, std::size_t p, std::size_t t) -> bool {
        signed char& m = memo[p][t];
        if (m >= 0) return m;
        bool result;
        if (p == pattern.size()) {
            result = t == text.size();
        } else if (pattern[p] == U'%') {
            result = self(self, p + 1, t) || (t < text.size() && self(self, p, t + 1));
        } else if (pattern[p] == U'_') {
            result = t < text.size() && self(self, p + 1, t + 1);
        } else {
            std::size_t literal = p;
            if (pattern[p] == U'\\') literal = p + 1;
            if (literal == pattern.size()) result = false;  // a lone '\' at the end matches nothing
            else result = t < text.size() && fold(pattern[literal]) == fold(text[t]) && self(self, literal + 1, t + 1);
        }
        m = result;
        return result;
    };
    return match(match, 0, 0);
}

// SQLite compares text up to its first NUL.
std::string_view up_to_nul(std::string_view s) { return s.substr(0, s.find('\0')); }

tabula::session<tabula::sqlite>& database() {
    static auto db = [] {
        auto s = tabula::session<tabula::sqlite>::open("sqlite://");
        s.create_all<Line>();
        return s;
    }();
    return db;
}

std::set<std::int64_t> selected(std::vector<Line> rows) {
    std::set<std::int64_t> out;
    for (const Line& row : rows) out.insert(row.id);
    return out;
}

}  // namespace fuzz_like

using namespace fuzz_like;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider input(data, size);
    const std::string needle = input.ConsumeRandomLengthString(48);
    const std::string pattern = input.ConsumeRandomLengthString(48);
    std::vector<Line> lines;
    while (input.remaining_bytes() > 0 && lines.size() < 6) lines.push_back({0, input.ConsumeRandomLengthString(48)});

    auto& db = database();
    db.execute("DELETE FROM line");
    for (Line& line : lines) line.id = db.insert(line);
    for (const Line& line : lines) {
        const auto back = db.get<Line>(line.id);
        fuzz::require(back && back->text == line.text, "text '" + fuzz::printable(line.text) + "' read back differently");
    }
    const std::string context = "\n  needle '" + fuzz::printable(needle) + "', pattern '" + fuzz::printable(pattern) + "'";

    // escape_like: a literal search.
    const auto text = tabula::col<&Line::text>;
    const std::string literal = "%" + tabula::escape_like(needle) + "%";
    std::vector<Line> found;
    const bool searched = fuzz::returns_or_throws_tabula_error([&] { found = db.query<Line>().where(text.like(literal)).all(); });
    fuzz::require(searched == (needle.find('\0') == std::string::npos), "a LIKE pattern with a NUL byte was not refused" + context);
    const auto needle_points = code_points(needle);
    if (searched && needle_points) {
        // A literal search: the text contains the needle, ASCII letters in either case.
        auto folded = [](std::u32string points) {
            for (char32_t& c : points) c = fold(c);
            return points;
        };
        const std::u32string wanted = folded(*needle_points);
        std::set<std::int64_t> expected;
        bool comparable = true;
        for (const Line& line : lines) {
            const auto points = code_points(up_to_nul(line.text));
            if (!points) comparable = false;
            else if (folded(*points).find(wanted) != std::u32string::npos) expected.insert(line.id);
        }
        if (comparable)
            fuzz::require(selected(found) == expected, "like('%' + escape_like(needle) + '%') selected other rows than a literal search" + context);
    }

    // An arbitrary pattern, and its negation.
    std::vector<Line> matching;
    std::vector<Line> others;
    const bool queried = fuzz::returns_or_throws_tabula_error([&] {
        matching = db.query<Line>().where(text.like(pattern)).all();
        others = db.query<Line>().where(text.not_like(pattern)).all();
    });
    fuzz::require(queried == (pattern.find('\0') == std::string::npos), "a LIKE pattern with a NUL byte was not refused" + context);
    if (!queried) return 0;
    fuzz::require(matching.size() + others.size() == lines.size(), "like(p) and not_like(p) do not split the table" + context);
    const auto pattern_points = code_points(pattern);
    if (!pattern_points) return 0;
    std::set<std::int64_t> expected;
    for (const Line& line : lines) {
        const auto points = code_points(up_to_nul(line.text));
        if (!points) return 0;
        if (like(*pattern_points, *points)) expected.insert(line.id);
    }
    fuzz::require(selected(matching) == expected, "like(p) selected other rows than SQLite's LIKE should" + context);
    return 0;
}
