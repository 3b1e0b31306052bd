// Open WebUI's 42 head models (examples/openwebui/models.hpp), created by create_all on an empty
// database, against the schema Open WebUI's own 55 migrations produce (tests/data/openwebui):
// the dump of tabula's database, in the reference's text format, is compared line by line.
// The version table is created as the migrator creates it and holds the head revision, so the
// dump includes alembic_version as the reference does.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <tabula/sql/version_table.hpp>

#include "../../examples/openwebui/models.hpp"
#include "../support/database.hpp"
#include "../support/reference_schema.hpp"

namespace {

template <class... Models>
struct model_list {};

template <class Session, class... Models>
void create_head(Session& db, model_list<Models...>) {
    db.template create_all<Models...>();
    db.execute(tabula::sql::create_version_table(Session::dialect, "alembic_version"));
    db.execute(tabula::sql::insert_version(Session::dialect, "alembic_version"), std::string("f0bd01a18a3d"));
}

const std::string data_dir = TABULA_TEST_DATA_DIR "/openwebui";

}  // namespace

TEST_CASE("SQLite: openwebui head models create the schema of Open WebUI's migrations") {
    test_support::database<tabula::sqlite> database;
    auto db = database.open();
    create_head(db, openwebui::all_models<model_list>{});
    const std::string reference = test_support::read_reference(data_dir + "/head_sqlite_tables.txt");
    const std::string dumped = test_support::sqlite_reference_dump(db);
    const std::vector<std::string> differences = test_support::differing_lines(reference, dumped);
    for (const std::string& d : differences) MESSAGE(d);
    CHECK(differences.empty());
}

#if TABULA_TEST_WITH_POSTGRES
TEST_CASE("PostgreSQL: openwebui head models create the schema of Open WebUI's migrations") {
    test_support::database<tabula::postgres> database;
    auto db = database.open();
    create_head(db, openwebui::all_models<model_list>{});
    const std::string reference = test_support::read_reference(data_dir + "/head_postgres_tables.txt");
    const std::string dumped = test_support::postgres_reference_dump(db);
    const std::vector<std::string> differences = test_support::differing_lines(reference, dumped);
    for (const std::string& d : differences) MESSAGE(d);
    CHECK(differences.empty());
}
#endif
