// Migrations on SQLite alone: table rebuilds (their progress, the triggers and indexes they keep,
// the columns they refuse to lose) and the foreign-key check that runs because rebuilds turn
// foreign keys off.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "../support/database.hpp"
#include "../support/migration_models.hpp"
#include "../support/schema_text.hpp"

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

TEST_CASE("SQLite: downgrading to each revision of the foreign-key history gives the schema upgrading to it gives") {
    test_support::downgrades_restore_exactly<fk::chain, tabula::sqlite>(
        {{"f1", &fk::s1::view}, {"f2", &fk::s2::view}, {"f3", &fk::s3::view}, {"f4", &fk::s4::view}});
}

// What tabula wrote for revision 2b0000000002 before it quoted names only where they need it:
// every identifier quoted. Such files exist, and must check clean and migrate as new ones do.
constexpr std::string_view always_quoted_r2 =
    R"(CREATE TABLE "alembic_version" ("version_num" VARCHAR(32) NOT NULL, CONSTRAINT "alembic_version_pkc" PRIMARY KEY ("version_num"));
CREATE TABLE "user" ("id" INTEGER NOT NULL, "name" TEXT NOT NULL, "email" TEXT, "age" INTEGER, PRIMARY KEY ("id"));
CREATE TABLE "note" ("id" TEXT NOT NULL, "heading" TEXT NOT NULL, "body" TEXT NOT NULL, "user_id" BIGINT NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "fk_note_user_id_user" FOREIGN KEY ("user_id") REFERENCES "user" ("id"));
CREATE TABLE "folder" ("id" TEXT NOT NULL, "user_id" BIGINT NOT NULL, "name" TEXT NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "fk_folder_user_id_user" FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE CASCADE);
CREATE INDEX "ix_note_heading" ON "note" ("heading");
INSERT INTO "alembic_version" ("version_num") VALUES ('2b0000000002');)";

