// expect: query_report<.*Row, tabula::query_problem::result_field_type, .*"title"
// select_as<Row> with a field that cannot hold the value selected for it names the struct and the field.
#include <tabula/sqlite.hpp>
namespace app {
struct Post {
    std::int64_t id;
    std::string title;
};
struct Row {
    std::int64_t id;
    std::int64_t title;
};
}  // namespace app
int main() {
    auto db = tabula::session<tabula::sqlite>::open("sqlite://");
    auto rows = db.query<app::Post>().select_as<app::Row>(tabula::col<&app::Post::id>, tabula::col<&app::Post::title>).all();
    return static_cast<int>(rows.size());
}
