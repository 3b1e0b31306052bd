// SQLCipher: encrypted files on disk, keys from the URL and from Open WebUI's environment, the
// errors of a wrong or missing key (never showing the key, never touching the file), and what the
// backend does differently on the old SQLite SQLCipher 3 embeds (upserts without ON CONFLICT).
// Built only into tabula_sqlcipher_tests, which links tabula::sqlcipher.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <tabula/backend/config.hpp>
#include <tabula/migrate.hpp>
#include <tabula/sqlcipher.hpp>

#include "../support/database.hpp"
#include "../support/models.hpp"

namespace cipher_models {
struct Membership {
    std::string user{};
    std::string team{};
};
}  // namespace cipher_models

template <>
struct tabula::model<cipher_models::Membership> {
    static constexpr auto primary_key = tabula::primary_key<&cipher_models::Membership::user, &cipher_models::Membership::team>{};
};

using namespace testing_models;
using cipher_models::Membership;

namespace {

using session = tabula::session<tabula::sqlite>;

std::string file_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string keyed_url(const std::filesystem::path& path, std::string_view key, std::string_view options = {}) {
    std::string url = "sqlite+sqlcipher://:" + tabula::detail::percent_encode(key) + "@/" + path.string();
    if (!options.empty()) url += "?" + std::string(options);
    return url;
}

// The message of the connection_error (or configuration_error) opening `url` throws.
template <class Error>
std::string open_error(const std::string& url) {
    try {
        session db(url);
        db.raw<std::int64_t>("SELECT COUNT(*) FROM sqlite_master");
    } catch (const Error& e) {
        return e.what();
    }
    return "no error";
}

tabula::database_config from_environment(std::map<std::string, std::string> variables, std::string_view default_url) {
    return tabula::database_config::from_environment(default_url, [variables](std::string_view name) -> std::optional<std::string> {
        auto it = variables.find(std::string(name));
        if (it == variables.end()) return std::nullopt;
        return it->second;
    });
}

constexpr std::string_view plain_header("SQLite format 3\0", 16);

}  // namespace

TEST_CASE("SQLCipher: the library is SQLCipher, and the suite's databases are encrypted") {
    test_support::database<tabula::sqlite> database;
    CHECK(database.url().rfind("sqlite+sqlcipher://:", 0) == 0);
    auto db = database.open();
    CHECK_FALSE(db.raw<std::string>("PRAGMA cipher_version").empty());
    CHECK(db.connection().max_parameters() >= 999);  // 999 before SQLite 3.32
    INFO("SQLite " << db.raw<std::string>("SELECT sqlite_version()")[0]);
    db.create_all<Note>();
    db.insert(Note{"n1", "a secret title", 1});
    CHECK(file_bytes(database.directory() / "test.db").find("a secret title") == std::string::npos);
}

TEST_CASE("SQLCipher: the file on disk is not SQLite's format, and the right key reads it back") {
    test_support::temp_directory directory;
    const auto path = directory.path() / "secret.db";
    const std::string key = "correct horse battery staple";
    {
        session db(keyed_url(path, key));
        db.create_all<Note, User>();
        db.insert(Note{"n1", "plain text nobody may read", 7});
        db.insert_many(std::vector<Note>{{"n2", "second", 8}, {"n3", "third", 9}});
    }
    const std::string bytes = file_bytes(path);
    REQUIRE(bytes.size() >= 16);
    CHECK(bytes.substr(0, 16) != plain_header);
    CHECK(bytes.find("plain text nobody may read") == std::string::npos);
    CHECK(bytes.find("CREATE TABLE") == std::string::npos);

    session again(keyed_url(path, key));
    CHECK(again.count<Note>() == 3);
    CHECK(again.get<Note>("n1")->title == "plain text nobody may read");
    // SQLAlchemy's dialect name works too, and so does WAL.
    session pysqlcipher("sqlite+pysqlcipher://:" + tabula::detail::percent_encode(key) + "@/" + path.string() + "?wal=true");
    CHECK(pysqlcipher.raw<std::string>("PRAGMA journal_mode")[0] == "wal");
    pysqlcipher.insert(Note{"n4", "written in WAL mode", 10});
    CHECK(again.count<Note>() == 4);
}

