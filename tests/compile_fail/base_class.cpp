// expect: a model cannot have a base class
// A model that inherits its key from a base struct.
#include <tabula/tabula.hpp>
namespace app {
struct Entity {
    std::int64_t id = 0;
};
struct User : Entity {
    std::string name{};
};
}  // namespace app
int main() { return static_cast<int>(tabula::table_of<app::User>.columns.size()); }
