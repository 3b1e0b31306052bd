// expect: condition_check<(tabula::)?app::Chat, (tabula::)?fixed_string<5>..title.., int>
// max-lines: 10
// A condition comparing a text column with an integer, inside a query whose result is used: the
// one error names the model, the field and the value's type.
#include <tabula/sqlite.hpp>
namespace app {
struct Chat {
    std::string id;
    std::string title;
};
}  // namespace app
int main() {
    tabula::session<tabula::sqlite> db("sqlite://");
    using tabula::col;
    return static_cast<int>(db.query<app::Chat>().where(col<&app::Chat::title> == 5).count());
}
