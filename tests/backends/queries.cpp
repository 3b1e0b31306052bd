// The query language on every backend: conditions with NULL, LIKE patterns, and (below) what a
// query does beyond reading rows of one model.
#include <nlohmann/json.hpp>
#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "../support/database.hpp"
#include "../support/models.hpp"

using namespace testing_models;
using tabula::col;

namespace {

template <class Session>
void add_users(Session& db) {
    db.insert(User{.name = "ada", .email = "ada@example.org", .created_at = 1});
    db.insert(User{.name = "grace", .email = std::nullopt, .created_at = 2});
    db.insert(User{.name = "alan", .email = "alan@example.org", .created_at = 3});
    db.insert(User{.name = "edsger", .email = std::nullopt, .created_at = 4});
}

template <class Query>
std::vector<std::string> names(Query&& query) {
    std::vector<std::string> out;
    for (const User& u : std::forward<Query>(query).order_by(col<&User::created_at>).all()) out.push_back(u.name);
    return out;
}

using list = std::vector<std::string>;

}  // namespace

TEST_CASE_TEMPLATE("== std::nullopt finds NULL columns; an optional value compares null-safely", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<User>();
    add_users(db);

    CHECK(names(db.template query<User>().where(col<&User::email> == std::nullopt)) == list{"grace", "edsger"});
    CHECK(names(db.template query<User>().where(col<&User::email> != std::nullopt)) == list{"ada", "alan"});

    std::optional<std::string> wanted;
    CHECK(names(db.template query<User>().where(col<&User::email> == wanted)) == list{"grace", "edsger"});
    CHECK(names(db.template query<User>().where(col<&User::email> != wanted)) == list{"ada", "alan"});
    wanted = "alan@example.org";
    CHECK(names(db.template query<User>().where(col<&User::email> == wanted)) == list{"alan"});
    // NULL differs from every value: the rows without an email count as different.
    CHECK(names(db.template query<User>().where(col<&User::email> != wanted)) == list{"ada", "grace", "edsger"});
    CHECK(db.template query<User>().where(col<&User::email> == std::nullopt).remove() == 2);
    CHECK(db.template count<User>() == 2);
}

TEST_CASE_TEMPLATE("a LIKE pattern with a NUL byte is refused before it reaches the database", Backend, TABULA_TEST_BACKENDS) {
    using namespace std::string_literals;
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<User>();
    add_users(db);
    // SQLite would cut "zzz\0" to "zzz" and "%\0zzz" to "%", which matches every row.
    CHECK_THROWS_AS(db.template query<User>().where(col<&User::name>.like("%\0zzz"s)).count(), tabula::type_mismatch);
    CHECK_THROWS_AS(db.template query<User>().where(col<&User::name>.not_like("a\0"s)).count(), tabula::type_mismatch);
    CHECK(db.template query<User>().where(col<&User::name>.like("a%")).count() == 2);
}

namespace {

// Three authors: ada with two posts, grace with one, alan with none.
struct library {
    std::int64_t ada = 0, grace = 0, alan = 0;
};

template <class Session>
library add_library(Session& db) {
    library ids;
    ids.ada = db.insert(User{.name = "ada", .email = "ada@example.org", .created_at = 10});
    ids.grace = db.insert(User{.name = "grace", .created_at = 20});
    ids.alan = db.insert(User{.name = "alan", .created_at = 30});
    db.insert(Post{.author_id = ids.ada, .title = "engines", .slug = "e", .state = status::published});
    db.insert(Post{.author_id = ids.ada, .title = "notes", .slug = "n", .body = "long", .state = status::draft});
    db.insert(Post{.author_id = ids.grace, .title = "compilers", .slug = "c", .state = status::published});
    return ids;
}

}  // namespace

