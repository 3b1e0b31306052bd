// expect: schema_report<.*tabula::schema_problem::no_such_table, (tabula::)?fixed_string<(6|7UL - 1)>..folder..>
// replace_table of a table the parent version does not have (add_table was meant).
#include <tabula/migrate.hpp>
namespace app {
struct User {
    std::int64_t id = 0;
};
struct Folder {
    std::string id{};
};
using v1 = tabula::schema<User>;
using v2 = tabula::schema_from<v1, tabula::replace_table<Folder>>;
}  // namespace app
int main() { return static_cast<int>(app::v2::tables.size()); }
