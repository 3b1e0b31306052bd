// The headers as a user with strict warning flags meets them: every public header included with
// a plain -I (not as system headers), compiled with -Wall -Wextra -Wpedantic -Wconversion
// -Wsign-conversion -Wshadow -Werror on GCC and Clang (tests/CMakeLists.txt), and the templates a
// program instantiates (every field type, CRUD, queries, streams, raw SQL, transactions,
// migrations, the run-time-chosen backend) instantiated for all three backends, since most
// warnings live in instantiations. It is built, not run: building it is the test.
#include <nlohmann/json.hpp>

#include <tabula/migrate.hpp>
#include <tabula/mysql.hpp>
#include <tabula/postgres.hpp>
#include <tabula/reflect/hana.hpp>
#include <tabula/sqlite.hpp>
#include <tabula/tabula.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace app {
enum class role : std::uint8_t { guest, admin };
struct User {
    std::int64_t id = 0;
    std::string name{};
    std::optional<std::string> email{};
    role access = role::guest;
    nlohmann::json settings{};
    std::int32_t age = 0;
    std::uint16_t level = 0;
    float score = 0;
    double balance = 0;
    bool active = false;
    tabula::blob avatar{};
    std::chrono::system_clock::time_point seen{};
    std::chrono::milliseconds elapsed{};
    std::optional<std::int8_t> tiny{};
    std::uint64_t big = 0;
};
struct Note {
    std::string id{};
    std::int64_t user_id = 0;
    std::string title{};
};
// A model Boost.PFR cannot see through, adapted as a Boost.Hana Struct.
struct Entity {
    std::int64_t id = 0;
};
struct Article : Entity {
    std::string title{};
    std::optional<std::int32_t> words{};
};
}  // namespace app
BOOST_HANA_ADAPT_STRUCT(app::Article, id, title, words);
template <>
struct tabula::model<app::Note> {
    static constexpr auto foreign_keys = std::tuple{tabula::foreign_key<&app::Note::user_id, &app::User::id>{}};
    static constexpr auto indexes = std::tuple{tabula::index<&app::Note::title>{}};
};

using v1 = tabula::schema<app::User>;
using v2 = tabula::schema<app::User, app::Note>;
struct r1 : tabula::revision<"0001", tabula::base, v1> {};
struct r2 : tabula::revision<"0002", tabula::after<"0001">, v2> {};
using chain = tabula::revision_chain<r1, r2>;

template <class Backend>
void use(const std::string& url) {
    tabula::session<Backend> db(url);
    db.template create_all<app::User, app::Note>();
    app::User u{};
    const auto id = db.insert(u);
    db.insert_many(std::vector<app::User>{u, u});
    auto got = db.template get<app::User>(id);
    db.update(*got);
    db.template update<&app::User::name>(*got);
    db.upsert(*got);
    using tabula::col;
    auto rows = db.template query<app::User>()
                    .where(col<&app::User::age> > 3 && col<&app::User::name>.like("a%") && col<&app::User::level> <= 7)
                    .order_by(col<&app::User::id>.desc())
                    .limit(3)
                    .all();
    for (const auto& r : db.template query<app::User>().stream()) (void)r;
    (void)db.template query<app::User>().count();
    (void)db.template get_many<app::User>(std::vector<std::int64_t>{1, 2});
    (void)db.update_many(rows);
    (void)db.template raw<std::int64_t>("SELECT id FROM user");
    db.transact([](auto& s) { return s.template count<app::Note>(); });
    db.template remove<app::User>(id);
    tabula::migrator<chain, Backend>(db).upgrade();

    db.template create_all<app::Article>();
    app::Article a{};
    db.insert(a);
    db.update(a);
    (void)db.template query<app::Article>().where(col<tabula::named_field<app::Article, "id">> == a.id && col<&app::Article::words> > 2).all();
}

int main(int argc, char** argv) {
    if (argc < 2) return 0;
    use<tabula::sqlite>(argv[1]);
    use<tabula::postgres>(argv[1]);
    use<tabula::mysql>(argv[1]);
    tabula::any_pool<tabula::sqlite, tabula::postgres, tabula::mysql> pool(argv[1]);
    auto lease = pool.acquire();
    (void)lease.template count<app::User>();
    return 0;
}
