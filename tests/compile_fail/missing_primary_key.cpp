// expect: the model has no primary key
// No field `id` and no declared key.
#include <tabula/tabula.hpp>
namespace app {
struct Setting {
    std::string key;
    std::string value;
};
}  // namespace app
int main() { return static_cast<int>(tabula::table_of<app::Setting>.columns.size()); }
