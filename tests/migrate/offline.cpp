// Offline SQL: the script an upgrade or downgrade would run, without a database, like
// `alembic upgrade --sql`; and the history listing.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../support/migration_models.hpp"

using tabula::migration_direction;

TEST_CASE("the offline upgrade script, base to r2") {
    CHECK(mv::migrator::offline_script(migration_direction::upgrade, "base", "2b0000000002") ==
          R"(-- tabula upgrade base -> 2b0000000002 (sqlite)
PRAGMA foreign_keys = OFF;
CREATE TEMP TABLE IF NOT EXISTS _tabula_rows (name TEXT PRIMARY KEY, before_rows INTEGER, after_rows INTEGER);
CREATE TEMP TABLE IF NOT EXISTS _tabula_guard (ok INTEGER);
CREATE TEMP TRIGGER IF NOT EXISTS _tabula_guard_failed BEFORE INSERT ON _tabula_guard WHEN NEW.ok IS NOT 1 BEGIN SELECT RAISE(ROLLBACK, 'tabula: a statement of this revision failed (see the error before this one): the revision was rolled back, the database stays at the last complete revision'); END;
CREATE TABLE IF NOT EXISTS alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num));

-- Running upgrade <base> -> 1a0000000001, init
BEGIN;
CREATE TABLE IF NOT EXISTS user (id INTEGER NOT NULL, name TEXT NOT NULL, email TEXT, PRIMARY KEY (id));
CREATE TABLE IF NOT EXISTS note (id TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, user_id BIGINT NOT NULL, PRIMARY KEY (id), CONSTRAINT fk_note_user_id_user FOREIGN KEY (user_id) REFERENCES user (id));
INSERT INTO alembic_version (version_num) VALUES ('1a0000000001');
INSERT INTO temp._tabula_guard (ok) SELECT (SELECT group_concat(version_num, ',') FROM (SELECT version_num FROM alembic_version ORDER BY version_num)) IS '1a0000000001'
  AND (SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_table_info('user') ORDER BY name)) IS 'email,id,name'
  AND (SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_table_info('note') ORDER BY name)) IS 'body,id,title,user_id'
  AND NOT EXISTS (SELECT 1 FROM temp._tabula_rows WHERE after_rows IS NOT before_rows);
DELETE FROM temp._tabula_rows;
COMMIT;

-- Running upgrade 1a0000000001 -> 2b0000000002, folders
BEGIN;
ALTER TABLE note RENAME COLUMN title TO heading;
CREATE TABLE folder (id TEXT NOT NULL, user_id BIGINT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (id), CONSTRAINT fk_folder_user_id_user FOREIGN KEY (user_id) REFERENCES user (id) ON DELETE CASCADE);
ALTER TABLE user ADD COLUMN age INTEGER;
CREATE INDEX ix_note_heading ON note (heading);
DELETE FROM alembic_version WHERE version_num = '1a0000000001';
INSERT INTO alembic_version (version_num) VALUES ('2b0000000002');
INSERT INTO temp._tabula_guard (ok) SELECT (SELECT group_concat(version_num, ',') FROM (SELECT version_num FROM alembic_version ORDER BY version_num)) IS '2b0000000002'
  AND (SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_table_info('note') ORDER BY name)) IS 'body,heading,id,user_id'
  AND (SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_table_info('folder') ORDER BY name)) IS 'id,name,user_id'
  AND (SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_table_info('user') ORDER BY name)) IS 'age,email,id,name'
  AND EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'ix_note_heading')
  AND NOT EXISTS (SELECT 1 FROM temp._tabula_rows WHERE after_rows IS NOT before_rows);
DELETE FROM temp._tabula_rows;
COMMIT;

PRAGMA foreign_keys = ON;
)");
}

