// expect: model_check<(tabula::)?app::Note, tabula::model_problem::unsupported_field_type, (tabula::)?fixed_string<5>..title..>
// max-lines: 10
// A field tabula cannot store (a C string), used through session::insert: the one error names the
// model, the problem and the field.
#include <tabula/sqlite.hpp>
namespace app {
struct Note {
    std::int64_t id;
    const char* title;
};
}  // namespace app
int main() {
    tabula::session<tabula::sqlite> db("sqlite://");
    return static_cast<int>(db.insert(app::Note{1, "x"}));
}