TEST_CASE("SQLite: a database tabula wrote with every name quoted checks clean and migrates like a new one") {
    test_support::database<tabula::sqlite> old_database;
    test_support::database<tabula::sqlite> new_database;
    auto old_db = old_database.open();
    auto new_db = new_database.open();
    old_db.connection().execute(always_quoted_r2);
    tabula::migrator<mv::chain, tabula::sqlite> old_migrate(old_db);
    tabula::migrator<mv::chain, tabula::sqlite> new_migrate(new_db);
    new_migrate.upgrade("2b0000000002");
    // The same schema but for the quotes (schema_text compares names unquoted).
    CHECK(test_support::schema_text(old_db) == test_support::schema_text(new_db));
    CHECK(old_db.raw<std::string>("SELECT sql FROM sqlite_master WHERE name = 'folder'")[0].find("\"fk_folder_user_id_user\"") != std::string::npos);
    CHECK(new_db.raw<std::string>("SELECT sql FROM sqlite_master WHERE name = 'folder'")[0].find(" fk_folder_user_id_user ") != std::string::npos);

    for (auto* db : {&old_db, &new_db}) {
        tabula::migrator<mv::chain, tabula::sqlite> migrate(*db);
        db->execute("INSERT INTO \"user\" (name, email) VALUES ('ada', 'ada@example.org')");
        db->execute("INSERT INTO note (id, heading, body, user_id) VALUES ('n1', 'Notes', 'on the engine', 1)");
        // Kept through rebuilds from their stored SQL, quoted as they were written.
        db->execute("CREATE TABLE \"audit log\" (\"what\" TEXT)");
        db->execute("CREATE TRIGGER \"user named\" AFTER UPDATE OF \"name\" ON \"user\" BEGIN INSERT INTO \"audit log\" VALUES (new.\"name\"); END");
        db->execute("CREATE INDEX \"my user name\" ON \"user\" (\"name\")");
        CHECK(migrate.upgrade("5e0000000005").size() == 3);  // rebuilds user, note (as memo) and folder
        db->execute("UPDATE \"user\" SET name = 'Ada'");
        CHECK(strings(*db, "SELECT what FROM \"audit log\"") == std::vector<std::string>{"Ada"});
        CHECK(db->raw<std::int64_t>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'my user name'")[0] == 1);
        migrate.downgrade("2b0000000002");
        CHECK(strings(*db, "SELECT heading FROM note") == std::vector<std::string>{"Notes"});
        CHECK(migrate.upgrade().size() == 4);
        db->execute("DROP INDEX \"my user name\"");  // not in the models: `check` would report them
        db->execute("DROP TABLE \"audit log\"");
        db->execute("DROP TRIGGER \"user named\"");
        CHECK(migrate.check().empty());
    }
    CHECK(test_support::schema_text(old_db) == test_support::schema_text(new_db));
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
    std::vector<tabula::migration_progress> seen;
    tabula::migration_options options;
    options.rows_per_chunk = 7;
    options.progress = [&](const tabula::migration_progress& p) { seen.push_back(p); };
    tabula::migrator<mv::chain, tabula::sqlite> migrate(db, options);
    migrate.upgrade("3c0000000003");
    seen.clear();
    for (int i = 0; i < 50; ++i) db.execute("INSERT INTO \"user\" (name) VALUES (?)", "user " + std::to_string(i));
    migrate.upgrade("4d0000000004");
    std::vector<std::int64_t> copied;
    for (const auto& p : seen)
        if (p.table == "user") {
            CHECK(p.total == 50);
            CHECK(p.revision == "4d0000000004");
            copied.push_back(p.done);
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
    options.progress = [&](const tabula::migration_progress& p) {
        if (p.table == "user") copied.push_back(p.done);
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

// An empty table is made anew rather than copied (nor altered: SQLite re-reads its whole schema
// after ALTER TABLE), so there is no copy to show.
TEST_CASE("SQLite: an empty table's rebuild draws no progress bar") {
    test_support::database<tabula::sqlite> database;
    {
        auto db = database.open();
        tabula::migrator<mv::chain, tabula::sqlite>(db).upgrade("3c0000000003");
    }
    std::ostringstream out;
    std::ostringstream err;
    const std::vector<std::string_view> args{"upgrade", "4d0000000004"};
    CHECK(tabula::migration_command<mv::chain, tabula::sqlite>(database.url(), args, {out, err, true}) == 0);
    CHECK(out.str().find("rebuilding") == std::string::npos);
    auto db = database.open();
    tabula::migrator<mv::chain, tabula::sqlite> migrate(db);
    migrate.upgrade();
    CHECK(migrate.check().empty());
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

// The tabula side of the Alembic environment in tests/data/alembic: the same three revisions with
// the same ids. Alembic has a fourth, which drops note's foreign key by its name.
namespace interop {
namespace v1 {
struct User {
    std::int64_t id = 0;
    std::string name{};
};
struct Note {
    std::int64_t id = 0;
    std::int64_t user_id = 0;
    std::string title{};
};
}  // namespace v1
namespace v2 {
struct Note {
    std::int64_t id = 0;
    std::int64_t user_id = 0;
    std::string title{};
    std::optional<std::string> body{};
};
}  // namespace v2
namespace v3 {
struct Tag {
    std::int64_t id = 0;
    std::string name{};
};
}  // namespace v3
}  // namespace interop
template <>
struct tabula::model<interop::v1::Note> {
    static constexpr auto foreign_keys = std::tuple{tabula::foreign_key<&interop::v1::Note::user_id, &interop::v1::User::id>{}};
};
template <>
struct tabula::model<interop::v2::Note> {
    static constexpr auto indexes = std::tuple{tabula::index<&interop::v2::Note::title>{}};
    static constexpr auto foreign_keys = std::tuple{tabula::foreign_key<&interop::v2::Note::user_id, &interop::v1::User::id>{}};
};
template <>
struct tabula::model<interop::v3::Tag> {
    static constexpr auto columns = std::tuple{tabula::column<&interop::v3::Tag::name>{.unique = true}};
};
namespace interop {
using s1 = tabula::schema<v1::User, v1::Note>;
using s2 = tabula::schema_from<s1, tabula::replace_table<v2::Note>>;
using s3 = tabula::schema_from<s2, tabula::add_table<v3::Tag>>;
struct a1 : tabula::revision<"a10000000001", tabula::base, s1> {};
struct b2 : tabula::revision<"b20000000002", tabula::after<"a10000000001">, s2> {};
struct c3 : tabula::revision<"c30000000003", tabula::after<"b20000000002">, s3> {};
using chain = tabula::revision_chain<a1, b2, c3>;
using migrator = tabula::migrator<chain, tabula::sqlite>;

// A python3 that imports Alembic and SQLAlchemy: TABULA_TEST_PYTHON, python3 on the PATH, or
// Debian's (python3-alembic); empty when there is none.
inline std::string python_with_alembic() {
    std::vector<std::string> candidates;
    if (const char* chosen = std::getenv("TABULA_TEST_PYTHON"); chosen && *chosen) candidates.emplace_back(chosen);
    candidates.emplace_back("python3");
    candidates.emplace_back("/usr/bin/python3");
    for (const std::string& python : candidates)
        if (std::system((python + " -c 'import alembic, sqlalchemy' > /dev/null 2>&1").c_str()) == 0) return python;
    return {};
}

// The Alembic environment copied into a directory of its own, run on one database file.
class alembic_environment {
public:
    explicit alembic_environment(std::string python) : python_(std::move(python)) {
        std::filesystem::copy(TABULA_TEST_DATA_DIR "/alembic", directory_.path(), std::filesystem::copy_options::recursive);
    }
    std::string url() const { return "sqlite:///" + (directory_.path() / "test.db").string(); }

    // `alembic <arguments>` (or `python <script>` with script set): the exit status, and what it printed.
    std::pair<int, std::string> run(const std::string& arguments, bool script = false) const {
        const std::string output = (directory_.path() / "output.txt").string();
        const std::string command = "cd '" + directory_.path().string() + "' && TABULA_ALEMBIC_URL='sqlite:///" +
                                    (directory_.path() / "test.db").string() + "' PYTHONDONTWRITEBYTECODE=1 " + python_ +
                                    (script ? " " : " -m alembic -c alembic.ini ") + arguments + " > '" + output + "' 2>&1";
        const int status = std::system(command.c_str());
        std::ifstream in(output);
        return {status, std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>())};
    }
    // Alembic's autogenerate comparison with the head's models (compare.py): empty when they agree.
    std::string autogenerate_differences() const {
        const auto [status, said] = run("compare.py", true);
        return status == 0 ? std::string() : said + "(exit status " + std::to_string(status) + ")";
    }

private:
    std::string python_;
    test_support::temp_directory directory_;
};
}  // namespace interop

TEST_CASE("SQLite: Alembic and tabula continue each other's databases") {
#ifdef TABULA_SQLCIPHER
    return;  // Alembic's SQLite cannot read an encrypted file
#endif
    const std::string python = interop::python_with_alembic();
    if (python.empty()) {
        MESSAGE("skipped: no python3 here imports alembic and sqlalchemy (Debian: apt-get install python3-alembic)");
        return;
    }
    const std::string tables = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";

    SUBCASE("tabula, then Alembic: autogenerate finds no difference, a revision drops a foreign key by name, downgrade base") {
        interop::alembic_environment alembic(python);
        {
            auto db = tabula::session<tabula::sqlite>(alembic.url());
            interop::migrator(db).upgrade();
            db.execute("INSERT INTO \"user\" (id, name) VALUES (1, 'ada')");
            db.execute("INSERT INTO note (id, user_id, title) VALUES (1, 1, 'engine')");
        }
        CHECK(alembic.autogenerate_differences() == "");
        auto ran = alembic.run("upgrade d40000000004");
        INFO(ran.second);
        REQUIRE(ran.first == 0);
        {
            auto db = tabula::session<tabula::sqlite>(alembic.url());
            CHECK(db.raw<std::int64_t>("SELECT COUNT(*) FROM pragma_foreign_key_list('note')")[0] == 0);
            CHECK(strings(db, "SELECT title FROM note") == std::vector<std::string>{"engine"});
            CHECK_THROWS_WITH_AS(interop::migrator(db).current(), doctest::Contains("d40000000004"), migration_error);
        }
        ran = alembic.run("downgrade base");
        REQUIRE(ran.first == 0);
        auto db = tabula::session<tabula::sqlite>(alembic.url());
        CHECK(strings(db, tables) == std::vector<std::string>{"alembic_version"});
    }

    SUBCASE("Alembic, then tabula: current, upgrade, check; and Alembic downgrades what tabula upgraded") {
        interop::alembic_environment alembic(python);
        auto ran = alembic.run("upgrade b20000000002");
        INFO(ran.second);
        REQUIRE(ran.first == 0);
        {
            auto db = tabula::session<tabula::sqlite>(alembic.url());
            interop::migrator migrate(db);
            CHECK(migrate.current() == std::vector<std::string>{"b20000000002"});
            CHECK(migrate.upgrade() == std::vector<std::string_view>{"c30000000003"});
            CHECK(migrate.check().empty());
        }
        CHECK(alembic.autogenerate_differences() == "");
        ran = alembic.run("downgrade base");
        REQUIRE(ran.first == 0);
        auto db = tabula::session<tabula::sqlite>(alembic.url());
        CHECK(strings(db, tables) == std::vector<std::string>{"alembic_version"});
        interop::migrator migrate(db);
        CHECK(migrate.current().empty());
        CHECK(migrate.upgrade().size() == 3);
        CHECK(migrate.check().empty());
    }
}

// Found by tests/fuzz/revisions.cpp: a command that fails at its third revision keeps the two it
// finished (each revision commits on its own), but the error said "the database is unchanged".
TEST_CASE("SQLite: a failed upgrade names the revision the database is left at") {
    test_support::database<tabula::sqlite> database;
    auto db = database.open();
    mv::migrator migrate(db);
    migrate.upgrade("1a0000000001");
    db.execute("INSERT INTO \"user\" (name, email) VALUES ('ada', 'same@example.org'), ('grace', 'same@example.org')");
    // r2 runs; r3 adds UNIQUE(email) and fails on the duplicates.
    std::string message;
    try {
        migrate.upgrade("head");
    } catch (const migration_error& e) {
        message = e.what();
    }
    CHECK(message.find("upgrade of revision 3c0000000003 (constraints) failed") != std::string::npos);
    CHECK(message.find("the revision was rolled back: the database is at revision 2b0000000002") != std::string::npos);
    CHECK(migrate.current() == std::vector<std::string>{"2b0000000002"});
    CHECK_THROWS_WITH_AS(migrate.upgrade("3c0000000003"), doctest::Contains("the database is at revision 2b0000000002"), migration_error);
}

// A conversion declared in place (for PostgreSQL) changes nothing here: the rebuild puts the
// column where the model declares it.
TEST_CASE("SQLite: a type change converted in place still takes the declared position in the rebuild") {
    test_support::database<tabula::sqlite> database;
    auto db = database.open();
    tabula::migrator<keep::chain, tabula::sqlite> migrate(db);
    migrate.upgrade("k1");
    db.execute("INSERT INTO reading (id, value, unit) VALUES (1, '42', 'kg')");
    migrate.upgrade();
    // Read through introspection rather than pragma_table_info(), which SQLCipher's SQLite 3.15 lacks.
    const tabula::live_schema live = tabula::migration_support<tabula::sqlite>::read_schema(db.connection());
    std::vector<std::string> columns;
    for (const tabula::live_column& c : live.table("reading")->columns) columns.push_back(c.name);
    CHECK(columns == std::vector<std::string>{"id", "unit", "note", "value"});
    CHECK(db.raw<std::int64_t>("SELECT value FROM reading") == std::vector<std::int64_t>{42});
    migrate.downgrade("k1");
    CHECK(strings(db, "SELECT value FROM reading WHERE id = 1") == std::vector<std::string>{"42"});
}

// upgrade_check runs before the revision's first step: its refusal is the error, and the database
// stays at the revision before.
TEST_CASE("SQLite: a revision's upgrade_check refuses the upgrade before any step, naming the problem") {
    test_support::database<tabula::sqlite> database;
    auto db = database.open();
    tabula::migrator<checked::chain, tabula::sqlite> migrate(db);
    migrate.upgrade("m1");
    db.execute("INSERT INTO member (id, email) VALUES (1, 'a@x'), (2, 'a@x')");
    std::string said;
    try {
        migrate.upgrade();
    } catch (const tabula::migration_error& e) {
        said = e.what();
    }
    CHECK(said == "tabula: upgrade of revision m2 () refused by its upgrade_check: email a@x is not unique; nothing was changed");
    CHECK(migrate.current() == std::vector<std::string>{"m1"});
    db.execute("UPDATE member SET email = 'b@x' WHERE id = 2");
    migrate.upgrade();
    CHECK(migrate.current() == std::vector<std::string>{"m2"});
}
