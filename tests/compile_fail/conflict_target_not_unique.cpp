// expect: query_report<app::Post, tabula::query_problem::conflict_target_not_unique, .*app::Post::title
// upsert_on<...>() names its conflict target; columns that are not a unique key do not compile.
#include <tabula/sqlite.hpp>
namespace app {
struct Post {
    std::int64_t id;
    std::string title;
};
}  // namespace app
int main() {
    auto db = tabula::session<tabula::sqlite>::open("sqlite://");
    return static_cast<int>(db.upsert_on<&app::Post::title>(app::Post{0, "x"}));
}
