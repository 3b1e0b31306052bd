// expect: named_field<Model, Name>: the model has no field of this name
// A declaration naming a field the Hana model does not list.
#include <tabula/reflect/hana.hpp>
#include <tabula/tabula.hpp>
namespace app {
struct Entity {
    std::int64_t id = 0;
};
struct Article : Entity {
    std::string title{};
};
}  // namespace app
BOOST_HANA_ADAPT_STRUCT(app::Article, id, title);
template <>
struct tabula::model<app::Article> {
    static constexpr auto columns = std::tuple{tabula::column<tabula::named_field<app::Article, "ttile">>{.index = true}};
};
int main() { return static_cast<int>(tabula::table_of<app::Article>.columns.size()); }
