// MySQL connections: URL forms, refused logins and unreachable servers, a connection killed by the
// server, and the session settings tabula relies on (CLIENT_FOUND_ROWS, strict mode, timeouts).
#include <doctest/doctest.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "../support/database.hpp"
#include "../support/models.hpp"

using namespace testing_models;

namespace {

template <class F>
std::string connection_error_of(F&& f) {
    try {
        f();
    } catch (const tabula::connection_error& e) {
        return e.what();
    }
    return "no connection_error";
}

// A TCP port on 127.0.0.1 that nothing listens on: bound by us, then released.
unsigned closed_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    socklen_t length = sizeof address;
    REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    ::close(fd);
    return ntohs(address.sin_port);
}

// The URL of the TCP test server with another user part, database or port.
std::string tcp_url(std::string_view credentials, std::string_view database, unsigned port = 0) {
    const std::string url = test_support::server_url("mysql-tcp");
    const std::size_t at = url.find('@');
    const std::size_t colon = url.find(':', at);
    const std::size_t slash = url.find('/', at);
    const std::string host = url.substr(at + 1, colon - at - 1);
    const std::string server_port = port ? std::to_string(port) : url.substr(colon + 1, slash - colon - 1);
    return "mysql://" + std::string(credentials) + "@" + host + ":" + server_port + "/" + std::string(database);
}

}  // namespace

TEST_CASE("MySQL: unix socket and TCP URLs, mariadb:// and SQLAlchemy's drivers all connect") {
    test_support::database<tabula::mysql> database;
    const std::string socket_url = database.url();
    CHECK(tabula::session<tabula::mysql>(socket_url).raw<std::int64_t>("SELECT 1")[0] == 1);
    std::string mariadb_url = socket_url;
    mariadb_url.replace(0, 5, "mariadb");
    CHECK(tabula::session<tabula::mysql>(mariadb_url).raw<std::int64_t>("SELECT 2")[0] == 2);
    std::string driver_url = socket_url;
    driver_url.replace(0, 5, "mysql+pymysql");
    CHECK(tabula::session<tabula::mysql>(driver_url).raw<std::int64_t>("SELECT 3")[0] == 3);

    // The socket as an option instead of the host.
    const std::size_t at = socket_url.find('@');
    const std::size_t slash = socket_url.find('/', at);
    const std::string socket_path = tabula::parse_database_url(socket_url).host;
    const std::string option_url = socket_url.substr(0, at + 1) + "localhost" + socket_url.substr(slash) + "?unix_socket=" + socket_path;
    CHECK(tabula::session<tabula::mysql>(option_url).raw<std::int64_t>("SELECT 4")[0] == 4);

    auto tcp = tabula::session<tabula::mysql>(tcp_url("tabula:tabula-test-secret", "tabula"));
    CHECK(tcp.raw<std::string>("SELECT @@SESSION.sql_mode")[0].find("STRICT_ALL_TABLES") != std::string::npos);
    CHECK(tcp.raw<std::string>("SELECT @@SESSION.sql_mode")[0].find("ANSI_QUOTES") != std::string::npos);
    CHECK(tcp.raw<std::string>("SELECT @@SESSION.character_set_client")[0] == "utf8mb4");
}

TEST_CASE("MySQL: a wrong password, an unknown database and a closed port are connection_errors that hide the password") {
    const std::string wrong_password = connection_error_of([] { tabula::session<tabula::mysql> db(tcp_url("tabula:not-the-secret-42", "tabula")); });
    CHECK(wrong_password.find("Access denied") != std::string::npos);
    CHECK(wrong_password.find("not-the-secret-42") == std::string::npos);
    CHECK(wrong_password.find("mysql://tabula:***@") != std::string::npos);

    const std::string unknown_database =
        connection_error_of([] { tabula::session<tabula::mysql> db(tcp_url("tabula:tabula-test-secret", "no_such_database")); });
    CHECK(unknown_database.find("Unknown database 'no_such_database'") != std::string::npos);
    CHECK(unknown_database.find("tabula-test-secret") == std::string::npos);

    const unsigned port = closed_port();
    const std::string refused =
        connection_error_of([&] { tabula::session<tabula::mysql> db(tcp_url("tabula:tabula-test-secret", "tabula", port) + "?connect_timeout=5"); });
    CHECK(refused.find("127.0.0.1:" + std::to_string(port)) != std::string::npos);
    CHECK(refused.find("Can't connect") != std::string::npos);
    CHECK(refused.find("tabula-test-secret") == std::string::npos);

    // The test server has no TLS: a URL that requires it must not fall back to clear text.
    for (std::string_view mode : {"required", "verify_ca", "verify_identity"}) {
        CAPTURE(mode);
        const std::string no_tls =
            connection_error_of([&] { tabula::session<tabula::mysql> db(tcp_url("tabula:tabula-test-secret", "tabula") + "?ssl_mode=" + std::string(mode)); });
        CHECK(no_tls.find("SSL is required, but the server does not support it") != std::string::npos);
    }
    CHECK(tabula::session<tabula::mysql>(tcp_url("tabula:tabula-test-secret", "tabula") + "?ssl_mode=disabled").raw<std::int64_t>("SELECT 1")[0] == 1);

    CHECK_THROWS_WITH_AS(tabula::session<tabula::mysql>(tcp_url("tabula:tabula-test-secret", "tabula") + "?charset=latin1"),
                         doctest::Contains("option 'charset' must be utf8mb4"), tabula::configuration_error);
}

