// Open WebUI's revision chain (examples/openwebui/chain.hpp) against the schema Open WebUI's own
// migrations produce after every revision (tests/data/openwebui/revisions/<backend>/NN_<id>.txt),
// and rows through its data migrations. One translation unit per backend (chain_sqlite.cpp,
// chain_postgres.cpp): each instantiates the migrator and the data functions for its own session
// type only, which halves the heaviest unit's compile time and memory.
#pragma once

#include <doctest/doctest.h>

#include <cstdio>
#include <string>
#include <vector>

#include <tabula/migrate.hpp>

#include "../../examples/openwebui/chain.hpp"
#include "../support/database.hpp"
#include "../support/reference_schema.hpp"

namespace openwebui_chain {

inline const std::string revisions_dir = TABULA_TEST_DATA_DIR "/openwebui/revisions";

// Revision ids in chain order, as the reference files are numbered.
template <class... Revisions>
std::vector<std::string> ids(tabula::revision_chain<Revisions...>*) {
    return {std::string(Revisions::id)...};
}

inline std::string reference_file(const std::string& backend, std::size_t position, const std::string& id) {
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

namespace openwebui_chain {

// Rows through the data migrations (data_migrations.md): seeded where each table exists, upgraded
// to the last revision done, read back; then down to #21 (group_member back into group.user_ids)
// and to base.
template <class Backend, class Session>
void rows_through_the_chain(Session& db) {
    tabula::migrator<openwebui::revisions, Backend> migrate(db);
    auto text = [&](const std::string& sql) { return db.template raw<std::string>(sql); };
    migrate.upgrade("c0fbf31ca0db");  // #3
    db.execute("INSERT INTO document (collection_name, name, title, filename, content, user_id, \"timestamp\") VALUES "
               "('c1', 'doc name', 'Doc Title', 'a.txt', '{\"tags\": [{\"name\": \"x\"}]}', 'u1', 100)");
    db.execute("INSERT INTO chat (id, user_id, title, chat, created_at, updated_at) VALUES "
               "('ch1', 'u1', 't', '{\"a\":1,\"\xc3\xa9\":\"x\"}', 1, 1), ('ch2', 'u1', 't', 'not json', 1, 1)");
    db.execute("INSERT INTO tag (id, name, user_id) VALUES ('Work', 'Work', 'u1'), ('work', 'work', 'u1'), ('My Tag', 'My Tag', 'u1'), "
               "('Pinned', 'Pinned', 'u1')");
    db.execute("INSERT INTO chatidtag (id, tag_name, chat_id, user_id, \"timestamp\") VALUES ('t1', 'My Tag', 'ch1', 'u1', 1), "
               "('t2', 'pinned', 'ch1', 'u1', 1)");
    migrate.upgrade("c69f45358db4");  // #8
    db.execute("INSERT INTO file (id, user_id, filename, meta, created_at) VALUES ('f1', 'u1', 'a.txt', '{\"path\": \"/data/a.txt\"}', 1)");
    db.execute("INSERT INTO folder (id, user_id, name, is_expanded, created_at, updated_at) VALUES "
               "('fo1', 'u1', 'F', FALSE, '2024-10-18 09:30:00', '2024-10-18 09:30:00')");
    migrate.upgrade("a5c220713937");  // #21
    db.execute("INSERT INTO \"user\" (id, name) VALUES ('u1', 'Ada')");
    db.execute("INSERT INTO \"group\" (id, name, user_ids) VALUES ('g1', 'G', '[\"u1\", \"u1\", \"nobody\"]')");
    db.execute("INSERT INTO channel_member (id, channel_id, user_id, created_at) VALUES ('cm1', 'c', 'u1', 5)");
    migrate.upgrade("head");

    CHECK(text("SELECT CAST(meta AS TEXT) FROM knowledge WHERE id = 'c1'") ==
          std::vector<std::string>{"{\"legacy\": true, \"document\": true, \"tags\": [{\"name\": \"x\"}]}"});
    CHECK(text("SELECT name || '|' || description FROM knowledge") == std::vector<std::string>{"Doc Title|doc name"});
    CHECK(text("SELECT CAST(chat AS TEXT) FROM chat ORDER BY id") == std::vector<std::string>{"{\"a\": 1, \"\\u00e9\": \"x\"}", "null"});
    CHECK(text("SELECT CAST(meta AS TEXT) FROM chat WHERE id = 'ch1'") == std::vector<std::string>{"{\"tags\": [\"my_tag\"]}"});
    CHECK(db.template raw<std::int64_t>("SELECT CAST(pinned AS INTEGER) FROM chat WHERE id = 'ch1'") == std::vector<std::int64_t>{1});
    CHECK(text("SELECT id FROM tag ORDER BY id") == std::vector<std::string>{"my_tag", "work"});
    CHECK(text("SELECT path FROM file") == std::vector<std::string>{"/data/a.txt"});
    CHECK(db.template raw<std::int64_t>("SELECT created_at FROM folder") == std::vector<std::int64_t>{1729243800});
    CHECK(text("SELECT group_id || '|' || user_id FROM group_member") == std::vector<std::string>{"g1|u1"});
    CHECK(db.template raw<std::int64_t>("SELECT joined_at FROM channel_member") == std::vector<std::int64_t>{5});

    migrate.downgrade("a5c220713937");
    CHECK(text("SELECT CAST(user_ids AS TEXT) FROM \"group\"") == std::vector<std::string>{"[\"u1\"]"});
    migrate.downgrade("base");
    CHECK(migrate.current().empty());
}

}  // namespace openwebui_chain
