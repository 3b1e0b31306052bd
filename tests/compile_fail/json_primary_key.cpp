// expect: model_report<(tabula::)?app::Note, tabula::model_problem::json_primary_key, (tabula::)?fixed_string<8>..settings..>
// A primary key on a JSON column: the error names the model and the field.
#include <nlohmann/json.hpp>

#include <tabula/tabula.hpp>
namespace app {
struct Note {
    std::int64_t id;
    nlohmann::json settings;
};
}  // namespace app
template <>
struct tabula::model<app::Note> {
    static constexpr auto primary_key = tabula::primary_key<&app::Note::settings>{};
};
int main() { return static_cast<int>(tabula::table_of<app::Note>.columns.size()); }