TEST_CASE("MySQL: a connection killed by the server is a connection_error, and its transaction is never committed") {
    test_support::database<tabula::mysql> database;
    auto db = database.open();
    db.create_all<Note>();
    auto other = database.open();
    CHECK(db.connection().ping());
    {
        auto tx = db.transaction();
        db.insert(Note{"a", "written before the kill", 1});
        CHECK(db.connection().in_transaction());
        other.connection().execute("KILL " + std::to_string(db.connection().server_thread_id()));
        CHECK_THROWS_AS(db.insert(Note{"b", "written after the kill", 2}), tabula::connection_error);
        CHECK(db.connection().broken());
        CHECK_THROWS_AS(tx.commit(), tabula::connection_error);
    }
    CHECK_FALSE(db.connection().ping());  // no reconnect: the lost transaction is not silently replaced
    CHECK_THROWS_AS(db.count<Note>(), tabula::connection_error);
    CHECK(other.count<Note>() == 0);
}

TEST_CASE("MySQL: an update that changes nothing still finds its row (CLIENT_FOUND_ROWS)") {
    test_support::database<tabula::mysql> database;
    auto db = database.open();
    db.create_all<Note>();
    db.insert(Note{"a", "same", 1});
    CHECK_NOTHROW(db.update(Note{"a", "same", 1}));
    CHECK_NOTHROW(db.update<&Note::title>(Note{"a", "same", 1}));
    CHECK(db.execute("UPDATE note SET title = title") == 1);
    CHECK_THROWS_AS(db.update(Note{"missing", "same", 1}), tabula::not_found);
}

TEST_CASE("MySQL: strict mode refuses a value too long for its column instead of truncating it") {
    test_support::database<tabula::mysql> database;
    auto db = database.open();
    db.create_all<User, Post>();
    User ada;
    ada.name = "ada";
    ada.id = db.insert(ada);
    // Post.title is VARCHAR(200): characters, not bytes.
    const std::string emoji = "\xf0\x9f\x98\x80";
    std::string fits;
    for (int i = 0; i < 200; ++i) fits += emoji;
    db.insert(Post{0, ada.id, fits, "fits", std::nullopt, status::draft});
    CHECK(db.query<Post>().first()->title == fits);
    try {
        db.insert(Post{0, ada.id, std::string(201, 't'), "too-long", std::nullopt, status::draft});
        FAIL("a 201-character title was stored");
    } catch (const tabula::statement_error& e) {
        CHECK(e.code() == 1406);
        CHECK(std::string(e.what()).find("Data too long for column 'title'") != std::string::npos);
    }
    CHECK(db.count<Post>() == 1);
    CHECK_THROWS_AS(db.execute("UPDATE users SET created_at = 'soon'"), tabula::statement_error);
    CHECK(db.get<User>(ada.id)->created_at == 0);
}

TEST_CASE("MySQL: statement_timeout stops a long statement; a lock wait past innodb_lock_wait_timeout is busy") {
    test_support::database<tabula::mysql> database;
    auto db = database.open("statement_timeout=200");
    try {
        db.raw<std::int64_t>("SELECT SLEEP(5)");
        FAIL("the statement ran past its timeout");
    } catch (const tabula::timeout_error& e) {
        CHECK(e.code() == 1969);
    }
    CHECK(db.raw<std::int64_t>("SELECT 1")[0] == 1);  // the connection stays usable

    auto holder = database.open();
    holder.create_all<Note>();
    holder.insert(Note{"a", "x", 1});
    auto waiter = database.open();
    waiter.connection().execute("SET SESSION innodb_lock_wait_timeout = 1");
    auto tx = holder.transaction();
    holder.update(Note{"a", "held", 2});
    try {
        waiter.update(Note{"a", "waiting", 3});
        FAIL("a second writer got the row");
    } catch (const tabula::busy_error& e) {
        CHECK(e.code() == 1205);
        CHECK(e.sqlstate() == "HY000");
    }
    tx.commit();
    waiter.update(Note{"a", "after", 4});
    CHECK(holder.get<Note>("a")->title == "after");
}

// tabula's list of MySQL keywords (sql/keywords.hpp) against the server's: every keyword tabula
// writes bare works bare as a table and a column name, in DDL and DML.
TEST_CASE("MySQL: every keyword tabula leaves unquoted works as a bare table and column name") {
    test_support::database<tabula::mysql> database;
    auto db = database.open();
    const auto words = db.raw<std::string>("SELECT LOWER(WORD) FROM information_schema.KEYWORDS ORDER BY 1");
    CHECK(words.size() > 500);
    std::vector<std::string> refused;
    std::size_t tried = 0;
    for (const std::string& word : words) {
        if (tabula::sql::needs_quotes(word, tabula::sql::dialect::mysql)) continue;
        ++tried;
        try {
            db.execute("CREATE TEMPORARY TABLE " + word + " (" + word + " INT)");
            db.execute("INSERT INTO " + word + " (" + word + ") VALUES (1)");
            db.execute("UPDATE " + word + " SET " + word + " = 2 WHERE " + word + " = 1");
            db.execute("DROP TEMPORARY TABLE " + word);
        } catch (const tabula::error&) {
            refused.push_back(word);
        }
    }
    CHECK(tried > 300);
    CHECK(refused == std::vector<std::string>{});
}
