// Models adapted as Boost.Hana Structs on every backend: tables, keys written back, reads, queries
// on members of a base and on private members, updates, removal, a join along a foreign key, and
// a migration adding a column to a Hana model.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <tabula/migrate.hpp>

#include "../support/database.hpp"
#include "../support/hana_models.hpp"

using namespace hana_models;
using tabula::col;
using tabula::named_field;

namespace {

Article article(std::int64_t author, std::string title, std::int64_t created_at) {
    Article a;
    a.author_id = author;
    a.title = std::move(title);
    a.created_at = created_at;
    a.meta = {{"words", created_at * 10}};
    return a;
}

std::vector<std::string> titles(const std::vector<Article>& rows) {
    std::vector<std::string> out;
    for (const Article& a : rows) out.push_back(a.title);
    return out;
}

}  // namespace

TEST_CASE_TEMPLATE("hana models: create, insert with key write-back, get, query, update, remove", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = database.open();
    db.template create_all<Article, Account, Author>();

    Author ada("ada", "ada@example.org");
    const std::int64_t ada_id = db.insert(ada);
    CHECK(ada.id == ada_id);
    Author grace("grace");
    db.insert(grace);
    CHECK(grace.id == ada_id + 1);

    const auto read = db.template get<Author>(ada_id);
    REQUIRE(read.has_value());
    CHECK(read->name == "ada");
    CHECK(read->email == "ada@example.org");
    CHECK_FALSE(db.template get<Author>(grace.id)->email.has_value());

    // The base's fields are columns like the others, and named by name in conditions.
    Article engine = article(ada.id, "engine", 1843);
    engine.body = "notes on the analytical engine";
    engine.status = state::live;
    db.insert(engine);
    CHECK(engine.id > 0);
    db.insert(article(ada.id, "bernoulli", 1844));
    db.insert(article(grace.id, "compiler", 1952));
    const auto back = db.template get<Article>(engine.id);
    REQUIRE(back.has_value());
    CHECK(back->created_at == 1843);
    CHECK(back->body == "notes on the analytical engine");
    CHECK(back->meta == nlohmann::json{{"words", 18430}});
    CHECK(back->status == state::live);

    constexpr auto created_at = col<named_field<Article, "created_at">>;
    CHECK(titles(db.template query<Article>().where(created_at > 1843).order_by(created_at).all()) ==
          std::vector<std::string>{"bernoulli", "compiler"});
    CHECK(titles(db.template query<Article>().where(col<&Article::author_id> == ada.id).order_by(col<named_field<Article, "id">>.desc()).all()) ==
          std::vector<std::string>{"bernoulli", "engine"});
    CHECK(db.template query<Article>().where(col<&Article::status> == state::live).count() == 1);
    CHECK(db.template query<Article>().where(col<&Article::body>.is_null()).count() == 2);

    // A join along the foreign key of a Hana model to another.
    const auto pairs = db.template query<Article>().template join<Author>().where(col<&Author::name> == "grace").all();
    REQUIRE(pairs.size() == 1);
    CHECK(std::get<0>(pairs[0]).title == "compiler");
    CHECK(std::get<1>(pairs[0]).id == grace.id);

    // Private members: written and read through the adaptation, queried by name.
    Account account(ada.id, 100);
    db.insert(account);
    CHECK(account.key() > 0);
    account.deposit(50);
    db.update(account);
    CHECK(db.template get<Account>(account.key())->balance() == 150);
    constexpr auto balance = col<named_field<Account, "balance_">>;
    CHECK(db.template query<Account>().where(balance >= 150).first()->author() == ada.id);
    CHECK(db.template query<Account>().where(balance > 150).count() == 0);
    CHECK_THROWS_AS(db.insert(Account(ada.id, 1)), tabula::constraint_violation);  // unique index on author_id_

    // Whole rows and chosen columns, then conditions in SET.
    ada.name = "Ada Lovelace";
    ada.email = std::nullopt;
    db.template update<&Author::email>(ada);
    CHECK(db.template get<Author>(ada.id)->name == "ada");
    CHECK_FALSE(db.template get<Author>(ada.id)->email.has_value());
    db.update(ada);
    CHECK(db.template get<Author>(ada.id)->name == "Ada Lovelace");
    CHECK(db.template query<Article>().where(created_at < 1900).set(created_at = 1800) == 2);
    CHECK(db.template query<Article>().where(created_at == 1800).count() == 2);

    CHECK(db.remove(engine));
    CHECK_FALSE(db.template get<Article>(engine.id).has_value());
    CHECK(db.template remove<Author>(grace.id));  // cascades to grace's article
    CHECK(db.template count<Article>() == 1);
    CHECK(db.template query<Account>().remove() == 1);
}

namespace hana_migration {
using s1 = tabula::schema<Author, Article>;
using s2 = tabula::schema_from<s1, tabula::replace_table<v2::Author>>;
struct r1 : tabula::revision<"a1a1a1a1a1a1", tabula::base, s1> {
    static constexpr std::string_view message = "authors and articles";
};
struct r2 : tabula::revision<"b2b2b2b2b2b2", tabula::after<"a1a1a1a1a1a1">, s2> {
    static constexpr std::string_view message = "author born";
};
using chain = tabula::revision_chain<r1, r2>;
}  // namespace hana_migration

static_assert(tabula::revision_plan<hana_migration::chain, 1>::upgrade_steps.size() == 1);
static_assert(tabula::revision_plan<hana_migration::chain, 1>::upgrade_steps[0].kind == tabula::step_kind::add_column);
static_assert(tabula::head_matches<hana_migration::chain, tabula::schema<v2::Author, Article>>);

TEST_CASE_TEMPLATE("hana models: a migration adds a column to a Hana model, and back", Backend, TABULA_TEST_BACKENDS) {
    test_support::database<Backend> database;
    auto db = database.open();
    tabula::migrator<hana_migration::chain, Backend> migrate(db);
    auto live = [&] { return tabula::migration_support<Backend>::read_schema(db.connection()); };
    auto differences = [&](const tabula::schema_view& version) {
        std::vector<std::string> out;
        for (const auto& d : tabula::compare_schemas(live(), version, std::remove_cvref_t<decltype(db)>::dialect, {"alembic_version"})) out.push_back(d.message);
        return out;
    };
    const std::vector<std::string> none;

    migrate.upgrade("+1");
    CHECK(differences(hana_migration::s1::view) == none);
    Author ada("ada");
    db.insert(ada);
    db.insert(article(ada.id, "engine", 1843));

    migrate.upgrade("head");
    CHECK(differences(hana_migration::s2::view) == none);
    auto born = db.template get<v2::Author>(ada.id);
    REQUIRE(born.has_value());
    CHECK(born->name == "ada");
    CHECK_FALSE(born->born.has_value());
    born->born = 1815;
    db.update(*born);
    CHECK(db.template get<v2::Author>(ada.id)->born == 1815);

    migrate.downgrade("-1");
    CHECK(differences(hana_migration::s1::view) == none);
    CHECK(db.template get<Author>(ada.id)->name == "ada");
    CHECK(db.template count<Article>() == 1);
}
