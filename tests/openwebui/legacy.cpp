// A database Open WebUI first created with its old Peewee layer (migrations 001-018, up to 0.9.5)
// and then upgraded by Alembic to head (tests/data/openwebui/legacy/) is not the database the
// migrations make on their own: VARCHAR(255) keys, NOT NULL columns, unique indexes named
// <table>_id, DATETIME timestamps, a migratehistory table. tabula continues it (it is at head) and
// `check` reports exactly those differences against the head models, table by table, so an
// operator sees what the old layer left behind.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
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

namespace openwebui_legacy {

const std::string legacy_dir = TABULA_TEST_DATA_DIR "/openwebui/legacy";

std::string read_file(const std::string& name) {
    std::ifstream in(legacy_dir + "/" + name);
    REQUIRE_MESSAGE(in, "cannot read " << name);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}


using openwebui_tests::check_messages;

// The tables the reference's diff (fresh install against legacy upgrade) shows a change in.
std::set<std::string> differing_tables(const std::string& diff) {
    std::set<std::string> out;
    std::istringstream in(diff);
    std::string table;
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("---", 0) == 0 || line.rfind("+++", 0) == 0 || line.rfind("@@", 0) == 0 || line.empty()) continue;
        if (line.size() > 7 && line.compare(1, 6, "TABLE ") == 0) {
            table = line.substr(7, line.find(' ', 7) - 7);
            if (line[0] != ' ') out.insert(table);
            continue;
        }
        if ((line[0] != '+' && line[0] != '-') || line.compare(1, 2, "# ") == 0) continue;
        // PostgreSQL's snapshot: "table | column | ..." lines; SQLite's: indented lines under "TABLE name".
        if (line.size() > 1 && line[1] != ' ' && line.find(" | ") != std::string::npos) out.insert(line.substr(1, line.find(" | ") - 1));
        else if (!table.empty()) out.insert(table);
    }
    return out;
}

// The table a check message is about: "column T.c ...", "... on T", "table T ...", "primary key of T ...".
std::string table_of(const std::string& message) {
    auto word_after = [&](const std::string& marker) -> std::string {
        const std::size_t at = message.find(marker);
        if (at == std::string::npos) return {};
        const std::size_t start = at + marker.size();
        return message.substr(start, message.find_first_of(" .", start) - start);
    };
    if (message.rfind("column ", 0) == 0) return word_after("column ");
    if (message.rfind("table ", 0) == 0) return word_after("table ");
    if (message.rfind("primary key of ", 0) == 0) return word_after("primary key of ");
    return word_after(" on ");
}

// Every table the legacy layer changed has a message, and every message is about such a table.
template <class Backend, class Session>
void check_reports_the_legacy_differences(Session& db, const std::string& diff_file) {
    const std::set<std::string> expected = differing_tables(read_file(diff_file));
    REQUIRE(!expected.empty());
    std::set<std::string> reported;
    for (const std::string& m : check_messages<Backend>(db)) {
        const std::string table = table_of(m);
        reported.insert(table);
        CHECK_MESSAGE(expected.contains(table), "check reports a table the legacy layer did not change: " << m);
    }
    for (const std::string& table : expected) CHECK_MESSAGE(reported.contains(table), "check reports nothing about legacy table " << table);
}

}  // namespace openwebui_legacy

using namespace openwebui_legacy;

TEST_CASE("SQLite: check reports what Open WebUI's Peewee layer left in a database upgraded to head") {
    test_support::database<tabula::sqlite> database;
    auto db = database.open();
    db.execute_script(read_file("sqlite_schema.sql"));
    check_reports_the_legacy_differences<tabula::sqlite>(db, "diff_sqlite_tables_fresh_vs_legacy.txt");
}

#if TABULA_TEST_WITH_POSTGRES
TEST_CASE("PostgreSQL: check reports what Open WebUI's Peewee layer left in a database upgraded to head") {
    test_support::database<tabula::postgres> database;
    auto db = database.open();
    const std::string schema = db.template raw<std::string>("SELECT current_schema()")[0];
    db.execute_script(test_support::postgres_dump_script(read_file("postgres_schema.sql"), schema));
    check_reports_the_legacy_differences<tabula::postgres>(db, "diff_postgres_tables_fresh_vs_legacy.txt");
}
#endif
