// Typed conditions: their SQL per dialect (compile-time for static shapes), and which
// comparisons are refused at compile time.
#include <doctest/doctest.h>

#include <array>
#include <string>
#include <vector>

#include "../support/models.hpp"

using namespace testing_models;
using tabula::col;
using tabula::sql::dialect;

template <class E, dialect D = dialect::sqlite>
constexpr std::string_view text = tabula::condition_sql<E, D>;

using age_gt = decltype(col<&User::created_at> > 1);
static_assert(text<age_gt> == R"("created_at" > ?)");
static_assert(text<age_gt, dialect::postgres> == R"("created_at" > $1)");
static_assert(text<age_gt, dialect::mysql> == "`created_at` > ?");
static_assert(text<decltype(col<&User::name> == "x")> == R"("name" = ?)");
static_assert(text<decltype(col<&User::name> != "x")> == R"("name" <> ?)");
static_assert(text<decltype(col<&User::created_at> <= 1)> == R"("created_at" <= ?)");
static_assert(text<decltype(col<&User::created_at> >= 1)> == R"("created_at" >= ?)");
static_assert(text<decltype(col<&User::created_at> < 1)> == R"("created_at" < ?)");
static_assert(text<decltype(col<&User::access> == role::admin)> == R"("role" = ?)");  // renamed column
static_assert(text<decltype(col<&User::email>.is_null())> == R"("email" IS NULL)");
static_assert(text<decltype(col<&User::email>.is_not_null())> == R"("email" IS NOT NULL)");
static_assert(text<decltype(col<&User::name>.like("a%"))> == R"("name" LIKE ? ESCAPE '\')");
static_assert(text<decltype(col<&User::name>.like("a%")), dialect::mysql> == R"(`name` LIKE ? ESCAPE '\\')");
static_assert(text<decltype(col<&User::name>.not_like("a%"))> == R"("name" NOT LIKE ? ESCAPE '\')");
static_assert(text<decltype(col<&User::created_at>.between(1, 2)), dialect::postgres> == R"("created_at" BETWEEN $1 AND $2)");
static_assert(text<decltype(col<&Post::id> == col<&Post::author_id>)> == R"("id" = "author_id")");

// AND binds tighter than OR; NOT wraps its operand; numbering follows text order.
using mixed = decltype((col<&User::name> == "a" || col<&User::name> == "b") && !(col<&User::created_at> > 5));
static_assert(text<mixed, dialect::postgres> == R"(("name" = $1 OR "name" = $2) AND NOT ("created_at" > $3))");
using or_of_ands = decltype((col<&User::name> == "a" && col<&User::created_at> > 1) || col<&User::email>.is_null());
static_assert(text<or_of_ands> == R"("name" = ? AND "created_at" > ? OR "email" IS NULL)");

// Type-checked: a column compares only with values of a compatible type.
template <class Column, class V>
concept can_compare = requires(Column c, V v) { c == v; };
static_assert(can_compare<decltype(col<&User::created_at>), int>);
static_assert(can_compare<decltype(col<&User::created_at>), double>);
static_assert(!can_compare<decltype(col<&User::created_at>), const char*>);
static_assert(!can_compare<decltype(col<&User::name>), int>);
static_assert(can_compare<decltype(col<&User::name>), std::string>);
static_assert(!can_compare<decltype(col<&User::access>), int>);
static_assert(!can_compare<decltype(col<&User::access>), status>);
static_assert(can_compare<decltype(col<&User::email>), const char*>);  // optional<string> compares with text
template <class Column>
concept can_like = requires(Column c) { c.like("x"); };
static_assert(can_like<decltype(col<&User::name>)>);
static_assert(!can_like<decltype(col<&User::created_at>)>);
static_assert(!tabula::static_expression<decltype(col<&User::id>.in(std::vector<int>{}))>);
static_assert(tabula::only_columns_of<User, mixed> && !tabula::only_columns_of<Post, mixed>);

TEST_CASE("IN renders one placeholder per value, and an empty list matches nothing") {
    const std::vector<std::int64_t> ids{3, 5, 8};
    CHECK(tabula::render_condition<dialect::sqlite>(col<&User::id>.in(ids)) == R"("id" IN (?, ?, ?))");
    CHECK(tabula::render_condition<dialect::postgres>(col<&User::name> == "x" && col<&User::id>.in(ids)) ==
          R"("name" = $1 AND "id" IN ($2, $3, $4))");
    CHECK(tabula::render_condition<dialect::sqlite>(col<&User::id>.not_in(ids)) == R"("id" NOT IN (?, ?, ?))");
    CHECK(tabula::render_condition<dialect::sqlite>(col<&User::id>.in(std::vector<std::int64_t>{})) == "1 = 0");
    CHECK(tabula::render_condition<dialect::sqlite>(col<&User::id>.not_in(std::array<std::int64_t, 0>{})) == "1 = 1");
}

TEST_CASE("escape_like makes wildcards literal") {
    CHECK(tabula::escape_like("50%_off\\") == "50\\%\\_off\\\\");
    CHECK(tabula::escape_like("plain") == "plain");
}
