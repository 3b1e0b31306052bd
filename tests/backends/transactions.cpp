// Transaction scopes: commit on normal exit, rollback on exception or request, savepoints for
// nested scopes, and nothing written when a statement fails inside a scope.
#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

#include "../support/database.hpp"
#include "../support/models.hpp"

using namespace testing_models;

TEST_CASE_TEMPLATE("a scope commits when it ends normally", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<Note>();
    {
        auto tx = db.transaction();
        db.insert(Note{"a", "x", 1});
        CHECK(db.in_transaction());
    }
    CHECK_FALSE(db.in_transaction());
    auto other = database.open();
    CHECK(other.template count<Note>() == 1);
}

TEST_CASE_TEMPLATE("a scope rolls back when an exception leaves it", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<Note>();
    try {
        auto tx = db.transaction();
        db.insert(Note{"a", "x", 1});
        throw std::runtime_error("application failure");
    } catch (const std::runtime_error&) {
    }
    CHECK_FALSE(db.in_transaction());
    CHECK(db.template count<Note>() == 0);
}

TEST_CASE_TEMPLATE("rollback() and commit() end a scope early", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<Note>();
    {
        auto tx = db.transaction();
        db.insert(Note{"a", "x", 1});
        tx.rollback();
        CHECK_FALSE(tx.active());
        CHECK_THROWS_AS(tx.commit(), tabula::transaction_error);
    }
    CHECK(db.template count<Note>() == 0);
    {
        auto tx = db.transaction();
        db.insert(Note{"b", "x", 1});
        tx.commit();
        db.insert(Note{"c", "outside", 1});  // autocommit again
    }
    CHECK(db.template count<Note>() == 2);
}

TEST_CASE_TEMPLATE("nested scopes are savepoints: an inner rollback keeps the outer work", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<Note>();
    {
        auto outer = db.transaction();
        db.insert(Note{"outer-1", "x", 1});
        {
            auto inner = db.transaction();
            CHECK(inner.level() == 2);
            db.insert(Note{"inner-1", "x", 1});
            inner.rollback();
        }
        try {
            auto inner = db.transaction();
            db.insert(Note{"inner-2", "x", 1});
            {
                auto innermost = db.transaction();
                db.insert(Note{"inner-3", "x", 1});
            }
            throw std::runtime_error("inner failure");
        } catch (const std::runtime_error&) {
        }
        {
            auto inner = db.transaction();
            db.insert(Note{"inner-4", "x", 1});
        }
        db.insert(Note{"outer-2", "x", 1});
    }
    const auto ids = db.template raw<std::string>("SELECT id FROM note ORDER BY id");
    CHECK(ids == std::vector<std::string>{"inner-4", "outer-1", "outer-2"});
}

TEST_CASE_TEMPLATE("scopes end innermost first", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<Note>();
    auto outer = db.transaction();
    auto inner = db.transaction();
    CHECK_THROWS_AS(outer.commit(), tabula::transaction_error);
    CHECK(outer.active());
    db.insert(Note{"a", "x", 1});
    inner.commit();
    outer.commit();
    CHECK(db.template count<Note>() == 1);
}

TEST_CASE_TEMPLATE("transact() commits the function's work and returns its result", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<Note>();
    const auto count = db.transact([](auto& s) {
        s.insert(Note{"a", "x", 1});
        s.insert(Note{"b", "x", 1});
        return s.template count<Note>();
    });
    CHECK(count == 2);
    CHECK_THROWS_AS(db.transact([](auto& s) {
        s.insert(Note{"c", "x", 1});
        s.insert(Note{"a", "duplicate key", 1});
    }),
                    tabula::constraint_violation);
    CHECK(db.template count<Note>() == 2);
    CHECK_FALSE(db.template get<Note>("c").has_value());
}

TEST_CASE_TEMPLATE("a failed statement inside a scope leaves nothing written", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<User, Post>();
    try {
        auto tx = db.transaction();
        User ada;
        ada.name = "ada";
        ada.id = db.insert(ada);
        db.insert(Post{0, ada.id, "first", "first", std::nullopt, status::published});
        db.insert(Post{0, ada.id + 1000, "orphan", "orphan", std::nullopt, status::draft});  // foreign key fails
        FAIL("the orphan post was accepted");
    } catch (const tabula::constraint_violation& e) {
        CHECK(e.kind() == tabula::constraint_kind::foreign_key);
    }
    CHECK(db.template count<User>() == 0);
    CHECK(db.template count<Post>() == 0);
}

TEST_CASE_TEMPLATE("closing a session with an open scope rolls it back", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    {
        auto db = database.open();
        db.template create_all<Note>();
    }
    {
        auto db = database.open();
        auto tx = db.transaction();
        db.insert(Note{"a", "x", 1});
        tx.rollback();
        auto tx2 = db.transaction();
        db.insert(Note{"b", "x", 1});
        auto moved = std::move(tx2);
        moved.rollback();
    }
    auto db = database.open();
    CHECK(db.template count<Note>() == 0);
}
