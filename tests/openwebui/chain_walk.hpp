// Open WebUI's revision chain (examples/openwebui/chain.hpp) against the schema Open WebUI's own
// migrations produce after every revision (tests/data/openwebui/revisions/<backend>/NN_<id>.txt),
// and rows through its data migrations. One translation unit per backend (chain_sqlite.cpp,
// chain_postgres.cpp): each instantiates the migrator and the data functions for its own session
// type only, which halves the heaviest unit's compile time and memory.
#pragma once

#include <doctest/doctest.h>

#include <cstdint>
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
// to head, read back; then down step by step, checking what each downgrade gives back, to base.
template <class Backend, class Session>
void rows_through_the_chain(Session& db) {
    constexpr bool postgres = Session::dialect == tabula::sql::dialect::postgres;
    tabula::migrator<openwebui::revisions, Backend> migrate(db);
    auto text = [&](const std::string& sql) { return db.template raw<std::string>(sql); };
    auto numbers = [&](const std::string& sql) { return db.template raw<std::int64_t>(sql); };
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
    migrate.upgrade("2f1211949ecc");  // #23
    db.execute("UPDATE \"user\" SET info = '{\"a\":1}', oauth_sub = 'google@123', api_key = 'sk-1' WHERE id = 'u1'");
    db.execute("INSERT INTO \"user\" (id, name, oauth_sub) VALUES ('u2', 'Bo', 'plain')");
    migrate.upgrade("90ef40d4714e");  // #25
    db.execute("UPDATE knowledge SET data = '{\"file_ids\": [\"f1\", \"f1\", \"missing\"]}', access_control = "
               "'{\"read\": {\"group_ids\": [\"g1\"], \"user_ids\": []}, \"write\": {\"group_ids\": [], \"user_ids\": [\"u1\"]}}' "
               "WHERE id = 'c1'");
    migrate.upgrade("c440947495f3");  // #29
    db.execute("INSERT INTO prompt (command, user_id, title, content, \"timestamp\") VALUES ('/hello', 'u1', 'Hello', 'Hi', 1700000000)");
    migrate.upgrade("374d2f66af06");  // #30
    db.execute("UPDATE chat SET chat = '{\"history\": {\"currentId\": \"m9\", \"messages\": {\"m1\": {\"role\": \"user\", \"content\": "
               "\"hi\", \"timestamp\": 1712000000}, \"m2\": {\"role\": \"assistant\", \"parentId\": \"m1\", \"content\": \"yo\", "
               "\"model\": \"gpt\", \"timestamp\": 1712000001000, \"done\": true}, \"m3\": {\"role\": \"\"}}}}' WHERE id = 'ch1'");
    db.execute("INSERT INTO chat (id, user_id, title, chat, created_at, updated_at, meta) VALUES "
               "('tok', 'shared-ch1', 'shared', '{}', 7, 8, '{}'), ('orphan', 'shared-gone', 'x', '{}', 7, 8, '{}')");
    // More chats than #31 reads in one page: each gives one message.
    // (A literal in a SELECT list is text to PostgreSQL: it needs the cast to json, which on SQLite
    // would apply NUMERIC affinity.)
    const std::string bulk_chat = "'{\"history\": {\"messages\": {\"m\": {\"role\": \"user\", \"content\": \"x\", \"timestamp\": 1712000000}}}}'";
    db.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1200) "
               "INSERT INTO chat (id, user_id, title, chat, created_at, updated_at) SELECT 'bulk' || CAST(i AS TEXT), 'u1', 'b', " +
               (postgres ? "CAST(" + bulk_chat + " AS JSON)" : bulk_chat) + ", 1, 1 FROM n");
    migrate.upgrade("e1f2a3b4c5d6");  // #38
    db.execute("INSERT INTO note (id, user_id, title, is_pinned) VALUES ('n1', 'u1', 'N', TRUE), ('n2', 'u1', 'M', FALSE)");
    db.execute("DELETE FROM config");
    db.execute("INSERT INTO config (data, version) VALUES ('{\"version\": 0, \"ui\": {\"default_locale\": \"en\"}, "
               "\"ENABLE_COMMUNITY_SHARING\": true, \"oauth\": {\"oidc\": {\"client_id\": \"a\"}, \"client_id\": \"b\"}, \"empty\": {}}', 0)");
    db.execute("INSERT INTO memory (id, user_id, content) VALUES ('mem1', 'u1', 'likes tea')");
    migrate.upgrade("959eaac8f909");  // #54
    db.execute("UPDATE \"user\" SET email = 'Ada@X.org' WHERE id = 'u1'");
    db.execute("UPDATE \"user\" SET email = 'ada@x.org' WHERE id = 'u2'");
    std::string refused;
    try {
        migrate.upgrade("head");
    } catch (const tabula::migration_error& e) {
        refused = e.what();
    }
    CHECK(refused.find("users share an email ignoring case, which the unique index uq_user_email_lower on lower(email) refuses: "
                       "ada@x.org (x2); merge or remove the duplicate accounts") != std::string::npos);
    CHECK(migrate.current() == std::vector<std::string>{"959eaac8f909"});
    db.execute("UPDATE \"user\" SET email = 'bo@x.org' WHERE id = 'u2'");
    migrate.upgrade("head");

    CHECK(text("SELECT CAST(meta AS TEXT) FROM knowledge WHERE id = 'c1'") ==
          std::vector<std::string>{"{\"legacy\": true, \"document\": true, \"tags\": [{\"name\": \"x\"}]}"});
    CHECK(text("SELECT name || '|' || description FROM knowledge") == std::vector<std::string>{"Doc Title|doc name"});
    CHECK(text("SELECT CAST(meta AS TEXT) FROM chat WHERE id = 'ch1'") == std::vector<std::string>{"{\"tags\": [\"my_tag\"]}"});
    CHECK(numbers("SELECT CAST(pinned AS INTEGER) FROM chat WHERE id = 'ch1'") == std::vector<std::int64_t>{1});
    CHECK(text("SELECT id FROM tag ORDER BY id") == std::vector<std::string>{"my_tag", "work"});
    CHECK(text("SELECT path FROM file") == std::vector<std::string>{"/data/a.txt"});
    CHECK(numbers("SELECT created_at FROM folder") == std::vector<std::int64_t>{1729243800});
    CHECK(text("SELECT group_id || '|' || user_id FROM group_member") == std::vector<std::string>{"g1|u1"});
    CHECK(numbers("SELECT joined_at FROM channel_member") == std::vector<std::int64_t>{5});
    // #24: info JSON (re-serialised on SQLite, kept on PostgreSQL), oauth double-encoded, api_key rows.
    CHECK(text("SELECT CAST(info AS TEXT) FROM \"user\" WHERE id = 'u1'") == std::vector<std::string>{postgres ? "{\"a\":1}" : "{\"a\": 1}"});
    CHECK(text("SELECT COALESCE(CAST(settings AS TEXT), 'SQL NULL') FROM \"user\" WHERE id = 'u1'") ==
          std::vector<std::string>{postgres ? "SQL NULL" : "null"});
    CHECK(text("SELECT CAST(oauth AS TEXT) FROM \"user\" ORDER BY id") ==
          std::vector<std::string>{"\"{\\\"google\\\": {\\\"sub\\\": \\\"123\\\"}}\"", "\"{\\\"oidc\\\": {\\\"sub\\\": \\\"plain\\\"}}\""});
    CHECK(text("SELECT id || '|' || user_id || '|' || \"key\" FROM api_key") == std::vector<std::string>{"key_u1|u1|sk-1"});
    // #26: each file linked once, by the knowledge's owner; a missing file skipped.
    CHECK(text("SELECT knowledge_id || '|' || file_id || '|' || user_id FROM knowledge_file") == std::vector<std::string>{"c1|f1|u1"});
    // #30: uuid id, command without '/', first history row.
    CHECK(text("SELECT command || '|' || name || '|' || content || '|' || CAST(created_at AS TEXT) FROM prompt") ==
          std::vector<std::string>{"hello|Hello|Hi|1700000000"});
    CHECK(numbers("SELECT COUNT(*) FROM prompt p JOIN prompt_history h ON h.id = p.version_id AND h.prompt_id = p.id") ==
          std::vector<std::int64_t>{1});
    CHECK(text("SELECT CAST(snapshot AS TEXT) FROM prompt_history") ==
          std::vector<std::string>{"{\"name\": \"Hello\", \"content\": \"Hi\", \"command\": \"hello\", \"data\": {}, \"meta\": {}, "
                                   "\"access_control\": null}"});
    // #31: one row per message with a role, ids prefixed with the chat id, times in seconds.
    CHECK(text("SELECT id || '|' || COALESCE(parent_id, '-') || '|' || role || '|' || CAST(created_at AS TEXT) || '|' || "
               "COALESCE(model_id, '-') || '|' || CAST(content AS TEXT) FROM chat_message WHERE chat_id = 'ch1' ORDER BY id") ==
          std::vector<std::string>{"ch1-m1|-|user|1712000000|-|\"hi\"", "ch1-m2|m1|assistant|1712000001|gpt|\"yo\""});
    CHECK(numbers("SELECT COUNT(*) FROM chat_message WHERE chat_id LIKE 'bulk%'") == std::vector<std::int64_t>{1200});
    // Run again from the start (as Open WebUI's retry would): nothing is added twice.
    tabula::data_checkpoint from_start({}, [](std::string_view) {}, {}, "8452d01d26d7");
    openwebui::history::r31_chat_message::upgrade_data(db, from_start);
    CHECK(numbers("SELECT COUNT(*) FROM chat_message") == std::vector<std::int64_t>{1202});
    // #32: public where NULL (not for files), the declared groups and users otherwise.
    CHECK(text("SELECT resource_type || '|' || resource_id || '|' || principal_type || '|' || principal_id || '|' || permission "
               "FROM access_grant WHERE resource_type <> 'shared_chat' ORDER BY resource_type, permission, principal_type") ==
          std::vector<std::string>{"knowledge|c1|group|g1|read", "knowledge|c1|user|u1|write", "prompt|" +
                                   text("SELECT id FROM prompt").front() + "|user|*|read"});
    // #37, #39: last read when updated; the phantom share moved to shared_chat, the orphan gone.
    CHECK(numbers("SELECT last_read_at FROM chat WHERE id = 'ch1'") == std::vector<std::int64_t>{1});
    CHECK(text("SELECT id FROM chat WHERE id NOT LIKE 'bulk%' ORDER BY id") == std::vector<std::string>{"ch1", "ch2"});
    CHECK(text("SELECT id || '|' || chat_id || '|' || user_id || '|' || title FROM shared_chat") == std::vector<std::string>{"tok|ch1|u1|shared"});
    CHECK(numbers("SELECT created_at FROM access_grant WHERE resource_type = 'shared_chat' AND resource_id = 'ch1'") == std::vector<std::int64_t>{7});
    // #41: one pinned_note row per pinned note, created_at in nanoseconds.
    CHECK(text("SELECT note_id || '|' || user_id FROM pinned_note") == std::vector<std::string>{"n1|u1"});
    CHECK(numbers("SELECT created_at FROM pinned_note").front() > 1'000'000'000'000'000'000);
    // #45: one row per setting, the first of two paths with one storage key winning.
    CHECK(text("SELECT \"key\" || '=' || CAST(value AS TEXT) FROM config ORDER BY \"key\"") ==
          std::vector<std::string>{"oauth.client_id=\"a\"", "ui.default_locale=\"en\"", "ui.enable_community_sharing=true", "version=0"});
    CHECK(numbers("SELECT COUNT(*) FROM config_old") == std::vector<std::int64_t>{1});
    // #47, #50: memory type 'context'; the current message is history.currentId's, else the latest leaf.
    CHECK(text("SELECT type FROM memory") == std::vector<std::string>{"context"});
    CHECK(text("SELECT id || '|' || COALESCE(current_message_id, '-') FROM chat WHERE id NOT LIKE 'bulk%' ORDER BY id") ==
          std::vector<std::string>{"ch1|m2", "ch2|-"});
    CHECK(numbers("SELECT COUNT(*) FROM chat WHERE id LIKE 'bulk%' AND current_message_id = 'm'") == std::vector<std::int64_t>{1200});

    migrate.downgrade("e1f2a3b4c5d6");  // #38
    CHECK(text("SELECT id || '|' || user_id FROM chat WHERE user_id LIKE 'shared-%'") == std::vector<std::string>{"tok|shared-ch1"});
    CHECK(text("SELECT id || '|' || COALESCE(CAST(is_pinned AS TEXT), '-') FROM note ORDER BY id") ==
          std::vector<std::string>{postgres ? "n1|true" : "n1|1", "n2|-"});
    CHECK(numbers("SELECT COUNT(*) FROM config") == std::vector<std::int64_t>{1});
    migrate.downgrade("2f1211949ecc");  // #23
    CHECK(text("SELECT id || '|' || COALESCE(oauth_sub, '-') || '|' || COALESCE(api_key, '-') FROM \"user\" ORDER BY id") ==
          std::vector<std::string>{"u1|google@123|sk-1", "u2|oidc@plain|-"});
    CHECK(text("SELECT CAST(data AS TEXT) FROM knowledge WHERE id = 'c1'") == std::vector<std::string>{"{\"file_ids\": [\"f1\"]}"});
    CHECK(text("SELECT command || '|' || title || '|' || CAST(\"timestamp\" AS TEXT) FROM prompt") ==
          std::vector<std::string>{"/hello|Hello|1700000000"});
    CHECK(text("SELECT COALESCE(CAST(access_control AS TEXT), 'public') FROM prompt") == std::vector<std::string>{"public"});
    CHECK(text("SELECT CAST(access_control AS TEXT) FROM knowledge WHERE id = 'c1'") ==
          std::vector<std::string>{"{\"read\": {\"group_ids\": [\"g1\"], \"user_ids\": []}, \"write\": {\"group_ids\": [], \"user_ids\": [\"u1\"]}}"});
    migrate.downgrade("a5c220713937");  // #21
    CHECK(text("SELECT CAST(user_ids AS TEXT) FROM \"group\"") == std::vector<std::string>{"[\"u1\"]"});
    migrate.downgrade("base");
    CHECK(migrate.current().empty());
}

}  // namespace openwebui_chain
