// Writing and reading rows: insert, bulk insert, get, update, upsert, remove, queries, raw SQL.
#include <nlohmann/json.hpp>
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "../support/database.hpp"
#include "../support/text.hpp"
#include "../support/models.hpp"

using namespace testing_models;
using tabula::col;

namespace {

User user(std::string name, std::int64_t created_at, std::optional<std::string> email = std::nullopt) {
    User u;
    u.name = std::move(name);
    u.email = std::move(email);
    u.created_at = created_at;
    u.settings = {{"theme", "light"}};
    return u;
}

template <class Session>
void add_people(Session& db) {
    const char* names[] = {"ada", "grace", "alan", "edsger", "barbara", "donald", "ken", "dennis"};
    std::int64_t t = 100;
    for (const char* name : names) db.insert(user(name, t++, std::string(name) + "@example.org"));
}

}  // namespace

TEST_CASE_TEMPLATE("create_all is idempotent and creates tables in foreign-key order", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<Post, User, Tag, Note, Counter>();
    db.template create_all<Post, User, Tag, Note, Counter>();
    CHECK(db.template count<User>() == 0);
    db.template drop_all<Post, User, Tag, Note, Counter>();
    CHECK_THROWS_AS(db.template count<User>(), tabula::statement_error);
}

TEST_CASE_TEMPLATE("insert returns the key; get reads the row back", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<User, Tag, Note, Counter>();

    const std::int64_t first = db.insert(user("ada", 1));
    const std::int64_t second = db.insert(user("grace", 2));
    CHECK(second == first + 1);
    const auto ada = db.template get<User>(first);
    REQUIRE(ada.has_value());
    CHECK(ada->id == first);
    CHECK(ada->name == "ada");
    CHECK(ada->settings == nlohmann::json{{"theme", "light"}});
    CHECK_FALSE(db.template get<User>(first + 100).has_value());

    // Keys the application supplies come back as they were given.
    CHECK(db.insert(Note{"n-1", "title", 5}) == "n-1");
    CHECK(db.insert(Counter{42, 7}) == 42);
    CHECK(db.template get<Counter>(42)->value == 7);
    const auto key = db.insert(Tag{"t", "u1", "name", std::nullopt});
    CHECK(key == std::tuple<std::string, std::string>{"t", "u1"});
    CHECK(db.template get<Tag>("t", "u1")->name == "name");
    CHECK(db.template get<Tag>(std::string("t"), "u1").has_value());
    CHECK_FALSE(db.template get<Tag>("t", "u2").has_value());
}

TEST_CASE_TEMPLATE("insert_many writes every row, in one transaction, all or nothing", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<Note>();
    // Around and across the multi-row batch size.
    for (std::size_t n : {0u, 1u, 31u, 32u, 33u, 65u, 1000u}) {
        CAPTURE(n);
        db.template query<Note>().remove();
        std::vector<Note> notes;
        for (std::size_t i = 0; i < n; ++i) notes.push_back(Note{test_support::numbered("id-", i), test_support::numbered("t", i), static_cast<std::int64_t>(i)});
        CHECK(db.insert_many(notes) == n);
        CHECK(db.template count<Note>() == static_cast<std::int64_t>(n));
        if (n > 0) CHECK(db.template get<Note>(test_support::numbered("id-", n - 1))->updated_at == static_cast<std::int64_t>(n - 1));
    }

    db.template query<Note>().remove();
    std::vector<Note> clash;
    for (int i = 0; i < 100; ++i) clash.push_back(Note{test_support::numbered("k", i % 70), "x", i});  // key k0 repeats at row 70
    CHECK_THROWS_AS(db.insert_many(clash), tabula::constraint_violation);
    CHECK(db.template count<Note>() == 0);

    // A list of rows that is not a sized range takes the row-by-row path.
    std::vector<Note> source{{"a", "1", 1}, {"b", "2", 2}, {"c", "3", 3}};
    CHECK(db.insert_many(source | std::views::filter([](const Note& n) { return n.id != "b"; })) == 2);
    CHECK(db.template count<Note>() == 2);
}

