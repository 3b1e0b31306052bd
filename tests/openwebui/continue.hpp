// Databases that Open WebUI's own Alembic migrated are continued by tabula (issue 9, point 4): for
// every revision N of the chain, a database with the schema Open WebUI's migrations leave after N
// (loaded from tests/data/openwebui/revisions/<backend>/NN_<id>.schema.sql, with N in its
// alembic_version) is upgraded to the chain's head by tabula, and must then have exactly the
// reference schema of that head, line for line, with `check` finding nothing.
// On PostgreSQL every revision costs tens of milliseconds of catalog work, and the runs grow with
// the square of the chain's length: the suite starts from every 4th revision there (and from
// every one on SQLite); TABULA_OPENWEBUI_CONTINUE_STRIDE=1 starts from all.
// The walk is defined here; chain_sqlite.cpp and chain_postgres.cpp run it for their backend.
#pragma once

#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <tabula/migrate.hpp>
#include <tabula/sql/version_table.hpp>

#include "chain_walk.hpp"

namespace openwebui_continue {

using openwebui_chain::ids;
using openwebui_chain::revisions_dir;

// tests/data/openwebui/revisions/<backend>/NN_<id><suffix>, N counted from 1.
inline std::string snapshot(const std::string& backend, std::size_t position, const std::string& id, const char* suffix) {
    char number[8];
    std::snprintf(number, sizeof number, "%02zu", position + 1);
    return revisions_dir + "/" + backend + "/" + number + "_" + id + suffix;
}

inline std::string read_file(const std::string& path) {
    std::ifstream in(path);
    REQUIRE_MESSAGE(in, "cannot read " << path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Loads the schema Alembic left after each revision but the last, continues it to head, compares.
inline std::size_t stride(std::size_t fallback) {
    const char* s = std::getenv("TABULA_OPENWEBUI_CONTINUE_STRIDE");
    return s && *s && std::atoi(s) > 0 ? static_cast<std::size_t>(std::atoi(s)) : fallback;
}

template <class Backend, class Load, class Dump>
void continue_each(const std::string& backend, Load load, Dump dump, std::size_t every) {
    const std::vector<std::string> chain = ids(static_cast<openwebui::revisions*>(nullptr));
    const std::size_t head = chain.size() - 1;
    const std::string expected = test_support::read_reference(snapshot(backend, head, chain[head], ".txt"));
    for (std::size_t n = 0; n < head; n += every) {
        CAPTURE(n + 1);
        test_support::database<Backend> database;
        auto db = database.open(Backend::dialect == tabula::sql::dialect::sqlite ? "synchronous=off" : "");  // no fsync: the test is about schema
        load(db, read_file(snapshot(backend, n, chain[n], ".schema.sql")));
        db.execute(tabula::sql::insert_version(Backend::dialect, "alembic_version"), chain[n]);
        tabula::migrator<openwebui::revisions, Backend> migrate(db);
        migrate.upgrade("head");
        for (const std::string& d : test_support::differing_lines(expected, dump(db)))
            FAIL_CHECK("continued from revision " << n + 1 << " (" << chain[n] << ") to " << chain[head] << ": " << d);
        for (const tabula::schema_difference& d : migrate.check()) FAIL_CHECK("continued from revision " << n + 1 << ": check: " << d.message);
    }
}

}  // namespace openwebui_continue