TEST_CASE_TEMPLATE("joins read tuples of models; a LEFT JOIN's missing row is an empty optional", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<User, Post>();
    const library ids = add_library(db);

    // On the foreign key.
    const auto pairs = db.template query<Post>().template join<User>().order_by(col<&Post::title>).all();
    REQUIRE(pairs.size() == 3);
    CHECK(std::get<0>(pairs[0]).title == "compilers");
    CHECK(std::get<1>(pairs[0]).name == "grace");
    CHECK(std::get<1>(pairs[1]).name == "ada");
    CHECK(std::get<1>(pairs[1]).email == std::optional<std::string>("ada@example.org"));
    CHECK(std::get<0>(pairs[2]).body == std::optional<std::string>("long"));

    // Conditions on either model; a LEFT JOIN keeps the user without posts.
    const auto everyone = db.template query<User>().template left_join<Post>().order_by(col<&User::created_at>, col<&Post::title>).all();
    REQUIRE(everyone.size() == 4);
    CHECK(std::get<1>(everyone[0])->title == "engines");
    CHECK(std::get<0>(everyone[3]).name == "alan");
    CHECK_FALSE(std::get<1>(everyone[3]).has_value());
    CHECK(db.template query<User>().template left_join<Post>().where(col<&Post::id>.is_null()).first().has_value());

    // On any condition, with bound values in it.
    const auto published = db.template query<User>()
                               .template join<Post>(col<&Post::author_id> == col<&User::id> && col<&Post::state> == status::published)
                               .where(col<&User::created_at> < 25)
                               .select(col<&User::name>, col<&Post::title>)
                               .order_by(col<&User::name>)
                               .all();
    CHECK(published == std::vector<std::tuple<std::string, std::string>>{{"ada", "engines"}, {"grace", "compilers"}});

    // Chosen columns of a LEFT JOIN's side are optional; into a struct.
    struct name_and_title {
        std::string name;
        std::optional<std::string> title;
    };
    const auto rows = db.template query<User>()
                          .template left_join<Post>()
                          .template select_as<name_and_title>(col<&User::name>, col<&Post::title>)
                          .where(col<&User::id> == ids.alan)
                          .all();
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].name == "alan");
    CHECK_FALSE(rows[0].title.has_value());

    // DISTINCT, streamed with each().
    std::vector<std::string> authors;
    db.template query<Post>().template join<User>().distinct().select(col<&User::name>).order_by(col<&User::name>).each(
        [&](const std::string& name) { authors.push_back(name); });
    CHECK(authors == list{"ada", "grace"});
}

TEST_CASE_TEMPLATE("aggregates, GROUP BY and HAVING read as the column's types", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<User, Post>();
    const library ids = add_library(db);

    auto posts = [&] { return db.template query<Post>(); };
    CHECK(posts().sum(col<&Post::author_id>) == ids.ada * 2 + ids.grace);
    CHECK(posts().min(col<&Post::title>) == std::optional<std::string>("compilers"));
    CHECK(posts().max(col<&Post::state>) == std::optional<status>(status::published));
    CHECK(posts().where(col<&Post::author_id> == ids.ada).avg(col<&Post::author_id>) == std::optional<double>(double(ids.ada)));
    // Over no rows: nothing, not 0.
    CHECK_FALSE(posts().where(col<&Post::id> < 0).sum(col<&Post::id>).has_value());
    CHECK_FALSE(posts().where(col<&Post::id> < 0).max(col<&Post::title>).has_value());
    CHECK_FALSE(posts().where(col<&Post::id> < 0).avg(col<&Post::id>).has_value());

    const auto per_author = db.template query<Post>()
                                .group_by(col<&Post::author_id>)
                                .select(col<&Post::author_id>, tabula::count(), tabula::count(col<&Post::body>), tabula::max(col<&Post::title>))
                                .order_by(col<&Post::author_id>)
                                .all();
    using row = std::tuple<std::int64_t, std::int64_t, std::int64_t, std::optional<std::string>>;
    CHECK(per_author == std::vector<row>{{ids.ada, 2, 1, "notes"}, {ids.grace, 1, 0, "compilers"}});

    const auto prolific = db.template query<User>()
                              .template join<Post>()
                              .group_by(col<&User::name>)
                              .having(tabula::count() >= 2)
                              .select(col<&User::name>, tabula::avg(col<&Post::id>))
                              .all();
    REQUIRE(prolific.size() == 1);
    CHECK(std::get<0>(prolific[0]) == "ada");
    CHECK(std::get<1>(prolific[0]).has_value());
    CHECK(db.template query<User>().select(tabula::count_distinct(col<&User::email>)).first() == std::optional<std::int64_t>(1));
}

