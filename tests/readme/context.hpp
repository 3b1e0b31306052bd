// What the README's statement blocks refer to without declaring it: a session `db`, rows, keys,
// values, a configuration and a logger. The models come from the README's own models block.
#pragma once

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <tabula/migrate.hpp>
#include <tabula/mysql.hpp>
#include <tabula/postgres.hpp>
#include <tabula/sqlite.hpp>

#include "readme_models.hpp"

namespace readme {
struct context {
    tabula::session<tabula::sqlite> db{"sqlite://"};
    app::User user{};
    std::vector<app::User> users{};
    std::int64_t id = 0;
    std::int64_t author = 0;
    std::int64_t since = 0;
    std::string word{};
    app::Post a{}, b{}, c{};
    tabula::database_config config{};
    std::string data_dir{};
    tabula::statement_logger logger{};
    tabula::migration_options options{};
};
}  // namespace readme

#define TABULA_README_CONTEXT                                          \
    [[maybe_unused]] auto& db = readme_context.db;                     \
    [[maybe_unused]] auto& user = readme_context.user;                 \
    [[maybe_unused]] auto& users = readme_context.users;               \
    [[maybe_unused]] auto& id = readme_context.id;                     \
    [[maybe_unused]] auto& author = readme_context.author;             \
    [[maybe_unused]] auto& since = readme_context.since;               \
    [[maybe_unused]] auto& word = readme_context.word;                 \
    [[maybe_unused]] auto& a = readme_context.a;                       \
    [[maybe_unused]] auto& b = readme_context.b;                       \
    [[maybe_unused]] auto& c = readme_context.c;                       \
    [[maybe_unused]] auto& config = readme_context.config;             \
    [[maybe_unused]] auto& data_dir = readme_context.data_dir;         \
    [[maybe_unused]] auto& logger = readme_context.logger;             \
    [[maybe_unused]] auto& options = readme_context.options;
