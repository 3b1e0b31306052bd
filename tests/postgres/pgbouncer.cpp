// Behind PgBouncer in transaction pooling mode (1.18, which keeps no prepared statements): each
// transaction may run on another server connection. A prepared statement missing there is run
// again unprepared outside a transaction, and the connection stops preparing; inside one it is a
// clear error that names the setting; with prepared_statements=false everything works.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../support/database.hpp"
#include "../support/text.hpp"
#include "../support/models.hpp"

using namespace testing_models;

// PgBouncer passes no session settings through, so these tests use the database's own schema,
// with a table no other test uses. (Models need external linkage, so it is outside the anonymous
// namespace.)
namespace bouncer_models {
struct Bounced {
    std::string id{};
    std::int64_t value = 0;
};
}  // namespace bouncer_models
using bouncer_models::Bounced;

namespace {

std::string bouncer(std::string_view options = {}) {
    std::string url = test_support::server_url("pgbouncer");
    if (!options.empty()) url += "?" + std::string(options);
    return url;
}

// Pins a server connection in a transaction so that the next statement elsewhere lands on another.
void pin(tabula::session<tabula::postgres>& other) {
    other.execute_script("BEGIN");
    other.raw<std::int64_t>("SELECT 1");
}
}  // namespace

TEST_CASE("PostgreSQL: through PgBouncer, prepared statements fall back cleanly when a transaction lands elsewhere") {
    tabula::session<tabula::postgres> setup(bouncer("prepared_statements=false"));
    setup.drop_all<Bounced>();
    setup.create_all<Bounced>();

    tabula::session<tabula::postgres> db(bouncer());
    tabula::session<tabula::postgres> other(bouncer("prepared_statements=false"));
    CHECK(db.connection().prepares_statements());
    db.insert(Bounced{"a", 1});  // prepared on whichever server connection was free
    for (int round = 0; round < 5; ++round) {
        pin(other);  // that connection is now taken; the next statement of db goes to another
        db.insert(Bounced{"r" + std::to_string(round), round});
        other.execute_script("COMMIT");
    }
    CHECK(db.count<Bounced>() == 6);
    CHECK_FALSE(db.connection().prepares_statements());  // it fell back, and stays unprepared

    // Inside a transaction the statement cannot be run again: a clear error naming the setting.
    tabula::session<tabula::postgres> fresh(bouncer());
    CHECK(fresh.count<Bounced>() == 6);
    pin(other);
    try {
        auto tx = fresh.transaction();
        fresh.count<Bounced>();
        fresh.insert(Bounced{"lost", 0});
    } catch (const tabula::statement_error& e) {
        CHECK(std::string(e.what()).find("prepared_statements=false") != std::string::npos);
    }
    other.execute_script("COMMIT");
    CHECK(fresh.count<Bounced>() >= 6);
    CHECK_FALSE(fresh.get<Bounced>("lost").has_value());
    setup.drop_all<Bounced>();
}

TEST_CASE("PostgreSQL: through PgBouncer with prepared_statements=false, transactions, streams and COPY work") {
    tabula::session<tabula::postgres> db(bouncer("prepared_statements=false"));
    db.drop_all<Bounced>();
    db.create_all<Bounced>();
    tabula::session<tabula::postgres> other(bouncer("prepared_statements=false"));
    {
        auto tx = db.transaction();
        db.insert(Bounced{"x", 1});
        pin(other);
        db.insert(Bounced{"y", 2});
        db.update(Bounced{"x", 10});
        other.execute_script("COMMIT");
    }
    std::vector<Bounced> many;
    for (int i = 0; i < 500; ++i) many.push_back(Bounced{test_support::numbered("m", i), i});
    CHECK(db.insert_many(many) == 500);
    std::int64_t sum = 0;
    for (const Bounced& row : db.query<Bounced>().stream()) sum += row.value;
    CHECK(sum == 10 + 2 + 499 * 500 / 2);
    db.drop_all<Bounced>();
}
