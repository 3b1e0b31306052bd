// Typed conditions: their SQL per dialect (compile-time for static shapes), and which
// comparisons are refused at compile time.
#include <doctest/doctest.h>

#include <array>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <tabula/sqlite.hpp>

#include "../support/models.hpp"

using namespace testing_models;
using tabula::col;
using tabula::sql::dialect;

template <class E, dialect D = dialect::sqlite>
constexpr std::string_view text = tabula::condition_sql<E, D>;

using age_gt = decltype(col<&User::created_at> > 1);
static_assert(text<age_gt> == R"(created_at > ?)");
static_assert(text<age_gt, dialect::postgres> == R"(created_at > $1)");
static_assert(text<age_gt, dialect::mysql> == "created_at > ?");
static_assert(text<decltype(col<&User::name> == "x")> == R"(name = ?)");
static_assert(text<decltype(col<&User::name> != "x")> == R"(name <> ?)");
static_assert(text<decltype(col<&User::created_at> <= 1)> == R"(created_at <= ?)");
static_assert(text<decltype(col<&User::created_at> >= 1)> == R"(created_at >= ?)");
static_assert(text<decltype(col<&User::created_at> < 1)> == R"(created_at < ?)");
static_assert(text<decltype(col<&User::access> == role::admin)> == R"(role = ?)");  // renamed column
static_assert(text<decltype(col<&User::email>.is_null())> == R"(email IS NULL)");
static_assert(text<decltype(col<&User::email>.is_not_null())> == R"(email IS NOT NULL)");
static_assert(text<decltype(col<&User::name>.like("a%"))> == R"(name LIKE ? ESCAPE '\')");
static_assert(text<decltype(col<&User::name>.like("a%")), dialect::mysql> == R"(name LIKE ? ESCAPE '\\')");
static_assert(text<decltype(col<&User::name>.not_like("a%"))> == R"(name NOT LIKE ? ESCAPE '\')");
static_assert(text<decltype(col<&User::created_at>.between(1, 2)), dialect::postgres> == R"(created_at BETWEEN $1 AND $2)");
static_assert(text<decltype(col<&Post::id> == col<&Post::author_id>)> == R"(id = author_id)");

// NULL: == std::nullopt is IS NULL ("= NULL" matches no row); an optional value compares
// null-safely, in each dialect's words.
static_assert(text<decltype(col<&User::email> == std::nullopt)> == R"(email IS NULL)");
static_assert(text<decltype(col<&User::email> != std::nullopt), dialect::mysql> == "email IS NOT NULL");
using same_email = decltype(col<&User::email> == std::optional<std::string>{});
static_assert(text<same_email> == R"(email IS ?)");
static_assert(text<same_email, dialect::postgres> == R"(email IS NOT DISTINCT FROM $1)");
static_assert(text<same_email, dialect::mysql> == "email <=> ?");
using other_email = decltype(col<&User::email> != std::optional<std::string>{});
static_assert(text<other_email> == R"(email IS NOT ?)");
static_assert(text<other_email, dialect::postgres> == R"(email IS DISTINCT FROM $1)");
static_assert(text<other_email, dialect::mysql> == "NOT (email <=> ?)");

// AND binds tighter than OR; NOT wraps its operand; numbering follows text order.
using mixed = decltype((col<&User::name> == "a" || col<&User::name> == "b") && !(col<&User::created_at> > 5));
static_assert(text<mixed, dialect::postgres> == R"((name = $1 OR name = $2) AND NOT (created_at > $3))");
using or_of_ands = decltype((col<&User::name> == "a" && col<&User::created_at> > 1) || col<&User::email>.is_null());
static_assert(text<or_of_ands> == R"(name = ? AND created_at > ? OR email IS NULL)");

