// expect: model_report<(tabula::)?app::Post, tabula::model_problem::member_of_another_struct, (tabula::)?fixed_string<(15|16UL - 1)>..app::User::name..>
// A declaration for Post that names a member of User.
#include <tabula/tabula.hpp>
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
    static constexpr auto columns = std::tuple{tabula::column<&app::User::name>{.type = "VARCHAR(10)"}};
};
int main() { return static_cast<int>(tabula::table_of<app::Post>.columns.size()); }
