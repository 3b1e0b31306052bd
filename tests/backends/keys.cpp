// Keys: a generated key is generated when the row leaves it unset (0) and written as given when
// the row sets it; insert, insert_many and upsert write generated keys back into rows they may
// change.
#include <doctest/doctest.h>

#include <algorithm>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "../support/database.hpp"
#include "../support/models.hpp"

using namespace testing_models;
using tabula::col;

namespace {
User named(std::string name, std::int64_t id = 0) {
    User u;
    u.id = id;
    u.name = std::move(name);
    u.settings = {{"k", 1}};
    return u;
}
}  // namespace

TEST_CASE_TEMPLATE("insert writes the generated key into an lvalue; a key the caller set is written as given", Backend,
                   TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<User>();

    User ada = named("ada");
    const std::int64_t key = db.insert(ada);
    CHECK(ada.id == key);
    CHECK(db.template get<User>(key)->name == "ada");
    const User grace = named("grace");
    CHECK(db.insert(grace) == key + 1);
    CHECK(grace.id == 0);  // a const row is left as it is

    // A set key is the row's key, not ignored.
    User chosen = named("chosen", 7000);
    CHECK(db.insert(chosen) == 7000);
    CHECK(chosen.id == 7000);
    CHECK(db.template get<User>(7000)->name == "chosen");
    CHECK(db.insert(named("also chosen", 50)) == 50);
    // The next generated key comes after the largest one written (PostgreSQL's sequence moved).
    User next = named("next");
    CHECK(db.insert(next) > 7000);
    CHECK(db.template get<User>(next.id)->name == "next");
    CHECK_THROWS_AS(db.insert(named("duplicate", 7000)), tabula::constraint_violation);
    CHECK(db.template count<User>() == 5);
}

TEST_CASE_TEMPLATE("insert_many writes generated keys back into the rows it may change", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<User>();

    // Across PostgreSQL's pipeline batch of 256.
    std::vector<User> people;
    for (int i = 0; i < 300; ++i) people.push_back(named("p" + std::to_string(i)));
    CHECK(db.insert_many(people) == 300);
    for (const User& u : people) {
        REQUIRE(u.id != 0);
        CHECK(db.template get<User>(u.id)->name == u.name);
    }
    std::vector<std::int64_t> keys;
    for (const User& u : people) keys.push_back(u.id);
    std::sort(keys.begin(), keys.end());
    CHECK(std::adjacent_find(keys.begin(), keys.end()) == keys.end());

    // Through a span, and with some keys set by the caller: those are written as given.
    std::vector<User> mixed{named("m0"), named("m1", 90000), named("m2")};
    CHECK(db.insert_many(std::span<User>(mixed)) == 3);
    CHECK(mixed[1].id == 90000);
    CHECK(mixed[2].id > 90000);
    for (const User& u : mixed) CHECK(db.template get<User>(u.id)->name == u.name);

    // A const range takes the bulk path: rows are inserted, keys generated but not written back,
    // except those the caller set.
    const std::vector<User> constant{named("c0"), named("c1")};
    CHECK(db.insert_many(constant) == 2);
    CHECK(constant[0].id == 0);
    CHECK(db.template query<User>().where(col<&User::name> == "c1").count() == 1);
    CHECK(db.insert_many(std::vector<User>{named("t0", 95000), named("t1")}) == 2);
    CHECK(db.template get<User>(95000)->name == "t0");
    CHECK(db.template query<User>().where(col<&User::name> == "t1").first()->id > 95000);
    CHECK(db.template count<User>() == 300 + 3 + 2 + 2);

    // Every row sets its key: the bulk path writes them as given (COPY on PostgreSQL, multi-row
    // INSERTs elsewhere), and generated keys continue after the largest.
    std::vector<User> numbered;
    for (int i = 0; i < 70; ++i) numbered.push_back(named("k" + std::to_string(i), 200000 + i));
    CHECK(db.insert_many(std::as_const(numbered)) == 70);
    CHECK(db.insert_many(std::vector<User>{named("k70", 200070)}) == 1);
    CHECK(db.template get<User>(200069)->name == "k69");
    CHECK(db.template get<User>(200070)->name == "k70");
    User later = named("later");
    db.insert(later);
    CHECK(later.id > 200070);
    db.template query<User>().where(col<&User::id> >= 200000).remove();

    // All or nothing: a duplicate key rolls back the rows before it, and no key is kept.
    std::vector<User> failing{named("f0"), named("f1", 90000)};
    CHECK_THROWS_AS(db.insert_many(failing), tabula::constraint_violation);
    CHECK(db.template query<User>().where(col<&User::name> == "f0").count() == 0);
}

