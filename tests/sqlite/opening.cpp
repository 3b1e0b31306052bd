// Opening SQLite files: mode=rw and mode=ro never create one; a write refused on a read-only
// database names the file.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "../support/database.hpp"
#include "../support/models.hpp"

using namespace testing_models;

TEST_CASE("SQLite: mode=rw and mode=ro open only an existing file, mode=rwc creates it") {
    test_support::temp_directory directory;
    const std::string path = (directory.path() / "missing.db").string();
    for (std::string_view mode : {"rw", "ro"}) {
        CHECK_THROWS_WITH_AS(tabula::session<tabula::sqlite>("sqlite:///" + path + "?mode=" + std::string(mode)),
                             doctest::Contains(("cannot open SQLite database '" + path + "'").c_str()), tabula::connection_error);
        CHECK_FALSE(std::filesystem::exists(path));
    }
    { tabula::session<tabula::sqlite> created("sqlite:///" + path + "?mode=rwc"); }
    CHECK(std::filesystem::exists(path));
    tabula::session<tabula::sqlite> existing("sqlite:///" + path + "?mode=rw");
    existing.create_all<Counter>();
    CHECK(existing.insert(Counter{1, 2}) == 1);
}

TEST_CASE("SQLite: a write to a read-only database names the file") {
    test_support::database<tabula::sqlite> database;
    {
        auto db = database.open();
        db.create_all<Counter>();
    }
    auto reader = database.open("mode=ro");
    CHECK(reader.count<Counter>() == 0);
    const std::string path = (database.directory() / "test.db").string();
    CHECK_THROWS_WITH_AS(reader.insert(Counter{1, 2}), doctest::Contains(("'" + path + "' (open read-only").c_str()), tabula::error);
}

// tabula's list of SQLite keywords (sql/keywords.hpp) against the library's own, which SQLite has
// from 3.24: every keyword is written in quotes as an identifier.
TEST_CASE("SQLite: every keyword of the library is quoted as an identifier") {
#if SQLITE_VERSION_NUMBER >= 3024000
    const int count = sqlite3_keyword_count();
    CHECK(count > 100);
    std::vector<std::string> bare;
    for (int i = 0; i < count; ++i) {
        const char* name = nullptr;
        int size = 0;
        REQUIRE(sqlite3_keyword_name(i, &name, &size) == SQLITE_OK);
        std::string word(name, static_cast<std::size_t>(size));
        for (char& c : word) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        if (!tabula::sql::needs_quotes(word, tabula::sql::dialect::sqlite)) bare.push_back(word);
    }
    CHECK(bare == std::vector<std::string>{});
#else
    MESSAGE("skipped: SQLite " << sqlite3_libversion() << " cannot list its keywords (3.24 needed)");
#endif
}
