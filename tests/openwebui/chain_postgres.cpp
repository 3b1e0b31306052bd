// Open WebUI's revision chain on PostgreSQL: an empty database upgraded one revision at a time and
// dumped after each, compared with the reference; then `downgrade base` and the same walk again,
// which must give the same dumps. And rows through the data migrations (chain_walk.hpp).
#include "chain_walk.hpp"

using namespace openwebui_chain;

TEST_CASE("PostgreSQL: openwebui chain, one revision at a time, gives Open WebUI's schema after every revision") {
    test_support::database<tabula::postgres> database;
    auto db = database.open();
    auto dump = [](auto& session) { return test_support::postgres_reference_dump(session); };
    upgrade_each<tabula::postgres>(db, "postgres", dump, "first upgrade");
    tabula::migrator<openwebui::revisions, tabula::postgres>(db).downgrade("base");
    upgrade_each<tabula::postgres>(db, "postgres", dump, "upgrade after downgrade base");
}

TEST_CASE("PostgreSQL: openwebui chain moves rows as data_migrations.md describes, and back") {
    test_support::database<tabula::postgres> database;
    auto db = database.open();
    rows_through_the_chain<tabula::postgres>(db);
}
