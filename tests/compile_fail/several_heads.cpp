// expect: chain_report<tabula::chain_problem::several_heads, (tabula::)?fixed_string<10>..0002, 0003..>
// Two revisions branch from one parent and nothing merges them: the chain is refused where it is
// checked (chain_checked, head_matches, the migrator).
#include <tabula/migrate.hpp>
namespace app {
struct User {
    std::int64_t id = 0;
    std::string name{};
};
using v1 = tabula::schema<User>;
struct init : tabula::revision<"0001", tabula::base, v1> {};
struct left : tabula::revision<"0002", tabula::after<"0001">, v1> {};
struct right : tabula::revision<"0003", tabula::after<"0001">, v1> {};
using migrations = tabula::revision_chain<init, left, right>;
}  // namespace app
static_assert(tabula::chain_checked<app::migrations>);
int main() { return static_cast<int>(app::migrations::size); }