TEST_CASE("SQLCipher: a wrong key, no key, or a key for a plain file is a connection_error that names the problem, not the key") {
    test_support::temp_directory directory;
    const auto encrypted = directory.path() / "encrypted.db";
    const auto plain = directory.path() / "plain.db";
    const std::string key = "the-right-key-4711";
    {
        session db(keyed_url(encrypted, key));
        db.create_all<Note>();
        db.insert(Note{"n", "kept", 1});
    }
    {
        session db("sqlite:///" + plain.string());  // SQLCipher without a key writes plain SQLite
        db.create_all<Note>();
        db.insert(Note{"n", "plain", 1});
    }
    const std::string encrypted_before = file_bytes(encrypted);
    const std::string plain_before = file_bytes(plain);
    CHECK(plain_before.substr(0, 16) == plain_header);

    SUBCASE("wrong key") {
        const std::string wrong = "the-wrong-key-0815";
        const std::string message = open_error<tabula::connection_error>(keyed_url(encrypted, wrong));
        CHECK(message.find("the key is wrong") != std::string::npos);
        CHECK(message.find(encrypted.string()) != std::string::npos);
        CHECK(message.find(wrong) == std::string::npos);
        CHECK(message.find(key) == std::string::npos);
        // A key that differs in its last character only.
        CHECK(open_error<tabula::connection_error>(keyed_url(encrypted, key.substr(0, key.size() - 1) + "8")).find("the key is wrong") !=
              std::string::npos);
        // With WAL asked for: refused before anything is written.
        CHECK(open_error<tabula::connection_error>(keyed_url(encrypted, wrong, "wal=true")).find("the key is wrong") != std::string::npos);
    }
    SUBCASE("no key") {
        const std::string message = open_error<tabula::connection_error>("sqlite:///" + encrypted.string() + "?wal=true");
        CHECK(message.find("it is encrypted") != std::string::npos);
        CHECK(message.find("sqlite+sqlcipher://") != std::string::npos);
    }
    SUBCASE("a key for a plain file") {
        const std::string message = open_error<tabula::connection_error>(keyed_url(plain, key, "wal=true"));
        CHECK(message.find("the key is wrong, or the file is not an SQLCipher database") != std::string::npos);
        CHECK(message.find(key) == std::string::npos);
    }
    SUBCASE("read-only, wrong key") {
        CHECK(open_error<tabula::connection_error>(keyed_url(encrypted, "nope", "mode=ro")).find("the key is wrong") != std::string::npos);
    }
    // Nothing was written to either file, and both still open as they were.
    CHECK(file_bytes(encrypted) == encrypted_before);
    CHECK(file_bytes(plain) == plain_before);
    CHECK(session(keyed_url(encrypted, key)).get<Note>("n")->title == "kept");
    CHECK(session("sqlite:///" + plain.string()).get<Note>("n")->title == "plain");
}

TEST_CASE("SQLCipher: sessions creating one new encrypted file at the same time agree on it") {
    // SQLCipher gives an empty file the salt of the connection that writes it first; the others
    // must read that salt rather than keep their own.
    for (int round = 0; round < 3; ++round) {
        CAPTURE(round);
        test_support::temp_directory directory;
        const std::string url = keyed_url(directory.path() / "new.db", "shared key");
        constexpr int processes = 4;
        std::vector<pid_t> children;
        for (int p = 0; p < processes; ++p) {
            const pid_t child = fork();
            REQUIRE(child >= 0);
            if (child == 0) {
                int status = 1;
                try {
                    session db(url);
                    db.create_all<Note>();
                    db.insert(Note{"n" + std::to_string(p), "from a child", p});
                    status = 0;
                } catch (...) {
                }
                _exit(status);
            }
            children.push_back(child);
        }
        for (pid_t child : children) {
            int status = 0;
            REQUIRE(waitpid(child, &status, 0) == child);
            CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
        }
        CHECK(session(url).count<Note>() == processes);
    }
}