// Type-checked: a column compares only with values of a compatible type. A value of another type
// finds a comparison whose static_assert names model, field and type (compile_fail/condition_type):
// it returns a rejected_condition, which these concepts count as "does not compile".
template <class Column, class V>
concept can_compare = requires(Column c, V v) {
    { c == v } -> std::same_as<decltype(c == v)>;
} && !tabula::query_detail::is_rejected_condition<decltype(std::declval<Column>() == std::declval<V>())>;
static_assert(can_compare<decltype(col<&User::created_at>), int>);
static_assert(can_compare<decltype(col<&User::created_at>), double>);
static_assert(!can_compare<decltype(col<&User::created_at>), const char*>);
static_assert(!can_compare<decltype(col<&User::name>), int>);
static_assert(can_compare<decltype(col<&User::name>), std::string>);
static_assert(!can_compare<decltype(col<&User::access>), int>);
static_assert(!can_compare<decltype(col<&User::access>), status>);
static_assert(can_compare<decltype(col<&User::email>), const char*>);  // optional<string> compares with text
static_assert(can_compare<decltype(col<&User::email>), std::nullopt_t>);
static_assert(!can_compare<decltype(col<&User::name>), std::nullopt_t>);  // NOT NULL: never NULL
static_assert(!can_compare<decltype(col<&User::name>), std::optional<std::string>>);
static_assert(!can_compare<decltype(col<&User::settings>), std::nullopt_t>);
template <class Column, class V>
concept can_order = requires(Column c, V v) { c < v; } &&
                    !tabula::query_detail::is_rejected_condition<decltype(std::declval<Column>() < std::declval<V>())>;
static_assert(can_order<decltype(col<&User::created_at>), int>);
static_assert(!can_order<decltype(col<&User::email>), std::nullopt_t>);           // NULL orders nowhere
static_assert(!can_order<decltype(col<&User::email>), std::optional<std::string>>);
template <class Column>
concept can_like = requires(Column c) { c.like("x"); };
static_assert(can_like<decltype(col<&User::name>)>);
static_assert(!can_like<decltype(col<&User::created_at>)>);
static_assert(!tabula::static_expression<decltype(col<&User::id>.in(std::vector<int>{}))>);
static_assert(tabula::only_columns_of<User, mixed> && !tabula::only_columns_of<Post, mixed>);

// ---- whole queries: joins, chosen values, aggregates, groups, updates by query ------------------
// A query's type fixes its text; these are the texts each dialect runs.

using some_session = tabula::session<tabula::sqlite>;  // a query's text does not depend on the session
template <class Q, dialect D = dialect::sqlite>
constexpr std::string_view query_text = std::remove_cvref_t<Q>::template static_sql<D>();
#define QUERY(Model, ...) decltype(std::declval<some_session&>().query<Model>().__VA_ARGS__)

// join<M>() joins on the one foreign key between M and the query's models; columns are qualified.
using posts_with_authors = QUERY(Post, join<User>().where(col<&User::name> == "ada").order_by(col<&Post::id>));
static_assert(query_text<posts_with_authors> ==
              R"(SELECT post.id, post.author_id, post.title, post.slug, post.body, post.state, )"
              R"(users.id, users.name, users.email, users.role, users.settings, users.created_at )"
              R"(FROM post INNER JOIN users ON post.author_id = users.id WHERE users.name = ? ORDER BY post.id ASC)");
static_assert(std::is_same_v<posts_with_authors::row_type, std::tuple<Post, User>>);
using users_and_posts = QUERY(User, left_join<Post>().select(col<&User::name>, col<&Post::title>).limit(5));
static_assert(query_text<users_and_posts, dialect::postgres> ==
              R"(SELECT users.name, post.title FROM users LEFT JOIN post ON post.author_id = users.id LIMIT $1)");
static_assert(query_text<users_and_posts, dialect::mysql> ==
              "SELECT users.name, post.title FROM users LEFT JOIN post ON post.author_id = users.id LIMIT ?");
// A column of a LEFT JOINed model may be missing: it reads as an optional.
static_assert(std::is_same_v<users_and_posts::row_type, std::tuple<std::string, std::optional<std::string>>>);
static_assert(std::is_same_v<QUERY(User, left_join<Post>())::row_type, std::tuple<User, std::optional<Post>>>);
// Any condition joins; its values are bound first, as they come first in the text.
using joined_on = QUERY(Post, join<User>(col<&User::id> == col<&Post::author_id> && col<&User::created_at> > 5)
                                  .where(col<&Post::title> == "t")
                                  .distinct()
                                  .select(col<&User::name>));
