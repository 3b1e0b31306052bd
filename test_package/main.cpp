// Smallest program against the *installed* tabula: open an in-memory SQLite database, create a
// table from a plain struct, insert a row and read it back. Exit status 0 means the package's
// headers, its CMake targets and its SQLite dependency all work from the consumer's side.
#include <tabula/sqlite.hpp>

#include <cstdint>
#include <string>

struct Note {
    std::int64_t id;
    std::string text;
};

int main() {
    auto db = tabula::session<tabula::sqlite>::open("sqlite://");
    db.create_all<Note>();
    auto id = db.insert(Note{0, "hello from test_package"});
    auto note = db.get<Note>(id);
    return note && note->text == "hello from test_package" ? 0 : 1;
}