TEST_CASE("SQLCipher: an encrypted URL without a key is a configuration_error naming DATABASE_PASSWORD") {
    test_support::temp_directory directory;
    const std::string path = (directory.path() / "x.db").string();
    const std::string message = open_error<tabula::configuration_error>("sqlite+sqlcipher:///" + path);
    CHECK(message.find("needs its key") != std::string::npos);
    CHECK(message.find("DATABASE_PASSWORD") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(path));
    CHECK(open_error<tabula::configuration_error>("sqlite+sqlcipher://:@/" + path).find("DATABASE_PASSWORD") != std::string::npos);
    // A user name has no place in it; the key is not shown.
    const std::string with_user = open_error<tabula::configuration_error>("sqlite+sqlcipher://ada:hunter2@/" + path);
    CHECK(with_user.find("no host, user or port") != std::string::npos);
    CHECK(with_user.find("hunter2") == std::string::npos);
    // A plain URL with a password is refused, not opened unencrypted.
    const std::string plain = open_error<tabula::configuration_error>("sqlite://:hunter2@/" + path);
    CHECK(plain.find("sqlite+sqlcipher://:KEY@") != std::string::npos);
    CHECK(plain.find("hunter2") == std::string::npos);
    CHECK_THROWS_WITH_AS(tabula::database_config::from_environment("sqlite:///" + path,
                                                                   [](std::string_view name) -> std::optional<std::string> {
                                                                       if (name == "DATABASE_TYPE") return "sqlite+sqlcipher";
                                                                       return std::nullopt;
                                                                   }),
                         doctest::Contains("DATABASE_PASSWORD"), tabula::configuration_error);
}

TEST_CASE("SQLCipher: keys with any characters round-trip through database_config::from_environment") {
    test_support::temp_directory directory;
    const std::vector<std::string> keys = {
        "colon:at@slash/percent%25%", "spaces  around ", "non-ASCII: cl\xc3\xa9 \xe5\xaf\x86\xe7\xa0\x81 \xf0\x9f\x94\x91",
        "quotes ' \" and ; -- DROP TABLE note", "x'2DD29CA851E7B56E4697B0E1F08507293D761A05CE4D1B628663F411A8086D99'",
        "?query#fragment&amp=1+2"};
    int n = 0;
    for (const std::string& key : keys) {
        CAPTURE(n);
        const std::string file = (directory.path() / ("env" + std::to_string(n++) + ".db")).string();
        const auto config = from_environment({{"DATABASE_TYPE", "sqlite+sqlcipher"}, {"DATABASE_PASSWORD", key}}, "sqlite:///" + file);
        CHECK(tabula::parse_database_url(config.url).password == key);
        CHECK(config.shown_url() == "sqlite+sqlcipher://:***@/" + file);
        {
            session db(config.url);
            db.create_all<Note>();
            db.insert(Note{"k", key, 1});
        }
        CHECK(file_bytes(file).substr(0, 16) != plain_header);
        // Read back: with the same environment, through DATABASE_URL and the password, and with the key in the URL itself.
        CHECK(session(from_environment({{"DATABASE_TYPE", "sqlite+sqlcipher"}, {"DATABASE_PASSWORD", key}}, "sqlite:///" + file).url)
                  .get<Note>("k")
                  ->title == key);
        CHECK(session(from_environment({{"DATABASE_URL", "sqlite+sqlcipher:///" + file}, {"DATABASE_PASSWORD", key}}, "sqlite://").url)
                  .get<Note>("k")
                  ->title == key);
        CHECK(session(keyed_url(file, key)).get<Note>("k")->title == key);
        // One character less is another key.
        const std::string message = open_error<tabula::connection_error>(keyed_url(file, key.substr(0, key.size() - 1)));
        CHECK(message.find("the key is wrong") != std::string::npos);
    }
}

