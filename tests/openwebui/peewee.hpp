// A database Open WebUI's Peewee layer made and Alembic never touched (tests/data/openwebui/
// peewee/, migrations 001-018 with a few rows) is adopted by examples/openwebui/peewee.hpp:
// stamped at revision 1, continued to head with its rows, and `check` then reports only what the
// Peewee tables differ in. One whose Peewee migrations stop before 018 is refused unchanged, and
// four instances starting at once adopt it once.
// The tests are defined here; chain_sqlite.cpp and chain_postgres.cpp run them for their backend.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <tabula/migrate.hpp>

#include "../../examples/openwebui/peewee.hpp"
#include "../support/database.hpp"
#include "../support/processes.hpp"

namespace openwebui_peewee {

template <class Backend>
std::string fixture() {
    const std::string name = Backend::dialect == tabula::sql::dialect::sqlite ? "sqlite.sql" : "postgres.sql";
    std::ifstream in(TABULA_TEST_DATA_DIR "/openwebui/peewee/" + name);
    REQUIRE_MESSAGE(in, "cannot read tests/data/openwebui/peewee/" << name);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

template <class Backend>
void adopted_and_continued() {
    using migrator = tabula::migrator<openwebui::revisions, Backend>;
    test_support::database<Backend> database;
    auto db = database.open();
    db.execute_script(fixture<Backend>());
    std::ostringstream said;
    REQUIRE(openwebui::peewee::adopt(db, said));
    CHECK(said.str().find("adopted, stamped at 7e5b5dc7342b") != std::string::npos);
    CHECK(migrator(db).current() == std::vector<std::string>{"7e5b5dc7342b"});
    CHECK(migrator(db).upgrade("head").size() == migrator::size - 1);
    CHECK(!openwebui::peewee::adopt(db, said));  // adopted once

    // The rows went through the data migrations: the user, the prompt (uuid id, its command
    // without the slash, revision 30), the chat's message (revision 31).
    CHECK(db.template raw<std::string>("SELECT email FROM \"user\"") == std::vector<std::string>{"ada@example.com"});
    CHECK(db.template raw<std::string>("SELECT email FROM auth") == std::vector<std::string>{"ada@example.com"});
    CHECK(db.template raw<std::string>("SELECT command FROM prompt") == std::vector<std::string>{"hi"});
    CHECK(db.template raw<std::string>("SELECT name FROM prompt") == std::vector<std::string>{"Hi"});
    CHECK(db.template raw<std::string>("SELECT id FROM prompt")[0].size() == 36);
    CHECK(db.template raw<std::string>("SELECT id FROM chat_message") == std::vector<std::string>{"c1-m1"});
    // One tag name for two users: revision 7 dropped Peewee's tag_id UNIQUE (id).
    db.execute("INSERT INTO tag (id, name, user_id) VALUES ('work', 'work', 'u2')");
    CHECK(db.template raw<std::int64_t>("SELECT COUNT(*) FROM tag WHERE id = 'work'") == std::vector<std::int64_t>{2});

    // check reports what the Peewee layer left, and only on its tables.
    const auto differences = migrator(db).check();
    CHECK(differences.size() > 20);
    for (const auto& d : differences) {
        const bool peewee_table = d.table == "migratehistory" || std::find(openwebui::peewee::revision_1_tables.begin(),
                                                                           openwebui::peewee::revision_1_tables.end(),
                                                                           d.table) != openwebui::peewee::revision_1_tables.end();
        CHECK_MESSAGE(peewee_table, "check reports a table the Peewee layer did not make: " << d.message);
    }
}

template <class Backend>
void stopped_before_018_is_refused() {
    test_support::database<Backend> database;
    auto db = database.open();
    db.execute_script(fixture<Backend>());
    db.execute("DELETE FROM migratehistory WHERE name = '018_add_function_is_global'");
    std::ostringstream said;
    CHECK_THROWS_WITH(openwebui::peewee::adopt(db, said), doctest::Contains("stop before 018"));
    const auto live = tabula::migration_support<Backend>::read_schema(db.connection());
    CHECK(!live.table("alembic_version"));
    REQUIRE(live.table("prompt"));
    CHECK(live.table("prompt")->column("id"));  // nothing changed
}

template <class Backend>
void four_instances_adopt_once() {
    using migrator = tabula::migrator<openwebui::revisions, Backend>;
    test_support::database<Backend> database;
    {
        auto db = database.open();
        db.execute_script(fixture<Backend>());
    }
    // Each process reports 1 if it adopted the database, plus 2 for each revision it applied.
    const int total = test_support::sum_over_processes(4, [&](int) {
        auto db = database.open();
        std::ostringstream said;
        const int adopted = openwebui::peewee::adopt(db, said) ? 1 : 0;
        return adopted + 2 * static_cast<int>(migrator(db).upgrade("head").size());
    });
    CHECK(total == 1 + 2 * static_cast<int>(migrator::size - 1));
    auto db = database.open();
    CHECK(db.template raw<std::string>("SELECT command FROM prompt") == std::vector<std::string>{"hi"});
    CHECK(db.template raw<std::string>("SELECT id FROM chat_message") == std::vector<std::string>{"c1-m1"});
}

}  // namespace openwebui_peewee
