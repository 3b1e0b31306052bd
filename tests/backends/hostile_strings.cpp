// 1,000 hostile strings stored as values, keys and JSON content, read back byte for byte, with
// the table intact: values are always bound, never spliced into SQL.
#include <nlohmann/json.hpp>
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "../support/database.hpp"
#include "../support/models.hpp"

using namespace testing_models;

namespace {

std::vector<std::string> hostile_strings() {
    std::vector<std::string> out = {
        "",
        "'",
        "''",
        "\"",
        "\\",
        "\\'",
        "'; DROP TABLE note; --",
        "\"; DROP TABLE note; --",
        "'); DELETE FROM note WHERE ('1' = '1",
        "1 OR 1=1",
        "' OR '1'='1' --",
        "%_%",
        "?",
        "$1",
        ":name",
        "@p",
        "`backtick`",
        "\\x00\\n",
        std::string("embedded\0nul", 12),
        std::string(1, '\0'),
        "line\nbreak\r\nand\ttab",
        "\x1b[31mred\x1b[0m",
        "caf\xc3\xa9",                  // é
        "\xf0\x9f\x98\x80 emoji",      // 😀
        "\xe2\x80\xae right-to-left",  // RLO
        "a\xcc\x81",                    // a + combining acute
        "\xef\xbb\xbf byte order mark",
        "\xe4\xb8\xad\xe6\x96\x87",     // 中文
        "{\"json\": \"looking\"}",
        "[1, 2, 3]",
        "null",
        "NULL",
        "true",
        "0",
        "-0",
        "1e309",
        "</script><script>alert(1)</script>",
        std::string(100000, 'x'),
        std::string(70000, '\''),
    };
    // The rest: random mixes of the characters that break naive escaping, of growing length.
    const std::string alphabet = std::string("'\"\\;-%_?$`\n\r\t ") + std::string(1, '\0') + "aZ09\xc3\xa9\xf0\x9f\x98\x80";
    std::mt19937 random(20261122);
    while (out.size() < 1000) {
        const std::size_t length = random() % (out.size() < 900 ? 64 : 5000);
        std::string s;
        for (std::size_t i = 0; i < length; ++i) s.push_back(alphabet[random() % alphabet.size()]);
        // Keep multi-byte sequences whole by never cutting inside them: rebuild from whole pieces.
        std::string valid;
        for (std::size_t i = 0; i < s.size(); ++i) {
            const unsigned char c = static_cast<unsigned char>(s[i]);
            if (c < 0x80) valid.push_back(s[i]);
            else if (c == 0xc3) valid += "\xc3\xa9";
            else if (c == 0xf0) valid += "\xf0\x9f\x98\x80";
        }
        out.push_back(valid + "#" + std::to_string(out.size()));  // unique, for use as keys
    }
    return out;
}

}  // namespace