static_assert(query_text<joined_on, dialect::postgres> ==
              R"(SELECT DISTINCT users.name FROM post INNER JOIN users ON users.id = post.author_id )"
              R"(AND users.created_at > $1 WHERE post.title = $2)");
static_assert(std::is_same_v<joined_on::row_type, std::string>);

// Groups and aggregates: COUNT is an int64; SUM, MIN and MAX optionals of the column's type; AVG an optional double.
using per_author = QUERY(Post, where(col<&Post::state> == status::published)
                                   .group_by(col<&Post::author_id>)
                                   .having(tabula::count() > 1 && tabula::max(col<&Post::id>) >= 10)
                                   .select(col<&Post::author_id>, tabula::count(), tabula::sum(col<&Post::id>),
                                           tabula::min(col<&Post::title>), tabula::avg(col<&Post::id>))
                                   .order_by(col<&Post::author_id>.desc()));
static_assert(query_text<per_author> ==
              R"(SELECT author_id, COUNT(*), SUM(id), MIN(title), AVG(id) FROM post WHERE state = ? )"
              R"(GROUP BY author_id HAVING COUNT(*) > ? AND MAX(id) >= ? ORDER BY author_id DESC)");
static_assert(query_text<per_author, dialect::mysql> ==
              "SELECT author_id, COUNT(*), SUM(id), MIN(title), AVG(id) FROM post WHERE state = ? "
              "GROUP BY author_id HAVING COUNT(*) > ? AND MAX(id) >= ? ORDER BY author_id DESC");
static_assert(std::is_same_v<per_author::row_type, std::tuple<std::int64_t, std::int64_t, std::optional<std::int64_t>,
                                                               std::optional<std::string>, std::optional<double>>>);
static_assert(query_text<QUERY(User, select(tabula::count_distinct(col<&User::email>), tabula::count(col<&User::email>)))> ==
              R"(SELECT COUNT(DISTINCT email), COUNT(email) FROM users)");

// Values read into a struct's fields, in order.
struct title_and_author {
    std::string title;
    std::optional<std::string> author;
};
using into_struct = QUERY(Post, left_join<User>().select_as<title_and_author>(col<&Post::title>, col<&User::name>));
static_assert(std::is_same_v<into_struct::row_type, title_and_author>);

// Updates by query: SET's values are bound before the condition's.
using retitled = QUERY(Post, where(col<&Post::author_id> == 3 && col<&Post::body> == std::nullopt));
static_assert(retitled::update_sql<dialect::postgres, decltype(col<&Post::title> = "x"), decltype(col<&Post::body> = std::nullopt)>() ==
              R"(UPDATE post SET title = $1, body = $2 WHERE author_id = $3 AND body IS NULL)");
static_assert(QUERY(Post, where(col<&Post::id> > 1))::update_sql<dialect::mysql, decltype(col<&Post::state> = status::draft)>() ==
              "UPDATE post SET state = ? WHERE id > ?");

// RETURNING every column of the rows updated or deleted, where the dialect has it: MariaDB has
// DELETE ... RETURNING but no UPDATE ... RETURNING, which set_returning() refuses at compile time.
static_assert(retitled::update_returning_sql<dialect::postgres, decltype(col<&Post::title> = "x")>() ==
              R"(UPDATE post SET title = $1 WHERE author_id = $2 AND body IS NULL )"
              R"(RETURNING id, author_id, title, slug, body, state)");
static_assert(retitled::update_returning_sql<dialect::sqlite, decltype(col<&Post::title> = "x")>() ==
              R"(UPDATE post SET title = ? WHERE author_id = ? AND body IS NULL RETURNING id, author_id, title, slug, body, state)");
static_assert(retitled::remove_returning_sql<dialect::mysql>() ==
              "DELETE FROM post WHERE author_id = ? AND body IS NULL RETURNING id, author_id, title, slug, body, state");
static_assert(retitled::remove_returning_sql<dialect::postgres>() ==
              R"(DELETE FROM post WHERE author_id = $1 AND body IS NULL RETURNING id, author_id, title, slug, body, state)");
static_assert(!tabula::sql::has_returning(dialect::mysql, tabula::sql::returning_statement::update) &&
              tabula::sql::has_returning(dialect::sqlite, tabula::sql::returning_statement::update));

