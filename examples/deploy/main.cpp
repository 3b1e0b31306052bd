// A service the way Open WebUI deploys: the database comes from the environment (DATABASE_URL,
// or the DATABASE_* parts, with SQLite as the default), the schema is migrated at start-up under
// a lock (so many instances may start at once), and requests borrow sessions from a pool.
//
//   deploy                                            SQLite file in the working directory
//   DATABASE_URL=postgresql://app:pw@db/app deploy     PostgreSQL
//   DATABASE_URL=mysql://app:pw@db/app DB_LOG=1 deploy MariaDB, with every statement logged
#include <nlohmann/json.hpp>

#include <tabula/migrate.hpp>
#include <tabula/mysql.hpp>
#include <tabula/postgres.hpp>
#include <tabula/sqlite.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

namespace app {
struct Chat {
    std::string id{};
    std::string user_id{};
    std::string title{};
    nlohmann::json meta{};
    std::int64_t updated_at = 0;
};
}  // namespace app

template <>
struct tabula::model<app::Chat> {
    static constexpr auto indexes = std::tuple{tabula::index<&app::Chat::user_id, &app::Chat::updated_at>{}};
};

using schema_v1 = tabula::schema<app::Chat>;
struct create_chat : tabula::revision<"7a1c0e5d2b01", tabula::base, schema_v1> {
    static constexpr std::string_view message = "chat table";
};
using migrations = tabula::revision_chain<create_chat>;
static_assert(tabula::head_matches<migrations, tabula::schema<app::Chat>>);

using backends = tabula::any_pool<tabula::sqlite, tabula::postgres, tabula::mysql>;

int main(int argc, char** argv) {
    const auto config = tabula::database_config::from_environment("sqlite:///deploy-example.db?wal=true");
    std::printf("database: %s (pool %zu + %zu)\n", config.shown_url().c_str(), config.pool.size, config.pool.max_overflow);
    backends pool(config);
    if (std::getenv("DB_LOG"))
        pool.log_statements([](const tabula::statement_event& e) {
            std::printf("  sql (%lld us, %lld rows): %.*s\n", static_cast<long long>(e.duration.count() / 1000),
                        static_cast<long long>(e.rows), static_cast<int>(e.sql.size()), e.sql.data());
        });

    // `deploy db upgrade`, `deploy db history`, ... as Alembic's commands.
    if (argc > 1 && std::string_view(argv[1]) == "db") {
        auto db = pool.acquire();
        return db.visit([&](auto& session) {
            using backend = typename std::remove_reference_t<decltype(session)>::backend_type;
            return tabula::migration_command<migrations, backend>(config.url, argc - 2, argv + 2);
        });
    }

    // Migrate on start-up: the first instance applies the revisions, the others wait and find them done.
    {
        auto db = pool.acquire();
        db.visit([](auto& session) {
            using backend = typename std::remove_reference_t<decltype(session)>::backend_type;
            tabula::migrator<migrations, backend>(session).upgrade();
        });
        db.execute("DELETE FROM chat");
    }

    // Four request handlers, each borrowing a session per request.
    std::vector<std::thread> handlers;
    for (int worker = 0; worker < 4; ++worker)
        handlers.emplace_back([&pool, worker] {
            for (int request = 0; request < 25; ++request) {
                auto db = pool.acquire();
                db.insert(app::Chat{.id = std::to_string(worker) + "-" + std::to_string(request),
                                    .user_id = "user-" + std::to_string(worker),
                                    .title = "chat " + std::to_string(request),
                                    .meta = {{"model", "llama"}, {"pinned", request % 5 == 0}},
                                    .updated_at = request});
            }
        });
    for (auto& h : handlers) h.join();

    auto db = pool.acquire();
    using tabula::col;
    const auto recent = db.query<app::Chat>()
                            .where(col<&app::Chat::user_id> == "user-2" && col<&app::Chat::updated_at> >= 20)
                            .order_by(col<&app::Chat::updated_at>.desc())
                            .all();
    const auto stats = pool.statistics();
    std::printf("%lld chats on %.*s; user-2's latest: %s; pool opened %llu connection(s), %zu idle\n",
                static_cast<long long>(db.count<app::Chat>()), static_cast<int>(db.backend_name().size()), db.backend_name().data(),
                recent.empty() ? "none" : recent.front().title.c_str(), static_cast<unsigned long long>(stats.opened), stats.idle);
    return db.count<app::Chat>() == 100 && recent.size() == 5 ? 0 : 1;
}
