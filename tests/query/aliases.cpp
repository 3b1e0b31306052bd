// tabula::alias: a model read a second time under another name (self-joins). The text per
// dialect, the row types, and the mistakes refused at compile time.
#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include <tabula/sqlite.hpp>

namespace alias_models {
struct Message {
    std::int64_t id = 0;
    std::optional<std::int64_t> parent_id{};
    std::string body{};
};
}  // namespace alias_models

using alias_models::Message;
using tabula::col;
using tabula::sql::dialect;
using parent = tabula::alias<Message, "parent">;

namespace {
using alias_session = tabula::session<tabula::sqlite>;
template <class Q, dialect D = dialect::sqlite>
constexpr std::string_view alias_query_text = std::remove_cvref_t<Q>::template static_sql<D>();
#define ALIAS_QUERY(Model, ...) decltype(std::declval<alias_session&>().query<Model>().__VA_ARGS__)

// A message, and its parent's body.
using with_parent = ALIAS_QUERY(Message, join<parent>(col<&Message::parent_id> == parent::col<&Message::id>)
                                             .where(parent::col<&Message::body> != "x")
                                             .order_by(parent::col<&Message::id>.desc())
                                             .select(col<&Message::body>, parent::col<&Message::body>));
static_assert(alias_query_text<with_parent> ==
              R"(SELECT message.body, parent.body FROM message INNER JOIN message AS parent )"
              R"(ON message.parent_id = parent.id WHERE parent.body <> ? ORDER BY parent.id DESC)");
static_assert(alias_query_text<with_parent, dialect::postgres> ==
              R"(SELECT message.body, parent.body FROM message INNER JOIN message AS parent )"
              R"(ON message.parent_id = parent.id WHERE parent.body <> $1 ORDER BY parent.id DESC)");
static_assert(alias_query_text<with_parent, dialect::mysql> ==
              "SELECT message.body, parent.body FROM message INNER JOIN message AS parent "
              "ON message.parent_id = parent.id WHERE parent.body <> ? ORDER BY parent.id DESC");
static_assert(std::is_same_v<with_parent::row_type, std::tuple<std::string, std::string>>);

// A LEFT JOINed alias's columns read as optionals; two aliases of one model, one per name.
using grandparent = tabula::alias<Message, "grandparent">;
using with_ancestors = ALIAS_QUERY(Message, left_join<parent>(col<&Message::parent_id> == parent::col<&Message::id>)
                                                .left_join<grandparent>(parent::col<&Message::parent_id> == grandparent::col<&Message::id>)
                                                .select(col<&Message::id>, parent::col<&Message::body>, grandparent::col<&Message::parent_id>));
static_assert(alias_query_text<with_ancestors> ==
              R"(SELECT message.id, parent.body, grandparent.parent_id FROM message )"
              R"(LEFT JOIN message AS parent ON message.parent_id = parent.id )"
              R"(LEFT JOIN message AS grandparent ON parent.parent_id = grandparent.id)");
static_assert(std::is_same_v<with_ancestors::row_type, std::tuple<std::int64_t, std::optional<std::string>, std::optional<std::int64_t>>>);

// Without select(): whole rows, the alias's as rows of its model.
using pairs = ALIAS_QUERY(Message, left_join<parent>(col<&Message::parent_id> == parent::col<&Message::id>));
static_assert(alias_query_text<pairs> ==
              R"(SELECT message.id, message.parent_id, message.body, parent.id, parent.parent_id, parent.body )"
              R"(FROM message LEFT JOIN message AS parent ON message.parent_id = parent.id)");
static_assert(std::is_same_v<pairs::row_type, std::tuple<Message, std::optional<Message>>>);

// An alias's columns take like(), between(), in() over a subquery, and the aggregates, as columns do.
using replies_of_roots = ALIAS_QUERY(Message, join<parent>(col<&Message::parent_id> == parent::col<&Message::id>)
                                                  .where(parent::col<&Message::body>.like("r%") && parent::col<&Message::id>.between(1, 9) &&
                                                         parent::col<&Message::id>.in(std::declval<alias_session&>().query<Message>().select(col<&Message::id>)))
                                                  .select(tabula::count(parent::col<&Message::id>), tabula::sum(parent::col<&Message::id>),
                                                          tabula::min(parent::col<&Message::body>), tabula::max(parent::col<&Message::parent_id>),
                                                          tabula::avg(parent::col<&Message::id>)));
static_assert(alias_query_text<replies_of_roots> ==
              R"(SELECT COUNT(parent.id), SUM(parent.id), MIN(parent.body), MAX(parent.parent_id), AVG(parent.id) )"
              R"(FROM message INNER JOIN message AS parent ON message.parent_id = parent.id )"
              R"(WHERE parent.body LIKE ? ESCAPE '\' AND parent.id BETWEEN ? AND ? AND parent.id IN (SELECT id FROM message))");
static_assert(alias_query_text<replies_of_roots, dialect::postgres>.ends_with(
    R"(WHERE parent.body LIKE $1 ESCAPE '\' AND parent.id BETWEEN $2 AND $3 AND parent.id IN (SELECT id FROM message))"));
static_assert(alias_query_text<replies_of_roots, dialect::mysql> ==
              "SELECT COUNT(parent.id), SUM(parent.id), MIN(parent.body), MAX(parent.parent_id), AVG(parent.id) "
              "FROM message INNER JOIN message AS parent ON message.parent_id = parent.id "
              "WHERE parent.body LIKE ? ESCAPE '\\\\' AND parent.id BETWEEN ? AND ? AND parent.id IN (SELECT id FROM message)");
static_assert(std::is_same_v<replies_of_roots::row_type, std::tuple<std::int64_t, std::optional<std::int64_t>, std::optional<std::string>,
                                                                    std::optional<std::int64_t>, std::optional<double>>>);
template <class Column>
concept can_sum = requires(Column c) { tabula::sum(c); };
static_assert(can_sum<decltype(parent::col<&Message::id>)> && !can_sum<decltype(parent::col<&Message::body>)>);
template <class Column>
concept can_like = requires(Column c) { c.like("x"); };
static_assert(can_like<decltype(parent::col<&Message::body>)> && !can_like<decltype(parent::col<&Message::id>)>);

// Type-checked: an alias's column compares with values of its type, names the alias's columns
// only, and is in scope only once the alias is joined.
template <class L, class R>
concept can_compare = requires(L l, R r) { l == r; };
static_assert(can_compare<decltype(parent::col<&Message::id>), int> && !can_compare<decltype(parent::col<&Message::id>), const char*>);
static_assert(can_compare<decltype(parent::col<&Message::id>), decltype(col<&Message::id>)>);
template <class A, auto M>
concept alias_column = requires { A::template col<M>; };
struct Other {
    std::int64_t id = 0;
};
static_assert(alias_column<parent, &Message::body> && !alias_column<parent, &Other::id>);
using outside = decltype(parent::col<&Message::body> == "x");
static_assert(tabula::column_outside<tabula::model_list<Message>, outside>() == "alias_models::Message::body");
static_assert(tabula::column_outside<tabula::model_list<Message, parent>, outside>().empty());
}  // namespace

TEST_CASE("an alias's column in IN over a list renders one placeholder per value, qualified by the alias") {
    const std::vector<std::int64_t> ids{1, 2};
    CHECK(tabula::render_condition<dialect::sqlite>(parent::col<&Message::id>.in(ids)) == R"(parent.id IN (?, ?))");
    CHECK(tabula::render_condition<dialect::mysql>(parent::col<&Message::id>.not_in(ids)) == "parent.id NOT IN (?, ?)");
    CHECK_THROWS_WITH(parent::col<&Message::body>.like(std::string("a\0b", 3)), doctest::Contains("column 'body' of table 'message'"));
}
