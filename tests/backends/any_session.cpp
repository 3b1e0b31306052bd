// The backend chosen at run time from the URL: the same calls, the same results.
#include <nlohmann/json.hpp>
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../support/database.hpp"
#include "../support/models.hpp"

using namespace testing_models;
using tabula::col;
using any_db = tabula::any_session<TABULA_TEST_BACKENDS>;
using any_pool = tabula::any_pool<TABULA_TEST_BACKENDS>;

namespace {
// Application code written once, for whichever database the URL names.
template <class Db>
std::vector<std::string> application(Db& db) {
    db.template create_all<User, Note>();
    const auto id = db.insert(Note{"n1", "first", 10});
    CHECK(id == "n1");
    db.insert_many(std::vector<Note>{{"n2", "second", 20}, {"n3", "third", 30}});
    db.update(Note{"n2", "second, edited", 21});
    db.template update<&Note::updated_at>(Note{"n3", "ignored", 31});
    CHECK(db.template get<Note>("n2")->title == "second, edited");
    CHECK(db.template count<Note>() == 3);
    CHECK(db.template query<Note>().where(col<&Note::updated_at> > 15).count() == 2);
    CHECK(db.template query<Note>().where(col<&Note::id> == "n3").first()->updated_at == 31);
    CHECK(db.template query<Note>().where(col<&Note::id>.in(std::vector<std::string>{"n1", "n3"})).exists());
    db.transact([](auto& tx) { tx.insert(Note{"n4", "in a transaction", 40}); });
    {
        auto scope = db.transaction();
        db.insert(Note{"n5", "rolled back", 50});
        scope.rollback();
    }
    CHECK_FALSE(db.template get<Note>("n5").has_value());
    CHECK(db.execute("UPDATE note SET updated_at = updated_at + ? WHERE updated_at >= ?", 1, 40) == 1);
    CHECK(db.template raw<std::int64_t>("SELECT COUNT(*) FROM note")[0] == 4);
    std::vector<std::string> titles;
    db.template query<Note>().order_by(col<&Note::updated_at>.desc()).each([&](const Note& n) { titles.push_back(n.title); });
    CHECK(db.template query<Note>().where(col<&Note::updated_at> >= 31).remove() == 2);
    CHECK(db.template remove<Note>("n1"));
    return titles;
}
}  // namespace

TEST_CASE_TEMPLATE("any_session picks the backend from the URL and runs the whole API on it", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = any_db::open(database.url());
    CHECK(db.backend_name() == Backend::name);
    CHECK(db.dialect() == Backend::dialect);
    CHECK(application(db) == std::vector<std::string>{"in a transaction", "third", "second, edited", "first"});
    CHECK(db.template get_if<Backend>() != nullptr);
    const auto count = db.visit([](auto& concrete) { return concrete.template count<Note>(); });
    CHECK(count == 1);
}

TEST_CASE_TEMPLATE("any_pool hands out sessions of the URL's backend", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    any_pool pool(database.url(), {.size = 2, .max_overflow = 0});
    {
        auto db = pool.acquire();
        CHECK(db.backend_name() == Backend::name);
        CHECK(application(db).size() == 4);
    }
    CHECK(pool.statistics().idle == 1);
}

// A JSON column written and read through a lease: the first program that did this (the deploy
// example) did not link with Clang 16 while the leases dispatched with std::visit.
TEST_CASE_TEMPLATE("any_pool: JSON columns through a lease", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    any_pool pool(database.url(), {.size = 1, .max_overflow = 0});
    auto db = pool.acquire();
    db.template create_all<Tag>();
    const Tag tag{"t1", "u1", "work", nlohmann::json{{"color", "red"}, {"pinned", true}}};
    db.insert(tag);
    const auto back = db.template get<Tag>("t1", "u1");
    REQUIRE(back.has_value());
    CHECK(back->meta == tag.meta);
    CHECK(db.template query<Tag>().where(col<&Tag::name> == "work").all().size() == 1);
}

TEST_CASE("SQLite: a URL for a backend the program does not have is a clear error") {
    using sqlite_only = tabula::any_session<tabula::sqlite>;
    CHECK_THROWS_WITH_AS(sqlite_only::open("postgresql://u:secret@db/x"),
                         doctest::Contains("no backend for 'postgresql' in 'postgresql://u:***@db/x' (compiled in: sqlite)"),
                         tabula::configuration_error);
}

#if TABULA_TEST_WITH_POSTGRES && TABULA_TEST_WITH_MYSQL
TEST_CASE("Across backends: one program, one code path, three databases chosen by URL, the same results") {
    test_support::database<tabula::sqlite> sqlite;
    test_support::database<tabula::postgres> postgres;
    test_support::database<tabula::mysql> mysql;
    std::vector<std::vector<std::string>> results;
    for (const std::string& url : {sqlite.url(), postgres.url(), mysql.url()}) {
        CAPTURE(tabula::detail::redact(url));
        auto db = any_db::open(url);
        results.push_back(application(db));
    }
    CHECK(results[0] == results[1]);
    CHECK(results[1] == results[2]);
}
#endif
