// tabula::json_index on a live database: created by create_all and by a migration, used by the
// planner for the query layer's tabula::json<> conditions (EXPLAIN), matched by db check, dropped
// by a downgrade. MySQL/MariaDB refuse it. Then the same for tabula::expression_index and partial
// indexes (.where), which MySQL/MariaDB refuse too.
#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
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

namespace expression_index_live {
namespace v1 {
struct Account {
    std::int64_t id = 0;
    std::optional<std::string> email{};
    std::string name{};
    bool active = true;
};
}  // namespace v1
struct Account {
    std::int64_t id = 0;
    std::optional<std::string> email{};
    std::string name{};
    bool active = true;
};
}  // namespace expression_index_live

template <>
struct tabula::model<expression_index_live::v1::Account> {
    static constexpr std::string_view table = "account";
};
template <>
struct tabula::model<expression_index_live::Account> {
    static constexpr std::string_view table = "account";
    static constexpr auto indexes = std::tuple{
        tabula::expression_index{.name = "uq_account_email_lower", .expression = "lower(email)", .unique = true, .where = "email IS NOT NULL"},
        tabula::index<&expression_index_live::Account::name>{.where = "active"}};
};

namespace expression_index_live {
using s1 = tabula::schema<v1::Account>;
using s2 = tabula::schema<Account>;
struct r1 : tabula::revision<"b10000000001", tabula::base, s1> {
    static constexpr std::string_view message = "accounts";
};
struct r2 : tabula::revision<"b20000000002", tabula::after<"b10000000001">, s2> {
    static constexpr std::string_view message = "unique lower-case e-mail, active names";
};
using chain = tabula::revision_chain<r1, r2>;
}  // namespace expression_index_live

TEST_CASE_TEMPLATE("an expression index and a partial index are created, enforced, checked and migrated", Backend, TABULA_TEST_BACKENDS) {
    using expression_index_live::Account;
    test_support::database<Backend> database;
    auto db = database.open();
    tabula::migrator<expression_index_live::chain, Backend> migrate(db);
    migrate.upgrade("+1");
    if constexpr (Backend::dialect == tabula::sql::dialect::mysql) {
        CHECK_THROWS_WITH_AS(migrate.upgrade("+1"),
                             doctest::Contains("index 'uq_account_email_lower' on table 'account' is a tabula::expression_index; mysql (MySQL "
                                               "and MariaDB) has no expression indexes"),
                             tabula::migration_error);
        CHECK(migrate.current() == std::vector<std::string>{"b10000000001"});
    } else {
        migrate.upgrade("+1");
        for (const auto& d : migrate.check()) FAIL_CHECK(d.message);
        // Unique on lower(email) where there is one: case-insensitive duplicates are refused, rows
        // without an e-mail are not keys.
        db.insert(Account{.email = "Ada@example.org", .name = "ada"});
        db.insert(Account{.email = std::nullopt, .name = "x"});
        db.insert(Account{.email = std::nullopt, .name = "y"});
        CHECK_THROWS_AS(db.insert(Account{.email = "ada@EXAMPLE.org", .name = "ada2"}), tabula::constraint_violation);

        migrate.downgrade("-1");  // drops both indexes
        const auto live = tabula::migration_support<Backend>::read_schema(db.connection());
        CHECK(tabula::compare_schemas(live, expression_index_live::s1::view, Backend::dialect, {"alembic_version"}).empty());
        migrate.upgrade();
        CHECK(migrate.check().empty());

        // The same name over another condition is a difference db check reports.
        db.execute("DROP INDEX ix_account_name");
        db.execute("CREATE INDEX ix_account_name ON account (name) WHERE NOT active");
        const auto found = migrate.check();
        REQUIRE(found.size() == 1);
        CHECK(found[0].kind == tabula::difference_kind::index_definition);
        CHECK(found[0].message.find("WHERE") != std::string::npos);
    }
}

TEST_CASE_TEMPLATE("create_all creates expression and partial indexes", Backend, TABULA_TEST_BACKENDS) {
    if constexpr (Backend::dialect != tabula::sql::dialect::mysql) {
        using expression_index_live::Account;
        test_support::database<Backend> database;
        auto db = database.open();
        db.template create_all<Account>();
        db.insert(Account{.email = "Grace@example.org", .name = "grace"});
        CHECK_THROWS_AS(db.insert(Account{.email = "grace@example.org", .name = "g"}), tabula::constraint_violation);
    }
}
