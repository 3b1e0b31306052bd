// Migrations on SQLite alone: table rebuilds (their progress, the triggers and indexes they keep,
// the columns they refuse to lose) and the foreign-key check that runs because rebuilds turn
// foreign keys off.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "../support/database.hpp"
#include "../support/migration_models.hpp"

using tabula::migration_error;

namespace {
std::vector<std::string> strings(tabula::session<tabula::sqlite>& db, std::string_view sql) { return db.raw<std::string>(sql); }
}  // namespace

TEST_CASE("SQLite: a revision leaving rows that violate foreign keys fails") {
    test_support::database<tabula::sqlite> database;
    auto db = database.open("foreign_keys=false");
    tabula::migrator<mv::chain, tabula::sqlite> migrate(db);
    migrate.upgrade("2b0000000002");
    db.execute("INSERT INTO note (id, heading, body, user_id) VALUES ('orphan', 't', 'b', 999)");
    CHECK_THROWS_WITH_AS(migrate.upgrade("+1"), doctest::Contains("violating foreign keys: note"), migration_error);
    CHECK(migrate.current() == std::vector<std::string>{"2b0000000002"});
}

namespace fk {
struct Parent {
    std::int64_t id = 0;
};
struct Child {
    std::int64_t id = 0;
    std::int64_t parent_id = 0;
    std::string label{};
};
struct Other {
    std::int64_t id = 0;
};
struct WideOther {
    std::int64_t id = 0;
    std::optional<std::string> note{};
};
struct KeyedParent {
    std::int64_t id = 0;
    std::optional<std::string> name{};
};
struct RenamedChild {
    std::int64_t id = 0;
    std::int64_t parent_id = 0;
    std::string title{};
};
}  // namespace fk
template <>
struct tabula::model<fk::Child> {
    static constexpr std::string_view table = "child";
    static constexpr auto foreign_keys = std::tuple{tabula::foreign_key<&fk::Child::parent_id, &fk::Parent::id>{}};
};
template <>
struct tabula::model<fk::RenamedChild> {
    static constexpr std::string_view table = "child";
    static constexpr auto foreign_keys = std::tuple{tabula::foreign_key<&fk::RenamedChild::parent_id, &fk::Parent::id>{}};
};
template <>
struct tabula::model<fk::WideOther> {
    static constexpr std::string_view table = "other";
};
template <>
struct tabula::model<fk::KeyedParent> {
    static constexpr std::string_view table = "parent";
    static constexpr auto columns = std::tuple{tabula::column<&fk::KeyedParent::name>{.unique = true}};
};
namespace fk {
using s1 = tabula::schema<Parent, Child, Other>;
using s2 = tabula::schema_from<s1, tabula::replace_table<WideOther>>;
using s3 = tabula::schema_from<s2, tabula::rename_column<&Child::label, &RenamedChild::title>>;
using s4 = tabula::schema_from<s3, tabula::replace_table<KeyedParent>>;
struct r1 : tabula::revision<"f1", tabula::base, s1> {};
struct r2 : tabula::revision<"f2", tabula::after<"f1">, s2> {};
struct r3 : tabula::revision<"f3", tabula::after<"f2">, s3> {};
struct r4 : tabula::revision<"f4", tabula::after<"f3">, s4> {};
using chain = tabula::revision_chain<r1, r2, r3, r4>;
}  // namespace fk

TEST_CASE("SQLite: the foreign-key check after a revision covers the tables it touched and those referencing them") {
    test_support::database<tabula::sqlite> database;
    auto db = database.open("foreign_keys=false");
    tabula::migrator<fk::chain, tabula::sqlite> migrate(db);
    migrate.upgrade("f1");
    db.execute("INSERT INTO parent (id) VALUES (1)");
    db.execute("INSERT INTO child (id, parent_id, label) VALUES (1, 1, 'fine'), (2, 999, 'orphan')");
    // f2 changes only `other`, which neither references nor is referenced by child.
    CHECK(migrate.upgrade("f2") == std::vector<std::string_view>{"f2"});
    // A rename moves no row and no key: nothing to check.
    CHECK(migrate.upgrade("f3") == std::vector<std::string_view>{"f3"});
    // f4 changes parent's keys (a new unique constraint), which child references: child's orphan
    // is found and named.
    CHECK_THROWS_WITH_AS(migrate.upgrade("f4"), doctest::Contains("leaves 1 row(s) violating foreign keys: child(rowid 2) -> parent"),
                         migration_error);
    CHECK(migrate.current() == std::vector<std::string>{"f3"});
    db.execute("DELETE FROM child WHERE id = 2");
    CHECK(migrate.upgrade() == std::vector<std::string_view>{"f4"});
}

