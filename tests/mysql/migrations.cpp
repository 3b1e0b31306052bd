// Migrations on MySQL, where every DDL statement commits on its own: a revision stopped anywhere
// (kill -9, a step that fails past what can be undone, a crash between a step and its progress
// record) is completed by the next upgrade, and the database then matches the head exactly.
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "../support/database.hpp"
#include "../support/migration_models.hpp"

using tabula::migration_error;

namespace interrupted {
// r5 as the chain has it, but killed (SIGKILL, no cleanup) in the middle of its data function,
// after its schema steps and before the steps that follow the data function.
struct r5_killed : tabula::revision<"5e0000000005", tabula::after<"4d0000000004">, mv::s5> {
    static constexpr std::string_view message = "cleanup";
    using data_loss = tabula::data_loss<"folder">;
    template <class Session>
    static void upgrade_data(Session& db) {
        db.execute("UPDATE \"user\" SET \"role\" = 'written by the killed process'");
        ::kill(::getpid(), SIGKILL);
    }
    template <class Session>
    static void downgrade_data(Session&) {}
};
// r5 whose data function leaves roles NULL, so the step after it (role NOT NULL) fails.
struct r5_incomplete : tabula::revision<"5e0000000005", tabula::after<"4d0000000004">, mv::s5> {
    static constexpr std::string_view message = "cleanup";
    using data_loss = tabula::data_loss<"folder">;
    template <class Session>
    static void upgrade_data(Session& db) {
        db.execute("UPDATE \"user\" SET \"role\" = 'first' WHERE id = 1");
    }
    template <class Session>
    static void downgrade_data(Session&) {}
};
using killed = tabula::revision_chain<mv::r1, mv::r2, mv::r3, mv::r4, r5_killed, mv::r6>;
using incomplete = tabula::revision_chain<mv::r1, mv::r2, mv::r3, mv::r4, r5_incomplete, mv::r6>;
}  // namespace interrupted

namespace {

template <class Session>
void add_rows_at_r4(Session& db) {
    db.execute("INSERT INTO \"user\" (name, email, score) VALUES ('ada', 'ada@example.org', 3), ('grace', NULL, 5), ('alan', NULL, 4)");
    db.execute("INSERT INTO memo (id, heading, body, user_id) VALUES ('m1', 'Notes', 'on the engine', 1), ('m2', 'Bugs', 'moth', 2)");
    db.execute("INSERT INTO folder (id, user_id, name) VALUES ('f1', 1, 'papers')");
}

std::vector<std::string> messages(tabula::migrator<mv::chain, tabula::mysql>& migrate) {
    std::vector<std::string> out;
    for (const auto& d : migrate.check()) out.push_back(d.message);
    return out;
}

}  // namespace

TEST_CASE("MySQL: an upgrade killed in the middle of a revision is completed by the next upgrade") {
    test_support::database<tabula::mysql> database;
    auto db = database.open();
    tabula::migrator<mv::chain, tabula::mysql> migrate(db);
    migrate.upgrade("4d0000000004");
    add_rows_at_r4(db);

    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        try {
            auto own = database.open();
            tabula::migrator<interrupted::killed, tabula::mysql>(own).upgrade();
        } catch (...) {
        }
        _exit(0);  // not reached: the data function kills the process
    }
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    REQUIRE(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == SIGKILL);

    // The revision's first steps are in the database, its record says it is under way.
    CHECK(migrate.current() == std::vector<std::string>{"4d0000000004"});
    const auto found = messages(migrate);
    REQUIRE(found.size() >= 2);
    CHECK(found[1].find("the upgrade of revision 5e0000000005 stopped after") == 0);
    // The killed data function's transaction was rolled back by the server.
    CHECK(db.raw<std::optional<std::string>>("SELECT role FROM \"user\" WHERE id = 1")[0] == std::nullopt);

    CHECK(migrate.upgrade() == std::vector<std::string_view>{"5e0000000005", "6f0000000006"});
    CHECK(migrate.check().empty());
    CHECK(db.raw<std::string>("SELECT role FROM \"user\" ORDER BY id") == std::vector<std::string>{"member", "admin", "admin"});
    CHECK(db.raw<std::string>("SELECT heading FROM memo ORDER BY id") == std::vector<std::string>{"Notes", "Bugs"});
    CHECK(db.raw<std::int64_t>("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = "
                               "'alembic_version_progress'")[0] == 0);
}