TEST_CASE("SQLCipher: the key never appears in the SQL log") {
    test_support::database<tabula::sqlite> database;
    std::vector<std::string> logged;
    auto db = database.open();
    db.log_statements([&](const tabula::statement_event& e) { logged.emplace_back(e.sql); }, true);
    db.create_all<Note>();
    db.upsert(Note{"n", "t", 1});
    db.upsert(Note{"n", "u", 2});
    REQUIRE_FALSE(logged.empty());
    for (const std::string& text : logged) {
        CHECK(text.find(test_support::sqlcipher_key) == std::string::npos);
        CHECK(text.find("PRAGMA key") == std::string::npos);
    }
}

TEST_CASE("SQLCipher: upsert on SQLite before 3.24 runs as UPDATE, then INSERT, with the native upsert's results and errors") {
    test_support::database<tabula::sqlite> database;
    auto db = database.open();
    db.create_all<User, Note, Membership>();

    User ada;
    ada.id = 7;
    ada.name = "ada";
    ada.email = "ada@example.org";
    ada.settings = nlohmann::json::object();
    db.upsert(ada);  // a new key, given explicitly
    CHECK(db.get<User>(7)->name == "ada");
    ada.name = "Ada";
    db.upsert(ada);
    CHECK(db.count<User>() == 1);
    CHECK(db.get<User>(7)->name == "Ada");
    CHECK(db.insert(User{.name = "next", .settings = nlohmann::json::object()}) == 8);  // the rowid went on from 7

    // Another row's unique email, by the update path and by the insert path: the same error as
    // the native upsert, and nothing changed.
    User grace = ada;
    grace.id = 8;
    grace.name = "grace";
    for (std::int64_t id : {std::int64_t{8}, std::int64_t{9}}) {
        CAPTURE(id);
        grace.id = id;
        try {
            db.upsert(grace);
            FAIL("a duplicate email was accepted");
        } catch (const tabula::constraint_violation& e) {
            CHECK(e.kind() == tabula::constraint_kind::unique);
            CHECK(e.table() == "users");
            CHECK(e.constraint() == "uq_users_email");
            CHECK(e.columns() == std::vector<std::string>{"email"});
            CHECK(e.sql().find("ON CONFLICT") != std::string::npos);  // the statement the application ran
        }
        CHECK_FALSE(db.in_transaction());
        CHECK_FALSE(db.connection().in_transaction());
    }
    CHECK(db.get<User>(8)->name == "next");
    CHECK(db.count<User>() == 2);

    // Inside a transaction: a failed upsert leaves the transaction's earlier writes and the
    // transaction itself in place; a successful one is undone with it.
    {
        auto tx = db.transaction();
        db.upsert(Note{"a", "first", 1});
        CHECK_THROWS_AS(db.upsert(grace), tabula::constraint_violation);
        CHECK(db.in_transaction());
        CHECK(db.connection().in_transaction());
        db.upsert(Note{"a", "second", 2});
        {
            auto inner = db.transaction();
            db.upsert(Note{"b", "undone", 3});
            inner.rollback();
        }
        tx.commit();
    }
    CHECK(db.get<Note>("a")->title == "second");
    CHECK_FALSE(db.get<Note>("b").has_value());

    // A table of key columns only: the second upsert finds the row and does nothing.
    db.upsert(Membership{"ada", "engines"});
    db.upsert(Membership{"ada", "engines"});
    db.upsert(Membership{"ada", "looms"});
    CHECK(db.count<Membership>() == 2);

    // Values bound once serve both statements, across many executions of the cached statement.
    for (int i = 0; i < 50; ++i) db.upsert(Note{"n" + std::to_string(i % 10), "v" + std::to_string(i), i});
    CHECK(db.count<Note>() == 11);
    CHECK(db.get<Note>("n3")->title == "v43");
}