TEST_CASE_TEMPLATE("upsert of an unset generated key inserts a new row; a set key overwrites", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<User, Counter>();

    const std::int64_t first = db.upsert(named("first"));
    const std::int64_t second = db.upsert(named("second"));
    CHECK(first != 0);
    CHECK(second != first);
    CHECK(db.template count<User>() == 2);
    CHECK(db.template get<User>(first)->name == "first");

    User row = named("third");
    const std::int64_t third = db.upsert(row);
    CHECK(row.id == third);
    row.name = "third, again";
    CHECK(db.upsert(row) == third);
    CHECK(db.template get<User>(row.id)->name == "third, again");
    CHECK(db.template count<User>() == 3);

    // A chosen key, then a generated one after it.
    CHECK(db.upsert(named("chosen", 4000)) == 4000);
    CHECK(db.upsert(named("chosen, again", 4000)) == 4000);
    CHECK(db.template get<User>(4000)->name == "chosen, again");
    CHECK(db.upsert(named("after")) > 4000);

    // A key the application supplies is always its own: 0 is a key like any other.
    CHECK(db.upsert(Counter{0, 1}) == 0);
    CHECK(db.upsert(Counter{0, 2}) == 0);
    CHECK(db.template get<Counter>(0)->value == 2);
}

TEST_CASE_TEMPLATE("the backend chosen at run time writes keys back the same way", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    tabula::any_session<TABULA_TEST_BACKENDS> db(database.url());
    db.template create_all<User>();
    User ada = named("ada");
    const std::int64_t key = db.insert(ada);
    CHECK(ada.id == key);
    std::vector<User> rows{named("a"), named("b")};
    db.insert_many(rows);
    CHECK(rows[1].id > rows[0].id);
    User upserted = named("c");
    const std::int64_t c = db.upsert(upserted);
    CHECK(upserted.id == c);
    CHECK(db.template get<User>(upserted.id)->name == "c");
}

TEST_CASE_TEMPLATE("insert_or_ignore inserts unless a unique key or the primary key holds the row", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<User, Post, Note>();

    User ada = named("ada");
    ada.email = "ada@example.org";
    CHECK(db.insert_or_ignore(ada));
    CHECK(ada.id != 0);
    User twin = named("twin");
    twin.email = "ada@example.org";  // users.email is unique
    CHECK_FALSE(db.insert_or_ignore(twin));
    CHECK(twin.id == 0);
    CHECK_FALSE(db.insert_or_ignore(named("same key", ada.id)));
    CHECK(db.insert_or_ignore(named("chosen", 600)));
    CHECK(db.insert(named("after")) > 600);
    CHECK(db.template count<User>() == 3);

    CHECK(db.insert_or_ignore(Note{"n", "first", 1}));
    CHECK_FALSE(db.insert_or_ignore(Note{"n", "second", 2}));
    CHECK(db.template get<Note>("n")->title == "first");

    // Inside a transaction, an ignored row leaves the transaction usable; other errors still throw.
    {
        auto tx = db.transaction();
        CHECK_FALSE(db.insert_or_ignore(Note{"n", "third", 3}));
        CHECK(db.insert_or_ignore(Note{"m", "fourth", 4}));
        tx.commit();
    }
    CHECK(db.template count<Note>() == 2);
    CHECK_THROWS_AS(db.insert_or_ignore(Post{.author_id = 999999, .title = "t", .slug = "s"}), tabula::constraint_violation);
}

TEST_CASE_TEMPLATE("upsert_on updates the row a unique key matches and returns its key", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<User, Post, Note>();
    const std::int64_t author = db.insert(named("ada"));

    Post first{.author_id = author, .title = "draft", .slug = "intro"};
    const std::int64_t key = db.template upsert_on<&Post::author_id, &Post::slug>(first);
    CHECK(key != 0);
    Post again{.author_id = author, .title = "final", .slug = "intro", .body = "text", .state = status::published};
    CHECK(db.template upsert_on<&Post::slug, &Post::author_id>(again) == key);
    CHECK(db.template count<Post>() == 1);
    const auto stored = db.template get<Post>(key);
    CHECK(stored->title == "final");
    CHECK(stored->body == std::optional<std::string>("text"));
    CHECK(stored->state == status::published);
    CHECK(db.template upsert_on<&Post::author_id, &Post::slug>(Post{.author_id = author, .title = "other", .slug = "other"}) != key);
    CHECK(db.template count<Post>() == 2);

    // A chosen key on insert; on the primary key it is a plain upsert.
    CHECK(db.template upsert_on<&Post::author_id, &Post::slug>(Post{.id = 800, .author_id = author, .title = "x", .slug = "x"}) == 800);
    CHECK(db.insert(Post{.author_id = author, .title = "y", .slug = "y"}) > 800);
    CHECK(db.template upsert_on<&Note::id>(Note{"n", "first", 1}) == "n");
    CHECK(db.template upsert_on<&Note::id>(Note{"n", "second", 2}) == "n");
    CHECK(db.template get<Note>("n")->title == "second");

    // A unique column of a nullable type: the email.
    User with_mail = named("grace");
    with_mail.email = "grace@example.org";
    const std::int64_t grace = db.template upsert_on<&User::email>(with_mail);
    with_mail.name = "grace hopper";
    CHECK(db.template upsert_on<&User::email>(with_mail) == grace);
    CHECK(db.template get<User>(grace)->name == "grace hopper");

    // Through the backend chosen at run time.
    tabula::any_session<TABULA_TEST_BACKENDS> any(database.url());
    CHECK(any.template upsert_on<&Note::id>(Note{"n", "third", 3}) == "n");
    CHECK_FALSE(any.insert_or_ignore(Note{"n", "fourth", 4}));
    CHECK(any.template get<Note>("n")->title == "third");
}