TEST_CASE("SQLite: a rebuild keeps triggers and indexes tabula does not manage, and refuses to lose unknown columns") {
    test_support::database<tabula::sqlite> database;
    auto db = database.open();
    tabula::migrator<mv::chain, tabula::sqlite> migrate(db);
    migrate.upgrade("3c0000000003");
    db.execute("INSERT INTO \"user\" (name) VALUES ('ada')");
    db.execute("CREATE TABLE audit_log (what TEXT)");
    db.execute("CREATE TRIGGER user_named AFTER UPDATE OF name ON \"user\" BEGIN INSERT INTO audit_log VALUES (new.name); END");
    db.execute("CREATE INDEX my_user_name ON \"user\" (name)");
    migrate.upgrade("4d0000000004");  // rebuilds user
    db.execute("UPDATE \"user\" SET name = 'Ada'");
    CHECK(strings(db, "SELECT what FROM audit_log") == std::vector<std::string>{"Ada"});
    CHECK(db.raw<std::int64_t>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'my_user_name'")[0] == 1);

    db.execute("ALTER TABLE \"user\" ADD COLUMN secret TEXT");
    db.execute("UPDATE \"user\" SET secret = 'keep me'");
    CHECK_THROWS_WITH_AS(migrate.upgrade("+1"), doctest::Contains("column 'secret'"), migration_error);
    CHECK(strings(db, "SELECT secret FROM \"user\"") == std::vector<std::string>{"keep me"});
    CHECK(migrate.current() == std::vector<std::string>{"4d0000000004"});
}

TEST_CASE("SQLite: rebuilds report the rows they copy") {
    test_support::database<tabula::sqlite> database;
    auto db = database.open();
    std::vector<tabula::rebuild_progress> seen;
    tabula::migration_options options;
    options.rows_per_chunk = 7;
    options.progress = [&](const tabula::rebuild_progress& p) { seen.push_back(p); };
    tabula::migrator<mv::chain, tabula::sqlite> migrate(db, options);
    migrate.upgrade("3c0000000003");
    seen.clear();
    for (int i = 0; i < 50; ++i) db.execute("INSERT INTO \"user\" (name) VALUES (?)", "user " + std::to_string(i));
    migrate.upgrade("4d0000000004");
    std::vector<std::int64_t> copied;
    for (const auto& p : seen)
        if (p.table == "user") {
            CHECK(p.rows_total == 50);
            CHECK(p.revision == "4d0000000004");
            copied.push_back(p.rows_copied);
        }
    REQUIRE(copied.size() >= 8);
    CHECK(copied.front() == 0);
    CHECK(copied.back() == 50);
    // Rising, except where a second rebuild of the same table starts again from 0 (an SQLite
    // without DROP COLUMN, before 3.35, rebuilds for the drop too).
    for (std::size_t i = 1; i < copied.size(); ++i) CHECK((copied[i] >= copied[i - 1] || copied[i] == 0));
    CHECK(db.raw<std::int64_t>("SELECT COUNT(*) FROM \"user\" WHERE score = length(name)")[0] == 50);
}

TEST_CASE("SQLite: progress over sparse keys: chunks end where the rows are") {
    test_support::database<tabula::sqlite> database;
    auto db = database.open();
    std::vector<std::int64_t> copied;
    tabula::migration_options options;
    options.rows_per_chunk = 4;
    options.progress = [&](const tabula::rebuild_progress& p) {
        if (p.table == "user") copied.push_back(p.rows_copied);
    };
    tabula::migrator<mv::chain, tabula::sqlite> migrate(db, options);
    migrate.upgrade("3c0000000003");
    for (int i = 1; i <= 30; ++i) db.execute("INSERT INTO \"user\" (id, name) VALUES (?, ?)", std::int64_t{i} * 1'000'003, "n" + std::to_string(i));
    migrate.upgrade("4d0000000004");
    REQUIRE(copied.size() >= 8);  // 30 rows in chunks of 4
    CHECK(copied.back() == 30);
    // Rising, except where a second rebuild of the same table starts again from 0 (an SQLite
    // without DROP COLUMN, before 3.35, rebuilds for the drop too).
    for (std::size_t i = 1; i < copied.size(); ++i) CHECK((copied[i] >= copied[i - 1] || copied[i] == 0));
    CHECK(db.raw<std::int64_t>("SELECT COUNT(*) FROM \"user\" WHERE score = length(name)")[0] == 30);
}

TEST_CASE("SQLite: the command line draws a progress bar for rebuilds on a terminal") {
    test_support::database<tabula::sqlite> database;
    {
        auto db = database.open();
        tabula::migrator<mv::chain, tabula::sqlite>(db).upgrade("3c0000000003");
        for (int i = 0; i < 20; ++i) db.execute("INSERT INTO \"user\" (name) VALUES (?)", "u" + std::to_string(i));
    }
    std::ostringstream out;
    std::ostringstream err;
    tabula::migration_options options;
    options.rows_per_chunk = 10;
    const std::vector<std::string_view> args{"upgrade", "4d0000000004"};
    CHECK(tabula::migration_command<mv::chain, tabula::sqlite>(database.url(), args, {out, err, true}, options) == 0);
    const std::string text = out.str();
    CHECK(text.find("\r  rebuilding user [###############---------------] 50% 10/20 rows") != std::string::npos);
    CHECK(text.find("\r  rebuilding user [##############################] 100% 20/20 rows\n") != std::string::npos);
}

TEST_CASE("SQLite: an empty table's rebuild draws its progress bar once") {
    // Before 3.35 SQLite has no DROP COLUMN: the revision rebuilds the table twice, a bar each.
    if (tabula::sqlite_backend::library_version() < 3035000) {
        MESSAGE("skipped: SQLite " << sqlite3_libversion() << " rebuilds this table twice");
        return;
    }
    test_support::database<tabula::sqlite> database;
    {
        auto db = database.open();
        tabula::migrator<mv::chain, tabula::sqlite>(db).upgrade("3c0000000003");
    }
    std::ostringstream out;
    std::ostringstream err;
    const std::vector<std::string_view> args{"upgrade", "4d0000000004"};
    CHECK(tabula::migration_command<mv::chain, tabula::sqlite>(database.url(), args, {out, err, true}) == 0);
    const std::string text = out.str();
    std::size_t bars = 0;
    for (std::size_t at = text.find("rebuilding user"); at != std::string::npos; at = text.find("rebuilding user", at + 1)) ++bars;
    CHECK(bars == 1);
    CHECK(text.find("\r  rebuilding user [##############################] 100% 0/0 rows\n") != std::string::npos);
}

namespace {

// `processes` real processes start together and each runs `db upgrade` on the database; returns
// what the failing ones reported (empty when none failed).
std::string upgrade_in_processes(const std::string& url, int processes) {
    int report[2];
    int start[2];
    REQUIRE(pipe(report) == 0);
    REQUIRE(pipe(start) == 0);
    std::vector<pid_t> children;
    for (int p = 0; p < processes; ++p) {
        const pid_t child = fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            close(report[0]);
            close(start[1]);
            char go = 0;
            [[maybe_unused]] const auto started = read(start[0], &go, 1);  // returns when the parent closes the pipe
            std::ostringstream out;
            std::ostringstream err;
            const std::vector<std::string_view> args{"upgrade", "head"};
            int code = 1;
            try {
                code = tabula::migration_command<mv::chain, tabula::sqlite>(url, args, {out, err, false});
            } catch (const std::exception& e) {
                err << e.what();
            }
            if (code != 0) {
                const std::string line = "process " + std::to_string(p) + ": " + err.str() + "\n";
                [[maybe_unused]] const auto written = write(report[1], line.data(), line.size());
            }
            _exit(code);
        }
        children.push_back(child);
    }
    close(start[0]);
    close(start[1]);  // all start
    close(report[1]);
    std::string errors;
    char buffer[4096];
    for (ssize_t n; (n = read(report[0], buffer, sizeof buffer)) > 0;) errors.append(buffer, static_cast<std::size_t>(n));
    close(report[0]);
    for (pid_t child : children) {
        int status = 0;
        REQUIRE(waitpid(child, &status, 0) == child);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            if (errors.empty()) errors = "a process exited abnormally";
    }
    return errors;
}

}  // namespace