TEST_CASE("SQLCipher: the upsert fallback's statements, and only for tabula's upsert text") {
    using tabula::sql::sqlite_upsert_fallback;
    constexpr auto dialect = tabula::sql::dialect::sqlite;
    const auto note = sqlite_upsert_fallback(tabula::sql::upsert_sql<Note, dialect>);
    REQUIRE(note.has_value());
    CHECK(note->update == "UPDATE note SET title = ?2, updated_at = ?3 WHERE id = ?1");
    CHECK(note->insert == "INSERT INTO note (id, title, updated_at) VALUES (?1, ?2, ?3)");
    const auto tag = sqlite_upsert_fallback(tabula::sql::upsert_sql<Tag, dialect>);
    REQUIRE(tag.has_value());
    CHECK(tag->update == "UPDATE tag SET name = ?3, meta = ?4 WHERE id = ?1 AND user_id = ?2");
    const auto membership = sqlite_upsert_fallback(tabula::sql::upsert_sql<Membership, dialect>);
    REQUIRE(membership.has_value());
    CHECK(membership->update.empty());
    CHECK(membership->insert == "INSERT INTO membership (user, team) SELECT ?1, ?2 WHERE NOT EXISTS "
                                "(SELECT 1 FROM membership WHERE user = ?1 AND team = ?2)");
    // Quoted names survive the round trip, beside bare ones.
    const auto odd = sqlite_upsert_fallback(R"(INSERT INTO "a""b" (k, "v""w") VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET "v""w" = excluded."v""w")");
    REQUIRE(odd.has_value());
    CHECK(odd->update == R"(UPDATE "a""b" SET "v""w" = ?2 WHERE k = ?1)");
    // A name quoted where tabula writes it bare is not tabula's text.
    CHECK(sqlite_upsert_fallback("INSERT INTO t (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v"));
    CHECK_FALSE(sqlite_upsert_fallback(R"(INSERT INTO "t" ("k", "v") VALUES (?, ?) ON CONFLICT ("k") DO UPDATE SET "v" = excluded."v")"));
    // Anything else is left to SQLite's own error.
    CHECK_FALSE(sqlite_upsert_fallback("INSERT INTO t (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = v + 1"));
    CHECK_FALSE(sqlite_upsert_fallback("INSERT INTO t (k, v) VALUES (?, ?) ON CONFLICT (x) DO NOTHING"));
    CHECK_FALSE(sqlite_upsert_fallback("INSERT INTO t (k) VALUES (1) ON CONFLICT (k) DO NOTHING"));
    CHECK_FALSE(sqlite_upsert_fallback(tabula::sql::insert_sql<Note, dialect>));
    // Application SQL with an upsert is not rewritten: it fails as SQLite says.
    test_support::database<tabula::sqlite> database;
    auto db = database.open();
    db.create_all<Note>();
    if (tabula::sqlite_backend::library_version() < 3024000)
        CHECK_THROWS_WITH_AS(db.execute(R"(INSERT INTO "note" ("id", "title", "updated_at") VALUES (?, ?, ?) ON CONFLICT ("id") DO NOTHING)",
                                        "n", "t", 1),
                             doctest::Contains("syntax error"), tabula::statement_error);
}

