// expect: model_check<(tabula::)?app::Chat, tabula::model_problem::foreign_key_type_mismatch, (tabula::)?fixed_string<7>..user_id..>
// max-lines: 10
// A foreign key from a text column to an integer key, used through a query whose result is used.
#include <tabula/sqlite.hpp>
namespace app {
struct User {
    std::int64_t id;
    std::string name;
};
struct Chat {
    std::string id;
    std::string user_id;
};
}  // namespace app
template <>
struct tabula::model<app::Chat> {
    static constexpr auto foreign_keys = std::tuple{tabula::foreign_key<&app::Chat::user_id, &app::User::id>{}};
};
int main() {
    tabula::session<tabula::sqlite> db("sqlite://");
    using tabula::col;
    const auto chats = db.query<app::Chat>().where(col<&app::Chat::id> == "c").order_by(col<&app::Chat::id>.desc()).all();
    return static_cast<int>(chats.size());
}
