// tabula::json_index: the descriptor it gives, its CREATE INDEX per dialect, the same key text
// as the query layer's tabula::json<> (which is what lets the planner use it), and its diff.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include <tabula/migrate.hpp>
#include <tabula/sqlite.hpp>

namespace json_index_models {
struct Chat {
    std::int64_t id = 0;
    std::string title{};
    nlohmann::json meta{};
};
struct Plain {
    std::int64_t id = 0;
    std::string title{};
};
}  // namespace json_index_models

template <>
struct tabula::model<json_index_models::Chat> {
    static constexpr auto indexes = std::tuple{
        tabula::json_index<&json_index_models::Chat::meta, "$.settings.model">{},
        tabula::json_index<&json_index_models::Chat::meta, "$.tags[0]", std::int64_t>{.name = "ix_chat_first_tag", .unique = true},
        tabula::index<&json_index_models::Chat::title>{}};
};

namespace json_index_models {
struct NotJson {
    std::int64_t id = 0;
    std::string title{};
};
struct BadPath {
    std::int64_t id = 0;
    nlohmann::json meta{};
};
}  // namespace json_index_models
template <>
struct tabula::model<json_index_models::NotJson> {
    static constexpr auto indexes = std::tuple{tabula::json_index<&json_index_models::NotJson::title, "$.a">{}};
};
template <>
struct tabula::model<json_index_models::BadPath> {
    static constexpr auto indexes = std::tuple{tabula::json_index<&json_index_models::BadPath::meta, "$..a">{}};
};

using json_index_models::Chat;
using tabula::sql::dialect;

// The descriptor: one JSON column, the path and the type the value is read as.
static constexpr const tabula::table_descriptor& chat = tabula::table_of<Chat>;
static_assert(chat.indexes.size() == 3);
static_assert(chat.indexes[0].name == "ix_chat_meta_settings_model" && chat.indexes[0].json_path == "$.settings.model" &&
              chat.indexes[0].json_type == tabula::value_kind::text && chat.indexes[0].columns[0] == "meta");
static_assert(chat.indexes[1].name == "ix_chat_first_tag" && chat.indexes[1].unique && chat.indexes[1].json_type == tabula::value_kind::int64);
static_assert(!chat.indexes[2].on_json_path());

// Mistakes name the field.
static_assert(tabula::diagnosis_of<json_index_models::NotJson>.problem == tabula::model_problem::json_index_on_non_json &&
              tabula::diagnosis_of<json_index_models::NotJson>.subject == "title");
static_assert(tabula::diagnosis_of<json_index_models::BadPath>.problem == tabula::model_problem::json_index_path);

// CREATE INDEX per dialect; MySQL and MariaDB refuse it (a static_assert in create_index_sql,
// unsupported_statement when a migration renders it at run time).
static_assert(tabula::sql::create_index_sql<Chat, dialect::sqlite>[0] ==
              R"(CREATE INDEX IF NOT EXISTS ix_chat_meta_settings_model ON chat (json_extract(meta, '$.settings.model')))");
static_assert(tabula::sql::create_index_sql<Chat, dialect::sqlite>[1] ==
              R"(CREATE UNIQUE INDEX IF NOT EXISTS ix_chat_first_tag ON chat (CAST(json_extract(meta, '$.tags[0]') AS INTEGER)))");
static_assert(tabula::sql::create_index_sql<Chat, dialect::postgres>[0] ==
              R"(CREATE INDEX IF NOT EXISTS ix_chat_meta_settings_model ON chat (((meta #>> '{settings,model}'))))");
static_assert(tabula::sql::create_index_sql<Chat, dialect::postgres>[1] ==
              R"(CREATE UNIQUE INDEX IF NOT EXISTS ix_chat_first_tag ON chat ((CAST((meta #>> '{tags,0}') AS BIGINT))))");
static_assert(!tabula::sql::supports_json_index(dialect::mysql));

// The key is the query layer's expression, character for character. Checked at run time: GCC
// does not evaluate find() over static storage in a constant expression under AddressSanitizer.
template <class E, dialect D>
bool key_contains() {
    const std::string_view condition = tabula::condition_sql<E, D>;
    const std::string_view placeholder = D == dialect::postgres ? " = $1" : " = ?";
    return tabula::sql::create_index_sql<Chat, D>[1].find(condition.substr(0, condition.size() - placeholder.size())) !=
           std::string_view::npos;
}
using first_tag = decltype(tabula::json<&Chat::meta, "$.tags[0]", std::int64_t> == 3);

TEST_CASE("a json_index's key is the expression a json<> condition renders") {
    CHECK(key_contains<first_tag, dialect::sqlite>());
    CHECK(key_contains<first_tag, dialect::postgres>());
}

TEST_CASE("a json_index is refused on MySQL when rendered at run time") {
    const tabula::index_descriptor& index = chat.indexes[0];
    CHECK_THROWS_AS(tabula::sql::text(dialect::mysql, [&](auto& w) { tabula::sql::create_index(w, "chat", index, false); }),
                    tabula::unsupported_statement);
}

namespace json_index_v1 {
using json_index_models::Plain;
struct Chat {
    std::int64_t id = 0;
    std::string title{};
    nlohmann::json meta{};
};
}  // namespace json_index_v1
namespace json_index_v3 {
struct Chat {
    std::int64_t id = 0;
    std::string title{};
    nlohmann::json meta{};
};
}  // namespace json_index_v3
template <>
struct tabula::model<json_index_v1::Chat> {
    static constexpr std::string_view table = "chat";
};
template <>
struct tabula::model<json_index_v3::Chat> {
    static constexpr std::string_view table = "chat";
    static constexpr auto indexes = std::tuple{tabula::json_index<&json_index_v3::Chat::meta, "$.settings.model", std::int64_t>{}};
};

// Adding, retyping and removing a json_index: create, drop then create, drop.
TEST_CASE("a json_index in a schema diff") {
    using v1 = tabula::schema<json_index_v1::Chat>;
    using v2 = tabula::schema<Chat>;
    using v3 = tabula::schema<json_index_v3::Chat>;
    auto described = [](const auto& steps) {
        std::string out;
        for (const tabula::migration_step& s : steps) out += tabula::describe(s) + "; ";
        return out;
    };
    CHECK(described(tabula::schema_diff<v1, v2>) ==
          "create index ix_chat_meta_settings_model on chat; create index ix_chat_first_tag on chat; create index ix_chat_title on chat; ");
    CHECK(described(tabula::schema_diff<v2, v3>) ==
          "drop index ix_chat_meta_settings_model on chat; drop index ix_chat_first_tag on chat; drop index ix_chat_title on chat; "
          "create index ix_chat_meta_settings_model on chat; ");
    CHECK(described(tabula::schema_diff<v3, v1>) == "drop index ix_chat_meta_settings_model on chat; ");
}
