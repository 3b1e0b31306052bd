// Open WebUI's database layer as a program, configured the way Open WebUI configures itself:
//
//   DATA_DIR            where the SQLite database lives (default ./data)
//   DATABASE_URL        the database; or DATABASE_TYPE, _USER, _PASSWORD, _HOST, _PORT, _NAME
//                       (and DATABASE_SCHEMA, DATABASE_POOL_*, DATABASE_ENABLE_SQLITE_WAL);
//                       default sqlite:///${DATA_DIR}/webui.db
//
//   openwebui            migrate to head (under the migration lock) and say where the database is
//   openwebui demo       migrate, write a small world, run the application's queries
//   openwebui db ...     the migration commands (upgrade, downgrade, history, current, stamp,
//                        check, heads, ...); `openwebui db help` lists them
//
// On first start, a legacy ollama.db in DATA_DIR is renamed to webui.db, as Open WebUI does. A
// database from Open WebUI's old Peewee layer (a migratehistory table, no alembic_version) is
// adopted (peewee.hpp): stamped at revision 1 and continued, and the differences the Peewee layer
// left are counted (`db check` lists them).
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <tabula/migrate.hpp>
#include <tabula/postgres.hpp>
#include <tabula/sqlite.hpp>

#include "chain.hpp"
#include "demo.hpp"
#include "peewee.hpp"

namespace {

std::string environment(const char* name, std::string fallback) {
    const char* value = std::getenv(name);
    return value && *value ? std::string(value) : fallback;
}

// Open WebUI renamed its database from ollama.db to webui.db; a data directory that still has
// only the old file keeps its data.
void adopt_legacy_file(const std::filesystem::path& data_dir) {
    const auto legacy = data_dir / "ollama.db";
    const auto current = data_dir / "webui.db";
    if (std::filesystem::exists(legacy) && !std::filesystem::exists(current)) {
        std::filesystem::rename(legacy, current);
        std::cout << "renamed " << legacy.string() << " to " << current.string() << "\n";
    }
}

template <class Backend>
int run(const tabula::database_config& config, const std::vector<std::string_view>& args) {
    tabula::migration_options options;
    // A new SQLite database gets the head's schema at once, which is exactly what the 55 revisions
    // give (tests/openwebui/chain_sqlite.cpp). PostgreSQL replays them: there the history leaves
    // traces that creating at head cannot repeat (config_old's sequence is still config_id_seq,
    // user's columns are in the order they were added).
    if constexpr (Backend::dialect == tabula::sql::dialect::sqlite) options.empty_database = tabula::empty_database_upgrade::create_head;
    if (!args.empty() && args[0] == "db")
        return tabula::migration_command<openwebui::revisions, Backend>(config.url, std::vector<std::string_view>(args.begin() + 1, args.end()),
                                                                        {}, options);
    auto db = tabula::session<Backend>::open(config.url);
    const bool from_peewee = openwebui::peewee::adopt(db, std::cout);
    options.on_revision = [](tabula::migration_direction, std::string_view id, std::string_view message) {
        std::cout << "  running " << id << " " << message << "\n";
    };
    options.progress = [](const tabula::migration_progress& p) {
        const bool data = p.from == tabula::migration_progress::source::data_function;
        std::cout << "\r    " << (data ? "" : "copying ") << p.table << ": " << p.done << " of " << p.total << (data ? "" : " rows")
                  << (p.done >= p.total ? "\n" : "") << std::flush;
    };
    tabula::migrator<openwebui::revisions, Backend> migrate(db, options);
    const auto applied = migrate.upgrade("head");
    const auto at = migrate.current();
    std::cout << config.shown_url() << ": " << applied.size() << " revision(s) applied, at " << (at.empty() ? "base" : at.front()) << "\n";
    if (from_peewee)
        std::cout << "the Peewee layer left " << migrate.check().size() << " difference(s) from the models (`openwebui db check` lists them)\n";
    if (!args.empty() && args[0] == "demo") openwebui::demo::run(db, std::cout);
    else if (!args.empty()) {
        std::cerr << "openwebui: unknown command '" << args[0] << "' (expected demo, or db ...)\n";
        return 2;
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string_view> args(argv + 1, argv + argc);
    try {
        const std::filesystem::path data_dir = environment("DATA_DIR", "data");
        const char* url = std::getenv("DATABASE_URL");
        if (!url || !*url) {
            std::filesystem::create_directories(data_dir);
            adopt_legacy_file(data_dir);
        }
        const auto config = tabula::database_config::from_environment("sqlite:///" + (data_dir / "webui.db").string());
        const std::string scheme = config.scheme();
        if (scheme == "sqlite") return run<tabula::sqlite>(config, args);
        if (scheme == "postgresql") return run<tabula::postgres>(config, args);
        std::cerr << "openwebui: " << config.shown_url()
                  << ": Open WebUI's schema runs on SQLite and PostgreSQL (its unique index on lower(email) is a partial "
                     "expression index, which MySQL and MariaDB cannot create)\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "openwebui: " << e.what() << "\n";
        return 1;
    }
}
