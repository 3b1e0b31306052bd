// expect: model_report<(tabula::)?app::Chat, tabula::model_problem::duplicate_column_name, (tabula::)?fixed_string<5>..title..>
// Two fields mapped to one column name.
#include <tabula/tabula.hpp>
namespace app {
struct Chat {
    std::int64_t id;
    std::string title;
    std::string heading;
};
}  // namespace app
template <>
struct tabula::model<app::Chat> {
    static constexpr auto columns = std::tuple{tabula::column<&app::Chat::heading>{.name = "title"}};
};
int main() { return static_cast<int>(tabula::table_of<app::Chat>.columns.size()); }
