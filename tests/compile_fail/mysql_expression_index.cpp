// expect: expression and partial indexes \(tabula::expression_index, .where\) are not supported on MySQL/MariaDB \(dialect mysql\)
// max-lines: 30
// A model with an expression index does not create its tables on a MySQL session: MariaDB has
// neither expression nor partial indexes.
#include <tabula/mysql.hpp>
#include <optional>
#include <string>
namespace app {
struct User {
    std::int64_t id;
    std::optional<std::string> email;
};
}  // namespace app
template <>
struct tabula::model<app::User> {
    static constexpr auto indexes = std::tuple{
        tabula::expression_index{.name = "uq_user_email_lower", .expression = "lower(email)", .unique = true, .where = "email IS NOT NULL"}};
};
int main() {
    auto db = tabula::session<tabula::mysql>::open("mysql://localhost/app");
    db.create_all<app::User>();
}