TEST_CASE("a table rebuild in an offline script, with a fill expression") {
    const std::string script = mv::migrator::offline_script(migration_direction::upgrade, "3c0000000003", "4d0000000004");
    CHECK(script.find(R"(INSERT INTO _tabula_rebuild_memo (id, heading, body, user_id, pinned) SELECT id, heading, body, user_id, pinned FROM note;)") !=
          std::string::npos);
    CHECK(script.find(R"(ALTER TABLE _tabula_rebuild_memo RENAME TO memo;)") != std::string::npos);
    CHECK(script.find(R"(SELECT id, name, email, age, (length("name")) FROM user;)") != std::string::npos);
    CHECK(script.find(R"(ALTER TABLE user DROP COLUMN age;)") != std::string::npos);
}

TEST_CASE("data functions cannot run offline: noted in the script and returned as warnings") {
    std::vector<std::string> warnings;
    const std::string script = mv::migrator::offline_script(migration_direction::upgrade, "4d0000000004", "5e0000000005", "alembic_version", &warnings);
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0] == "revision 5e0000000005 has a data function (upgrade_data) that cannot run in an offline script");
    CHECK(script.find("-- WARNING: " + warnings[0]) != std::string::npos);
}

TEST_CASE("an offline downgrade, and the refusal past an irreversible revision") {
    const std::string script = mv::migrator::offline_script(migration_direction::downgrade, "3c0000000003", "1a0000000001", "schema_version");
    CHECK(script.find(R"(DROP INDEX ix_note_heading;)") != std::string::npos);
    CHECK(script.find(R"(ALTER TABLE note RENAME COLUMN heading TO title;)") != std::string::npos);
    CHECK(script.find(R"(DROP TABLE folder;)") != std::string::npos);
    CHECK(script.find(R"(INSERT INTO schema_version (version_num) VALUES ('1a0000000001');)") != std::string::npos);
    CHECK(script.find("2b0000000002 -> 1a0000000001, folders") != std::string::npos);
    CHECK_THROWS_AS(mv::migrator::offline_script(migration_direction::downgrade, "head", "base"), tabula::migration_error);
}

TEST_CASE("history, heads and target names") {
    CHECK(mv::migrator::history() == R"(5e0000000005 -> 6f0000000006 (head), audit
4d0000000004 -> 5e0000000005, cleanup
3c0000000003 -> 4d0000000004, memos
2b0000000002 -> 3c0000000003, constraints
1a0000000001 -> 2b0000000002, folders
<base> -> 1a0000000001, init
)");
    const std::string verbose = mv::migrator::history(true);
    CHECK(verbose.find("Rev: 6f0000000006 (head)\nParent: 5e0000000005\n\n    audit\n") != std::string::npos);
    CHECK(verbose.find("      - rename table note -> memo\n") != std::string::npos);
    CHECK(verbose.find("downgrade: refused (it is declared irreversible)") != std::string::npos);
    CHECK(mv::migrator::heads() == std::vector<std::string_view>{"6f0000000006"});
    CHECK(mv::migrator::branches().empty());
    CHECK(mv::migrator::resolve("head") == 5);
    CHECK(mv::migrator::resolve("3c00") == 2);  // a unique prefix
    CHECK_THROWS_AS(mv::migrator::resolve("ffff"), tabula::migration_error);
    CHECK_THROWS_AS(mv::migrator::resolve("3c"), tabula::migration_error);  // too short to be a prefix
}

TEST_CASE("targets relative to a revision, as Alembic writes them") {
    CHECK(mv::migrator::resolve("1a0000000001+2") == 2);
    CHECK(mv::migrator::resolve("3c00+1") == 3);  // a prefix, then the step
    CHECK(mv::migrator::resolve("head-2") == 3);
    CHECK(mv::migrator::resolve("4d0000000004-3") == 0);
    CHECK_THROWS_WITH_AS(mv::migrator::resolve("head+1"), "tabula: 'head+1' goes past the head revision 6f0000000006", tabula::migration_error);
    CHECK_THROWS_WITH_AS(mv::migrator::resolve("2b0000000002-2"), doctest::Contains("goes below the base revision"), tabula::migration_error);
    CHECK_THROWS_WITH_AS(mv::migrator::resolve("9999+1"), "tabula: unknown revision '9999'", tabula::migration_error);
    CHECK_THROWS_WITH_AS(mv::migrator::resolve("2b0000000002-x"), "tabula: unknown revision '2b0000000002-x'", tabula::migration_error);
}

