// Opening SQLite files: mode=rw and mode=ro never create one; a write refused on a read-only
// database names the file.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

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
