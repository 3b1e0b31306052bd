// expect: revision_report<(app::)?remove_files, tabula::chain_problem::unacknowledged_data_loss, (tabula::)?fixed_string<(15|16UL - 1)>..drop table file..>
// A revision that drops a table without listing it in data_loss.
#include <tabula/migrate.hpp>
namespace app {
struct User {
    std::int64_t id = 0;
    std::string name{};
};
struct File {
    std::string id{};
    std::string path{};
};
using v1 = tabula::schema<User, File>;
using v2 = tabula::schema_from<v1, tabula::drop_table<File>>;
struct init : tabula::revision<"0001", tabula::base, v1> {};
struct remove_files : tabula::revision<"0002", tabula::after<"0001">, v2> {};
using migrations = tabula::revision_chain<init, remove_files>;
}  // namespace app
static_assert(tabula::chain_checked<app::migrations>);
int main() {}