TEST_CASE_TEMPLATE("IN takes a subquery of one value", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<User, Post>();
    const library ids = add_library(db);

    auto published_authors = [&] {
        return db.template query<Post>().where(col<&Post::state> == status::published).select(col<&Post::author_id>);
    };
    CHECK(names(db.template query<User>().where(col<&User::id>.in(published_authors()))) == list{"ada", "grace"});
    CHECK(names(db.template query<User>().where(col<&User::id>.not_in(published_authors()))) == list{"alan"});
    // Bound values in order: the outer condition's, the subquery's, the outer's again.
    CHECK(names(db.template query<User>().where(col<&User::name> != "grace" &&
                                                col<&User::id>.in(db.template query<Post>()
                                                                       .where(col<&Post::title> == "notes")
                                                                       .select(col<&Post::author_id>)) &&
                                                col<&User::created_at> < 100)) == list{"ada"});
    // In a joined query, and in set() and remove().
    CHECK(db.template query<Post>().template join<User>().where(col<&User::id>.in(published_authors())).all().size() == 3);
    CHECK(db.template query<User>().where(col<&User::id>.in(published_authors())).set(col<&User::created_at> = 1) == 2);
    CHECK(db.template query<User>().where(col<&User::id>.not_in(published_authors())).remove() == 1);
    CHECK_FALSE(db.template get<User>(ids.alan).has_value());
}

TEST_CASE_TEMPLATE("set() updates the matching rows and returns how many matched", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<User, Post>();
    const library ids = add_library(db);

    CHECK(db.template query<Post>().where(col<&Post::author_id> == ids.ada).set(col<&Post::state> = status::archived,
                                                                                 col<&Post::body> = std::nullopt) == 2);
    CHECK(db.template query<Post>().where(col<&Post::state> == status::archived && col<&Post::body> == std::nullopt).count() == 2);
    // Rows that already hold the values count as matched on every backend.
    CHECK(db.template query<Post>().where(col<&Post::author_id> == ids.ada).set(col<&Post::state> = status::archived) == 2);
    CHECK(db.template query<Post>().where(col<&Post::id> < 0).set(col<&Post::title> = "none") == 0);
    // With no condition, every row; IN over a run-time list renders at run time.
    CHECK(db.template query<User>().set(col<&User::created_at> = 7) == 3);
    CHECK(db.template query<User>().where(col<&User::id>.in(std::vector<std::int64_t>{ids.ada, ids.alan})).set(col<&User::created_at> = 8) == 2);
    CHECK(db.template get<User>(ids.alan)->created_at == 8);
    CHECK(db.template query<User>().where(col<&User::created_at> == 7).count() == 1);
    CHECK(db.template query<User>().where(col<&User::id> == ids.alan).set(col<&User::email> = "alan@example.org") == 1);
    CHECK(db.template get<User>(ids.alan)->email == std::optional<std::string>("alan@example.org"));
    // A constraint still holds: a second post with ada's slug.
    CHECK_THROWS_AS(db.template query<Post>().where(col<&Post::title> == "engines").set(col<&Post::slug> = "n"), tabula::constraint_violation);
}

TEST_CASE_TEMPLATE("joins, aggregates and set() through the backend chosen at run time", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    tabula::any_session<TABULA_TEST_BACKENDS> db(database.url());
    db.template create_all<User, Post>();
    const library ids = add_library(db);
    CHECK(db.template query<Post>().template join<User>().all().size() == 3);
    CHECK(db.template query<Post>().max(col<&Post::author_id>) == ids.grace);
    CHECK(db.template query<Post>().where(col<&Post::author_id> == ids.grace).set(col<&Post::title> = "renamed") == 1);
    CHECK(db.template query<Post>().select(col<&Post::title>).where(col<&Post::author_id> == ids.grace).first() == "renamed");
}

