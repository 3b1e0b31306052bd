// tabula::json_index on a live database: created by create_all and by a migration, used by the
// planner for the query layer's tabula::json<> conditions (EXPLAIN), matched by db check, dropped
// by a downgrade. MySQL/MariaDB refuse it.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include <tabula/migrate.hpp>

#include "../support/database.hpp"

namespace json_index_live {
namespace v1 {
struct Chat {
    std::int64_t id = 0;
    std::string title{};
    nlohmann::json meta{};
};
}  // namespace v1
struct Chat {
    std::int64_t id = 0;
    std::string title{};
    nlohmann::json meta{};
};
}  // namespace json_index_live

template <>
struct tabula::model<json_index_live::v1::Chat> {
    static constexpr std::string_view table = "chat";
};
template <>
struct tabula::model<json_index_live::Chat> {
    static constexpr std::string_view table = "chat";
    static constexpr auto indexes = std::tuple{tabula::json_index<&json_index_live::Chat::meta, "$.settings.model">{},
                                               tabula::json_index<&json_index_live::Chat::meta, "$.size", std::int64_t>{}};
};

namespace json_index_live {
using s1 = tabula::schema<v1::Chat>;
using s2 = tabula::schema<Chat>;
struct r1 : tabula::revision<"a10000000001", tabula::base, s1> {
    static constexpr std::string_view message = "chats";
};
struct r2 : tabula::revision<"a20000000002", tabula::after<"a10000000001">, s2> {
    static constexpr std::string_view message = "index chats by JSON paths";
};
using chain = tabula::revision_chain<r1, r2>;

using by_model = decltype(tabula::json<&Chat::meta, "$.settings.model"> == "llama");
using by_size = decltype(tabula::json<&Chat::meta, "$.size", std::int64_t> > 2);

// A row of SQLite's EXPLAIN QUERY PLAN.
struct plan_step {
    std::int64_t id = 0;
    std::int64_t parent = 0;
    std::int64_t unused = 0;
    std::string detail{};
};

// The plan of SELECT id FROM chat WHERE <Condition, its one parameter written as `literal`>,
// with the condition exactly as the query layer renders it.
template <class Condition, class Session>
std::string plan(Session& db, std::string_view literal) {
    std::string condition(tabula::condition_sql<Condition, Session::dialect>);
    condition = condition.substr(0, condition.rfind(' ') + 1) + std::string(literal);
    const std::string select = "SELECT id FROM chat WHERE " + condition;
    std::string out;
    if constexpr (Session::dialect == tabula::sql::dialect::sqlite) {
        for (const plan_step& step : db.template raw<plan_step>("EXPLAIN QUERY PLAN " + select)) out += step.detail + "\n";
    } else {
        for (const std::string& line : db.template raw<std::string>("EXPLAIN " + select)) out += line + "\n";
    }
    return out;
}

template <class Session>
void add_chats(Session& db) {
    db.insert(Chat{.title = "a", .meta = {{"settings", {{"model", "llama"}}}, {"size", 1}}});
    db.insert(Chat{.title = "b", .meta = {{"settings", {{"model", "mistral"}}}, {"size", 3}}});
    db.insert(Chat{.title = "c", .meta = {{"settings", {{"model", "llama"}}}, {"size", 5}}});
}

template <class Query>
std::vector<std::string> titles(Query&& query) {
    std::vector<std::string> out;
    for (const Chat& c : std::forward<Query>(query).order_by(tabula::col<&Chat::id>).all()) out.push_back(c.title);
    return out;
}

template <class Session>
void check_index_use(Session& db) {
    if constexpr (Session::dialect == tabula::sql::dialect::postgres) db.execute("SET enable_seqscan = off");
    CHECK(plan<by_model>(db, "'llama'").find("ix_chat_meta_settings_model") != std::string::npos);
    CHECK(plan<by_size>(db, "2").find("ix_chat_meta_size") != std::string::npos);
    CHECK(titles(db.template query<Chat>().where(tabula::json<&Chat::meta, "$.settings.model"> == "llama")) == std::vector<std::string>{"a", "c"});
    CHECK(titles(db.template query<Chat>().where(tabula::json<&Chat::meta, "$.size", std::int64_t> > 2)) == std::vector<std::string>{"b", "c"});
    if constexpr (Session::dialect == tabula::sql::dialect::postgres) db.execute("RESET enable_seqscan");
}

}  // namespace json_index_live

using namespace json_index_live;

TEST_CASE_TEMPLATE("a json_index is created, used by the planner, checked and migrated", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = database.open();
    tabula::migrator<chain, Backend> migrate(db);
    if constexpr (Backend::dialect == tabula::sql::dialect::mysql) {
        // MySQL and MariaDB have no expression index tabula can match: refused, naming the dialect.
        migrate.upgrade("+1");
        CHECK_THROWS_WITH_AS(migrate.upgrade("+1"), doctest::Contains("is a tabula::json_index; mysql (MySQL and MariaDB) has no expression index"),
                             tabula::migration_error);
        CHECK(migrate.current() == std::vector<std::string>{"a10000000001"});
    } else {
        migrate.upgrade("+1");
        add_chats(db);
        migrate.upgrade("+1");  // creates both indexes
        for (const auto& d : migrate.check()) FAIL_CHECK(d.message);
        check_index_use(db);

        migrate.downgrade("-1");  // drops them
        const auto live = tabula::migration_support<Backend>::read_schema(db.connection());
        CHECK(tabula::compare_schemas(live, s1::view, Backend::dialect, {"alembic_version"}).empty());
        CHECK(plan<by_model>(db, "'llama'").find("ix_chat_meta_settings_model") == std::string::npos);
        migrate.upgrade();
        CHECK(migrate.check().empty());

        // An index on another path under the same name is a difference db check reports.
        db.execute("DROP INDEX ix_chat_meta_size");
        db.execute(Backend::dialect == tabula::sql::dialect::sqlite
                       ? "CREATE INDEX ix_chat_meta_size ON chat (CAST(json_extract(meta, '$.other') AS INTEGER))"
                       : "CREATE INDEX ix_chat_meta_size ON chat ((CAST((meta #>> '{other}') AS BIGINT)))");
        const auto found = migrate.check();
        REQUIRE(found.size() == 1);
        CHECK(found[0].kind == tabula::difference_kind::index_definition);
    }
}

TEST_CASE_TEMPLATE("create_all creates a json_index the planner uses", Backend, TABULA_TEST_BACKENDS) {
    if constexpr (Backend::dialect != tabula::sql::dialect::mysql) {
        test_support::database<Backend> database;
        auto db = database.open();
        db.template create_all<Chat>();
        add_chats(db);
        check_index_use(db);
    }
}