TEST_CASE_TEMPLATE("update writes a whole row or chosen columns; a missing row is not_found", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<User, Tag>();
    User ada = user("ada", 1, "ada@example.org");
    ada.id = db.insert(ada);

    ada.name = "Ada Lovelace";
    ada.settings["theme"] = "dark";
    db.update(ada);
    CHECK(db.template get<User>(ada.id)->name == "Ada Lovelace");
    CHECK(db.template get<User>(ada.id)->settings["theme"] == "dark");

    ada.name = "changed in memory only";
    ada.email = "lovelace@example.org";
    db.template update<&User::email>(ada);
    const auto back = db.template get<User>(ada.id);
    CHECK(back->name == "Ada Lovelace");
    CHECK(back->email == "lovelace@example.org");

    User ghost = user("ghost", 0);
    ghost.id = 999;
    try {
        db.update(ghost);
        FAIL("update of a missing row succeeded");
    } catch (const tabula::not_found& e) {
        CHECK(e.table() == "users");
        CHECK(e.key() == "id=999");
    }
    CHECK_THROWS_AS(db.template update<&User::name>(ghost), tabula::not_found);

    db.insert(Tag{"t", "u", "before", std::nullopt});
    db.update(Tag{"t", "u", "after", nlohmann::json{{"k", 1}}});
    CHECK(db.template get<Tag>("t", "u")->name == "after");
}

TEST_CASE_TEMPLATE("upsert inserts, then overwrites the row with the same key", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<Note, Tag>();
    db.upsert(Note{"n", "first", 1});
    db.upsert(Note{"n", "second", 2});
    CHECK(db.template count<Note>() == 1);
    CHECK(db.template get<Note>("n")->title == "second");
    db.upsert(Tag{"t", "u", "x", std::nullopt});
    db.upsert(Tag{"t", "u", "y", std::nullopt});
    CHECK(db.template get<Tag>("t", "u")->name == "y");
}

TEST_CASE_TEMPLATE("remove by row or by key reports whether a row went", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<User, Tag>();
    User ada = user("ada", 1);
    ada.id = db.insert(ada);
    const auto grace = db.insert(user("grace", 2));
    CHECK(db.remove(ada));
    CHECK_FALSE(db.remove(ada));
    CHECK(db.template remove<User>(grace));
    CHECK_FALSE(db.template remove<User>(grace));
    db.insert(Tag{"t", "u", "n", std::nullopt});
    CHECK(db.template remove<Tag>("t", "u"));
    CHECK(db.template count<User>() == 0);
}

TEST_CASE_TEMPLATE("queries: conditions, order, limit, offset, count, exists, first", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<User>();
    add_people(db);
    db.insert(user("nobody", 50));  // no email

    auto names = [](const std::vector<User>& users) {
        std::vector<std::string> out;
        for (const User& u : users) out.push_back(u.name);
        return out;
    };

    CHECK(names(db.template query<User>().where(col<&User::created_at> >= 105).order_by(col<&User::created_at>).all()) ==
          std::vector<std::string>{"donald", "ken", "dennis"});
    CHECK(names(db.template query<User>().where(col<&User::name>.like("a%")).order_by(col<&User::name>.desc()).all()) ==
          std::vector<std::string>{"alan", "ada"});
    CHECK(names(db.template query<User>()
                    .where(col<&User::name> == "ken" || col<&User::name> == "ada")
                    .where(col<&User::created_at> > 0)
                    .order_by(tabula::desc(col<&User::name>))
                    .all()) == std::vector<std::string>{"ken", "ada"});
    CHECK(names(db.template query<User>().where(!(col<&User::created_at> < 106)).order_by(col<&User::id>).all()) ==
          std::vector<std::string>{"ken", "dennis"});
    CHECK(names(db.template query<User>().where(col<&User::created_at>.between(101, 102)).order_by(col<&User::id>).all()) ==
          std::vector<std::string>{"grace", "alan"});
    const std::vector<std::string> wanted{"grace", "dennis", "nobody-else"};
    CHECK(names(db.template query<User>().where(col<&User::name>.in(wanted)).order_by(col<&User::name>).all()) ==
          std::vector<std::string>{"dennis", "grace"});
    CHECK(db.template query<User>().where(col<&User::name>.not_in(wanted)).count() == 7);
    CHECK(db.template query<User>().where(col<&User::name>.in(std::vector<std::string>{})).count() == 0);
    CHECK(db.template query<User>().where(col<&User::email>.is_null()).count() == 1);
    CHECK(db.template query<User>().where(col<&User::email> == "ken@example.org").count() == 1);

    auto page = db.template query<User>().order_by(col<&User::created_at>).limit(3).offset(2);
    CHECK(names(std::move(page).all()) == std::vector<std::string>{"grace", "alan", "edsger"});
    CHECK(names(db.template query<User>().order_by(col<&User::created_at>).offset(8).all()) == std::vector<std::string>{"dennis"});
    CHECK(db.template query<User>().limit(4).count() == 4);
    CHECK(db.template query<User>().offset(8).count() == 1);
    CHECK(db.template query<User>().where(col<&User::name> == "ada").exists());
    CHECK_FALSE(db.template query<User>().where(col<&User::name> == "nobody else").exists());
    CHECK(db.template query<User>().order_by(col<&User::created_at>.desc()).first()->name == "dennis");
    CHECK_FALSE(db.template query<User>().where(col<&User::created_at> > 1000).first().has_value());

    CHECK(db.template query<User>().where(col<&User::created_at> < 103).remove() == 4);
    CHECK(db.template count<User>() == 5);
}