// What a value may be assigned: the column's type; NULL only to a nullable column; no fractions
// into integers.
template <class Column, class V>
concept can_assign = requires(Column c, V v) { c = v; };
static_assert(can_assign<decltype(col<&Post::title>), const char*>);
static_assert(!can_assign<decltype(col<&Post::title>), int>);
static_assert(!can_assign<decltype(col<&Post::title>), std::nullopt_t>);
static_assert(can_assign<decltype(col<&Post::body>), std::nullopt_t>);
static_assert(can_assign<decltype(col<&Post::body>), std::optional<std::string>>);
static_assert(can_assign<decltype(col<&Post::author_id>), int>);
static_assert(!can_assign<decltype(col<&Post::author_id>), double>);
static_assert(!can_assign<decltype(col<&Post::state>), int>);
// An assignment is not a condition.
static_assert(!tabula::expression<decltype(col<&Post::title> = "x")>);
// Aggregates only where they mean something.
template <class Column>
concept can_sum = requires(Column c) { tabula::sum(c); };
template <class Column>
concept can_max = requires(Column c) { tabula::max(c); };
static_assert(can_sum<decltype(col<&Post::author_id>)>);
static_assert(!can_sum<decltype(col<&Post::title>)>);
static_assert(!can_sum<decltype(col<&Everything::flag>)>);
static_assert(can_max<decltype(col<&Post::title>)>);
static_assert(!can_max<decltype(col<&User::settings>)>);
static_assert(!can_max<decltype(col<&Everything::flag>)>);
// Subqueries in IN: a query of one value, whose values are bound where the subquery stands.
using author_ids = QUERY(Post, where(col<&Post::title> == "t").select(col<&Post::author_id>));
using by_subquery = decltype(col<&User::name> == "a" && col<&User::id>.in(std::declval<author_ids>()));
static_assert(text<by_subquery, dialect::postgres> ==
              R"(name = $1 AND id IN (SELECT author_id FROM post WHERE title = $2))");
static_assert(text<decltype(col<&User::id>.not_in(std::declval<author_ids>())), dialect::mysql> ==
              "id NOT IN (SELECT author_id FROM post WHERE title = ?)");
// Inside a joined query the outer columns are qualified, the subquery's are its own.
using joined_with_subquery = QUERY(Post, join<User>().where(col<&User::id>.in(std::declval<author_ids>())));
static_assert(query_text<joined_with_subquery>.ends_with(
    R"(WHERE users.id IN (SELECT author_id FROM post WHERE title = ?))"));
template <class Column, class Q>
concept can_in = requires(Column c, Q q) { c.in(q); };
static_assert(can_in<decltype(col<&User::id>), author_ids>);
static_assert(!can_in<decltype(col<&User::name>), author_ids>);  // text IN (integers)
static_assert(!can_in<decltype(col<&User::id>), QUERY(Post, select(col<&Post::author_id>, col<&Post::id>))>);  // two values
static_assert(!can_in<decltype(col<&User::id>), QUERY(Post, select(col<&Post::author_id>).limit(3))>);  // MySQL refuses LIMIT there
// Aggregates of nullable columns read as optionals of the value type.
static_assert(std::is_same_v<decltype(tabula::max(col<&Everything::maybe_i64>))::result_type, std::optional<std::int64_t>>);
static_assert(std::is_same_v<decltype(tabula::sum(col<&Everything::maybe_f64>))::result_type, std::optional<double>>);
static_assert(!can_assign<decltype(col<&Everything::maybe_i64>), double>);

