// PostgreSQL JSON columns: JSONB by default (normalised, indexable), JSON when declared text (the
// document kept as written); both read back as equal values.
#include <nlohmann/json.hpp>
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../support/database.hpp"

namespace pg_json {
struct Document {
    std::int64_t id = 0;
    nlohmann::json binary{};
    nlohmann::json text{};
};
}  // namespace pg_json
template <>
struct tabula::model<pg_json::Document> {
    static constexpr auto columns = std::tuple{tabula::column<&pg_json::Document::text>{.json = tabula::json_format::text}};
};

TEST_CASE("PostgreSQL: JSONB normalises, JSON keeps the text as written; both read back equal") {
    test_support::database<tabula::postgres> database;
    auto db = database.open();
    db.create_all<pg_json::Document>();
    const std::string written = R"({"b":1,   "a":[true,null,2.5]})";
    db.execute("INSERT INTO document (\"binary\", \"text\") VALUES (?, ?)", written, written);
    CHECK(db.raw<std::string>("SELECT \"text\"::text FROM document")[0] == written);
    CHECK(db.raw<std::string>("SELECT \"binary\"::text FROM document")[0] == R"({"a": [true, null, 2.5], "b": 1})");
    CHECK(db.raw<std::string>("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'document'::regclass "
                              "AND attname IN ('binary', 'text') ORDER BY attname") == std::vector<std::string>{"jsonb", "json"});
    const auto back = db.get<pg_json::Document>(1);
    REQUIRE(back.has_value());
    CHECK(back->binary == back->text);
    CHECK(back->binary == nlohmann::json::parse(written));
    // JSONB containment works on the default column type.
    CHECK(db.raw<std::int64_t>("SELECT COUNT(*) FROM document WHERE \"binary\" @> ?::jsonb", R"({"b":1})")[0] == 1);
}

// tabula's list of PostgreSQL keywords (sql/keywords.hpp) against the server's own: every keyword
// that is not unreserved is written in quotes.
TEST_CASE("PostgreSQL: every keyword the server does not leave free is quoted as an identifier") {
    test_support::database<tabula::postgres> database;
    auto db = database.open();
    const auto words = db.raw<std::string>("SELECT word FROM pg_get_keywords() WHERE catcode <> 'U' ORDER BY word");
    CHECK(words.size() > 100);
    std::vector<std::string> bare;
    for (const std::string& word : words)
        if (!tabula::sql::needs_quotes(word, tabula::sql::dialect::postgres)) bare.push_back(word);
    CHECK(bare == std::vector<std::string>{});
}
