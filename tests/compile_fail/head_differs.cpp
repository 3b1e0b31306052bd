// expect: head_report<.*tabula::chain_problem::head_differs_from_models, (tabula::)?fixed_string<19>..add column user.bio..>
// The models gained a column that no revision adds.
#include <tabula/migrate.hpp>
namespace app {
struct User {
    std::int64_t id = 0;
    std::string name{};
};
namespace current {
struct User {
    std::int64_t id = 0;
    std::string name{};
    std::optional<std::string> bio{};
};
}  // namespace current
using v1 = tabula::schema<User>;
struct init : tabula::revision<"0001", tabula::base, v1> {};
using migrations = tabula::revision_chain<init>;
}  // namespace app
static_assert(tabula::head_matches<app::migrations, tabula::schema<app::current::User>>);
int main() {}