// Values inside JSON columns, by a path fixed at compile time: each dialect's own functions, no
// parameter for the path.
using theme = decltype(tabula::json<&User::settings, "$.theme"> == "dark");
static_assert(text<theme> == R"(json_extract(settings, '$.theme') = ?)");
static_assert(text<theme, dialect::postgres> == R"((settings #>> '{theme}') = $1)");
static_assert(text<theme, dialect::mysql> == "JSON_UNQUOTE(JSON_EXTRACT(settings, '$.theme')) = ?");
using first_tag_size = decltype(tabula::json<&User::settings, "$.tags[0].size", std::int64_t> > 2);
static_assert(text<first_tag_size> == R"(CAST(json_extract(settings, '$.tags[0].size') AS INTEGER) > ?)");
static_assert(text<first_tag_size, dialect::postgres> == R"(CAST((settings #>> '{tags,0,size}') AS BIGINT) > $1)");
static_assert(text<first_tag_size, dialect::mysql> == "CAST(JSON_UNQUOTE(JSON_EXTRACT(settings, '$.tags[0].size')) AS SIGNED) > ?");
using ratio = decltype(tabula::json<&User::settings, "$.ratio", double> <= 0.5);
static_assert(text<ratio, dialect::postgres> == R"(CAST((settings #>> '{ratio}') AS DOUBLE PRECISION) <= $1)");
static_assert(text<ratio, dialect::mysql> == "CAST(JSON_UNQUOTE(JSON_EXTRACT(settings, '$.ratio')) AS DOUBLE) <= ?");
using beta = decltype(tabula::json<&User::settings, "$.beta", bool> == true);
static_assert(text<beta> == R"(json_extract(settings, '$.beta') = ?)");
static_assert(text<beta, dialect::postgres> == R"(CAST((settings #>> '{beta}') AS BOOLEAN) = $1)");
static_assert(text<beta, dialect::mysql> == "(JSON_UNQUOTE(JSON_EXTRACT(settings, '$.beta')) = 'true') = ?");
using has_theme = decltype(tabula::json_has<&User::settings, "$.theme">);
static_assert(text<has_theme> == R"(json_type(settings, '$.theme') IS NOT NULL)");
static_assert(text<has_theme, dialect::postgres> == R"((settings #> '{theme}') IS NOT NULL)");
static_assert(text<has_theme, dialect::mysql> == "JSON_CONTAINS_PATH(settings, 'one', '$.theme') = 1");
// Ordered and selected like a column; a missing key reads as an empty optional.
using by_size = QUERY(User, order_by(tabula::json<&User::settings, "$.size", std::int64_t>.desc(), tabula::json<&User::settings, "$.theme">)
                                .select(col<&User::name>, tabula::json<&User::settings, "$.theme">));
static_assert(query_text<by_size, dialect::postgres> ==
              R"(SELECT name, (settings #>> '{theme}') FROM users ORDER BY CAST((settings #>> '{size}') AS BIGINT) DESC, )"
              R"((settings #>> '{theme}') ASC)");
static_assert(std::is_same_v<by_size::row_type, std::tuple<std::string, std::optional<std::string>>>);
// Compared with values of the type it is read as.
static_assert(can_compare<decltype(tabula::json<&User::settings, "$.size", std::int64_t>), int>);
static_assert(!can_compare<decltype(tabula::json<&User::settings, "$.size", std::int64_t>), const char*>);
static_assert(!can_compare<decltype(tabula::json<&User::settings, "$.theme">), int>);
static_assert(tabula::query_detail::valid_json_path("$.a.b_c[12].d-e") && tabula::query_detail::valid_json_path("$"));
static_assert(!tabula::query_detail::valid_json_path("$.a'b") && !tabula::query_detail::valid_json_path("a.b") &&
              !tabula::query_detail::valid_json_path("$.a[x]") && !tabula::query_detail::valid_json_path("$..a"));

namespace text_json {
struct Chat {
    std::int64_t id = 0;
    nlohmann::json meta{};
};
}  // namespace text_json
template <>
struct tabula::model<text_json::Chat> {
    static constexpr auto columns = std::tuple{tabula::column<&text_json::Chat::meta>{.json = tabula::json_format::text}};
};

// Membership in a JSON array and containment of a flat object: PostgreSQL's @> (its meaning on
// every dialect), JSON_TABLE on MySQL and json_each/json_type on SQLite, typed by JSON type.
using tagged = decltype(tabula::json_array<&User::settings, "$.tags">.contains("x"));
static_assert(text<tagged> == R"(EXISTS (SELECT 1 FROM json_each(users.settings, '$.tags') AS json_element WHERE )"
                              R"(json_type(users.settings, '$.tags') = 'array' AND json_element.type = 'text' AND json_element.value = ?))");