// migrate.hpp before the backend header: the backend's migration support is there all the same.
static_assert(tabula::migration_backend<tabula::sqlite>);

// A revision with every kind of work: a fill expression, a column its data function fills,
// hand-written SQL, and a drop.
namespace ordered {
struct Note {
    std::string id{};
    std::string title{};
    std::int64_t user_id = 0;
    std::string summary{};
    std::int64_t words = 0;
};
using s2 = tabula::schema_from<mv::s1, tabula::replace_table<Note>>;
struct r2 : tabula::revision<"2b0000000002", tabula::after<"1a0000000001">, s2> {
    static constexpr std::string_view message = "summaries";
    using data_loss = tabula::data_loss<"note.body">;
    static constexpr std::array fills = {tabula::fill_column<&Note::summary>("substr(\"body\", 1, 20)")};
    static constexpr std::array upgrade_sql = {tabula::dialect_sql{.all = "UPDATE note\nSET title = upper(title)"}};
    template <class Session>
    static void upgrade_data(Session&) {}
    template <class Session>
    static void downgrade_data(Session&) {}
};
using migrator = tabula::migrator<tabula::revision_chain<mv::r1, r2>, tabula::sqlite>;
}  // namespace ordered

TEST_CASE("show and history -v list a revision's work in the order it runs, with fill expressions") {
    CHECK(ordered::migrator::show("2b0000000002") == R"(Rev: 2b0000000002 (head)
Parent: 1a0000000001

    summaries

    upgrade:
      - drop foreign key fk_note_user_id_user on note -> user
      - add column note.summary (text, NOT NULL)
      - fill note.summary = substr("body", 1, 20)
      - add column note.words (int64, NULL)
      - SQL: UPDATE note
        SET title = upper(title)
      - data function upgrade_data
      - drop column note.body [destroys data]
      - require NOT NULL note.words (int64, NOT NULL)
    downgrade: reversible
)");
    CHECK(ordered::migrator::history(true) == ordered::migrator::show("2b0000000002") + "\n" + ordered::migrator::show("1a0000000001") + "\n");
    // The order the migrator runs them in (the units a MySQL revision records its progress by).
    const std::string r5 = mv::migrator::show("5e0000000005");
    CHECK(r5.find("add column user.role (text, NULL)") < r5.find("data function upgrade_data"));
    CHECK(r5.find("data function upgrade_data") < r5.find("drop table folder"));
    CHECK(r5.find("drop table folder") < r5.find("require NOT NULL user.role (text, NOT NULL)"));
    CHECK(mv::migrator::show("4d0000000004").find("      - add column user.score (int64, NOT NULL)\n      - fill user.score = length(\"name\")\n") !=
          std::string::npos);
}

TEST_CASE("a type change with a conversion: the rebuild copies the expression's value, each way its own") {
    using conv_migrator = tabula::migrator<conv::chain, tabula::sqlite>;
    const std::string up = conv_migrator::offline_script(migration_direction::upgrade, "c1", "c2");
    CHECK(up.find(R"(SELECT id, (CAST(replace("hits", ' visits', '') AS BIGINT)) FROM counter;)") != std::string::npos);
    const std::string down = conv_migrator::offline_script(migration_direction::downgrade, "c2", "c1");
    CHECK(down.find(R"(SELECT id, (CAST("hits" AS TEXT) || ' visits') FROM counter;)") != std::string::npos);
}
