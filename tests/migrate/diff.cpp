// Schema versions and their diffs: which steps, in which order, flagged how. All compile time.
#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "../support/migration_models.hpp"

using tabula::step_kind;

template <class Steps>
std::vector<std::string> described(const Steps& steps) {
    std::vector<std::string> out;
    for (const tabula::migration_step& s : steps) out.push_back(tabula::describe(s));
    return out;
}

// Versions name only what changed; the rest carries over.
static_assert(mv::s1::tables.size() == 2 && mv::s2::tables.size() == 3 && mv::s5::tables.size() == 2 && mv::s6::tables.size() == 3);
static_assert(tabula::same_definition(*mv::s2::tables[mv::s2::view.position("note")], tabula::table_of<mv2::Note>));
static_assert(mv::s2::renames.size() == 1 && mv::s2::renames[0].old_column == "title" && mv::s2::renames[0].new_column == "heading");
static_assert(mv::s4::view.contains("memo") && !mv::s4::view.contains("note"));
static_assert(mv::s4::renames[0].is_table() && mv::s4::renames[0].old_table == "note");

// A diff is a constant: its size and every step are known at compile time.
constexpr auto& step2 = tabula::revision_plan<mv::chain, 1>::upgrade_steps;
static_assert(step2.size() == 4);
static_assert(step2[0].kind == step_kind::rename_column && step2[1].kind == step_kind::create_table);
static_assert(!tabula::revision_plan<mv::chain, 1>::destroys_data && tabula::revision_plan<mv::chain, 1>::reversible);
static_assert(tabula::revision_plan<mv::chain, 3>::destroys_data && tabula::revision_plan<mv::chain, 3>::reversible);
static_assert(!tabula::revision_plan<mv::chain, 5>::reversible);  // declared irreversible
static_assert(tabula::head_matches<mv::chain, tabula::schema<mv5::User, mv5::Memo, mv6::Audit>>);

TEST_CASE("each revision's steps, in execution order") {
    CHECK(described(tabula::revision_plan<mv::chain, 0>::upgrade_steps) == std::vector<std::string>{"create table user", "create table note"});
    CHECK(described(step2) == std::vector<std::string>{
                                  "rename column note.title -> heading",
                                  "create table folder",
                                  "add column user.age (int32, NULL)",
                                  "create index ix_note_heading on note",
                              });
    CHECK(described(tabula::revision_plan<mv::chain, 2>::upgrade_steps) ==
          std::vector<std::string>{
              "add column note.pinned (boolean, NOT NULL, DEFAULT 0)",
              "add column folder.parent_id (text, NULL)",
              "alter column user.age (int64, NULL) from (int32, NULL)",
              "add unique constraint uq_user_email on user",
              "add foreign key fk_folder_parent_id_folder on folder -> folder",
          });
    // Constraints named after the table are dropped under the old name, before the rename.
    CHECK(described(tabula::revision_plan<mv::chain, 3>::upgrade_steps) ==
          std::vector<std::string>{
              "drop foreign key fk_note_user_id_user on note -> user",
              "drop index ix_note_heading on note",
              "rename table note -> memo",
              "add column user.score (int64, NOT NULL)",
              "alter column folder.name (VARCHAR(100), NOT NULL) from (text, NOT NULL) [destroys data]",
              "add foreign key fk_memo_user_id_user on memo -> user",
              "drop column user.age [destroys data]",
          });
    CHECK(described(tabula::revision_plan<mv::chain, 4>::upgrade_steps) ==
          std::vector<std::string>{
              "drop foreign key fk_memo_user_id_user on memo -> user",
              "drop unique constraint uq_user_email on user",
              "add column user.role (text, NULL)",
              "alter column memo.body (text, NULL) from (text, NOT NULL)",
              "alter primary key memo",
              "drop table folder [destroys data]",
              "require NOT NULL user.role (text, NOT NULL)",
          });
}