// Each process switches the file to WAL as it opens, while another may already be migrating in
// it: the switch waits for the lock like any statement. Measured before: 6 trials of 30 had a
// process fail with "database is locked (while executing: PRAGMA journal_mode = WAL)".
TEST_CASE("SQLite: 4 processes upgrading one file with wal=true, new or not yet in WAL mode, all succeed") {
    int failures = 0;
    std::string first_error;
    for (int trial = 0; trial < 30; ++trial) {
        test_support::database<tabula::sqlite> database;
        if (trial % 2 == 1) {  // an existing file in rollback-journal mode, partway through the chain
            auto db = database.open();
            tabula::migrator<mv::chain, tabula::sqlite>(db).upgrade("2b0000000002");
            for (int i = 0; i < 200; ++i) db.execute("INSERT INTO \"user\" (name) VALUES (?)", "u" + std::to_string(i));
        }
        const std::string errors = upgrade_in_processes(database.url("wal=true"), 4);
        if (!errors.empty() && failures++ == 0) first_error = errors;
        auto db = database.open();
        CHECK(db.raw<std::string>("PRAGMA journal_mode")[0] == "wal");
        CHECK(tabula::migrator<mv::chain, tabula::sqlite>(db).current() == std::vector<std::string>{"6f0000000006"});
    }
    CHECK_MESSAGE(failures == 0, first_error);
}
