// A program built with TABULA_SEPARATE_COMPILATION (tests/CMakeLists.txt defines it for every
// file of tabula_separate_tests): the session's own members come from compiled.cpp, the model
// templates from here. Opening, CRUD, queries, transactions, savepoints, raw SQL and errors must
// behave exactly as in a header-only build; in a Debug build each call below that is not inlined
// links to compiled.cpp's copy.
#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <tabula/sqlite.hpp>

#ifndef TABULA_SEPARATE_COMPILATION
#error "tests/separate is built with TABULA_SEPARATE_COMPILATION"
#endif

namespace separate {
struct Account {
    std::int64_t id = 0;
    std::string owner{};
    std::optional<std::string> note{};
    std::int64_t balance = 0;
};
}  // namespace separate

TEST_CASE("separate compilation: a session works as in a header-only build") {
    auto db = tabula::session<tabula::sqlite>::open("sqlite://");
    db.create_all<separate::Account>();
    const auto ada = db.insert(separate::Account{.owner = "ada", .balance = 10});
    db.insert(separate::Account{.owner = "grace", .note = "admiral", .balance = 20});
    REQUIRE(db.get<separate::Account>(ada));
    CHECK(db.get<separate::Account>(ada)->owner == "ada");
    CHECK(db.query<separate::Account>().where(tabula::col<&separate::Account::balance> > 5).all().size() == 2);

    {
        auto tx = db.transaction();
        db.execute("UPDATE account SET balance = balance + 5");
        tx.commit();
    }
    CHECK(db.raw<std::int64_t>("SELECT SUM(balance) FROM account") == std::vector<std::int64_t>{40});

    try {
        auto tx = db.transaction();
        db.execute("UPDATE account SET balance = 0");
        throw std::runtime_error("give up");
    } catch (const std::runtime_error&) {
    }
    CHECK(db.raw<std::int64_t>("SELECT SUM(balance) FROM account") == std::vector<std::int64_t>{40});

    CHECK_THROWS_AS(db.execute("INSERT INTO account (id, owner, balance) VALUES (1, 'again', 0)"), tabula::constraint_violation);
    CHECK_THROWS_WITH(tabula::session<tabula::sqlite>::open("sqlite:///no/such/directory/x.db"), doctest::Contains("no/such/directory"));
}
