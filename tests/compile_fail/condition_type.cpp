// expect: no match for .*operator==|invalid operands to binary expression
// A condition comparing a text column with an integer does not compile.
#include <tabula/tabula.hpp>
namespace app {
struct User {
    std::int64_t id;
    std::string name;
};
}  // namespace app
int main() {
    auto condition = tabula::col<&app::User::name> == 42;
    return sizeof(condition) > 0 ? 0 : 1;
}
