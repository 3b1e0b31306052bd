// expect: model_check<(tabula::)?app::Note, tabula::model_problem::json_primary_key, (tabula::)?fixed_string<8>..settings..>
// max-lines: 10
// A JSON primary key, used through session::create_all.
#include <nlohmann/json.hpp>

#include <tabula/sqlite.hpp>
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
int main() {
    tabula::session<tabula::sqlite> db("sqlite://");
    db.create_all<app::Note>();
}