TEST_CASE_TEMPLATE("values inside JSON columns read alike on every backend", Backend, TABULA_TEST_BACKENDS) {
    using tabula::json;
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<User>();
    db.insert(User{.name = "ada",
                   .settings = {{"theme", "dark"}, {"size", 12}, {"ratio", 0.5}, {"beta", true}, {"tags", {"x", "y"}}, {"nested", {{"k", "v"}}}}});
    db.insert(User{.name = "grace", .settings = {{"theme", "light"}, {"size", 9}, {"ratio", 1.5}, {"beta", false}, {"tags", {"z"}}}});
    db.insert(User{.name = "alan", .settings = {{"size", 100}, {"theme", nullptr}}});

    auto users = [&] { return db.template query<User>(); };
    CHECK(names(users().where(json<&User::settings, "$.theme"> == "dark")) == list{"ada"});
    CHECK(names(users().where(json<&User::settings, "$.size", std::int64_t> > 10)) == list{"ada", "alan"});
    CHECK(names(users().where(json<&User::settings, "$.ratio", double> < 1.0)) == list{"ada"});
    CHECK(names(users().where(json<&User::settings, "$.beta", bool> == false)) == list{"grace"});
    CHECK(names(users().where(json<&User::settings, "$.tags[0]"> == "z")) == list{"grace"});
    CHECK(names(users().where(json<&User::settings, "$.nested.k"> == "v")) == list{"ada"});
    // A key that exists (also with a JSON null), and one that does not.
    CHECK(names(users().where(tabula::json_has<&User::settings, "$.theme">)) == list{"ada", "grace", "alan"});
    CHECK(names(users().where(tabula::json_has<&User::settings, "$.tags[1]">)) == list{"ada"});
    CHECK(names(users().where(!tabula::json_has<&User::settings, "$.nested"> && json<&User::settings, "$.beta", bool>.is_null())) ==
          list{"alan"});

    std::vector<std::string> by_size;
    for (const User& u : users().order_by(json<&User::settings, "$.size", std::int64_t>.desc()).all()) by_size.push_back(u.name);
    CHECK(by_size == list{"alan", "ada", "grace"});

    using row = std::tuple<std::string, std::optional<std::int64_t>, std::optional<bool>, std::optional<double>>;
    const auto values = users()
                            .select(col<&User::name>, json<&User::settings, "$.size", std::int64_t>, json<&User::settings, "$.beta", bool>,
                                    json<&User::settings, "$.ratio", double>)
                            .order_by(col<&User::created_at>, col<&User::name>)
                            .all();
    CHECK(values == std::vector<row>{{"ada", 12, true, 0.5}, {"alan", 100, std::nullopt, std::nullopt}, {"grace", 9, false, 1.5}});
    const auto themes = users().where(json<&User::settings, "$.size", std::int64_t> < 50).select(json<&User::settings, "$.theme">).order_by(col<&User::name>).all();
    CHECK(themes == std::vector<std::optional<std::string>>{"dark", "light"});
    // In set() too.
    CHECK(users().where(json<&User::settings, "$.theme"> == "light").set(col<&User::created_at> = 5) == 1);
}

