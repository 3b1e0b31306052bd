// expect: model_check<(tabula::)?app::Author, tabula::model_problem::not_default_constructible, (tabula::)?fixed_string<
// max-lines: 10
// A Hana model whose only constructor takes arguments: rows cannot be read into it.
#include <tabula/reflect/hana.hpp>
#include <tabula/sqlite.hpp>
namespace app {
class Author {
public:
    BOOST_HANA_DEFINE_STRUCT(Author, (std::int64_t, id), (std::string, name));
    explicit Author(std::string n) : id(0), name(std::move(n)) {}
};
}  // namespace app
int main() {
    tabula::session<tabula::sqlite> db("sqlite://");
    db.create_all<app::Author>();
}