TEST_CASE("MySQL: a step failing after the data function committed leaves the revision partway; upgrade resumes it") {
    test_support::database<tabula::mysql> database;
    auto db = database.open();
    tabula::migrator<mv::chain, tabula::mysql> migrate(db);
    migrate.upgrade("4d0000000004");
    add_rows_at_r4(db);

    tabula::migrator<interrupted::incomplete, tabula::mysql> failing(db);
    try {
        failing.upgrade();
        FAIL("the revision succeeded with NULL roles");
    } catch (const migration_error& e) {
        const std::string what = e.what();
        CAPTURE(what);
        CHECK(e.revision() == "5e0000000005");
        CHECK(what.find("failed at step 'require NOT NULL user.role") != std::string::npos);
        CHECK(what.find("the database is partway through the revision") != std::string::npos);
        CHECK(what.find("run upgrade again: it resumes at the step that failed") != std::string::npos);
    }
    CHECK(migrate.current() == std::vector<std::string>{"4d0000000004"});
    // A downgrade cannot undo a data function that has committed: it refuses, changing nothing.
    CHECK_THROWS_WITH_AS(migrate.downgrade("-1"), doctest::Contains("past what can be undone; run upgrade again to complete it first"),
                         migration_error);

    db.execute("UPDATE \"user\" SET role = 'fixed by hand' WHERE role IS NULL");
    CHECK(migrate.upgrade() == std::vector<std::string_view>{"5e0000000005", "6f0000000006"});
    CHECK(migrate.check().empty());
    // The data function ran once, in the failed run; the resumed run did not run it again.
    CHECK(db.raw<std::string>("SELECT role FROM \"user\" ORDER BY id") == std::vector<std::string>{"first", "fixed by hand", "fixed by hand"});
}

TEST_CASE("MySQL: a step whose DDL committed before its progress was recorded is skipped when the revision resumes") {
    test_support::database<tabula::mysql> database;
    auto db = database.open();
    tabula::migrator<mv::chain, tabula::mysql> migrate(db);
    migrate.upgrade("3c0000000003");
    db.execute("INSERT INTO \"user\" (name) VALUES ('ada')");
    db.execute("INSERT INTO note (id, heading, body, user_id) VALUES ('n1', 'Notes', 'on the engine', 1)");
    // As a process killed right after r4's first DDL statements would leave it: the foreign key
    // dropped, the index dropped, the table renamed, and the progress record still at 0.
    db.connection().execute(
        "CREATE TABLE alembic_version_progress (revision VARCHAR(32) NOT NULL PRIMARY KEY, direction VARCHAR(9) NOT NULL, step INT NOT NULL)");
    db.execute("INSERT INTO alembic_version_progress VALUES ('4d0000000004', 'upgrade', 0)");
    db.execute("ALTER TABLE note DROP FOREIGN KEY fk_note_user_id_user");
    db.execute("DROP INDEX ix_note_heading ON note");
    db.execute("ALTER TABLE note RENAME TO memo");

    CHECK(migrate.upgrade("4d0000000004") == std::vector<std::string_view>{"4d0000000004"});
    CHECK(migrate.upgrade() == std::vector<std::string_view>{"5e0000000005", "6f0000000006"});
    CHECK(migrate.check().empty());
    CHECK(db.raw<std::string>("SELECT heading FROM memo") == std::vector<std::string>{"Notes"});
    CHECK(db.raw<std::int64_t>("SELECT score FROM \"user\"") == std::vector<std::int64_t>{3});
}

TEST_CASE("MySQL: a revision that fails before anything irreversible is undone, and stamp clears a record left behind") {
    test_support::database<tabula::mysql> database;
    auto db = database.open();
    tabula::migrator<mv::chain, tabula::mysql> migrate(db);
    migrate.upgrade("2b0000000002");
    // r3 adds a unique constraint on user.email: duplicates make its first step fail.
    db.execute("INSERT INTO \"user\" (name, email) VALUES ('ada', 'same@example.org'), ('grace', 'same@example.org')");
    CHECK_THROWS_WITH_AS(migrate.upgrade("3c0000000003"), doctest::Contains("it was rolled back and the database is at revision 2b0000000002"), migration_error);
    CHECK(migrate.current() == std::vector<std::string>{"2b0000000002"});
    const auto live = tabula::migration_support<tabula::mysql>::read_schema(db.connection());
    CHECK(tabula::compare_schemas(live, mv::s2::view, tabula::sql::dialect::mysql, {"alembic_version"}).empty());

    // A record whose revision was stamped since is dropped, not resumed.
    db.connection().execute(
        "CREATE TABLE alembic_version_progress (revision VARCHAR(32) NOT NULL PRIMARY KEY, direction VARCHAR(9) NOT NULL, step INT NOT NULL)");
    db.execute("INSERT INTO alembic_version_progress VALUES ('3c0000000003', 'upgrade', 2)");
    migrate.stamp("2b0000000002");
    db.execute("UPDATE \"user\" SET email = 'other@example.org' WHERE name = 'grace'");
    CHECK(migrate.upgrade() == std::vector<std::string_view>{"3c0000000003", "4d0000000004", "5e0000000005", "6f0000000006"});
    CHECK(migrate.check().empty());
}