TEST_CASE_TEMPLATE("hostile strings are stored and read back byte-exact", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<Note, Tag>();
    std::vector<std::string> strings = hostile_strings();
    REQUIRE(strings.size() == 1000);
    if constexpr (!Backend::text_holds_nul) {
        // A backend whose text cannot hold NUL refuses such strings by name, and stores nothing.
        const auto has_nul = [](const std::string& s) { return s.find('\0') != std::string::npos; };
        std::vector<Note> refused;
        for (const std::string& s : strings)
            if (has_nul(s)) refused.push_back(Note{"nul" + std::to_string(refused.size()), s, 0});
        REQUIRE(refused.size() > 10);
        CHECK_THROWS_WITH_AS(db.insert_many(refused), doctest::Contains("column 'title' of table 'note'"), tabula::type_mismatch);
        CHECK_THROWS_AS(db.insert(refused.back()), tabula::type_mismatch);
        CHECK(db.template count<Note>() == 0);
        // The rest, topped up with NUL-free strings, is what the byte-exact checks below use.
        std::erase_if(strings, has_nul);
        for (std::size_t k = 0; strings.size() < 1000; ++k) strings.push_back("filler \\ ' \" " + std::to_string(k));
    }

    if constexpr (Backend::dialect == tabula::sql::dialect::mysql) {
        // MySQL indexes text only up to a length: key columns are VARCHAR(255) (characters). A
        // longer key is refused by name (strict mode), never cut short, and nothing is stored.
        const auto too_long_for_key = [](const std::string& s) {
            const auto characters = std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xc0) != 0x80; });
            return characters > 240;  // with the "k<n>" prefix the tests add
        };
        std::vector<Note> refused;
        for (const std::string& s : strings)
            if (too_long_for_key(s)) refused.push_back(Note{"long" + std::to_string(refused.size()) + s, "title", 0});
        REQUIRE(refused.size() > 10);
        CHECK_THROWS_WITH_AS(db.insert_many(refused), doctest::Contains("column 'id'"), tabula::statement_error);
        CHECK_THROWS_AS(db.insert(refused.back()), tabula::statement_error);
        CHECK(db.template count<Note>() == 0);
        // Long values are still stored whole: only keys are limited.
        db.insert(Note{"long-value", refused.back().id, 0});
        CHECK(db.template get<Note>("long-value")->title == refused.back().id);
        db.template remove<Note>("long-value");
        std::erase_if(strings, too_long_for_key);
        for (std::size_t k = 0; strings.size() < 1000; ++k) strings.push_back("key-sized filler \\ ' \" " + std::to_string(k));
    }

    std::vector<Note> notes;
    for (std::size_t i = 0; i < strings.size(); ++i) notes.push_back(Note{"k" + std::to_string(i) + strings[i], strings[i], static_cast<std::int64_t>(i)});
    db.insert_many(notes);
    for (std::size_t i = 0; i < strings.size(); ++i) {
        // As a key, and as a value: both byte-exact.
        const auto back = db.template get<Note>(notes[i].id);
        REQUIRE(back.has_value());
        CHECK(back->id == notes[i].id);
        CHECK(back->title == strings[i]);
        CHECK(back->title.size() == strings[i].size());
    }

    // In queries, as compared values and LIKE patterns (escaped to match literally). A pattern with
    // a NUL byte is refused: SQLite would end the pattern there.
    for (std::size_t i = 0; i < strings.size(); i += 37) {
        CAPTURE(i);
        CHECK(db.template query<Note>().where(tabula::col<&Note::title> == strings[i]).count() >= 1);
        if (notes[i].id.find('\0') != std::string::npos)
            CHECK_THROWS_AS(db.template query<Note>().where(tabula::col<&Note::id>.like(tabula::escape_like(notes[i].id))).count(),
                            tabula::type_mismatch);
        // SQLite refuses LIKE patterns over 50,000 bytes (SQLITE_MAX_LIKE_PATTERN_LENGTH).
        else if (notes[i].id.size() < 50000)
            CHECK(db.template query<Note>().where(tabula::col<&Note::id>.like(tabula::escape_like(notes[i].id))).count() == 1);
    }

    // Inside JSON documents.
    std::size_t i = 0;
    for (const std::string& s : strings) {
        if (i % 10 == 0) db.insert(Tag{"t" + std::to_string(i), s, s, nlohmann::json{{"text", s}, {"list", {s, s}}}});
        ++i;
    }
    for (std::size_t j = 0; j < strings.size(); j += 10) {
        const auto tag = db.template get<Tag>("t" + std::to_string(j), strings[j]);
        REQUIRE(tag.has_value());
        CHECK(tag->name == strings[j]);
        CHECK((*tag->meta)["text"].template get<std::string>() == strings[j]);
    }

    // The table is intact and holds exactly what was written.
    CHECK(db.template count<Note>() == 1000);
    CHECK(db.template count<Tag>() == 100);
    const auto all = db.template query<Note>().order_by(tabula::col<&Note::updated_at>).all();
    REQUIRE(all.size() == 1000);
    for (std::size_t k = 0; k < all.size(); ++k) CHECK(all[k].title == strings[k]);
}
