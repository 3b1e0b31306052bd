// The queries of examples/openwebui's `demo` command (demo.hpp) on the head schema: a user's chats
// by folder, pinned and archived; a chat's messages in order; tag counts per user; what a user may
// read through their own grants and their groups'. The program runs them after migrating; here the
// schema comes from create_all, so the queries are checked on their own, on SQLite and PostgreSQL.
#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "../../examples/openwebui/demo.hpp"
#include "../support/database.hpp"

namespace openwebui_demo {

template <class... Models>
struct model_list {};

template <class Session, class... Models>
void create_head(Session& db, model_list<Models...>) {
    db.template create_all<Models...>();
}

const std::string expected = "ada's chats in folder Work, newest first:\n"
                             "  Release plan\n"
                             "  Compiler notes\n"
                             "ada's pinned chats:\n"
                             "  Ideas to keep\n"
                             "  Release plan\n"
                             "ada's archived chats:\n"
                             "  Old thread\n"
                             "the messages of 'Compiler notes', in order:\n"
                             "  user: Why does my template take a minute to compile?\n"
                             "  assistant: Count what it instantiates per model: -ftime-trace shows it.\n"
                             "  user: Per model it is the row code. Can that be shared?\n"
                             "tags per user:\n"
                             "  ada: 2\n"
                             "  grace: 1\n"
                             "what grace may read (her grants and her groups'):\n"
                             "  file demo-f1\n"
                             "  knowledge demo-k1\n"
                             "what alan may read:\n"
                             "  knowledge demo-k1\n";

template <class Session>
void check_demo(Session& db) {
    create_head(db, openwebui::all_models<model_list>{});
    std::ostringstream first;
    openwebui::demo::run(db, first);
    CHECK(first.str() == expected);
    std::ostringstream again;  // a second run writes nothing new
    openwebui::demo::run(db, again);
    CHECK(again.str() == expected);
    CHECK(db.template count<openwebui::ChatMessage>() == 3);
}

}  // namespace openwebui_demo

TEST_CASE("SQLite: the openwebui demo's queries") {
    test_support::database<tabula::sqlite> database;
    auto db = database.open();
    openwebui_demo::check_demo(db);
}

#if TABULA_TEST_WITH_POSTGRES
TEST_CASE("PostgreSQL: the openwebui demo's queries") {
    test_support::database<tabula::postgres> database;
    auto db = database.open();
    openwebui_demo::check_demo(db);
}
#endif
