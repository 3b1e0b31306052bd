// expect: query_report<app::Post, tabula::query_problem::column_outside_query, .*app::User::name
// A condition on a column of a model the query does not read from names the query's model and the column.
#include <tabula/sqlite.hpp>
namespace app {
struct User {
    std::int64_t id;
    std::string name;
};
struct Post {
    std::int64_t id;
    std::string title;
};
}  // namespace app
int main() {
    auto db = tabula::session<tabula::sqlite>::open("sqlite://");
    return static_cast<int>(db.query<app::Post>().where(tabula::col<&app::User::name> == "ada").count());
}