static_assert(text<tagged, dialect::postgres> ==
              R"(((settings #> '{tags}') IS NOT NULL AND (settings #> '{tags}') @> jsonb_build_array(CAST($1 AS TEXT))))");
static_assert(text<tagged, dialect::mysql> ==
              "EXISTS (SELECT 1 FROM JSON_TABLE(users.settings, '$.tags[*]' COLUMNS (j JSON PATH '$', v LONGTEXT CHARACTER SET "
              "utf8mb4 COLLATE utf8mb4_bin PATH '$')) AS json_element WHERE JSON_TYPE(json_element.j) = 'STRING' AND json_element.v = ?)");
using sized = decltype(tabula::json_array<&User::settings, "$.sizes", std::int64_t>.contains(3));
static_assert(text<sized> == R"(EXISTS (SELECT 1 FROM json_each(users.settings, '$.sizes') AS json_element WHERE )"
                             R"(json_type(users.settings, '$.sizes') = 'array' AND json_element.type IN ('integer', 'real') AND )"
                             R"(json_element.value = ?))");
static_assert(text<sized, dialect::postgres> ==
              R"(((settings #> '{sizes}') IS NOT NULL AND (settings #> '{sizes}') @> jsonb_build_array(CAST($1 AS BIGINT))))");
static_assert(text<sized, dialect::mysql> ==
              "EXISTS (SELECT 1 FROM JSON_TABLE(users.settings, '$.sizes[*]' COLUMNS (j JSON PATH '$', v DECIMAL(65,30) PATH '$')) "
              "AS json_element WHERE JSON_TYPE(json_element.j) IN ('INTEGER', 'UNSIGNED INTEGER', 'DOUBLE', 'DECIMAL') AND json_element.v = ?)");
using flags = decltype(tabula::json_array<&User::settings, "$", bool>.contains(true));
static_assert(text<flags, dialect::postgres> == R"((settings IS NOT NULL AND settings @> jsonb_build_array(CAST($1 AS BOOLEAN))))");
static_assert(text<flags, dialect::mysql> ==
              "EXISTS (SELECT 1 FROM JSON_TABLE(users.settings, '$[*]' COLUMNS (j JSON PATH '$', v LONGTEXT CHARACTER SET utf8mb4 "
              "COLLATE utf8mb4_bin PATH '$')) AS json_element WHERE JSON_TYPE(json_element.j) = 'BOOLEAN' AND json_element.v = "
              "IF(?, 'true', 'false'))");
using dark = decltype(tabula::json_object<&User::settings>.contains(tabula::json_entry<"theme">("dark"), tabula::json_entry<"size">(12)));
static_assert(text<dark> == R"(coalesce(json_type(settings, '$') = 'object' AND json_type(settings, '$.theme') = 'text' AND )"
                            R"(json_extract(settings, '$.theme') = ? AND json_type(settings, '$.size') IN ('integer', 'real') AND )"
                            R"(json_extract(settings, '$.size') = ?, 0))");
static_assert(text<dark, dialect::postgres> ==
              R"((settings IS NOT NULL AND settings @> jsonb_build_object('theme', CAST($1 AS TEXT), 'size', CAST($2 AS BIGINT))))");
static_assert(text<dark, dialect::mysql> ==
              "EXISTS (SELECT 1 FROM JSON_TABLE(users.settings, '$' COLUMNS (o JSON PATH '$', j1 JSON PATH '$.theme', v1 LONGTEXT "
              "CHARACTER SET utf8mb4 COLLATE utf8mb4_bin PATH '$.theme', j2 JSON PATH '$.size', v2 DECIMAL(65,30) PATH '$.size')) AS "
              "json_element WHERE JSON_TYPE(json_element.o) = 'OBJECT' AND JSON_TYPE(json_element.j1) = 'STRING' AND json_element.v1 = ? "
              "AND JSON_TYPE(json_element.j2) IN ('INTEGER', 'UNSIGNED INTEGER', 'DOUBLE', 'DECIMAL') AND json_element.v2 = ?)");