TEST_CASE_TEMPLATE("JSON array membership and object containment mean the same on every backend", Backend, TABULA_TEST_BACKENDS) {
    using tabula::json_array;
    using tabula::json_entry;
    using tabula::json_object;
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<User>();
    const std::string quoted = "It's \"quoted\" \\ '; --";
    const std::string unicode = "h\xc3\xa9llo \xe2\x9c\x93 \xf0\x9f\x98\x80";
    db.insert(User{.name = "ada",
                   .settings = {{"tags", {"x", quoted, unicode}},
                                {"sizes", {1, 2.5}},
                                {"flags", {true}},
                                {"nested", {{"k", "v"}, {"n", 3}, {"b", false}, {"q", quoted}}}},
                   .created_at = 1});
    // Look-alikes: "x" in a nested array, "X", the string "1", 1 for true, a key holding an array.
    db.insert(User{.name = "grace",
                   .settings = {{"tags", {nlohmann::json::array({"x"}), "X", "1"}},
                                {"sizes", {"1"}},
                                {"flags", {1}},
                                {"nested", {{"k", {"v"}}, {"n", 3.0}}}},
                   .created_at = 2});
    // Scalars and objects where arrays are asked for, an array where an object is.
    db.insert(User{.name = "alan",
                   .settings = {{"tags", "x"}, {"sizes", {{"a", 1}}}, {"nested", nlohmann::json::array({{{"k", "v"}}})}},
                   .created_at = 3});
    db.insert(User{.name = "edsger", .settings = nullptr, .created_at = 4});

    auto users = [&] { return db.template query<User>(); };
    const auto tags = json_array<&User::settings, "$.tags">;
    CHECK(names(users().where(tags.contains("x"))) == list{"ada"});
    CHECK(names(users().where(!tags.contains("x"))) == list{"grace", "alan", "edsger"});  // never NULL
    CHECK(names(users().where(tags.contains(quoted))) == list{"ada"});
    CHECK(names(users().where(tags.contains(unicode))) == list{"ada"});
    CHECK(names(users().where(tags.contains("X"))) == list{"grace"});  // byte for byte, not by collation
    CHECK(names(users().where(tags.contains("1"))) == list{"grace"});
    CHECK(names(users().where(json_array<&User::settings, "$.sizes", std::int64_t>.contains(1))) == list{"ada"});
    CHECK(names(users().where(json_array<&User::settings, "$.sizes", double>.contains(2.5))) == list{"ada"});
    CHECK(names(users().where(json_array<&User::settings, "$.sizes", std::int64_t>.contains(2))).empty());
    CHECK(names(users().where(json_array<&User::settings, "$.flags", bool>.contains(true))) == list{"ada"});
    CHECK(names(users().where(json_array<&User::settings, "$.missing">.contains("x"))).empty());

    const auto nested = json_object<&User::settings, "$.nested">;
    CHECK(names(users().where(nested.contains(json_entry<"k">("v")))) == list{"ada"});
    CHECK(names(users().where(nested.contains(json_entry<"n">(3)))) == list{"ada", "grace"});  // 3 equals 3.0
    CHECK(names(users().where(nested.contains(json_entry<"k">("v"), json_entry<"n">(3), json_entry<"b">(false)))) == list{"ada"});
    CHECK(names(users().where(nested.contains(json_entry<"q">(quoted), json_entry<"b">(false)))) == list{"ada"});
    CHECK(names(users().where(nested.contains(json_entry<"b">(0)))).empty());  // false is not 0
    CHECK(names(users().where(!nested.contains(json_entry<"k">("v")))) == list{"grace", "alan", "edsger"});
    CHECK(names(users().where(json_object<&User::settings>.contains(json_entry<"tags">("x")))) == list{"alan"});
    CHECK(names(users().where(!json_object<&User::settings>.contains(json_entry<"nothing">(1)))) == list{"ada", "grace", "alan", "edsger"});

    // In updates and deletes, whose statements name the table around the subquery.
    CHECK(users().where(tags.contains("X")).set(col<&User::created_at> = 5) == 1);
    CHECK(users().where(nested.contains(json_entry<"n">(3.0))).remove() == 2);
    CHECK(names(users()) == list{"alan", "edsger"});

    // A NULL column is no array and no object.
    db.template create_all<Everything>();
    db.insert(Everything{.maybe_document = nlohmann::json{{"tags", {"x"}}}});
    db.insert(Everything{});
    auto documents = [&] { return db.template query<Everything>(); };
    CHECK(documents().where(json_array<&Everything::maybe_document, "$.tags">.contains("x")).count() == 1);
    CHECK(documents().where(!json_array<&Everything::maybe_document, "$.tags">.contains("x")).count() == 1);
    CHECK(documents().where(!json_object<&Everything::maybe_document>.contains(json_entry<"a">(true))).count() == 2);

    // A NUL byte in the value is refused on every backend: SQLite's JSON functions read a string
    // holding \u0000 only up to it, and PostgreSQL's jsonb cannot hold one.
    const std::string nul("nul\0byte", 8);
    CHECK_THROWS_AS(users().where(tags.contains(nul)).count(), tabula::type_mismatch);
    CHECK_THROWS_WITH(users().where(nested.contains(json_entry<"k">(nul))).count(),
                      doctest::Contains("column 'settings' of table 'users' contains a NUL byte"));
}

