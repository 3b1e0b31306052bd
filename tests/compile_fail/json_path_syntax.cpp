// expect: a JSON path is \$ followed by \.key steps
// A JSON path outside the portable subset does not compile, and says what the subset is.
#include <tabula/sqlite.hpp>
#include <nlohmann/json.hpp>
namespace app {
struct Chat {
    std::int64_t id;
    nlohmann::json meta;
};
}  // namespace app
int main() {
    auto db = tabula::session<tabula::sqlite>::open("sqlite://");
    return static_cast<int>(db.query<app::Chat>().where(tabula::json<&app::Chat::meta, "$.a'b"> == "x").count());
}