TEST_CASE_TEMPLATE("the SQL a query runs is the compiled text", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = database.open();
    if constexpr (Backend::dialect == tabula::sql::dialect::sqlite) {
        CHECK(db.template query<Note>().where(col<&Note::updated_at> > 1).order_by(col<&Note::title>).limit(5).offset(1).sql() ==
              "SELECT id, title, updated_at FROM note WHERE updated_at > ? ORDER BY title ASC LIMIT ? OFFSET ?");
        CHECK(db.template query<Note>().offset(3).sql() == "SELECT id, title, updated_at FROM note LIMIT -1 OFFSET ?");
    }
}

TEST_CASE_TEMPLATE("streaming reads rows one at a time, and nested use of one statement is safe", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<User>();
    add_people(db);

    std::vector<std::string> seen;
    for (const User& u : db.template query<User>().order_by(col<&User::id>).stream()) seen.push_back(u.name);
    CHECK(seen.size() == 8);
    CHECK(seen.front() == "ada");

    // The same statement text streamed inside itself: each level gets its own statement.
    std::int64_t pairs = 0;
    for (const User& outer : db.template query<User>().where(col<&User::created_at> < 102).stream()) {
        for (const User& inner : db.template query<User>().where(col<&User::created_at> < 102).stream()) pairs += outer.id != inner.id;
    }
    CHECK(pairs == 2);

    std::int64_t total = 0;
    db.template query<User>().where(col<&User::created_at> >= 104).each([&](const User& u) { total += u.created_at; });
    CHECK(total == 104 + 105 + 106 + 107);

    // A stream left unfinished releases its statement (and SQLite's read lock) when destroyed.
    {
        auto stream = db.template query<User>().stream();
        auto it = stream.begin();
        CHECK(it->name == "ada");
    }
    db.insert(user("after", 1));
    CHECK(db.template count<User>() == 9);
}