namespace cipher_models::v1 {
struct Parent {
    std::int64_t id = 0;
    std::string name{};
};
struct Child {
    std::int64_t id = 0;
    std::int64_t parent_id = 0;
};
}  // namespace cipher_models::v1
namespace cipher_models::v2 {
struct Folder {
    std::int64_t id = 0;
    std::string name{};
};
struct Child {
    std::int64_t id = 0;
    std::int64_t parent_id = 0;
};
}  // namespace cipher_models::v2
template <>
struct tabula::model<cipher_models::v1::Child> {
    static constexpr auto indexes = std::tuple{tabula::index<&cipher_models::v1::Child::parent_id>{.name = "ix_child_parent"}};
    static constexpr auto foreign_keys =
        std::tuple{tabula::foreign_key<&cipher_models::v1::Child::parent_id, &cipher_models::v1::Parent::id>{.name = "fk_child_parent"}};
};
template <>
struct tabula::model<cipher_models::v2::Child> {
    static constexpr auto indexes = std::tuple{tabula::index<&cipher_models::v2::Child::parent_id>{.name = "ix_child_parent"}};
    static constexpr auto foreign_keys =
        std::tuple{tabula::foreign_key<&cipher_models::v2::Child::parent_id, &cipher_models::v2::Folder::id>{.name = "fk_child_parent"}};
};

namespace cipher_models {
using s1 = tabula::schema<v1::Parent, v1::Child>;
using s2 = tabula::schema_from<s1, tabula::rename_table<v1::Parent, v2::Folder>, tabula::replace_table<v2::Child>>;
struct r1 : tabula::revision<"c1000001", tabula::base, s1> {
    static constexpr std::string_view message = "parents";
};
struct r2 : tabula::revision<"c1000002", tabula::after<"c1000001">, s2> {
    static constexpr std::string_view message = "folders";
};
using chain = tabula::revision_chain<r1, r2>;
}  // namespace cipher_models

TEST_CASE("SQLCipher: renaming a table repoints the foreign keys that reference it (SQLite before 3.26 does not, with foreign keys off)") {
    test_support::database<tabula::sqlite> database;
    auto db = database.open();
    tabula::migrator<cipher_models::chain, tabula::sqlite> migrate(db);
    migrate.upgrade("c1000001");
    db.execute("INSERT INTO parent (id, name) VALUES (1, 'p')");
    db.execute("CREATE TABLE audit_log (child_id INTEGER)");
    db.execute("CREATE TRIGGER child_named AFTER INSERT ON child BEGIN INSERT INTO audit_log VALUES (new.id); END");
    // The live schema matches the head's models but for the application's own table.
    const std::vector<std::string> only_audit_log{"table audit_log is in the database but not in the models"};
    auto differences = [&] {
        std::vector<std::string> out;
        for (const auto& d : migrate.check()) out.push_back(d.message);
        return out;
    };
    for (int round = 0; round < 2; ++round) {
        CAPTURE(round);
        migrate.upgrade();
        CHECK(differences() == only_audit_log);
        CHECK(db.raw<std::int64_t>("SELECT COUNT(*) FROM sqlite_master WHERE sql LIKE '%REFERENCES \"folder\"%'")[0] == 1);
        CHECK_THROWS_AS(db.execute("INSERT INTO child (id, parent_id) VALUES (?, 99)", std::int64_t{10 + round}), tabula::constraint_violation);
        db.execute("INSERT INTO child (id, parent_id) VALUES (?, 1)", std::int64_t{20 + round});
        CHECK(db.raw<std::int64_t>("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('ix_child_parent', 'child_named')")[0] == 2);
        migrate.downgrade("c1000001");
        CHECK(migrate.current() == std::vector<std::string>{"c1000001"});
        CHECK(db.raw<std::int64_t>("SELECT COUNT(*) FROM sqlite_master WHERE sql LIKE '%REFERENCES \"parent\"%'")[0] == 1);
        CHECK_THROWS_AS(db.execute("INSERT INTO child (id, parent_id) VALUES (?, 99)", std::int64_t{30 + round}), tabula::constraint_violation);
    }
    CHECK(db.raw<std::int64_t>("SELECT COUNT(*) FROM child") == std::vector<std::int64_t>{2});
    CHECK(db.raw<std::int64_t>("SELECT COUNT(*) FROM audit_log") == std::vector<std::int64_t>{2});  // the trigger came along
}
