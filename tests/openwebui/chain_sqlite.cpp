// Open WebUI's revision chain on SQLite: an empty database upgraded one revision at a time and
// dumped after each, compared with the reference; then `downgrade base` and the same walk again,
// which must give the same dumps. And rows through the data migrations (chain_walk.hpp); databases
// Open WebUI's Alembic left at each revision continued to head (continue.hpp); four instances
// starting at once, and data migrations killed mid-run (resilience.hpp); a database from the
// Peewee layer adopted (peewee.hpp). One unit per backend:
// each instantiates the chain's migrator once.
#include "chain_walk.hpp"
#include "continue.hpp"
#include "peewee.hpp"
#include "resilience.hpp"

using namespace openwebui_chain;

TEST_CASE("SQLite: openwebui chain, one revision at a time, gives Open WebUI's schema after every revision") {
    test_support::database<tabula::sqlite> database;
    auto db = database.open();
    auto dump = [](auto& session) { return test_support::sqlite_reference_dump(session); };
    upgrade_each<tabula::sqlite>(db, "sqlite", dump, "first upgrade");
    tabula::migrator<openwebui::revisions, tabula::sqlite>(db).downgrade("base");
    upgrade_each<tabula::sqlite>(db, "sqlite", dump, "upgrade after downgrade base");
}

// How the example starts a new SQLite database: the head's schema at once (create_head). It must
// be the schema the 55 revisions give, and the chain must go on from it both ways.
TEST_CASE("SQLite: an empty database created at head gives Open WebUI's head schema, and the chain goes down and up from it") {
    test_support::database<tabula::sqlite> database;
    auto db = database.open();
    tabula::migration_options options;
    options.empty_database = tabula::empty_database_upgrade::create_head;
    int reported = 0;
    options.on_revision = [&](tabula::migration_direction, std::string_view, std::string_view) { ++reported; };
    tabula::migrator<openwebui::revisions, tabula::sqlite> migrate(db, options);
    const std::vector<std::string> chain = ids(static_cast<openwebui::revisions*>(nullptr));
    CHECK(migrate.upgrade("head").size() == chain.size());
    CHECK(reported == 1);
    auto compare = [&](std::size_t position, const char* when) {
        const std::string file = reference_file("sqlite", position, chain[position]);
        for (const std::string& d : test_support::differing_lines(test_support::read_reference(file), test_support::sqlite_reference_dump(db)))
            FAIL_CHECK(when << ": " << d);
    };
    compare(chain.size() - 1, "created at head");
    CHECK(migrate.check().empty());
    migrate.downgrade("-3");
    compare(chain.size() - 4, "three revisions down");
    migrate.upgrade("head");
    compare(chain.size() - 1, "up again");
}

TEST_CASE("SQLite: openwebui chain moves rows as data_migrations.md describes, and back") {
    test_support::database<tabula::sqlite> database;
    auto db = database.open();
    rows_through_the_chain<tabula::sqlite>(db);
}

TEST_CASE("SQLite: a database Open WebUI's Alembic left at any revision is continued to head with the reference schema") {
    openwebui_continue::continue_each<tabula::sqlite>(
        "sqlite", [](auto& db, const std::string& sql) { db.execute_script(sql); },
        [](auto& db) { return test_support::sqlite_reference_dump(db); }, openwebui_continue::stride(1));
}

TEST_CASE("SQLite: four openwebui instances starting at once on one database apply each revision once") {
    openwebui_resilience::four_instances_start_at_once<tabula::sqlite>();
}

TEST_CASE("SQLite: openwebui data migrations killed as they start, then upgraded again, give the rows of an uninterrupted upgrade") {
    openwebui_resilience::kill_each_data_revision<tabula::sqlite>(openwebui_resilience::kill_stride(1));
}

TEST_CASE("SQLite: the openwebui chat_message backfill killed after its first page resumes after it") {
    openwebui_resilience::kill_backfill_midway<tabula::sqlite>();
}

TEST_CASE("SQLite: a database from Open WebUI's Peewee layer is adopted, stamped at revision 1 and continued to head with its rows") {
    openwebui_peewee::adopted_and_continued<tabula::sqlite>();
}

TEST_CASE("SQLite: a Peewee-era database whose migrations stop before 018 is refused and left as it was") {
    openwebui_peewee::stopped_before_018_is_refused<tabula::sqlite>();
}

TEST_CASE("SQLite: four openwebui instances starting at once on a Peewee-era database adopt it once") {
    openwebui_peewee::four_instances_adopt_once<tabula::sqlite>();
}

