// expect: tabula::json_index is not supported on MySQL/MariaDB \(dialect mysql\)
// max-lines: 30
// (one error on both compilers: 16 lines with GCC 12, 29 with Clang 16, whose instantiation notes are longer)
// A model with a json_index does not create its tables on a MySQL session: neither MySQL nor
// MariaDB can index an expression that matches a JSON path.
#include <tabula/mysql.hpp>
#include <nlohmann/json.hpp>
namespace app {
struct Chat {
    std::int64_t id;
    nlohmann::json meta;
};
}  // namespace app
template <>
struct tabula::model<app::Chat> {
    static constexpr auto indexes = std::tuple{tabula::json_index<&app::Chat::meta, "$.model">{}};
};
int main() {
    auto db = tabula::session<tabula::mysql>::open("mysql://localhost/app");
    db.create_all<app::Chat>();
}