TEST_CASE("downgrades are the inverse diffs, renames read backwards") {
    CHECK(described(tabula::revision_plan<mv::chain, 0>::downgrade_steps) ==
          std::vector<std::string>{"drop table note [destroys data]", "drop table user [destroys data]"});  // referencing first
    CHECK(described(tabula::revision_plan<mv::chain, 1>::downgrade_steps) == std::vector<std::string>{
                                                                                 "drop index ix_note_heading on note",
                                                                                 "rename column note.heading -> title",
                                                                                 "drop column user.age [destroys data]",
                                                                                 "drop table folder [destroys data]",
                                                                             });
    CHECK(described(tabula::revision_plan<mv::chain, 3>::downgrade_steps) ==
          std::vector<std::string>{
              "drop foreign key fk_memo_user_id_user on memo -> user",
              "rename table memo -> note",
              "add column user.age (int64, NULL)",
              "alter column folder.name (text, NOT NULL) from (VARCHAR(100), NOT NULL)",
              "create index ix_note_heading on note",
              "add foreign key fk_note_user_id_user on note -> user",
              "drop column user.score [destroys data]",
          });
}

TEST_CASE("fills and data functions give new NOT NULL columns their values") {
    const auto& r4 = tabula::revision_plan<mv::chain, 3>::upgrade_steps;
    const auto score = std::find_if(r4.begin(), r4.end(), [](const auto& s) { return s.kind == step_kind::add_column; });
    REQUIRE(score != r4.end());
    CHECK(score->fill == "length(\"name\")");
    const auto& r5 = tabula::revision_plan<mv::chain, 4>::upgrade_steps;
    const auto role = std::find_if(r5.begin(), r5.end(), [](const auto& s) { return s.kind == step_kind::add_column; });
    CHECK(role->nullable_until_filled);
}

namespace backfilled {
struct Queue {
    std::int64_t id = 0;
    std::string name{};
    std::int64_t owner = 0;
};
}  // namespace backfilled
template <>
struct tabula::model<backfilled::Queue> {
    static constexpr auto indexes = std::tuple{tabula::index<&backfilled::Queue::owner>{.name = "ix_queue_owner"},
                                               tabula::index<&backfilled::Queue::name>{.name = "ix_queue_name", .unique = true}};
};
namespace backfilled {
using before = tabula::empty_schema;
using after = tabula::schema<Queue>;
inline constexpr tabula::diff_context with_data{{}, {}, true};
inline constexpr tabula::diff_context without_data{{}, {}, false};
}  // namespace backfilled

TEST_CASE("a table a data function fills gets its plain indexes after the data, its unique ones before") {
    auto index_after_data = [](const auto& steps, std::string_view name) {
        for (const tabula::migration_step& s : steps)
            if (s.kind == step_kind::create_index && s.index->name == name) return tabula::runs_after_data(s);
        FAIL("no create index ", name);
        return false;
    };
    constexpr auto& filled = tabula::diff_steps<backfilled::before::view, backfilled::after::view, backfilled::with_data>;
    CHECK(index_after_data(filled, "ix_queue_owner"));
    CHECK_FALSE(index_after_data(filled, "ix_queue_name"));  // the data function's inserts may rely on it
    constexpr auto& plain = tabula::diff_steps<backfilled::before::view, backfilled::after::view, backfilled::without_data>;
    CHECK_FALSE(index_after_data(plain, "ix_queue_owner"));
    CHECK_FALSE(index_after_data(plain, "ix_queue_name"));
}

TEST_CASE("a fill on a column whose type changes is its conversion, each direction its own") {
    const auto& up = tabula::revision_plan<conv::chain, 1>::upgrade_steps;
    REQUIRE(up.size() == 1);
    CHECK(tabula::describe(up[0]) == "alter column counter.hits (int64, NOT NULL) from (text, NOT NULL) [destroys data]");
    CHECK(up[0].fill == "CAST(replace(\"hits\", ' visits', '') AS BIGINT)");
    const auto& down = tabula::revision_plan<conv::chain, 1>::downgrade_steps;
    REQUIRE(down.size() == 1);
    CHECK(down[0].fill == "CAST(\"hits\" AS TEXT) || ' visits'");
    // A conversion back restores what the narrowing took: no downgrade_data needed.
    static_assert(tabula::revision_plan<conv::chain, 1>::destroys_data && tabula::revision_plan<conv::chain, 1>::reversible);
    // Without a declared conversion the step has none: the backend casts.
    CHECK(tabula::revision_plan<mv::chain, 3>::downgrade_steps[3].fill.empty());
}