using nested_beta = decltype(tabula::json_object<&User::settings, "$.nested">.contains(tabula::json_entry<"beta">(false)));
static_assert(text<nested_beta, dialect::postgres> ==
              R"(((settings #> '{nested}') IS NOT NULL AND (settings #> '{nested}') @> jsonb_build_object('beta', CAST($1 AS BOOLEAN))))");
static_assert(text<nested_beta> == R"(coalesce(json_type(settings, '$.nested') = 'object' AND json_type(settings, '$.nested.beta') )"
                                   R"(IN ('true', 'false') AND json_extract(settings, '$.nested.beta') = ?, 0))");
// A JSON (text) column is cast to jsonb on PostgreSQL, which has @> on jsonb only.
static_assert(text<decltype(tabula::json_array<&text_json::Chat::meta, "$.tags">.contains("x")), dialect::postgres> ==
              R"(((CAST(meta AS JSONB) #> '{tags}') IS NOT NULL AND (CAST(meta AS JSONB) #> '{tags}') @> jsonb_build_array(CAST($1 AS TEXT))))");
// Typed: elements and entries take values of the declared JSON type; entries hold scalars only.
template <class Array, class V>
concept can_contain = requires(Array a, V v) { a.contains(v); };
static_assert(can_contain<decltype(tabula::json_array<&User::settings, "$.tags">), const char*>);
static_assert(!can_contain<decltype(tabula::json_array<&User::settings, "$.tags">), int>);
static_assert(!can_contain<decltype(tabula::json_array<&User::settings, "$.sizes", std::int64_t>), double>);
static_assert(!can_contain<decltype(tabula::json_array<&User::settings, "$.sizes", std::int64_t>), bool>);
static_assert(can_contain<decltype(tabula::json_array<&User::settings, "$.ratios", double>), int>);
static_assert(!can_contain<decltype(tabula::json_array<&User::settings, "$.flags", bool>), int>);
static_assert(!can_contain<decltype(tabula::json_object<&User::settings>), std::string>);
static_assert(tabula::query_detail::valid_entry_key("theme_2") && !tabula::query_detail::valid_entry_key("2x") &&
              !tabula::query_detail::valid_entry_key("a-b") && !tabula::query_detail::valid_entry_key("a'b"));

// The first column outside the models a query reads, named for the diagnostic.
static_assert(tabula::column_outside<tabula::model_list<Post>, mixed>() == "testing_models::User::name");
static_assert(tabula::column_outside<tabula::model_list<Post, User>, mixed>().empty());

TEST_CASE("IN renders one placeholder per value, and an empty list matches nothing") {
    const std::vector<std::int64_t> ids{3, 5, 8};
    CHECK(tabula::render_condition<dialect::sqlite>(col<&User::id>.in(ids)) == R"(id IN (?, ?, ?))");
    CHECK(tabula::render_condition<dialect::postgres>(col<&User::name> == "x" && col<&User::id>.in(ids)) ==
          R"(name = $1 AND id IN ($2, $3, $4))");
    CHECK(tabula::render_condition<dialect::sqlite>(col<&User::id>.not_in(ids)) == R"(id NOT IN (?, ?, ?))");
    CHECK(tabula::render_condition<dialect::sqlite>(col<&User::id>.in(std::vector<std::int64_t>{})) == "1 = 0");
    CHECK(tabula::render_condition<dialect::sqlite>(col<&User::id>.not_in(std::array<std::int64_t, 0>{})) == "1 = 1");
}

TEST_CASE("a LIKE pattern with a NUL byte is refused, naming the column and table") {
    using namespace std::string_literals;
    try {
        (void)col<&User::name>.like("a\0%"s);
        FAIL("no error");
    } catch (const tabula::type_mismatch& e) {
        CHECK(e.table() == "users");
        CHECK(e.column() == "name");
        CHECK(std::string(e.what()).find("NUL") != std::string::npos);
    }
    CHECK_THROWS_AS((void)col<&User::name>.not_like("%\0"s), tabula::type_mismatch);
    CHECK_NOTHROW((void)col<&User::name>.like("a%"));
}

TEST_CASE("escape_like makes wildcards literal") {
    CHECK(tabula::escape_like("50%_off\\") == "50\\%\\_off\\\\");
    CHECK(tabula::escape_like("plain") == "plain");
}
