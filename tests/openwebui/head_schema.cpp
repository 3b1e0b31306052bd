// Open WebUI's 42 head models (examples/openwebui/models.hpp) against the schema Open WebUI's own
// 55 migrations produce (tests/data/openwebui):
//   - create_all on an empty database, dumped in the reference's text format, compared line by
//     line with the reference snapshot. The version table is created as the migrator creates it
//     and holds the head revision, so the dump has alembic_version as the reference does.
//   - `db check` (compare_schemas) finds nothing to report, on the database create_all made and
//     on the database Open WebUI's migrations made (its schema loaded from the reference's SQL):
//     tabula can continue an Open WebUI database at head.
//   - the dump of that loaded database equals the reference exactly, which checks the dumper
//     that the migration test will use after every revision.
//   - rows go in and out of the columns whose types are Open WebUI's rather than tabula's (JSON,
//     DATE and TIMESTAMP read as text, a SERIAL key), and the unique index on lower(email) holds.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <tabula/migrate.hpp>
#include <tabula/sql/version_table.hpp>

#include "../../examples/openwebui/models.hpp"
#include "../support/database.hpp"
#include "head_check.hpp"
#include "../support/reference_schema.hpp"

namespace openwebui_head {

template <class... Models>
struct model_list {};

template <class Session, class... Models>
void create_head(Session& db, model_list<Models...>) {
    db.template create_all<Models...>();
    db.execute(tabula::sql::create_version_table(Session::dialect, "alembic_version"));
    db.execute(tabula::sql::insert_version(Session::dialect, "alembic_version"), std::string("f0bd01a18a3d"));
}

using openwebui_tests::head;

const std::string data_dir = TABULA_TEST_DATA_DIR "/openwebui";

using openwebui_tests::check_messages;

std::string read_file(const std::string& name) {
    std::ifstream in(data_dir + "/" + name);
    REQUIRE(in);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

template <class Session>
void rows_round_trip(Session& db) {
    db.insert(openwebui::User{.id = "u1", .email = "Ada@example.org", .date_of_birth = "1990-01-02", .settings = nlohmann::json{{"theme", "dark"}}});
    const auto user = db.template get<openwebui::User>(std::string("u1"));
    REQUIRE(user);
    CHECK(user->date_of_birth == "1990-01-02");
    CHECK(user->settings == nlohmann::json{{"theme", "dark"}});
    CHECK_THROWS_AS(db.insert(openwebui::User{.id = "u2", .email = "ada@EXAMPLE.org"}), tabula::constraint_violation);
    db.insert(openwebui::User{.id = "u3"});  // no e-mail: not in the unique index
    const auto key = db.insert(openwebui::ConfigOld{.data = nlohmann::json{{"version", 0}}, .version = 0, .created_at = "2024-08-25 00:00:00"});
    CHECK(db.template get<openwebui::ConfigOld>(static_cast<std::int32_t>(key))->data == nlohmann::json{{"version", 0}});
}

std::vector<std::string> dump_differences(const std::string& reference_file, const std::string& dumped) {
    return test_support::differing_lines(test_support::read_reference(data_dir + "/" + reference_file), dumped);
}

// Every difference not expected, and every expected one that did not occur, fails with its text.
void check_differences(const std::vector<std::string>& found, const std::vector<std::string>& expected) {
    for (const std::string& d : found)
        if (std::find(expected.begin(), expected.end(), d) == expected.end()) FAIL_CHECK("unexpected difference: " << d);
    for (const std::string& d : expected)
        if (std::find(found.begin(), found.end(), d) == found.end()) FAIL_CHECK("expected difference gone: " << d);
}

}  // namespace openwebui_head

using namespace openwebui_head;

TEST_CASE("SQLite: openwebui head models create the schema of Open WebUI's migrations") {
    test_support::database<tabula::sqlite> database;
    auto db = database.open();
    create_head(db, openwebui::all_models<model_list>{});
    check_differences(dump_differences("head_sqlite_tables.txt", test_support::sqlite_reference_dump(db)), {});
    check_differences(check_messages<tabula::sqlite>(db), {});
    rows_round_trip(db);
}

TEST_CASE("SQLite: db check finds the openwebui head models in the database Open WebUI's migrations made") {
    test_support::database<tabula::sqlite> database;
    auto db = database.open();
    db.execute_script(read_file("head_sqlite_schema.sql"));
    db.execute(tabula::sql::insert_version(tabula::sql::dialect::sqlite, "alembic_version"), std::string("f0bd01a18a3d"));
    check_differences(check_messages<tabula::sqlite>(db), {});
    check_differences(dump_differences("head_sqlite_tables.txt", test_support::sqlite_reference_dump(db)), {});
}

#if TABULA_TEST_WITH_POSTGRES
TEST_CASE("PostgreSQL: openwebui head models create the schema of Open WebUI's migrations") {
    test_support::database<tabula::postgres> database;
    auto db = database.open();
    create_head(db, openwebui::all_models<model_list>{});
    // Known differences, each a fact of Open WebUI's history that a create_all at head cannot
    // repeat (the migration test, which replays the history, is where they must vanish):
    //   - config_old.id defaults to nextval('config_id_seq'): a SERIAL made when the table was
    //     `config`, renamed in revision 45 with its sequence; created at head, the SERIAL's
    //     sequence is config_old_id_seq.
    //   - user's columns: PostgreSQL appended settings and info in the order they were added
    //     (ALTER TABLE ADD COLUMN); SQLite's batch rebuilds moved them. The models follow SQLite.
    const std::vector<std::string> differences = dump_differences("head_postgres_tables.txt", test_support::postgres_reference_dump(db));
    struct known_difference {
        int line;
        const char* reference;
        const char* tabula;
    };
    const known_difference known[] = {
        {168, "config_old | id | integer | NO | nextval('config_id_seq'::regclass)", "config_old | id | integer | NO | nextval('config_old_id_seq'::regclass)"},
        {364, "user | settings | json | YES | ", "user | username | character varying(50) | YES | "},
        {365, "user | info | json | YES | ", "user | bio | text | YES | "},
        {366, "user | username | character varying(50) | YES | ", "user | gender | text | YES | "},
        {367, "user | bio | text | YES | ", "user | date_of_birth | date | YES | "},
        {368, "user | gender | text | YES | ", "user | profile_banner_image_url | text | YES | "},
        {369, "user | date_of_birth | date | YES | ", "user | timezone | character varying | YES | "},
        {370, "user | profile_banner_image_url | text | YES | ", "user | presence_state | character varying | YES | "},
        {371, "user | timezone | character varying | YES | ", "user | status_emoji | character varying | YES | "},
        {372, "user | presence_state | character varying | YES | ", "user | status_message | text | YES | "},
        {373, "user | status_emoji | character varying | YES | ", "user | status_expires_at | bigint | YES | "},
        {374, "user | status_message | text | YES | ", "user | oauth | json | YES | "},
        {375, "user | status_expires_at | bigint | YES | ", "user | info | json | YES | "},
        {376, "user | oauth | json | YES | ", "user | settings | json | YES | "},
    };
    std::vector<std::string> expected;
    for (const known_difference& k : known)
        expected.push_back("line " + std::to_string(k.line) + ":\n  reference: " + k.reference + "\n  tabula:    " + k.tabula);
    check_differences(differences, expected);
    check_differences(check_messages<tabula::postgres>(db), {});
    rows_round_trip(db);
}

TEST_CASE("PostgreSQL: db check finds the openwebui head models in the database Open WebUI's migrations made") {
    test_support::database<tabula::postgres> database;
    auto db = database.open();
    const std::string schema = db.template raw<std::string>("SELECT current_schema()")[0];
    db.execute_script(test_support::postgres_dump_script(read_file("head_postgres_schema.sql"), schema));
    db.execute(tabula::sql::insert_version(tabula::sql::dialect::postgres, "alembic_version"), std::string("f0bd01a18a3d"));
    check_differences(check_messages<tabula::postgres>(db), {});
    check_differences(dump_differences("head_postgres_tables.txt", test_support::postgres_reference_dump(db)), {});
}
#endif