TEST_CASE("a conversion may keep the column where it is (PostgreSQL), whatever position the model declares") {
    const auto& up = tabula::revision_plan<keep::chain, 1>::upgrade_steps;
    REQUIRE(up.size() == 2);
    CHECK(up[0].kind == step_kind::add_column);
    CHECK(tabula::describe(up[1]) == "alter column reading.value (int64, NOT NULL) from (text, NOT NULL) [destroys data]");
    CHECK(up[1].in_place);
    CHECK(up[1].fill == "CAST(\"value\" AS BIGINT)");
    // Declared positions are the default, and the way back declares none.
    const auto& down = tabula::revision_plan<keep::chain, 1>::downgrade_steps;
    REQUIRE(down.size() == 2);
    CHECK(!down[0].in_place);
    CHECK(!tabula::revision_plan<conv::chain, 1>::upgrade_steps[0].in_place);
}

TEST_CASE("a table renamed away frees its name for a new table; the way back drops that one before renaming") {
    const auto& up = tabula::revision_plan<freed::chain, 1>::upgrade_steps;
    CHECK(described(up) == std::vector<std::string>{"rename table config -> config_old", "create table config"});
    const auto& down = tabula::revision_plan<freed::chain, 1>::downgrade_steps;
    REQUIRE(down.size() == 2);
    CHECK(down[0].kind == step_kind::drop_table);
    CHECK(down[0].before->name == "config");
    CHECK(!tabula::runs_after_data(down[0]));
    CHECK(down[1].kind == step_kind::rename_table);
}

TEST_CASE("a column renamed away frees its name for a new column; the way back drops that one before renaming") {
    const auto& up = tabula::revision_plan<freedcol::chain, 1>::upgrade_steps;
    CHECK(described(up) == std::vector<std::string>{"rename column setting.value -> legacy_value", "add column setting.value (text, NULL)"});
    const auto& down = tabula::revision_plan<freedcol::chain, 1>::downgrade_steps;
    REQUIRE(down.size() == 2);
    CHECK(tabula::describe(down[0]) == "drop column setting.value [destroys data]");
    CHECK(!tabula::runs_after_data(down[0]));
    CHECK(down[1].kind == step_kind::rename_column);
}

// ---- mistakes, reported as data --------------------------------------------------------------

namespace bad {
struct User {
    std::int64_t id = 0;
    std::string name{};
    std::string title{};
};
struct UserRenamed {
    std::int64_t id = 0;
    std::string name{};
    std::string heading{};
};
struct UserMore {
    std::int64_t id = 0;
    std::string name{};
    std::string title{};
    std::int64_t karma = 0;
};
}  // namespace bad
template <>
struct tabula::model<bad::UserRenamed> {
    static constexpr std::string_view table = "user";
};
template <>
struct tabula::model<bad::UserMore> {
    static constexpr std::string_view table = "user";
};
using b1 = tabula::schema<bad::User>;
using b2 = tabula::schema_from<b1, tabula::replace_table<bad::UserRenamed>>;  // looks like a rename, not declared
using b3 = tabula::schema_from<b1, tabula::replace_table<bad::UserMore>>;     // NOT NULL column, no value
struct b_r1 : tabula::revision<"b001", tabula::base, b1> {};
struct b_r2 : tabula::revision<"b002", tabula::after<"b001">, b2> {};
struct b_r3 : tabula::revision<"b003", tabula::after<"b001">, b3> {};
struct b_r3_loss : tabula::revision<"b003", tabula::after<"b001">, b1> {
    using data_loss = tabula::data_loss<"user.title">;  // nothing is destroyed
};
using bad_rename = tabula::revision_chain<b_r1, b_r2>;
using bad_fill = tabula::revision_chain<b_r1, b_r3>;
using bad_stale = tabula::revision_chain<b_r1, b_r3_loss>;
static_assert(tabula::revision_plan<bad_rename, 1>::diagnosis.problem == tabula::chain_problem::drop_looks_like_rename);
static_assert(tabula::revision_plan<bad_rename, 1>::diagnosis.subject() == "user.title -> user.heading");
static_assert(tabula::revision_plan<bad_fill, 1>::diagnosis.problem == tabula::chain_problem::not_null_without_value);
static_assert(tabula::revision_plan<bad_fill, 1>::diagnosis.subject() == "user.karma");
static_assert(tabula::revision_plan<bad_stale, 1>::diagnosis.problem == tabula::chain_problem::stale_data_loss);

