// Self-joins through tabula::alias on every backend: a message with its parent and grandparent,
// chosen values and whole rows, inner and left joins.
#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "../support/database.hpp"

namespace alias_live {
struct Message {
    std::int64_t id = 0;
    std::optional<std::int64_t> parent_id{};
    std::string body{};
};
}  // namespace alias_live

template <>
struct tabula::model<alias_live::Message> {
    static constexpr auto foreign_keys = std::tuple{tabula::foreign_key<&alias_live::Message::parent_id, &alias_live::Message::id>{}};
};

using alias_live::Message;
using tabula::col;

TEST_CASE_TEMPLATE("a self-join through tabula::alias reads a message with its parent", Backend, TABULA_TEST_BACKENDS) {
    using parent = tabula::alias<Message, "parent">;
    using grandparent = tabula::alias<Message, "grandparent">;
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<Message>();
    const std::int64_t root = db.insert(Message{.body = "root"});
    const std::int64_t reply = db.insert(Message{.parent_id = root, .body = "reply"});
    db.insert(Message{.parent_id = reply, .body = "reply to reply"});

    using pair = std::tuple<std::string, std::string>;
    CHECK(db.template query<Message>()
              .template join<parent>(col<&Message::parent_id> == parent::col<&Message::id>)
              .order_by(col<&Message::id>)
              .select(col<&Message::body>, parent::col<&Message::body>)
              .all() == std::vector<pair>{{"reply", "root"}, {"reply to reply", "reply"}});
    CHECK(db.template query<Message>()
              .template join<parent>(col<&Message::parent_id> == parent::col<&Message::id>)
              .where(parent::col<&Message::body> == "root")
              .select(col<&Message::body>)
              .all() == std::vector<std::string>{"reply"});

    using line = std::tuple<std::string, std::optional<std::string>, std::optional<std::string>>;
    CHECK(db.template query<Message>()
              .template left_join<parent>(col<&Message::parent_id> == parent::col<&Message::id>)
              .template left_join<grandparent>(parent::col<&Message::parent_id> == grandparent::col<&Message::id>)
              .order_by(col<&Message::id>)
              .select(col<&Message::body>, parent::col<&Message::body>, grandparent::col<&Message::body>)
              .all() == std::vector<line>{{"root", std::nullopt, std::nullopt}, {"reply", "root", std::nullopt}, {"reply to reply", "reply", "root"}});

    // Whole rows: the alias's as rows of Message, missing under a LEFT JOIN.
    const auto rows = db.template query<Message>()
                          .template left_join<parent>(col<&Message::parent_id> == parent::col<&Message::id>)
                          .order_by(col<&Message::id>)
                          .all();
    REQUIRE(rows.size() == 3);
    CHECK(!std::get<1>(rows[0]).has_value());
    CHECK(std::get<1>(rows[2])->body == "reply");
    CHECK(std::get<1>(rows[2])->id == reply);
}

TEST_CASE_TEMPLATE("an alias's columns filter with in() and like() and are aggregated", Backend, TABULA_TEST_BACKENDS) {
    using parent = tabula::alias<Message, "parent">;
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<Message>();
    const std::int64_t root = db.insert(Message{.body = "root 100%"});
    const std::int64_t other = db.insert(Message{.body = "other"});
    db.insert(Message{.parent_id = root, .body = "a"});
    db.insert(Message{.parent_id = root, .body = "b"});
    db.insert(Message{.parent_id = other, .body = "c"});

    auto replies = [&] { return db.template query<Message>().template join<parent>(col<&Message::parent_id> == parent::col<&Message::id>); };
    CHECK(replies().where(parent::col<&Message::body>.like("%" + tabula::escape_like("100%"))).select(tabula::count()).all() ==
          std::vector<std::int64_t>{2});
    CHECK(replies().where(parent::col<&Message::id>.in(std::vector<std::int64_t>{other})).select(col<&Message::body>).all() ==
          std::vector<std::string>{"c"});
    using totals = std::tuple<std::int64_t, std::optional<std::int64_t>, std::optional<std::string>>;
    CHECK(replies().where(parent::col<&Message::id>.not_in(std::vector<std::int64_t>{other}))
              .select(tabula::count(parent::col<&Message::id>), tabula::max(parent::col<&Message::id>), tabula::min(parent::col<&Message::body>))
              .all() == std::vector<totals>{{2, root, "root 100%"}});
}
