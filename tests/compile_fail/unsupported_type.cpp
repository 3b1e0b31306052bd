// expect: tabula: unsupported field type.*|model_report<(tabula::)?app::Event, tabula::model_problem::unsupported_field_type, (tabula::)?fixed_string<5>..where..>
// A field of a type tabula cannot store (a raw pointer): the error names the field.
#include <tabula/tabula.hpp>
namespace app {
struct Event {
    std::int64_t id;
    const char* where;
};
}  // namespace app
int main() { return static_cast<int>(tabula::table_of<app::Event>.columns.size()); }
