// Failures map onto tabula's exception hierarchy with what a user needs to act: table,
// constraint or column, row key, and the statement.
#include <nlohmann/json.hpp>
#include <doctest/doctest.h>

#include <string>

#include "../support/database.hpp"
#include "../support/models.hpp"

using namespace testing_models;

namespace {
template <class Session>
std::int64_t add_user(Session& db, std::string name, std::optional<std::string> email) {
    User u;
    u.name = std::move(name);
    u.email = std::move(email);
    u.settings = nlohmann::json::object();
    return db.insert(u);
}
}  // namespace

TEST_CASE_TEMPLATE("every error is a tabula::error", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = database.open();
    CHECK_THROWS_AS(db.execute("SELECT * FROM no_such_table"), tabula::error);
    CHECK_THROWS_AS(database.open("bogus=1"), tabula::configuration_error);
}

TEST_CASE_TEMPLATE("constraint violations name the kind, the table and the constraint", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<User, Post, Note>();
    const auto ada = add_user(db, "ada", "ada@example.org");

    SUBCASE("unique") {
        try {
            add_user(db, "impostor", "ada@example.org");
            FAIL("duplicate email accepted");
        } catch (const tabula::constraint_violation& e) {
            CHECK(e.kind() == tabula::constraint_kind::unique);
            CHECK(e.table() == "users");
            CHECK(e.constraint() == "uq_users_email");
            CHECK(e.columns() == std::vector<std::string>{"email"});
            CHECK(e.sql().find("INSERT INTO") != std::string::npos);
        }
    }
    SUBCASE("primary key") {
        db.insert(Note{"n", "x", 1});
        try {
            db.insert(Note{"n", "y", 2});
            FAIL("duplicate key accepted");
        } catch (const tabula::constraint_violation& e) {
            CHECK((e.kind() == tabula::constraint_kind::primary_key || e.kind() == tabula::constraint_kind::unique));
            CHECK(e.table() == "note");
            CHECK(e.constraint() == "note_pkey");
            CHECK(e.columns() == std::vector<std::string>{"id"});
        }
    }
    SUBCASE("not null") {
        try {
            db.execute("INSERT INTO note (id, title, updated_at) VALUES (?, NULL, 1)", "n2");
            FAIL("NULL title accepted");
        } catch (const tabula::constraint_violation& e) {
            CHECK(e.kind() == tabula::constraint_kind::not_null);
            CHECK(e.table() == "note");
            CHECK(e.columns() == std::vector<std::string>{"title"});
        }
    }
    SUBCASE("foreign key") {
        try {
            db.insert(Post{0, ada + 1, "t", "s", std::nullopt, status::draft});
            FAIL("dangling reference accepted");
        } catch (const tabula::constraint_violation& e) {
            CHECK(e.kind() == tabula::constraint_kind::foreign_key);
            CHECK(e.table() == "post");
            CHECK(e.constraint() == "fk_post_author_id_users");
            CHECK(e.columns() == std::vector<std::string>{"author_id"});
        }
    }
    SUBCASE("ON DELETE CASCADE follows the declaration") {
        db.insert(Post{0, ada, "t", "s", std::nullopt, status::draft});
        CHECK(db.template remove<User>(ada));
        CHECK(db.template count<Post>() == 0);
    }
}

TEST_CASE_TEMPLATE("bad JSON stored by another program is a clear error naming table, column and key", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<User, Everything>();
    const auto id = add_user(db, "ada", std::nullopt);
    // A database with a JSON type (PostgreSQL, MySQL) refuses malformed JSON itself; SQLite
    // stores it as text, and reading it must then fail by name.
    bool stored = true;
    try {
        db.execute("UPDATE users SET settings = ? WHERE id = ?", "{\"theme\": \"dark\",", id);
    } catch (const tabula::statement_error&) {
        stored = false;
    }
    CHECK(stored == (Backend::dialect == tabula::sql::dialect::sqlite));
    if (stored) {
        try {
            db.template get<User>(id);
            FAIL("truncated JSON was read");
        } catch (const tabula::json_decode_error& e) {
            CHECK(e.table() == "users");
            CHECK(e.column() == "settings");
            CHECK(e.key() == "id=" + std::to_string(id));
            CHECK(std::string(e.what()).find("not valid JSON") != std::string::npos);
        }
        // The same row streamed, or found by a query, fails the same way.
        CHECK_THROWS_AS(db.template query<User>().all(), tabula::json_decode_error);
    }

    // Valid JSON that does not convert to the declared type.
    const auto other = db.insert(Everything{});
    db.execute("UPDATE everything SET prefs = ? WHERE id = ?", R"({"theme": 5})", other);
    try {
        db.template get<Everything>(other);
        FAIL("prefs with a numeric theme were read");
    } catch (const tabula::json_decode_error& e) {
        CHECK(e.column() == "prefs");
        CHECK(std::string(e.what()).find("testing_models::preferences") != std::string::npos);
    }
    CHECK_THROWS_AS(db.template get<Everything>(other), tabula::type_mismatch);  // json_decode_error is one
}

TEST_CASE("SQLite: a writer blocked past busy_timeout gets busy_error") {
    test_support::database<tabula::sqlite> database;
    auto holder = database.open("busy_timeout=0");
    holder.create_all<Note>();
    auto waiter = database.open("busy_timeout=50");
    auto tx = holder.transaction();
    holder.insert(Note{"a", "x", 1});
    try {
        waiter.insert(Note{"b", "y", 2});
        FAIL("a second writer got in");
    } catch (const tabula::busy_error& e) {
        CHECK(std::string(e.what()).find("busy_timeout") != std::string::npos);
    }
    tx.commit();
    waiter.insert(Note{"b", "y", 2});
    CHECK(waiter.count<Note>() == 2);
}

TEST_CASE("SQLite: a file that cannot be opened is a connection_error naming the path") {
    try {
        tabula::session<tabula::sqlite> db("sqlite:////nonexistent-directory/sub/app.db");
        FAIL("opened a file in a missing directory");
    } catch (const tabula::connection_error& e) {
        CHECK(std::string(e.what()).find("/nonexistent-directory/sub/app.db") != std::string::npos);
    }
}
