// What Open WebUI's users met in production, on its own chain (issue 9, point 5):
//
// Replicas racing at start-up: four processes start on one empty database at once, each
// upgrading to head; the revisions are applied once in all (each process reports how many it
// applied), and the database checks clean.
//
// Open WebUI's users lose rows when a data migration dies halfway and is retried (data_migrations.md,
// section 0). With tabula a revision runs in one transaction where DDL is transactional, so a
// process killed anywhere inside one leaves the revision before it; upgrading again must give the
// same rows as an upgrade that was never interrupted: nothing lost, nothing twice, no "already
// exists". For every revision of the chain with a data function, a process upgrading a database
// full of rows is killed (SIGKILL) as that revision starts, another upgrade finishes the job, and
// the rows are compared with those of an uninterrupted upgrade from the same rows. Identifiers a
// data function draws at random (UUID keys) and clock times (*_at columns) are left out of the
// comparison. The chat -> chat_message backfill, which commits page by page, is also killed in
// its middle and resumed.
// The tests are defined here; chain_sqlite.cpp and chain_postgres.cpp run them for their backend.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <tabula/migrate.hpp>

#include "../support/processes.hpp"
#include "chain_walk.hpp"

namespace openwebui_resilience {

// Rows at revision 3 (c0fbf31ca0db) for the data functions after it: chats with JSON text, tags
// and chat tags, documents, files with a path in their meta.
template <class Backend, class Session>
void seed(Session& db) {
    tabula::migrator<openwebui::revisions, Backend>(db).upgrade("c0fbf31ca0db");
    auto tx = db.transaction();
    for (int i = 0; i < 120; ++i) {
        const std::string n = std::to_string(i);
        db.execute("INSERT INTO chat (id, user_id, title, chat, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)", "c" + n,
                   "u" + std::to_string(i % 7), "chat " + n,
                   std::string(R"({"title": "t", "history": {"messages": {"m1": {"id": "m1", "role": "user", "content": "hello )") + n + "\"}}}}",
                   std::int64_t{1000 + i}, std::int64_t{2000 + i});
        if (i % 3 == 0)
            db.execute("INSERT INTO chatidtag (id, tag_name, chat_id, user_id, \"timestamp\") VALUES (?, ?, ?, ?, ?)", "ct" + n,
                       i % 2 ? std::string("Work Items") : std::string("pinned"), "c" + n, "u" + std::to_string(i % 7), std::int64_t{i});
    }
    for (int u = 0; u < 7; ++u)
        db.execute("INSERT INTO tag (id, name, user_id) VALUES (?, ?, ?)", "Work Items " + std::to_string(u), std::string("Work Items"),
                   "u" + std::to_string(u));
    for (int i = 0; i < 40; ++i) {
        const std::string n = std::to_string(i);
        db.execute("INSERT INTO document (collection_name, name, title, filename, content, user_id, \"timestamp\") VALUES (?, ?, ?, ?, ?, ?, ?)",
                   "col" + n, "doc" + n, "Title " + n, "f" + n + ".txt", std::string(R"({"tags": [{"name": "x"}]})"), std::string("u1"),
                   std::int64_t{i});
        db.execute("INSERT INTO file (id, user_id, filename, meta, created_at) VALUES (?, ?, ?, ?, ?)", "f" + n, std::string("u1"),
                   "f" + n + ".txt", "{\"path\": \"/data/f" + n + ".txt\"}", std::int64_t{i});
    }
    tx.commit();
}

// SQLite without fsync: a killed process loses nothing the operating system has (only a machine
// crash would), and the test is about processes.
template <class Backend>
auto open_database(const test_support::database<Backend>& database) {
    return database.open(Backend::dialect == tabula::sql::dialect::sqlite ? "synchronous=off" : "");
}

inline bool random_key(const std::string& value) { return value.size() == 36 && value[8] == '-' && value[13] == '-' && value[18] == '-'; }

// Every table's rows as sorted text, without *_at columns and without keys drawn at random.
template <class Backend, class Session>
std::map<std::string, std::vector<std::string>> rows(Session& db) {
    std::map<std::string, std::vector<std::string>> out;
    const tabula::live_schema live = tabula::migration_support<Backend>::read_schema(db.connection());
    for (const tabula::live_table& table : live.tables) {
        if (table.name == "alembic_version") continue;
        std::vector<std::string> columns;
        for (const tabula::live_column& c : table.columns)
            if (c.name.size() < 3 || c.name.compare(c.name.size() - 3, 3, "_at") != 0) columns.push_back(c.name);
        std::vector<std::vector<std::string>> values;
        for (const std::string& column : columns) {
            const std::string sql = "SELECT COALESCE(CAST(\"" + column + "\" AS TEXT), '-') FROM \"" + table.name + "\" ORDER BY " +
                                    (Backend::dialect == tabula::sql::dialect::postgres ? "ctid" : "rowid");
            values.push_back(db.template raw<std::string>(sql));
        }
        std::vector<std::string> lines(values.empty() ? 0 : values[0].size());
        for (std::size_t c = 0; c < columns.size(); ++c) {
            bool drawn = columns[c] == "id" && !values[c].empty() && std::all_of(values[c].begin(), values[c].end(), random_key);
            for (std::size_t r = 0; r < lines.size(); ++r) lines[r] += (c ? "|" : "") + (drawn ? std::string("<uuid>") : values[c][r]);
        }
        std::sort(lines.begin(), lines.end());
        out[table.name] = std::move(lines);
    }
    return out;
}

// Which data revisions a run kills: every one, or every `every`-th (TABULA_OPENWEBUI_KILL_STRIDE
// overrides; each costs two upgrades from revision 3 to head).
inline std::size_t kill_stride(std::size_t every) {
    const char* s = std::getenv("TABULA_OPENWEBUI_KILL_STRIDE");
    return s && *s && std::atoi(s) > 0 ? static_cast<std::size_t>(std::atoi(s)) : every;
}

template <class Backend>
void kill_each_data_revision(std::size_t every) {
    using migrator = tabula::migrator<openwebui::revisions, Backend>;
    std::map<std::string, std::vector<std::string>> expected;
    {
        test_support::database<Backend> database;
        auto db = open_database(database);
        seed<Backend>(db);
        migrator(db).upgrade("head");
        expected = rows<Backend>(db);
    }
    std::size_t seen = 0;
    for (std::size_t i = 3; i < migrator::size; ++i) {
        if (!migrator::entries[i].upgrade_data || seen++ % every != 0) continue;
        const std::string id(migrator::entries[i].id);
        CAPTURE(id);
        test_support::database<Backend> database;
        {
            auto db = open_database(database);
            seed<Backend>(db);
        }
        CHECK(test_support::kill_when_reached([&](const std::function<void()>& reached) {
            auto db = open_database(database);
            tabula::migration_options options;
            options.on_revision = [&](tabula::migration_direction, std::string_view revision, std::string_view) {
                if (revision == id) reached();
            };
            migrator(db, options).upgrade("head");
        }));
        auto db = open_database(database);
        migrator again(db);
        again.upgrade("head");
        CHECK(again.check().empty());
        const auto got = rows<Backend>(db);
        for (const auto& [table, lines] : expected) {
            CAPTURE(table);
            CHECK(got.count(table) == 1);
            if (got.count(table)) CHECK(got.at(table) == lines);
        }
    }
}

// The chat -> chat_message backfill (#31) commits page by page: a process killed after its first
// page (1,000 of 2,500 chats) leaves those messages, and the next upgrade resumes after the last
// committed chat, reporting progress from there; the rows equal an uninterrupted run's.
template <class Backend>
void kill_backfill_midway() {
    using migrator = tabula::migrator<openwebui::revisions, Backend>;
    constexpr std::string_view backfill = "8452d01d26d7";
    auto seed_chats = [](auto& db) {
        tabula::migrator<openwebui::revisions, Backend>(db).upgrade("c0fbf31ca0db");
        auto tx = db.transaction();
        for (int i = 0; i < 2500; ++i) {
            const std::string n = std::to_string(i);
            db.execute("INSERT INTO chat (id, user_id, title, chat, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)", "c" + n,
                       "u" + std::to_string(i % 13), "chat " + n,
                       R"({"history": {"messages": {"a": {"role": "user", "content": "q)" + n + R"(", "timestamp": 1700000000},)" +
                           R"( "b": {"role": "assistant", "parentId": "a", "content": "r)" + n + R"(", "timestamp": 1700000001}}}})",
                       std::int64_t{1000 + i}, std::int64_t{2000 + i});
        }
        tx.commit();
    };
    std::map<std::string, std::vector<std::string>> expected;
    {
        test_support::database<Backend> database;
        auto db = open_database(database);
        seed_chats(db);
        migrator(db).upgrade("head");
        expected = rows<Backend>(db);
    }
    REQUIRE(expected["chat_message"].size() == 5000);
    test_support::database<Backend> database;
    {
        auto db = open_database(database);
        seed_chats(db);
    }
    REQUIRE(test_support::kill_when_reached([&](const std::function<void()>& reached) {
        auto db = open_database(database);
        tabula::migration_options options;
        options.progress = [&](const tabula::migration_progress& p) {
            if (p.revision == backfill && p.done >= 1000) reached();  // after the first page
        };
        migrator(db, options).upgrade("head");
    }));

    auto db = open_database(database);
    CHECK(db.template raw<std::int64_t>("SELECT COUNT(*) FROM chat_message").front() == 2000);
    tabula::migration_options options;
    std::vector<std::int64_t> reported;
    options.progress = [&](const tabula::migration_progress& p) {
        if (p.revision != backfill) return;
        CHECK(p.from == tabula::migration_progress::source::data_function);
        CHECK(p.total == 2500);
        reported.push_back(p.done);
    };
    migrator again(db, options);
    const auto differences = again.check();
    bool partway = false;
    for (const auto& d : differences) partway = partway || d.message.find("its data function at 'c1898'") != std::string::npos;
    CHECK(partway);  // "c1898": the 1,000th chat id in text order
    again.upgrade("head");
    CHECK(reported == std::vector<std::int64_t>{1000, 2000, 2500});
    CHECK(again.check().empty());
    const auto got = rows<Backend>(db);
    for (const auto& [table, lines] : expected) {
        CAPTURE(table);
        CHECK(got.count(table) == 1);
        if (got.count(table)) CHECK(got.at(table) == lines);
    }
}

template <class Backend>
void four_instances_start_at_once() {
    using migrator = tabula::migrator<openwebui::revisions, Backend>;
    test_support::database<Backend> database;
    {
        auto db = open_database(database);  // the database exists before the race
        db.template raw<std::int64_t>("SELECT 1");
    }
    const int total = test_support::sum_over_processes(4, [&](int) {
        auto db = open_database(database);
        return static_cast<int>(migrator(db).upgrade("head").size());
    });
    CHECK(total == static_cast<int>(migrator::size));
    auto db = open_database(database);
    migrator migrate(db);
    CHECK(migrate.current() == std::vector<std::string>{std::string(openwebui::revisions::head)});
    CHECK(migrate.check().empty());
}

}  // namespace openwebui_resilience
