// Smallest program against the *packaged* tabula: open an in-memory SQLite database, create a
// table from a plain struct, insert a row and read it back. Exit status 0 means the package's
// headers, its CMake targets and its SQLite dependency all work from the consumer's side.
// With TABULA_TEST_POSTGRES / TABULA_TEST_MYSQL, those backends are compiled and linked as well:
// their sessions are only opened for a URL given on the command line, which the tests never do.
#include <tabula/sqlite.hpp>
#if TABULA_TEST_POSTGRES
#include <tabula/postgres.hpp>
#endif
#if TABULA_TEST_MYSQL
#include <tabula/mysql.hpp>
#endif

#include <cstdint>
#include <string>
#include <string_view>

struct Note {
    std::int64_t id;
    std::string text;
};

int main(int argc, char** argv) {
    if (argc > 1) {
        // Links each backend's client library; never run by test_package.
        [[maybe_unused]] std::string_view url = argv[1];
#if TABULA_TEST_POSTGRES
        if (url.starts_with("postgresql:")) tabula::session<tabula::postgres>::open(url).create_all<Note>();
#endif
#if TABULA_TEST_MYSQL
        if (url.starts_with("mysql:")) tabula::session<tabula::mysql>::open(url).create_all<Note>();
#endif
        return 0;
    }
    auto db = tabula::session<tabula::sqlite>::open("sqlite://");
    db.create_all<Note>();
    auto id = db.insert(Note{0, "hello from test_package"});
    auto note = db.get<Note>(id);
    return note && note->text == "hello from test_package" ? 0 : 1;
}
