// expect: query_report<app::Post, tabula::query_problem::join_without_foreign_key, .*"tag"
// join<M>() without a condition needs a foreign key between M and the query's models.
#include <tabula/sqlite.hpp>
namespace app {
struct Post {
    std::int64_t id;
    std::string title;
};
struct Tag {
    std::int64_t id;
    std::string name;
};
}  // namespace app
int main() {
    auto db = tabula::session<tabula::sqlite>::open("sqlite://");
    return static_cast<int>(db.query<app::Post>().join<app::Tag>().all().size());
}
