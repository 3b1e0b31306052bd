// tabula::expression_index and partial indexes (.where): the descriptor they give, their CREATE
// INDEX per dialect with the user's SQL written verbatim, MySQL/MariaDB's refusal naming the
// index, and a changed index in a schema diff (drop, then create).
#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <tabula/migrate.hpp>
#include <tabula/sqlite.hpp>

namespace expression_index_models {
struct Account {
    std::int64_t id = 0;
    std::optional<std::string> email{};
    std::string name{};
    bool active = true;
};
struct Unnamed {
    std::int64_t id = 0;
    std::string email{};
};
}  // namespace expression_index_models

template <>
struct tabula::model<expression_index_models::Account> {
    static constexpr std::string_view table = "user";
    static constexpr auto indexes = std::tuple{
        tabula::expression_index{.name = "uq_user_email_lower", .expression = "lower(email)", .unique = true, .where = "email IS NOT NULL"},
        tabula::expression_index{.name = "ix_user_name_email", .expression = "lower(name), email"},
        tabula::index<&expression_index_models::Account::name>{.where = "active"}};
};
template <>
struct tabula::model<expression_index_models::Unnamed> {
    static constexpr auto indexes = std::tuple{tabula::expression_index{.expression = "lower(email)"}};
};

using expression_index_models::Account;
using tabula::sql::dialect;

static constexpr const tabula::table_descriptor& account = tabula::table_of<Account>;
static_assert(account.indexes.size() == 3);
static_assert(account.indexes[0].on_expression() && account.indexes[0].partial() && account.indexes[0].unique &&
              account.indexes[0].columns.empty() && account.indexes[0].expression == "lower(email)");
static_assert(!account.indexes[2].on_expression() && account.indexes[2].partial() && account.indexes[2].columns[0] == "name" &&
              account.indexes[2].name == "ix_user_name");

// An expression index needs a name: the report says which declaration lacks it.
static_assert(tabula::diagnosis_of<expression_index_models::Unnamed>.problem == tabula::model_problem::expression_index_incomplete &&
              tabula::diagnosis_of<expression_index_models::Unnamed>.subject == "lower(email)");

// SQLite keeps the statement as written (Open WebUI's reference schema shows this exact text);
// PostgreSQL takes a general expression only in parentheses of its own.
static_assert(tabula::sql::create_index_sql<Account, dialect::sqlite>[0] ==
              R"(CREATE UNIQUE INDEX IF NOT EXISTS uq_user_email_lower ON user (lower(email)) WHERE email IS NOT NULL)");
static_assert(tabula::sql::create_index_sql<Account, dialect::sqlite>[1] ==
              R"(CREATE INDEX IF NOT EXISTS ix_user_name_email ON user (lower(name), email))");
static_assert(tabula::sql::create_index_sql<Account, dialect::sqlite>[2] == R"(CREATE INDEX IF NOT EXISTS ix_user_name ON user (name) WHERE active)");
static_assert(tabula::sql::create_index_sql<Account, dialect::postgres>[0] ==
              R"(CREATE UNIQUE INDEX IF NOT EXISTS uq_user_email_lower ON "user" ((lower(email))) WHERE email IS NOT NULL)");
static_assert(tabula::sql::create_index_sql<Account, dialect::postgres>[2] ==
              R"(CREATE INDEX IF NOT EXISTS ix_user_name ON "user" (name) WHERE active)");
static_assert(!tabula::sql::supports_index(dialect::mysql, account.indexes[0]) && !tabula::sql::supports_index(dialect::mysql, account.indexes[2]) &&
              tabula::sql::supports_index(dialect::postgres, account.indexes[0]));

TEST_CASE("expression and partial indexes are refused on MySQL/MariaDB, naming the index") {
    auto render = [](const tabula::index_descriptor& index) {
        return tabula::sql::text(dialect::mysql, [&](auto& w) { tabula::sql::create_index(w, "user", index, false); });
    };
    CHECK_THROWS_WITH_AS(render(account.indexes[0]),
                         "tabula: index 'uq_user_email_lower' on table 'user' is a tabula::expression_index; mysql (MySQL and MariaDB) "
                         "has no expression indexes tabula can create",
                         tabula::unsupported_statement);
    CHECK_THROWS_WITH_AS(render(account.indexes[2]),
                         "tabula: index 'ix_user_name' on table 'user' is partial (.where); mysql (MySQL and MariaDB) has no partial indexes",
                         tabula::unsupported_statement);
}

namespace expression_index_v2 {
struct Account {
    std::int64_t id = 0;
    std::optional<std::string> email{};
    std::string name{};
    bool active = true;
};
}  // namespace expression_index_v2
template <>
struct tabula::model<expression_index_v2::Account> {
    static constexpr std::string_view table = "user";
    static constexpr auto indexes = std::tuple{
        tabula::expression_index{.name = "uq_user_email_lower", .expression = "lower(email)", .unique = true},
        tabula::expression_index{.name = "ix_user_name_email", .expression = "lower(name), email"},
        tabula::index<&expression_index_v2::Account::name>{.where = "active"}};
};

// The condition or the expression changed: the index is dropped and created again.
TEST_CASE("a changed partial index in a schema diff is dropped and created") {
    using v1 = tabula::schema<Account>;
    using v2 = tabula::schema<expression_index_v2::Account>;
    std::string described;
    for (const tabula::migration_step& s : tabula::schema_diff<v1, v2>) described += tabula::describe(s) + "; ";
    CHECK(described == "drop index uq_user_email_lower on user; create index uq_user_email_lower on user; ");
    CHECK(tabula::schema_diff<v1, v1>.empty());
}
