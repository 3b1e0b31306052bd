// Single integer keys on SQLite are the rowid, supplied or generated: no second B-tree beside the
// table's own. Tables created with the former BIGINT key still pass `check`.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <tabula/migrate.hpp>

#include "../support/database.hpp"
#include "../support/models.hpp"

using namespace testing_models;

namespace {

std::vector<std::string> differences(tabula::session<tabula::sqlite>& db, const tabula::schema_view& version) {
    const auto live = tabula::migration_support<tabula::sqlite>::read_schema(db.connection());
    std::vector<std::string> out;
    for (const auto& d : tabula::compare_schemas(live, version, tabula::sql::dialect::sqlite)) out.push_back(d.message);
    return out;
}

std::int64_t index_count(tabula::session<tabula::sqlite>& db, std::string_view table) {
    return db.raw<std::int64_t>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = ?", table)[0];
}

}  // namespace

TEST_CASE("SQLite: a supplied integer key is the rowid") {
    test_support::database<tabula::sqlite> database;
    auto db = database.open();
    db.create_all<Counter>();
    CHECK(index_count(db, "counter") == 0);  // a BIGINT key would have sqlite_autoindex_counter_1
    db.insert(Counter{42, 7});
    db.insert(Counter{-5, 1});
    CHECK(db.raw<std::int64_t>("SELECT rowid FROM counter WHERE id = 42")[0] == 42);
    CHECK(db.get<Counter>(42)->value == 7);
    CHECK(db.get<Counter>(-5)->value == 1);
    CHECK_THROWS_AS(db.insert(Counter{42, 8}), tabula::constraint_violation);
    CHECK(differences(db, tabula::schema<Counter>::view).empty());
}

TEST_CASE("SQLite: a table created with the former BIGINT key passes check, and works") {
    test_support::database<tabula::sqlite> database;
    auto db = database.open();
    db.execute_script(R"(CREATE TABLE "counter" ("id" BIGINT NOT NULL, "value" BIGINT NOT NULL, PRIMARY KEY ("id")))");
    CHECK(differences(db, tabula::schema<Counter>::view).empty());
    db.insert(Counter{3, 4});
    CHECK(db.get<Counter>(3)->value == 4);

    // Any other type is still a difference.
    db.execute_script(R"(DROP TABLE "counter"; CREATE TABLE "counter" ("id" TEXT NOT NULL, "value" BIGINT NOT NULL, PRIMARY KEY ("id")))");
    CHECK(differences(db, tabula::schema<Counter>::view) ==
          std::vector<std::string>{"column counter.id has type TEXT in the database, INTEGER in the models"});
}
