// Open WebUI's revision chain (examples/openwebui/chain.hpp) against the schema Open WebUI's own
// migrations produce after every revision (tests/data/openwebui/revisions/<backend>/NN_<id>.txt):
// an empty database is upgraded one revision at a time and dumped after each in the reference's
// text format; then `downgrade base` and the same walk again, which must give the same dumps.
#include <doctest/doctest.h>

#include <cstdio>
#include <string>
#include <vector>

#include <tabula/migrate.hpp>

#include "../../examples/openwebui/chain.hpp"
#include "../support/database.hpp"
#include "../support/reference_schema.hpp"

namespace openwebui_chain {

const std::string revisions_dir = TABULA_TEST_DATA_DIR "/openwebui/revisions";

// Revision ids in chain order, as the reference files are numbered.
template <class... Revisions>
std::vector<std::string> ids(tabula::revision_chain<Revisions...>*) {
    return {std::string(Revisions::id)...};
}

std::string reference_file(const std::string& backend, std::size_t position, const std::string& id) {
    char number[8];
    std::snprintf(number, sizeof number, "%02zu", position + 1);
    return revisions_dir + "/" + backend + "/" + number + "_" + id + ".txt";
}

// Upgrades one revision at a time from base, comparing each dump with its reference; `walk` names
// the pass in failure messages.
template <class Backend, class Session, class Dump>
void upgrade_each(Session& db, const std::string& backend, Dump dump, const char* walk) {
    tabula::migrator<openwebui::revisions, Backend> migrate(db);
    const std::vector<std::string> chain = ids(static_cast<openwebui::revisions*>(nullptr));
    for (std::size_t i = 0; i < chain.size(); ++i) {
        migrate.upgrade("+1");
        REQUIRE(migrate.current() == std::vector<std::string>{chain[i]});
        const std::string file = reference_file(backend, i, chain[i]);
        for (const std::string& d : test_support::differing_lines(test_support::read_reference(file), dump(db)))
            FAIL_CHECK(std::string(walk) << ", after revision " << i + 1 << " (" << chain[i] << "): " << d);
    }
}

}  // namespace openwebui_chain

using namespace openwebui_chain;

TEST_CASE("SQLite: openwebui chain, one revision at a time, gives Open WebUI's schema after every revision") {
    test_support::database<tabula::sqlite> database;
    auto db = database.open();
    auto dump = [](auto& session) { return test_support::sqlite_reference_dump(session); };
    upgrade_each<tabula::sqlite>(db, "sqlite", dump, "first upgrade");
    tabula::migrator<openwebui::revisions, tabula::sqlite>(db).downgrade("base");
    upgrade_each<tabula::sqlite>(db, "sqlite", dump, "upgrade after downgrade base");
}

#if TABULA_TEST_WITH_POSTGRES
TEST_CASE("PostgreSQL: openwebui chain, one revision at a time, gives Open WebUI's schema after every revision") {
    test_support::database<tabula::postgres> database;
    auto db = database.open();
    auto dump = [](auto& session) { return test_support::postgres_reference_dump(session); };
    upgrade_each<tabula::postgres>(db, "postgres", dump, "first upgrade");
    tabula::migrator<openwebui::revisions, tabula::postgres>(db).downgrade("base");
    upgrade_each<tabula::postgres>(db, "postgres", dump, "upgrade after downgrade base");
}
#endif
