// expect: model_check<(tabula::)?app::Post, tabula::model_problem::member_of_another_struct, (tabula::)?fixed_string<15>..app::User::name..>
// max-lines: 10
// A unique constraint of Post that names a member of User, used through session::get.
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
template <>
struct tabula::model<app::Post> {
    static constexpr auto unique = std::tuple{tabula::unique<&app::User::name>{}};
};
int main() {
    tabula::session<tabula::sqlite> db("sqlite://");
    return db.get<app::Post>(1).has_value() ? 0 : 1;
}