TEST_CASE_TEMPLATE("raw SQL: bound parameters, rows mapped by position, shape checked", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<User>();
    add_people(db);

    struct name_and_time {
        std::string name;
        std::int64_t created_at;
    };
    const auto rows = db.template raw<name_and_time>("SELECT name, created_at FROM users WHERE created_at > ? AND name <> ? ORDER BY created_at",
                                                     std::int64_t{104}, std::string("ken"));
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].name == "donald");
    CHECK(rows[1].created_at == 107);
    CHECK(db.template raw<std::int64_t>("SELECT COUNT(*) FROM users")[0] == 8);
    CHECK(db.template raw<std::optional<std::string>>("SELECT email FROM users WHERE name = ?", "ada")[0] == "ada@example.org");
    CHECK(db.execute("UPDATE users SET name = upper(name) WHERE created_at < ?", 102) == 2);
    CHECK(db.template get<User>(1)->name == "ADA");

    std::vector<std::string> streamed;
    db.template raw_each<name_and_time>("SELECT name, created_at FROM users WHERE created_at >= ?", [&](const name_and_time& r) { streamed.push_back(r.name); }, 106);
    CHECK(streamed.size() == 2);

    try {
        db.template raw<name_and_time>("SELECT name FROM users");
        FAIL("a 1-column result mapped onto 2 fields");
    } catch (const tabula::type_mismatch& e) {
        CHECK(std::string(e.what()).find("returns 1 columns but") != std::string::npos);
    }
    CHECK_THROWS_AS(db.execute("SELEKT 1"), tabula::statement_error);
}

// Models need external linkage (reflection addresses their fields through an extern object).
namespace crud_test {
struct keyless {
    std::string name;
};
}  // namespace crud_test

// An invalid model is rejected inside the call, by a static_assert that names it (the
// compile_fail/session_* tests), not by overload resolution: every entry point has a twin for
// invalid models, so the call is well-formed up to that assertion. Code that must test a model
// in a requires-clause asks tabula::valid_model.
TEST_CASE_TEMPLATE("sessions accept only valid models, at compile time", Backend, TABULA_TEST_BACKENDS) {
    static_assert(!tabula::valid_model<crud_test::keyless>);
    static_assert(tabula::valid_model<User>);
    using rejected = decltype(std::declval<tabula::session<Backend>&>().template query<crud_test::keyless>());
    using accepted = decltype(std::declval<tabula::session<Backend>&>().template query<User>());
    static_assert(std::is_same_v<rejected, tabula::detail::rejected_query<crud_test::keyless>>);
    static_assert(!std::is_same_v<accepted, tabula::detail::rejected_query<User>>);
    CHECK(tabula::diagnosis_of<crud_test::keyless>.problem == tabula::model_problem::missing_primary_key);
}

TEST_CASE_TEMPLATE("get_many and update_many: many keys and rows at once (pipelined on PostgreSQL)", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<User, Note, Tag>();
    std::vector<Note> notes;
    for (int i = 0; i < 700; ++i) notes.push_back(Note{test_support::numbered("n", i), test_support::numbered("title ", i), i});
    db.insert_many(notes);

    std::vector<std::string> keys;
    for (int i = 699; i >= 0; i -= 3) keys.push_back(test_support::numbered("n", i));
    keys.push_back("missing");
    const auto found = db.template get_many<Note>(keys);
    REQUIRE(found.size() == keys.size());
    for (std::size_t k = 0; k + 1 < keys.size(); ++k) {
        REQUIRE(found[k].has_value());
        CHECK(found[k]->id == keys[k]);
    }
    CHECK_FALSE(found.back().has_value());
    CHECK(db.template get_many<Note>(std::vector<std::string>{}).empty());

    for (Note& n : notes) n.title += " (edited)";
    CHECK(db.update_many(notes) == 700);
    CHECK(db.template get<Note>("n512")->title == "title 512 (edited)");

    // One missing row: not_found naming it, and nothing of the batch is kept.
    notes[300].id = "gone";
    for (Note& n : notes) n.updated_at = -1;
    CHECK_THROWS_WITH_AS(db.update_many(notes), doctest::Contains("with id='gone'"), tabula::not_found);
    CHECK(db.template query<Note>().where(col<&Note::updated_at> == -1).count() == 0);

    // Composite keys as tuples.
    db.insert(Tag{"a", "u1", "first", std::nullopt});
    db.insert(Tag{"b", "u1", "second", std::nullopt});
    const auto tags = db.template get_many<Tag>(std::vector<std::tuple<std::string, std::string>>{{"b", "u1"}, {"a", "u2"}, {"a", "u1"}});
    REQUIRE(tags.size() == 3);
    CHECK(tags[0]->name == "second");
    CHECK_FALSE(tags[1].has_value());
    CHECK(tags[2]->name == "first");
}
