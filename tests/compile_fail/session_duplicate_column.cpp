// expect: model_check<(tabula::)?app::Chat, tabula::model_problem::duplicate_column_name, (tabula::)?fixed_string<5>..title..>
// max-lines: 10
// Two fields mapped to one column, used through the run-time-chosen session (any_session).
#include <tabula/sqlite.hpp>
namespace app {
struct Chat {
    std::string id;
    std::string title;
    std::string name;
};
}  // namespace app
template <>
struct tabula::model<app::Chat> {
    static constexpr auto columns = std::tuple{tabula::column<&app::Chat::name>{.name = "title"}};
};
int main() {
    auto db = tabula::any_session<tabula::sqlite>::open("sqlite://");
    db.update(app::Chat{"c", "t", "n"});
}