TEST_CASE_TEMPLATE("remove_returning and set_returning hand back the rows written, where the dialect has RETURNING", Backend,
                   TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<User>();
    add_users(db);
    auto users = [&] { return db.template query<User>(); };
    auto by_name = [](std::vector<User> rows) {
        std::sort(rows.begin(), rows.end(), [](const User& a, const User& b) { return a.name < b.name; });
        return rows;
    };

    const auto removed = by_name(users().where(col<&User::email> == std::nullopt).remove_returning());
    REQUIRE(removed.size() == 2);
    CHECK(removed[0].name == "edsger");
    CHECK(removed[0].created_at == 4);
    CHECK(removed[1].name == "grace");
    CHECK(removed[1].id > 0);
    CHECK(names(users()) == list{"ada", "alan"});
    CHECK(users().where(col<&User::name> == "nobody").remove_returning().empty());

    if constexpr (tabula::sql::has_returning(Backend::dialect, tabula::sql::returning_statement::update)) {
        const auto updated = users().where(col<&User::name> == "ada").set_returning(col<&User::email> = std::nullopt, col<&User::created_at> = 7);
        REQUIRE(updated.size() == 1);
        CHECK(updated[0].name == "ada");
        CHECK(updated[0].email == std::nullopt);
        CHECK(updated[0].created_at == 7);  // the values as written
    }

    // A session that picks its backend at run time refuses what its dialect lacks when it runs.
    auto any = tabula::any_session<TABULA_TEST_BACKENDS>::open(database.url());
    auto renamed = [&] { return any.template query<User>().where(col<&User::name> == "alan").set_returning(col<&User::name> = "alan t."); };
    if constexpr (tabula::sql::has_returning(Backend::dialect, tabula::sql::returning_statement::update)) {
        CHECK(renamed().size() == 1);
    } else {
        CHECK_THROWS_WITH_AS(renamed(), doctest::Contains("MySQL and MariaDB have no UPDATE ... RETURNING"), tabula::unsupported_statement);
        CHECK(names(users()) == list{"ada", "alan"});
    }
}

TEST_CASE_TEMPLATE("insert_returning hands back the row as stored, server defaults and generated key filled in (INSERT ... RETURNING)",
                   Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<User>();
    const std::string hostile = "It's \"quoted\" \\ '; -- h\xc3\xa9llo \xf0\x9f\x98\x80";

    // role is left to its server default ('guest'), whatever the row says.
    const User stored = db.template insert_returning<&User::access>(
        User{.name = hostile, .email = hostile, .access = role::admin, .settings = {{"q", hostile}}, .created_at = 5});
    CHECK(stored.id > 0);
    CHECK(stored.name == hostile);
    CHECK(stored.email == hostile);
    CHECK(stored.access == role::guest);
    CHECK(stored.settings["q"] == hostile);
    CHECK(stored.created_at == 5);
    CHECK(db.template get<User>(stored.id)->access == role::guest);

    // Without defaulted columns every value is written as given.
    const User plain = db.insert_returning(User{.name = "grace", .access = role::admin});
    CHECK(plain.id > stored.id);
    CHECK(plain.access == role::admin);
    CHECK(plain.email == std::nullopt);

    // A key the row sets is written; PostgreSQL's key sequence then moves past it.
    CHECK(db.insert_returning(User{.id = 100, .name = "alan"}).id == 100);
    CHECK(db.insert(User{.name = "edsger"}) > 100);

    auto any = tabula::any_session<TABULA_TEST_BACKENDS>::open(database.url());
    CHECK(any.template insert_returning<&User::access>(User{.name = "barbara", .access = role::member}).access == role::guest);
    CHECK(db.template count<User>() == 5);
}
