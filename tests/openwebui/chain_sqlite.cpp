// Open WebUI's revision chain on SQLite: an empty database upgraded one revision at a time and
// dumped after each, compared with the reference; then `downgrade base` and the same walk again,
// which must give the same dumps. And rows through the data migrations (chain_walk.hpp).
#include "chain_walk.hpp"

using namespace openwebui_chain;

TEST_CASE("SQLite: openwebui chain, one revision at a time, gives Open WebUI's schema after every revision") {
    test_support::database<tabula::sqlite> database;
    auto db = database.open();
    auto dump = [](auto& session) { return test_support::sqlite_reference_dump(session); };
    upgrade_each<tabula::sqlite>(db, "sqlite", dump, "first upgrade");
    tabula::migrator<openwebui::revisions, tabula::sqlite>(db).downgrade("base");
    upgrade_each<tabula::sqlite>(db, "sqlite", dump, "upgrade after downgrade base");
}

TEST_CASE("SQLite: openwebui chain moves rows as data_migrations.md describes, and back") {
    test_support::database<tabula::sqlite> database;
    auto db = database.open();
    rows_through_the_chain<tabula::sqlite>(db);
}