struct g_a : tabula::revision<"aaaa", tabula::base, b1> {};
struct g_b : tabula::revision<"bbbb", tabula::after<"aaaa">, b1> {};
struct g_c : tabula::revision<"cccc", tabula::after<"aaaa">, b1> {};
struct g_unknown : tabula::revision<"dddd", tabula::after<"zzzz">, b1> {};
struct g_loop1 : tabula::revision<"eeee", tabula::after<"ffff">, b1> {};
struct g_loop2 : tabula::revision<"ffff", tabula::after<"eeee">, b1> {};
struct g_bad_id : tabula::revision<"not a valid id!", tabula::base, b1> {};
using tabula::detail::build_graph;
static_assert(build_graph<g_a, g_b, g_c>().diagnosis.problem == tabula::chain_problem::several_heads);
static_assert(build_graph<g_a, g_b, g_c>().diagnosis.subject() == "bbbb, cccc");
static_assert(build_graph<g_a, g_unknown>().diagnosis.subject() == "dddd -> zzzz");
static_assert(build_graph<g_a, g_loop1, g_loop2>().diagnosis.problem == tabula::chain_problem::cycle);
static_assert(build_graph<g_a, g_a>().diagnosis.problem == tabula::chain_problem::duplicate_id);
static_assert(build_graph<g_bad_id>().diagnosis.problem == tabula::chain_problem::invalid_id);
static_assert(build_graph<g_a, g_b>().diagnosis.ok());

TEST_CASE("narrowing and widening type changes") {
    using tabula::column_descriptor;
    using tabula::value_kind;
    auto col = [](value_kind k, std::string_view type = {}) { return column_descriptor{.name = "c", .kind = k, .type_override = type}; };
    CHECK(tabula::detail::widens(col(value_kind::int32), col(value_kind::int64)));
    CHECK_FALSE(tabula::detail::widens(col(value_kind::int64), col(value_kind::int32)));
    CHECK(tabula::detail::widens(col(value_kind::uint32), col(value_kind::int64)));
    CHECK_FALSE(tabula::detail::widens(col(value_kind::uint64), col(value_kind::int64)));
    CHECK(tabula::detail::widens(col(value_kind::float32), col(value_kind::float64)));
    CHECK(tabula::detail::widens(col(value_kind::int64), col(value_kind::text)));
    CHECK_FALSE(tabula::detail::widens(col(value_kind::text), col(value_kind::int64)));
    CHECK(tabula::detail::widens(col(value_kind::text, "VARCHAR(50)"), col(value_kind::text, "VARCHAR(80)")));
    CHECK_FALSE(tabula::detail::widens(col(value_kind::text, "VARCHAR(80)"), col(value_kind::text, "VARCHAR(50)")));
    CHECK(tabula::detail::widens(col(value_kind::text, "VARCHAR(50)"), col(value_kind::text)));
    CHECK_FALSE(tabula::detail::widens(col(value_kind::text), col(value_kind::text, "VARCHAR(50)")));
}

// `check` shows defaults as SQL writes them: a string default keeps its own quotes only.
TEST_CASE("a default that differs is reported once quoted, as SQL writes it") {
    const tabula::table_descriptor& note_table = *mv::s3::view.find("note");
    tabula::live_schema live;
    tabula::live_table note;
    note.name = "note";
    for (const tabula::column_descriptor& c : note_table.columns)
        note.columns.push_back({std::string(c.name), std::string(tabula::sql::column_type(note_table, c, tabula::sql::dialect::sqlite)),
                                !c.nullable || c.primary_key, std::nullopt});
    note.columns.back().default_value = "'x'";  // pinned
    note.primary_key = {"id"};
    live.tables.push_back(note);
    std::vector<std::string> found;
    for (const auto& d : tabula::compare_schemas(live, mv::s3::view, tabula::sql::dialect::sqlite)) found.push_back(d.message);
    CHECK(std::find(found.begin(), found.end(), "column note.pinned has default 'x' in the database, 0 in the models") != found.end());
}
