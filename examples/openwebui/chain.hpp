// Open WebUI's Alembic history as a tabula revision chain: the same revision ids and parents
// (tests/data/openwebui/chain.md), each schema version naming only what changed from its parent,
// each data migration re-expressed from tests/data/openwebui/data_migrations.md.
//
// A table's earlier shapes are structs of their own, in a namespace per revision (r01::Chat is the
// chat table as revision 1 made it); a table unchanged since then is the head model itself.
// All 55 revisions, to Open WebUI's head f0bd01a18a3d: the head version equals the head models of
// models.hpp (checked at the end of this file).
#pragma once

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <initializer_list>
#include <cwctype>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include <tabula/migrate.hpp>

#include "chat_history.hpp"
#include "config_key_map.hpp"
#include "models.hpp"
#include "python_json.hpp"
#include "utf8.hpp"

// ---- revision 1, 7e5b5dc7342b: init (the Peewee-era tables) -------------------------------------
namespace openwebui::r01 {
struct Chat {
    std::string id{};
    std::optional<std::string> user_id{};
    std::optional<std::string> title{};
    std::optional<std::string> chat{};
    std::optional<std::int64_t> created_at{};
    std::optional<std::int64_t> updated_at{};
    std::optional<std::string> share_id{};
    std::optional<bool> archived{};
};
struct File {
    std::string id{};
    std::optional<std::string> user_id{};
    std::optional<std::string> filename{};
    std::optional<std::string> meta{};
    std::optional<std::int64_t> created_at{};
};
struct Function {
    std::string id{};
    std::optional<std::string> user_id{};
    std::optional<std::string> name{};
    std::optional<std::string> type{};
    std::optional<std::string> content{};
    std::optional<std::string> meta{};
    std::optional<std::string> valves{};
    std::optional<bool> is_active{};
    std::optional<bool> is_global{};
    std::optional<std::int64_t> updated_at{};
    std::optional<std::int64_t> created_at{};
};
struct Memory {
    std::string id{};
    std::optional<std::string> user_id{};
    std::optional<std::string> content{};
    std::optional<std::int64_t> updated_at{};
    std::optional<std::int64_t> created_at{};
};
struct Model {
    std::string id{};
    std::optional<std::string> user_id{};
    std::optional<std::string> base_model_id{};
    std::optional<std::string> name{};
    std::optional<std::string> params{};
    std::optional<std::string> meta{};
    std::optional<std::int64_t> updated_at{};
    std::optional<std::int64_t> created_at{};
};
struct Prompt {
    std::string command{};
    std::optional<std::string> user_id{};
    std::optional<std::string> title{};
    std::optional<std::string> content{};
    std::optional<std::int64_t> timestamp{};
};
struct Tag {
    std::string id{};
    std::optional<std::string> name{};
    std::optional<std::string> user_id{};
    std::optional<std::string> data{};
};
struct User {
    std::string id{};
    std::optional<std::string> name{};
    std::optional<std::string> email{};
    std::optional<std::string> role{};
    std::optional<std::string> profile_image_url{};
    std::optional<std::int64_t> last_active_at{};
    std::optional<std::int64_t> updated_at{};
    std::optional<std::int64_t> created_at{};
    std::optional<std::string> api_key{};
    std::optional<std::string> settings{};
    std::optional<std::string> info{};
    std::optional<std::string> oauth_sub{};
};
}  // namespace openwebui::r01

template <>
struct tabula::model<openwebui::r01::Chat> {
    static constexpr std::string_view table = "chat";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r01::Chat::id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r01::Chat::user_id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql}};
    static constexpr auto unique = std::tuple{tabula::unique<&openwebui::r01::Chat::share_id>{.name = "chat_share_id_key"}};
};
template <>
struct tabula::model<openwebui::r01::File> {
    static constexpr std::string_view table = "file";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r01::File::id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r01::File::user_id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql}};
};
template <>
struct tabula::model<openwebui::r01::Function> {
    static constexpr std::string_view table = "function";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r01::Function::id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r01::Function::user_id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql}};
};
template <>
struct tabula::model<openwebui::r01::Memory> {
    static constexpr std::string_view table = "memory";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r01::Memory::id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r01::Memory::user_id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql}};
};
template <>
struct tabula::model<openwebui::r01::Model> {
    static constexpr std::string_view table = "model";
};
template <>
struct tabula::model<openwebui::r01::Prompt> {
    static constexpr std::string_view table = "prompt";
    static constexpr auto primary_key = tabula::primary_key<&openwebui::r01::Prompt::command>{};
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r01::Prompt::command>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r01::Prompt::user_id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql}};
};
template <>
struct tabula::model<openwebui::r01::Tag> {
    static constexpr std::string_view table = "tag";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r01::Tag::id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r01::Tag::name>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r01::Tag::user_id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql}};
};
template <>
struct tabula::model<openwebui::r01::User> {
    static constexpr std::string_view table = "user";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r01::User::id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r01::User::name>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r01::User::email>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r01::User::role>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r01::User::api_key>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql}};
    static constexpr auto unique = std::tuple{tabula::unique<&openwebui::r01::User::api_key>{.name = "user_api_key_key"},
                                              tabula::unique<&openwebui::r01::User::oauth_sub>{.name = "user_oauth_sub_key"}};
};

// ---- revision 2, ca81bd47c050: the config table (config_old at head) -----------------------------
namespace openwebui::r02 {
struct Config {
    std::int32_t id = 0;
    nlohmann::json data{};
    std::int32_t version = 0;
    std::string created_at{};
    std::optional<std::string> updated_at{};
};
}  // namespace openwebui::r02
template <>
struct tabula::model<openwebui::r02::Config> {
    static constexpr std::string_view table = "config";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r02::Config::id>{.type_on = {.postgres = "SERIAL"}},
        tabula::column<&openwebui::r02::Config::data>{.type = "JSON"},
        tabula::column<&openwebui::r02::Config::created_at>{.type = "DATETIME", .server_default = "CURRENT_TIMESTAMP", .type_on = {.postgres = "TIMESTAMP"}, .default_on = {.postgres = "now()"}},
        tabula::column<&openwebui::r02::Config::updated_at>{.type = "DATETIME", .server_default = "CURRENT_TIMESTAMP", .type_on = {.postgres = "TIMESTAMP"}, .default_on = {.postgres = "now()"}}};
};

// ---- revision 3, c0fbf31ca0db: file +hash, +data, +updated_at -----------------------------------
namespace openwebui::r03 {
struct File {
    std::string id{};
    std::optional<std::string> user_id{};
    std::optional<std::string> filename{};
    std::optional<std::string> meta{};
    std::optional<std::int64_t> created_at{};
    std::optional<std::string> hash{};
    std::optional<nlohmann::json> data{};
    std::optional<std::int64_t> updated_at{};
};
}  // namespace openwebui::r03
template <>
struct tabula::model<openwebui::r03::File> {
    static constexpr std::string_view table = "file";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r03::File::id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r03::File::user_id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r03::File::data>{.type = "JSON"}};
};

// ---- revision 4, 6a39f3d8e55c: the knowledge table ----------------------------------------------
namespace openwebui::r04 {
struct Knowledge {
    std::string id{};
    std::string user_id{};
    std::string name{};
    std::optional<std::string> description{};
    std::optional<nlohmann::json> data{};
    std::optional<nlohmann::json> meta{};
    std::int64_t created_at = 0;
    std::optional<std::int64_t> updated_at{};
};
}  // namespace openwebui::r04
template <>
struct tabula::model<openwebui::r04::Knowledge> {
    static constexpr std::string_view table = "knowledge";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r04::Knowledge::data>{.type = "JSON"},
        tabula::column<&openwebui::r04::Knowledge::meta>{.type = "JSON"}};
};

// ---- revision 5, 242a2047eae0: chat.chat TEXT -> JSON, now the last column ---------------------
namespace openwebui::r05 {
struct Chat {
    std::string id{};
    std::optional<std::string> user_id{};
    std::optional<std::string> title{};
    std::optional<std::int64_t> created_at{};
    std::optional<std::int64_t> updated_at{};
    std::optional<std::string> share_id{};
    std::optional<bool> archived{};
    std::optional<nlohmann::json> chat{};
};
}  // namespace openwebui::r05
template <>
struct tabula::model<openwebui::r05::Chat> {
    static constexpr std::string_view table = "chat";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r05::Chat::id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r05::Chat::user_id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r05::Chat::chat>{.type = "JSON"}};
    static constexpr auto unique = std::tuple{tabula::unique<&openwebui::r05::Chat::share_id>{.name = "chat_share_id_key"}};
};

// ---- revision 6, 1af9b942657b: chat +pinned +meta; tag -data +meta, UNIQUE(id, user_id) ---------
namespace openwebui::r06 {
struct Chat {
    std::string id{};
    std::optional<std::string> user_id{};
    std::optional<std::string> title{};
    std::optional<std::int64_t> created_at{};
    std::optional<std::int64_t> updated_at{};
    std::optional<std::string> share_id{};
    std::optional<bool> archived{};
    std::optional<nlohmann::json> chat{};
    std::optional<bool> pinned{};
    nlohmann::json meta{};
};
struct Tag {
    std::string id{};
    std::optional<std::string> name{};
    std::optional<std::string> user_id{};
    std::optional<nlohmann::json> meta{};
};
}  // namespace openwebui::r06
template <>
struct tabula::model<openwebui::r06::Chat> {
    static constexpr std::string_view table = "chat";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r06::Chat::id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r06::Chat::user_id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r06::Chat::chat>{.type = "JSON"},
        tabula::column<&openwebui::r06::Chat::meta>{.type = "JSON", .server_default = "'{}'"}};
    static constexpr auto unique = std::tuple{tabula::unique<&openwebui::r06::Chat::share_id>{.name = "chat_share_id_key"}};
};
template <>
struct tabula::model<openwebui::r06::Tag> {
    static constexpr std::string_view table = "tag";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r06::Tag::id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r06::Tag::name>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r06::Tag::user_id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r06::Tag::meta>{.type = "JSON"}};
    static constexpr auto unique = std::tuple{tabula::unique<&openwebui::r06::Tag::id, &openwebui::r06::Tag::user_id>{.name = "uq_id_user_id"}};
};

// ---- revision 7, 3ab32c4b8f59: tag's key becomes (id, user_id) ----------------------------------
namespace openwebui::r07 {
struct Tag {
    std::string id{};
    std::optional<std::string> name{};
    std::string user_id{};
    std::optional<nlohmann::json> meta{};
};
}  // namespace openwebui::r07
template <>
struct tabula::model<openwebui::r07::Tag> {
    static constexpr std::string_view table = "tag";
    static constexpr auto primary_key = tabula::primary_key<&openwebui::r07::Tag::id, &openwebui::r07::Tag::user_id>{.name = "pk_id_user_id"};
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r07::Tag::id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r07::Tag::name>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        // Nullable in the composite key on SQLite (the batch rebuild declared it so).
        tabula::column<&openwebui::r07::Tag::user_id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql, .key_nullable = true},
        tabula::column<&openwebui::r07::Tag::meta>{.type = "JSON"}};
};

// ---- revision 8, c69f45358db4: the folder table; chat +folder_id --------------------------------
namespace openwebui::r08 {
struct Chat {
    std::string id{};
    std::optional<std::string> user_id{};
    std::optional<std::string> title{};
    std::optional<std::int64_t> created_at{};
    std::optional<std::int64_t> updated_at{};
    std::optional<std::string> share_id{};
    std::optional<bool> archived{};
    std::optional<nlohmann::json> chat{};
    std::optional<bool> pinned{};
    nlohmann::json meta{};
    std::optional<std::string> folder_id{};
};
struct Folder {
    std::string id{};
    std::optional<std::string> parent_id{};
    std::string user_id{};
    std::string name{};
    std::optional<nlohmann::json> items{};
    std::optional<nlohmann::json> meta{};
    bool is_expanded = false;
    std::string created_at{};
    std::string updated_at{};
};
}  // namespace openwebui::r08
template <>
struct tabula::model<openwebui::r08::Chat> {
    static constexpr std::string_view table = "chat";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r08::Chat::id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r08::Chat::user_id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r08::Chat::chat>{.type = "JSON"},
        tabula::column<&openwebui::r08::Chat::meta>{.type = "JSON", .server_default = "'{}'"}};
    static constexpr auto unique = std::tuple{tabula::unique<&openwebui::r08::Chat::share_id>{.name = "chat_share_id_key"}};
};
template <>
struct tabula::model<openwebui::r08::Folder> {
    static constexpr std::string_view table = "folder";
    static constexpr auto primary_key = tabula::primary_key<&openwebui::r08::Folder::id, &openwebui::r08::Folder::user_id>{};
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r08::Folder::items>{.type = "JSON"},
        tabula::column<&openwebui::r08::Folder::meta>{.type = "JSON"},
        tabula::column<&openwebui::r08::Folder::created_at>{.type = "DATETIME", .server_default = "CURRENT_TIMESTAMP", .type_on = {.postgres = "TIMESTAMP"}, .default_on = {.postgres = "now()"}},
        tabula::column<&openwebui::r08::Folder::updated_at>{.type = "DATETIME", .server_default = "CURRENT_TIMESTAMP", .type_on = {.postgres = "TIMESTAMP"}, .default_on = {.postgres = "now()"}}};
};

// ---- revision 9, c29facfe716b: file +path; file.meta TEXT -> JSON ------------------------------
namespace openwebui::r09 {
struct File {
    std::string id{};
    std::optional<std::string> user_id{};
    std::optional<std::string> filename{};
    std::optional<nlohmann::json> meta{};
    std::optional<std::int64_t> created_at{};
    std::optional<std::string> hash{};
    std::optional<nlohmann::json> data{};
    std::optional<std::int64_t> updated_at{};
    std::optional<std::string> path{};
};
}  // namespace openwebui::r09
template <>
struct tabula::model<openwebui::r09::File> {
    static constexpr std::string_view table = "file";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r09::File::id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r09::File::user_id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r09::File::meta>{.type = "JSON"},
        tabula::column<&openwebui::r09::File::data>{.type = "JSON"}};
};

// ---- revision 11, 4ace53fd72c8: folder timestamps DATETIME -> BIGINT ----------------------------
// Revision 10 adds the head's feedback table unchanged. Revision 11's folder is the head's until
// revision 17 adds folder.data.
namespace openwebui::r11 {
struct Folder {
    std::string id{};
    std::optional<std::string> parent_id{};
    std::string user_id{};
    std::string name{};
    std::optional<nlohmann::json> items{};
    std::optional<nlohmann::json> meta{};
    bool is_expanded = false;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};
}  // namespace openwebui::r11
template <>
struct tabula::model<openwebui::r11::Folder> {
    static constexpr std::string_view table = "folder";
    static constexpr auto primary_key = tabula::primary_key<&openwebui::r11::Folder::id, &openwebui::r11::Folder::user_id>{};
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r11::Folder::items>{.type = "JSON"},
        tabula::column<&openwebui::r11::Folder::meta>{.type = "JSON"}};
};

// ---- revision 12, 922e7a387820: the group table; access_control on four tables; model.is_active -
namespace openwebui::r12 {
struct Group {
    std::string id{};
    std::optional<std::string> user_id{};
    std::optional<std::string> name{};
    std::optional<std::string> description{};
    std::optional<nlohmann::json> data{};
    std::optional<nlohmann::json> meta{};
    std::optional<nlohmann::json> permissions{};
    std::optional<nlohmann::json> user_ids{};
    std::optional<std::int64_t> created_at{};
    std::optional<std::int64_t> updated_at{};
};
struct Knowledge {
    std::string id{};
    std::string user_id{};
    std::string name{};
    std::optional<std::string> description{};
    std::optional<nlohmann::json> data{};
    std::optional<nlohmann::json> meta{};
    std::int64_t created_at = 0;
    std::optional<std::int64_t> updated_at{};
    std::optional<nlohmann::json> access_control{};
};
struct Model {
    std::string id{};
    std::optional<std::string> user_id{};
    std::optional<std::string> base_model_id{};
    std::optional<std::string> name{};
    std::optional<std::string> params{};
    std::optional<std::string> meta{};
    std::optional<std::int64_t> updated_at{};
    std::optional<std::int64_t> created_at{};
    std::optional<nlohmann::json> access_control{};
    bool is_active = false;
};
struct Prompt {
    std::string command{};
    std::optional<std::string> user_id{};
    std::optional<std::string> title{};
    std::optional<std::string> content{};
    std::optional<std::int64_t> timestamp{};
    std::optional<nlohmann::json> access_control{};
};
struct Tool {
    std::string id{};
    std::optional<std::string> user_id{};
    std::optional<std::string> name{};
    std::optional<std::string> content{};
    std::optional<std::string> specs{};
    std::optional<std::string> meta{};
    std::optional<std::string> valves{};
    std::optional<std::int64_t> updated_at{};
    std::optional<std::int64_t> created_at{};
    std::optional<nlohmann::json> access_control{};
};
}  // namespace openwebui::r12
template <>
struct tabula::model<openwebui::r12::Group> {
    static constexpr std::string_view table = "group";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r12::Group::data>{.type = "JSON"},
        tabula::column<&openwebui::r12::Group::meta>{.type = "JSON"},
        tabula::column<&openwebui::r12::Group::permissions>{.type = "JSON"},
        tabula::column<&openwebui::r12::Group::user_ids>{.type = "JSON"}};
};
template <>
struct tabula::model<openwebui::r12::Knowledge> {
    static constexpr std::string_view table = "knowledge";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r12::Knowledge::data>{.type = "JSON"},
        tabula::column<&openwebui::r12::Knowledge::meta>{.type = "JSON"},
        tabula::column<&openwebui::r12::Knowledge::access_control>{.type = "JSON"}};
};
template <>
struct tabula::model<openwebui::r12::Model> {
    static constexpr std::string_view table = "model";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r12::Model::access_control>{.type = "JSON"},
        tabula::column<&openwebui::r12::Model::is_active>{.server_default = "1"}};
};
template <>
struct tabula::model<openwebui::r12::Prompt> {
    static constexpr std::string_view table = "prompt";
    static constexpr auto primary_key = tabula::primary_key<&openwebui::r12::Prompt::command>{};
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r12::Prompt::command>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r12::Prompt::user_id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r12::Prompt::access_control>{.type = "JSON"}};
};
template <>
struct tabula::model<openwebui::r12::Tool> {
    static constexpr std::string_view table = "tool";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r12::Tool::id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r12::Tool::user_id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r12::Tool::access_control>{.type = "JSON"}};
};

// ---- revision 13, 57c599a3cb57: channel and message tables --------------------------------------
namespace openwebui::r13 {
struct Channel {
    std::string id{};
    std::optional<std::string> user_id{};
    std::optional<std::string> name{};
    std::optional<std::string> description{};
    std::optional<nlohmann::json> data{};
    std::optional<nlohmann::json> meta{};
    std::optional<nlohmann::json> access_control{};
    std::optional<std::int64_t> created_at{};
    std::optional<std::int64_t> updated_at{};
};
struct Message {
    std::string id{};
    std::optional<std::string> user_id{};
    std::optional<std::string> channel_id{};
    std::optional<std::string> content{};
    std::optional<nlohmann::json> data{};
    std::optional<nlohmann::json> meta{};
    std::optional<std::int64_t> created_at{};
    std::optional<std::int64_t> updated_at{};
};
}  // namespace openwebui::r13
template <>
struct tabula::model<openwebui::r13::Channel> {
    static constexpr std::string_view table = "channel";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r13::Channel::data>{.type = "JSON"},
        tabula::column<&openwebui::r13::Channel::meta>{.type = "JSON"},
        tabula::column<&openwebui::r13::Channel::access_control>{.type = "JSON"}};
};
template <>
struct tabula::model<openwebui::r13::Message> {
    static constexpr std::string_view table = "message";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r13::Message::data>{.type = "JSON"},
        tabula::column<&openwebui::r13::Message::meta>{.type = "JSON"}};
};

// ---- revision 14, 7826ab40b532: file +access_control --------------------------------------------
namespace openwebui::r14 {
struct File {
    std::string id{};
    std::optional<std::string> user_id{};
    std::optional<std::string> filename{};
    std::optional<nlohmann::json> meta{};
    std::optional<std::int64_t> created_at{};
    std::optional<std::string> hash{};
    std::optional<nlohmann::json> data{};
    std::optional<std::int64_t> updated_at{};
    std::optional<std::string> path{};
    std::optional<nlohmann::json> access_control{};
};
}  // namespace openwebui::r14
template <>
struct tabula::model<openwebui::r14::File> {
    static constexpr std::string_view table = "file";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r14::File::id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r14::File::user_id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r14::File::meta>{.type = "JSON"},
        tabula::column<&openwebui::r14::File::data>{.type = "JSON"},
        tabula::column<&openwebui::r14::File::access_control>{.type = "JSON"}};
};

// ---- revision 15, 3781e22d8b01: channel +type, message +parent_id; reactions and members --------
namespace openwebui::r15 {
struct Channel {
    std::string id{};
    std::optional<std::string> user_id{};
    std::optional<std::string> name{};
    std::optional<std::string> description{};
    std::optional<nlohmann::json> data{};
    std::optional<nlohmann::json> meta{};
    std::optional<nlohmann::json> access_control{};
    std::optional<std::int64_t> created_at{};
    std::optional<std::int64_t> updated_at{};
    std::optional<std::string> type{};
};
struct ChannelMember {
    std::string id{};
    std::string channel_id{};
    std::string user_id{};
    std::optional<std::int64_t> created_at{};
};
struct Message {
    std::string id{};
    std::optional<std::string> user_id{};
    std::optional<std::string> channel_id{};
    std::optional<std::string> content{};
    std::optional<nlohmann::json> data{};
    std::optional<nlohmann::json> meta{};
    std::optional<std::int64_t> created_at{};
    std::optional<std::int64_t> updated_at{};
    std::optional<std::string> parent_id{};
};
}  // namespace openwebui::r15
template <>
struct tabula::model<openwebui::r15::Channel> {
    static constexpr std::string_view table = "channel";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r15::Channel::data>{.type = "JSON"},
        tabula::column<&openwebui::r15::Channel::meta>{.type = "JSON"},
        tabula::column<&openwebui::r15::Channel::access_control>{.type = "JSON"}};
};
template <>
struct tabula::model<openwebui::r15::ChannelMember> {
    static constexpr std::string_view table = "channel_member";
};
template <>
struct tabula::model<openwebui::r15::Message> {
    static constexpr std::string_view table = "message";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r15::Message::data>{.type = "JSON"},
        tabula::column<&openwebui::r15::Message::meta>{.type = "JSON"}};
};

// ---- revision 16, 9f0c9cd09105: the note table --------------------------------------------------
namespace openwebui::r16 {
struct Note {
    std::string id{};
    std::optional<std::string> user_id{};
    std::optional<std::string> title{};
    std::optional<nlohmann::json> data{};
    std::optional<nlohmann::json> meta{};
    std::optional<nlohmann::json> access_control{};
    std::optional<std::int64_t> created_at{};
    std::optional<std::int64_t> updated_at{};
};
}  // namespace openwebui::r16
template <>
struct tabula::model<openwebui::r16::Note> {
    static constexpr std::string_view table = "note";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r16::Note::data>{.type = "JSON"},
        tabula::column<&openwebui::r16::Note::meta>{.type = "JSON"},
        tabula::column<&openwebui::r16::Note::access_control>{.type = "JSON"}};
};

// ---- revision 18, 018012973d35: indexes on chat (function and tag get the head's) --------------
// Revision 17 gives folder its head shape (+data).
namespace openwebui::r18 {
struct Chat {
    std::string id{};
    std::optional<std::string> user_id{};
    std::optional<std::string> title{};
    std::optional<std::int64_t> created_at{};
    std::optional<std::int64_t> updated_at{};
    std::optional<std::string> share_id{};
    std::optional<bool> archived{};
    std::optional<nlohmann::json> chat{};
    std::optional<bool> pinned{};
    nlohmann::json meta{};
    std::optional<std::string> folder_id{};
};
}  // namespace openwebui::r18
template <>
struct tabula::model<openwebui::r18::Chat> {
    static constexpr std::string_view table = "chat";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r18::Chat::id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r18::Chat::user_id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r18::Chat::chat>{.type = "JSON"},
        tabula::column<&openwebui::r18::Chat::meta>{.type = "JSON", .server_default = "'{}'"}};
    static constexpr auto unique = std::tuple{tabula::unique<&openwebui::r18::Chat::share_id>{.name = "chat_share_id_key"}};
    static constexpr auto indexes = std::tuple{
        tabula::index<&openwebui::r18::Chat::folder_id>{.name = "folder_id_idx"},
        tabula::index<&openwebui::r18::Chat::folder_id, &openwebui::r18::Chat::user_id>{.name = "folder_id_user_id_idx"},
        tabula::index<&openwebui::r18::Chat::updated_at, &openwebui::r18::Chat::user_id>{.name = "updated_at_user_id_idx"},
        tabula::index<&openwebui::r18::Chat::user_id, &openwebui::r18::Chat::archived>{.name = "user_id_archived_idx"},
        tabula::index<&openwebui::r18::Chat::user_id, &openwebui::r18::Chat::pinned>{.name = "user_id_pinned_idx"}};
};

// ---- revision 19, 3af16a1c9fb6: user +username, +bio, +gender, +date_of_birth -------------------
namespace openwebui::r19 {
struct User {
    std::string id{};
    std::optional<std::string> name{};
    std::optional<std::string> email{};
    std::optional<std::string> role{};
    std::optional<std::string> profile_image_url{};
    std::optional<std::int64_t> last_active_at{};
    std::optional<std::int64_t> updated_at{};
    std::optional<std::int64_t> created_at{};
    std::optional<std::string> api_key{};
    std::optional<std::string> settings{};
    std::optional<std::string> info{};
    std::optional<std::string> oauth_sub{};
    std::optional<std::string> username{};
    std::optional<std::string> bio{};
    std::optional<std::string> gender{};
    std::optional<std::string> date_of_birth{};
};
}  // namespace openwebui::r19
template <>
struct tabula::model<openwebui::r19::User> {
    static constexpr std::string_view table = "user";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r19::User::id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r19::User::name>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r19::User::email>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r19::User::role>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r19::User::api_key>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r19::User::username>{.type = "VARCHAR(50)"},
        tabula::column<&openwebui::r19::User::date_of_birth>{.type = "DATE"}};
    static constexpr auto unique = std::tuple{tabula::unique<&openwebui::r19::User::api_key>{.name = "user_api_key_key"},
                                              tabula::unique<&openwebui::r19::User::oauth_sub>{.name = "user_oauth_sub_key"}};
};

// ---- revision 21, a5c220713937: message +reply_to_id --------------------------------------------
// Revision 20 adds the head's oauth_session table.
namespace openwebui::r21 {
struct Message {
    std::string id{};
    std::optional<std::string> user_id{};
    std::optional<std::string> channel_id{};
    std::optional<std::string> content{};
    std::optional<nlohmann::json> data{};
    std::optional<nlohmann::json> meta{};
    std::optional<std::int64_t> created_at{};
    std::optional<std::int64_t> updated_at{};
    std::optional<std::string> parent_id{};
    std::optional<std::string> reply_to_id{};
};
}  // namespace openwebui::r21
template <>
struct tabula::model<openwebui::r21::Message> {
    static constexpr std::string_view table = "message";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r21::Message::data>{.type = "JSON"},
        tabula::column<&openwebui::r21::Message::meta>{.type = "JSON"}};
};

// ---- revision 23, 2f1211949ecc: channel_member and message columns ------------------------------
// Revision 22 gives group and group_member their head shapes.
namespace openwebui::r23 {
struct ChannelMember {
    std::string id{};
    std::string channel_id{};
    std::string user_id{};
    std::optional<std::int64_t> created_at{};
    std::optional<std::string> status{};
    bool is_active = false;
    bool is_channel_muted = false;
    bool is_channel_pinned = false;
    std::optional<nlohmann::json> data{};
    std::optional<nlohmann::json> meta{};
    std::int64_t joined_at = 0;
    std::optional<std::int64_t> left_at{};
    std::optional<std::int64_t> last_read_at{};
    std::optional<std::int64_t> updated_at{};
};
}  // namespace openwebui::r23
template <>
struct tabula::model<openwebui::r23::ChannelMember> {
    static constexpr std::string_view table = "channel_member";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r23::ChannelMember::is_active>{.server_default = "1"},
        tabula::column<&openwebui::r23::ChannelMember::is_channel_muted>{.server_default = "0"},
        tabula::column<&openwebui::r23::ChannelMember::is_channel_pinned>{.server_default = "0"},
        tabula::column<&openwebui::r23::ChannelMember::data>{.type = "JSON"},
        tabula::column<&openwebui::r23::ChannelMember::meta>{.type = "JSON"}};
};

// ---- revision 24, b10670c03dd5: user profile columns, oauth; info/settings JSON; api_key table ---
// Fields in SQLite's order: its copy-drop-rename puts info and settings last. PostgreSQL converts
// them in place (the fills say so) and appends the new columns after date_of_birth.
namespace openwebui::r24 {
struct User {
    std::string id{};
    std::optional<std::string> name{};
    std::optional<std::string> email{};
    std::optional<std::string> role{};
    std::optional<std::string> profile_image_url{};
    std::optional<std::int64_t> last_active_at{};
    std::optional<std::int64_t> updated_at{};
    std::optional<std::int64_t> created_at{};
    std::optional<std::string> username{};
    std::optional<std::string> bio{};
    std::optional<std::string> gender{};
    std::optional<std::string> date_of_birth{};
    std::optional<std::string> profile_banner_image_url{};
    std::optional<std::string> timezone{};
    std::optional<std::string> presence_state{};
    std::optional<std::string> status_emoji{};
    std::optional<std::string> status_message{};
    std::optional<std::int64_t> status_expires_at{};
    std::optional<nlohmann::json> oauth{};
    std::optional<nlohmann::json> info{};
    std::optional<nlohmann::json> settings{};
};
}  // namespace openwebui::r24
template <>
struct tabula::model<openwebui::r24::User> {
    static constexpr std::string_view table = "user";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r24::User::id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r24::User::name>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r24::User::email>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r24::User::role>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r24::User::username>{.type = "VARCHAR(50)"},
        tabula::column<&openwebui::r24::User::date_of_birth>{.type = "DATE"},
        tabula::column<&openwebui::r24::User::timezone>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r24::User::presence_state>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r24::User::status_emoji>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r24::User::oauth>{.type = "JSON"},
        tabula::column<&openwebui::r24::User::info>{.type = "JSON"},
        tabula::column<&openwebui::r24::User::settings>{.type = "JSON"}};
};

// ---- revision 25, 90ef40d4714e: channel columns (channel_member and channel_webhook get the head's)
namespace openwebui::r25 {
struct Channel {
    std::string id{};
    std::optional<std::string> user_id{};
    std::optional<std::string> name{};
    std::optional<std::string> description{};
    std::optional<nlohmann::json> data{};
    std::optional<nlohmann::json> meta{};
    std::optional<nlohmann::json> access_control{};
    std::optional<std::int64_t> created_at{};
    std::optional<std::int64_t> updated_at{};
    std::optional<std::string> type{};
    std::optional<bool> is_private{};
    std::optional<std::int64_t> archived_at{};
    std::optional<std::string> archived_by{};
    std::optional<std::int64_t> deleted_at{};
    std::optional<std::string> deleted_by{};
    std::optional<std::string> updated_by{};
};
}  // namespace openwebui::r25
template <>
struct tabula::model<openwebui::r25::Channel> {
    static constexpr std::string_view table = "channel";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r25::Channel::data>{.type = "JSON"},
        tabula::column<&openwebui::r25::Channel::meta>{.type = "JSON"},
        tabula::column<&openwebui::r25::Channel::access_control>{.type = "JSON"}};
};

// ---- revision 26, 3e0e00844bb0: knowledge_file; knowledge -data --------------------------------
namespace openwebui::r26 {
struct Knowledge {
    std::string id{};
    std::string user_id{};
    std::string name{};
    std::optional<std::string> description{};
    std::optional<nlohmann::json> meta{};
    std::int64_t created_at = 0;
    std::optional<std::int64_t> updated_at{};
    std::optional<nlohmann::json> access_control{};
};
struct KnowledgeFile {
    std::string id{};
    std::string user_id{};
    std::string knowledge_id{};
    std::string file_id{};
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};
}  // namespace openwebui::r26
template <>
struct tabula::model<openwebui::r26::Knowledge> {
    static constexpr std::string_view table = "knowledge";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r26::Knowledge::meta>{.type = "JSON"},
        tabula::column<&openwebui::r26::Knowledge::access_control>{.type = "JSON"}};
};
template <>
struct tabula::model<openwebui::r26::KnowledgeFile> {
    static constexpr std::string_view table = "knowledge_file";
    static constexpr auto unique = std::tuple{tabula::unique<&openwebui::r26::KnowledgeFile::knowledge_id, &openwebui::r26::KnowledgeFile::file_id>{.name = "uq_knowledge_file_knowledge_file"}};
    static constexpr auto indexes = std::tuple{
        tabula::index<&openwebui::r26::KnowledgeFile::file_id>{.name = "ix_knowledge_file_file_id"},
        tabula::index<&openwebui::r26::KnowledgeFile::knowledge_id>{.name = "ix_knowledge_file_knowledge_id"},
        tabula::index<&openwebui::r26::KnowledgeFile::user_id>{.name = "ix_knowledge_file_user_id"}};
    static constexpr auto foreign_keys = std::tuple{
        tabula::foreign_key<&openwebui::r26::KnowledgeFile::file_id, &openwebui::File::id>{.on_delete = tabula::action::cascade, .name = "knowledge_file_file_id_fkey"},
        tabula::foreign_key<&openwebui::r26::KnowledgeFile::knowledge_id, &openwebui::Knowledge::id>{.on_delete = tabula::action::cascade, .name = "knowledge_file_knowledge_id_fkey"}};
};

// ---- revision 27, 6283dc0e4d8d: channel_file ----------------------------------------------------
namespace openwebui::r27 {
struct ChannelFile {
    std::string id{};
    std::string user_id{};
    std::string channel_id{};
    std::string file_id{};
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};
}  // namespace openwebui::r27
template <>
struct tabula::model<openwebui::r27::ChannelFile> {
    static constexpr std::string_view table = "channel_file";
    static constexpr auto unique = std::tuple{tabula::unique<&openwebui::r27::ChannelFile::channel_id, &openwebui::r27::ChannelFile::file_id>{.name = "uq_channel_file_channel_file"}};
    static constexpr auto indexes = std::tuple{
        tabula::index<&openwebui::r27::ChannelFile::channel_id>{.name = "ix_channel_file_channel_id"},
        tabula::index<&openwebui::r27::ChannelFile::file_id>{.name = "ix_channel_file_file_id"},
        tabula::index<&openwebui::r27::ChannelFile::user_id>{.name = "ix_channel_file_user_id"}};
    static constexpr auto foreign_keys = std::tuple{
        tabula::foreign_key<&openwebui::r27::ChannelFile::channel_id, &openwebui::Channel::id>{.on_delete = tabula::action::cascade, .name = "channel_file_channel_id_fkey"},
        tabula::foreign_key<&openwebui::r27::ChannelFile::file_id, &openwebui::File::id>{.on_delete = tabula::action::cascade, .name = "channel_file_file_id_fkey"}};
};

// ---- revision 28, 81cc2ce44d79: channel_file +message_id (the head's); knowledge +data, last -----
namespace openwebui::r28 {
struct Knowledge {
    std::string id{};
    std::string user_id{};
    std::string name{};
    std::optional<std::string> description{};
    std::optional<nlohmann::json> meta{};
    std::int64_t created_at = 0;
    std::optional<std::int64_t> updated_at{};
    std::optional<nlohmann::json> access_control{};
    std::optional<nlohmann::json> data{};
};
}  // namespace openwebui::r28
template <>
struct tabula::model<openwebui::r28::Knowledge> {
    static constexpr std::string_view table = "knowledge";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r28::Knowledge::meta>{.type = "JSON"},
        tabula::column<&openwebui::r28::Knowledge::access_control>{.type = "JSON"},
        tabula::column<&openwebui::r28::Knowledge::data>{.type = "JSON"}};
};

// ---- revision 30, 374d2f66af06: prompt gets uuid ids (the head's shape, still with access_control)
// Revision 29 adds the head's chat_file table; prompt_history is the head's.
namespace openwebui::r30 {
struct Prompt {
    std::string id{};
    std::optional<std::string> command{};
    std::string user_id{};
    std::string name{};
    std::string content{};
    std::optional<nlohmann::json> data{};
    std::optional<nlohmann::json> meta{};
    std::optional<nlohmann::json> access_control{};
    bool is_active = false;
    std::optional<std::string> version_id{};
    std::optional<nlohmann::json> tags{};
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};
}  // namespace openwebui::r30
template <>
struct tabula::model<openwebui::r30::Prompt> {
    static constexpr std::string_view table = "prompt";
    static constexpr auto primary_key = tabula::primary_key<&openwebui::r30::Prompt::id>{.name = "prompt_new_pkey"};
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r30::Prompt::command>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r30::Prompt::user_id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r30::Prompt::data>{.type = "JSON"},
        tabula::column<&openwebui::r30::Prompt::meta>{.type = "JSON"},
        tabula::column<&openwebui::r30::Prompt::access_control>{.type = "JSON"},
        tabula::column<&openwebui::r30::Prompt::is_active>{.server_default = "'1'"},
        tabula::column<&openwebui::r30::Prompt::tags>{.type = "JSON"}};
    static constexpr auto indexes = std::tuple{tabula::index<&openwebui::r30::Prompt::command>{.name = "ix_prompt_new_command", .unique = true}};
};

// ---- revision 31, 8452d01d26d7: chat_message (the head's without context_summary and meta) -----
namespace openwebui::r31 {
struct ChatMessage {
    std::string id{};
    std::string chat_id{};
    std::optional<std::string> user_id{};
    std::string role{};
    std::optional<std::string> parent_id{};
    std::optional<nlohmann::json> content{};
    std::optional<nlohmann::json> output{};
    std::optional<std::string> model_id{};
    std::optional<nlohmann::json> files{};
    std::optional<nlohmann::json> sources{};
    std::optional<nlohmann::json> embeds{};
    std::optional<bool> done{};
    std::optional<nlohmann::json> status_history{};
    std::optional<nlohmann::json> error{};
    std::optional<nlohmann::json> usage{};
    std::optional<std::int64_t> created_at{};
    std::optional<std::int64_t> updated_at{};
};
}  // namespace openwebui::r31
template <>
struct tabula::model<openwebui::r31::ChatMessage> {
    static constexpr std::string_view table = "chat_message";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r31::ChatMessage::content>{.type = "JSON"},
        tabula::column<&openwebui::r31::ChatMessage::output>{.type = "JSON"},
        tabula::column<&openwebui::r31::ChatMessage::files>{.type = "JSON"},
        tabula::column<&openwebui::r31::ChatMessage::sources>{.type = "JSON"},
        tabula::column<&openwebui::r31::ChatMessage::embeds>{.type = "JSON"},
        tabula::column<&openwebui::r31::ChatMessage::status_history>{.type = "JSON"},
        tabula::column<&openwebui::r31::ChatMessage::error>{.type = "JSON"},
        tabula::column<&openwebui::r31::ChatMessage::usage>{.type = "JSON"}};
    static constexpr auto indexes = std::tuple{
        tabula::index<&openwebui::r31::ChatMessage::chat_id, &openwebui::r31::ChatMessage::parent_id>{.name = "chat_message_chat_parent_idx"},
        tabula::index<&openwebui::r31::ChatMessage::model_id, &openwebui::r31::ChatMessage::created_at>{.name = "chat_message_model_created_idx"},
        tabula::index<&openwebui::r31::ChatMessage::user_id, &openwebui::r31::ChatMessage::created_at>{.name = "chat_message_user_created_idx"},
        tabula::index<&openwebui::r31::ChatMessage::chat_id>{.name = "ix_chat_message_chat_id"},
        tabula::index<&openwebui::r31::ChatMessage::created_at>{.name = "ix_chat_message_created_at"},
        tabula::index<&openwebui::r31::ChatMessage::model_id>{.name = "ix_chat_message_model_id"},
        tabula::index<&openwebui::r31::ChatMessage::user_id>{.name = "ix_chat_message_user_id"}};
    static constexpr auto foreign_keys = std::tuple{tabula::foreign_key<&openwebui::r31::ChatMessage::chat_id, &openwebui::Chat::id>{.on_delete = tabula::action::cascade, .name = "chat_message_chat_id_fkey"}};
};

// ---- revision 34, b2c3d4e5f6a7: user +scim --------------------------------------------------------
// Revisions 32 and 33 give knowledge, prompt, tool, model, note, channel and file their head shapes
// and add the head's access_grant and skill tables.
namespace openwebui::r34 {
struct User {
    std::string id{};
    std::optional<std::string> name{};
    std::optional<std::string> email{};
    std::optional<std::string> role{};
    std::optional<std::string> profile_image_url{};
    std::optional<std::int64_t> last_active_at{};
    std::optional<std::int64_t> updated_at{};
    std::optional<std::int64_t> created_at{};
    std::optional<std::string> username{};
    std::optional<std::string> bio{};
    std::optional<std::string> gender{};
    std::optional<std::string> date_of_birth{};
    std::optional<std::string> profile_banner_image_url{};
    std::optional<std::string> timezone{};
    std::optional<std::string> presence_state{};
    std::optional<std::string> status_emoji{};
    std::optional<std::string> status_message{};
    std::optional<std::int64_t> status_expires_at{};
    std::optional<nlohmann::json> oauth{};
    std::optional<nlohmann::json> info{};
    std::optional<nlohmann::json> settings{};
    std::optional<nlohmann::json> scim{};
};
}  // namespace openwebui::r34
template <>
struct tabula::model<openwebui::r34::User> {
    static constexpr std::string_view table = "user";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r34::User::id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r34::User::name>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r34::User::email>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r34::User::role>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r34::User::username>{.type = "VARCHAR(50)"},
        tabula::column<&openwebui::r34::User::date_of_birth>{.type = "DATE"},
        tabula::column<&openwebui::r34::User::timezone>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r34::User::presence_state>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r34::User::status_emoji>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r34::User::oauth>{.type = "JSON"},
        tabula::column<&openwebui::r34::User::info>{.type = "JSON"},
        tabula::column<&openwebui::r34::User::settings>{.type = "JSON"},
        tabula::column<&openwebui::r34::User::scim>{.type = "JSON"}};
};

// ---- revisions 35 and 37: chat +tasks, +summary; then +last_read_at -----------------------------
namespace openwebui::r35 {
struct Chat {
    std::string id{};
    std::optional<std::string> user_id{};
    std::optional<std::string> title{};
    std::optional<std::int64_t> created_at{};
    std::optional<std::int64_t> updated_at{};
    std::optional<std::string> share_id{};
    std::optional<bool> archived{};
    std::optional<nlohmann::json> chat{};
    std::optional<bool> pinned{};
    nlohmann::json meta{};
    std::optional<std::string> folder_id{};
    std::optional<nlohmann::json> tasks{};
    std::optional<std::string> summary{};
};
}  // namespace openwebui::r35
namespace openwebui::r37 {
struct Chat {
    std::string id{};
    std::optional<std::string> user_id{};
    std::optional<std::string> title{};
    std::optional<std::int64_t> created_at{};
    std::optional<std::int64_t> updated_at{};
    std::optional<std::string> share_id{};
    std::optional<bool> archived{};
    std::optional<nlohmann::json> chat{};
    std::optional<bool> pinned{};
    nlohmann::json meta{};
    std::optional<std::string> folder_id{};
    std::optional<nlohmann::json> tasks{};
    std::optional<std::string> summary{};
    std::optional<std::int64_t> last_read_at{};
};
}  // namespace openwebui::r37
template <>
struct tabula::model<openwebui::r35::Chat> {
    static constexpr std::string_view table = "chat";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r35::Chat::id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r35::Chat::user_id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r35::Chat::chat>{.type = "JSON"},
        tabula::column<&openwebui::r35::Chat::meta>{.type = "JSON", .server_default = "'{}'"},
        tabula::column<&openwebui::r35::Chat::tasks>{.type = "JSON"}};
    static constexpr auto unique = std::tuple{tabula::unique<&openwebui::r35::Chat::share_id>{.name = "chat_share_id_key"}};
    static constexpr auto indexes = std::tuple{
        tabula::index<&openwebui::r35::Chat::folder_id>{.name = "folder_id_idx"},
        tabula::index<&openwebui::r35::Chat::folder_id, &openwebui::r35::Chat::user_id>{.name = "folder_id_user_id_idx"},
        tabula::index<&openwebui::r35::Chat::updated_at, &openwebui::r35::Chat::user_id>{.name = "updated_at_user_id_idx"},
        tabula::index<&openwebui::r35::Chat::user_id, &openwebui::r35::Chat::archived>{.name = "user_id_archived_idx"},
        tabula::index<&openwebui::r35::Chat::user_id, &openwebui::r35::Chat::pinned>{.name = "user_id_pinned_idx"}};
};
template <>
struct tabula::model<openwebui::r37::Chat> {
    static constexpr std::string_view table = "chat";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r37::Chat::id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r37::Chat::user_id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r37::Chat::chat>{.type = "JSON"},
        tabula::column<&openwebui::r37::Chat::meta>{.type = "JSON", .server_default = "'{}'"},
        tabula::column<&openwebui::r37::Chat::tasks>{.type = "JSON"}};
    static constexpr auto unique = std::tuple{tabula::unique<&openwebui::r37::Chat::share_id>{.name = "chat_share_id_key"}};
    static constexpr auto indexes = std::tuple{
        tabula::index<&openwebui::r37::Chat::folder_id>{.name = "folder_id_idx"},
        tabula::index<&openwebui::r37::Chat::folder_id, &openwebui::r37::Chat::user_id>{.name = "folder_id_user_id_idx"},
        tabula::index<&openwebui::r37::Chat::updated_at, &openwebui::r37::Chat::user_id>{.name = "updated_at_user_id_idx"},
        tabula::index<&openwebui::r37::Chat::user_id, &openwebui::r37::Chat::archived>{.name = "user_id_archived_idx"},
        tabula::index<&openwebui::r37::Chat::user_id, &openwebui::r37::Chat::pinned>{.name = "user_id_pinned_idx"}};
};

// ---- revision 36, d4e5f6a7b8c9: automation (without folder_id) and automation_run (the head's) ---
namespace openwebui::r36 {
struct Automation {
    std::string id{};
    std::string user_id{};
    std::string name{};
    nlohmann::json data{};
    std::optional<nlohmann::json> meta{};
    bool is_active = false;
    std::optional<std::int64_t> last_run_at{};
    std::optional<std::int64_t> next_run_at{};
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};
}  // namespace openwebui::r36
template <>
struct tabula::model<openwebui::r36::Automation> {
    static constexpr std::string_view table = "automation";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r36::Automation::data>{.type = "JSON"},
        tabula::column<&openwebui::r36::Automation::meta>{.type = "JSON"}};
    static constexpr auto indexes = std::tuple{tabula::index<&openwebui::r36::Automation::next_run_at>{.name = "ix_automation_next_run"}};
};

// ---- revision 38, e1f2a3b4c5d6: note +is_pinned (dropped again by revision 41) -----------------
namespace openwebui::r38 {
struct Note {
    std::string id{};
    std::optional<std::string> user_id{};
    std::optional<std::string> title{};
    std::optional<nlohmann::json> data{};
    std::optional<nlohmann::json> meta{};
    std::optional<std::int64_t> created_at{};
    std::optional<std::int64_t> updated_at{};
    std::optional<bool> is_pinned{};
};
}  // namespace openwebui::r38
template <>
struct tabula::model<openwebui::r38::Note> {
    static constexpr std::string_view table = "note";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r38::Note::data>{.type = "JSON"},
        tabula::column<&openwebui::r38::Note::meta>{.type = "JSON"}};
};

// ---- revisions 42, 47 and 48: memory gains an index, type, then path and meta ------------------
// Revisions 39 to 41 add the head's shared_chat, calendar and pinned_note tables (note is the
// head's again); revision 43 gives knowledge_directory and knowledge_file their head shapes.
namespace openwebui::r42 {
struct Memory {
    std::string id{};
    std::optional<std::string> user_id{};
    std::optional<std::string> content{};
    std::optional<std::int64_t> updated_at{};
    std::optional<std::int64_t> created_at{};
};
}  // namespace openwebui::r42
namespace openwebui::r47 {
struct Memory {
    std::string id{};
    std::optional<std::string> user_id{};
    std::optional<std::string> content{};
    std::optional<std::int64_t> updated_at{};
    std::optional<std::int64_t> created_at{};
    std::string type{};
};
}  // namespace openwebui::r47
namespace openwebui::r48 {
struct Memory {
    std::string id{};
    std::optional<std::string> user_id{};
    std::optional<std::string> content{};
    std::optional<std::int64_t> updated_at{};
    std::optional<std::int64_t> created_at{};
    std::string type{};
    std::optional<std::string> path{};
    std::optional<nlohmann::json> meta{};
};
}  // namespace openwebui::r48
template <>
struct tabula::model<openwebui::r42::Memory> {
    static constexpr std::string_view table = "memory";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r42::Memory::id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r42::Memory::user_id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql}};
    static constexpr auto indexes = std::tuple{tabula::index<&openwebui::r42::Memory::user_id>{.name = "ix_memory_user_id"}};
};
template <>
struct tabula::model<openwebui::r47::Memory> {
    static constexpr std::string_view table = "memory";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r47::Memory::id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r47::Memory::user_id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r47::Memory::type>{.type = "VARCHAR", .server_default = "'context'", .type_on = openwebui::varchar_on_mysql}};
    static constexpr auto indexes = std::tuple{tabula::index<&openwebui::r47::Memory::type>{.name = "ix_memory_type"},
                                               tabula::index<&openwebui::r47::Memory::user_id>{.name = "ix_memory_user_id"}};
};
template <>
struct tabula::model<openwebui::r48::Memory> {
    static constexpr std::string_view table = "memory";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r48::Memory::id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r48::Memory::user_id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r48::Memory::type>{.type = "VARCHAR", .server_default = "'context'", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r48::Memory::meta>{.type = "JSON"}};
    static constexpr auto indexes = std::tuple{tabula::index<&openwebui::r48::Memory::type>{.name = "ix_memory_type"},
                                               tabula::index<&openwebui::r48::Memory::user_id>{.name = "ix_memory_user_id"}};
};

// ---- revision 43, 3c9b0ca343fd: knowledge_file +directory_id (the head's) ----------------------
// ---- revision 46, 4c5ce3d2f27f: chat_message +context_summary (revision 49's meta makes the head's)
namespace openwebui::r46 {
struct ChatMessage {
    std::string id{};
    std::string chat_id{};
    std::optional<std::string> user_id{};
    std::string role{};
    std::optional<std::string> parent_id{};
    std::optional<nlohmann::json> content{};
    std::optional<nlohmann::json> output{};
    std::optional<std::string> model_id{};
    std::optional<nlohmann::json> files{};
    std::optional<nlohmann::json> sources{};
    std::optional<nlohmann::json> embeds{};
    std::optional<bool> done{};
    std::optional<nlohmann::json> status_history{};
    std::optional<nlohmann::json> error{};
    std::optional<nlohmann::json> usage{};
    std::optional<std::int64_t> created_at{};
    std::optional<std::int64_t> updated_at{};
    std::optional<std::string> context_summary{};
};
}  // namespace openwebui::r46
template <>
struct tabula::model<openwebui::r46::ChatMessage> {
    static constexpr std::string_view table = "chat_message";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r46::ChatMessage::content>{.type = "JSON"},
        tabula::column<&openwebui::r46::ChatMessage::output>{.type = "JSON"},
        tabula::column<&openwebui::r46::ChatMessage::files>{.type = "JSON"},
        tabula::column<&openwebui::r46::ChatMessage::sources>{.type = "JSON"},
        tabula::column<&openwebui::r46::ChatMessage::embeds>{.type = "JSON"},
        tabula::column<&openwebui::r46::ChatMessage::status_history>{.type = "JSON"},
        tabula::column<&openwebui::r46::ChatMessage::error>{.type = "JSON"},
        tabula::column<&openwebui::r46::ChatMessage::usage>{.type = "JSON"}};
    static constexpr auto indexes = std::tuple{
        tabula::index<&openwebui::r46::ChatMessage::chat_id, &openwebui::r46::ChatMessage::parent_id>{.name = "chat_message_chat_parent_idx"},
        tabula::index<&openwebui::r46::ChatMessage::model_id, &openwebui::r46::ChatMessage::created_at>{.name = "chat_message_model_created_idx"},
        tabula::index<&openwebui::r46::ChatMessage::user_id, &openwebui::r46::ChatMessage::created_at>{.name = "chat_message_user_created_idx"},
        tabula::index<&openwebui::r46::ChatMessage::chat_id>{.name = "ix_chat_message_chat_id"},
        tabula::index<&openwebui::r46::ChatMessage::created_at>{.name = "ix_chat_message_created_at"},
        tabula::index<&openwebui::r46::ChatMessage::model_id>{.name = "ix_chat_message_model_id"},
        tabula::index<&openwebui::r46::ChatMessage::user_id>{.name = "ix_chat_message_user_id"}};
    static constexpr auto foreign_keys = std::tuple{tabula::foreign_key<&openwebui::r46::ChatMessage::chat_id, &openwebui::Chat::id>{.on_delete = tabula::action::cascade, .name = "chat_message_chat_id_fkey"}};
};

// ---- revision 50, 9a1b2c3d4e5f: chat +current_message_id (revision 51's variables make the head's)
namespace openwebui::r50 {
struct Chat {
    std::string id{};
    std::optional<std::string> user_id{};
    std::optional<std::string> title{};
    std::optional<std::int64_t> created_at{};
    std::optional<std::int64_t> updated_at{};
    std::optional<std::string> share_id{};
    std::optional<bool> archived{};
    std::optional<nlohmann::json> chat{};
    std::optional<bool> pinned{};
    nlohmann::json meta{};
    std::optional<std::string> folder_id{};
    std::optional<nlohmann::json> tasks{};
    std::optional<std::string> summary{};
    std::optional<std::int64_t> last_read_at{};
    std::optional<std::string> current_message_id{};
};
}  // namespace openwebui::r50
template <>
struct tabula::model<openwebui::r50::Chat> {
    static constexpr std::string_view table = "chat";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r50::Chat::id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r50::Chat::user_id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r50::Chat::chat>{.type = "JSON"},
        tabula::column<&openwebui::r50::Chat::meta>{.type = "JSON", .server_default = "'{}'"},
        tabula::column<&openwebui::r50::Chat::tasks>{.type = "JSON"}};
    static constexpr auto unique = std::tuple{tabula::unique<&openwebui::r50::Chat::share_id>{.name = "chat_share_id_key"}};
    static constexpr auto indexes = std::tuple{
        tabula::index<&openwebui::r50::Chat::folder_id>{.name = "folder_id_idx"},
        tabula::index<&openwebui::r50::Chat::folder_id, &openwebui::r50::Chat::user_id>{.name = "folder_id_user_id_idx"},
        tabula::index<&openwebui::r50::Chat::updated_at, &openwebui::r50::Chat::user_id>{.name = "updated_at_user_id_idx"},
        tabula::index<&openwebui::r50::Chat::user_id, &openwebui::r50::Chat::archived>{.name = "user_id_archived_idx"},
        tabula::index<&openwebui::r50::Chat::user_id, &openwebui::r50::Chat::pinned>{.name = "user_id_pinned_idx"}};
};

// ---- revision 52, b0018471bbbe: user +variables (revision 55's index makes the head's) ----------
namespace openwebui::r52 {
struct User {
    std::string id{};
    std::optional<std::string> name{};
    std::optional<std::string> email{};
    std::optional<std::string> role{};
    std::optional<std::string> profile_image_url{};
    std::optional<std::int64_t> last_active_at{};
    std::optional<std::int64_t> updated_at{};
    std::optional<std::int64_t> created_at{};
    std::optional<std::string> username{};
    std::optional<std::string> bio{};
    std::optional<std::string> gender{};
    std::optional<std::string> date_of_birth{};
    std::optional<std::string> profile_banner_image_url{};
    std::optional<std::string> timezone{};
    std::optional<std::string> presence_state{};
    std::optional<std::string> status_emoji{};
    std::optional<std::string> status_message{};
    std::optional<std::int64_t> status_expires_at{};
    std::optional<nlohmann::json> oauth{};
    std::optional<nlohmann::json> info{};
    std::optional<nlohmann::json> settings{};
    std::optional<nlohmann::json> scim{};
    std::optional<nlohmann::json> variables{};
};
}  // namespace openwebui::r52
template <>
struct tabula::model<openwebui::r52::User> {
    static constexpr std::string_view table = "user";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::r52::User::id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r52::User::name>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r52::User::email>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r52::User::role>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r52::User::username>{.type = "VARCHAR(50)"},
        tabula::column<&openwebui::r52::User::date_of_birth>{.type = "DATE"},
        tabula::column<&openwebui::r52::User::timezone>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r52::User::presence_state>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r52::User::status_emoji>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::r52::User::oauth>{.type = "JSON"},
        tabula::column<&openwebui::r52::User::info>{.type = "JSON"},
        tabula::column<&openwebui::r52::User::settings>{.type = "JSON"},
        tabula::column<&openwebui::r52::User::scim>{.type = "JSON"},
        tabula::column<&openwebui::r52::User::variables>{.type = "JSON"}};
};

// ---- data migrations: helpers ----------------------------------------------------------------
namespace openwebui::data {

// The n-th (1-based) statement parameter in the session's dialect, and one holding JSON text.
template <class Session>
std::string parameter(int n) {
    return Session::dialect == tabula::sql::dialect::postgres ? "$" + std::to_string(n) : std::string("?");
}
template <class Session>
std::string json_parameter(int n) {
    return Session::dialect == tabula::sql::dialect::postgres ? "CAST($" + std::to_string(n) + " AS JSON)" : std::string("?");
}
// A JSON column read as its text on every dialect.
inline std::string as_text(std::string_view column) { return "CAST(" + std::string(column) + " AS TEXT)"; }

// Python's str.lower() on UTF-8 text, one code point at a time (towlower under a UTF-8 locale
// stands in for Unicode's full case mapping; they differ only for a handful of letters).
inline std::string lower_utf8(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = utf8_length(static_cast<unsigned char>(text[i]));
        if (length == 1 || i + length > text.size()) {
            const char c = text[i];
            out += c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
            ++i;
            continue;
        }
        // A letter past ASCII may lower to one within it (KELVIN SIGN to 'k').
        append_utf8(out, static_cast<char32_t>(std::towlower(static_cast<std::wint_t>(utf8_point(text, i, length)))));
        i += length;
    }
    return out;
}

// A tag name as revision 6 normalises it: spaces to '_', then lower case.
inline std::string normalised_tag(std::string name) {
    for (char& c : name)
        if (c == ' ') c = '_';
    return lower_utf8(name);
}

// "now" of data_migrations.md: whole seconds, one value per revision run.
inline std::int64_t now() { return static_cast<std::int64_t>(std::time(nullptr)); }

// A random version-4 UUID, lower-case, 36 characters.
inline std::string new_uuid() {
    static thread_local std::mt19937_64 generator{std::random_device{}()};
    std::array<unsigned char, 16> bytes{};
    for (std::size_t i = 0; i < 16; i += 8) {
        const std::uint64_t r = generator();
        for (std::size_t k = 0; k < 8; ++k) bytes[i + k] = static_cast<unsigned char>(r >> (8 * k));
    }
    bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0F) | 0x40);
    bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80);
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
        out += digits[bytes[i] >> 4];
        out += digits[bytes[i] & 0x0F];
    }
    return out;
}

// A random version-4 UUID computed by SQLite, one per row (randomblob is drawn per call).
inline constexpr std::string_view sqlite_uuid =
    "lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || "
    "substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))";

// "INSERT INTO table (columns) VALUES (...)" with one parameter per column; `json` marks the
// columns written as JSON.
template <class Session>
std::string insert_statement(std::string_view table, std::initializer_list<std::string_view> columns, std::initializer_list<std::string_view> json = {}) {
    std::string names, values;
    int n = 0;
    for (std::string_view c : columns) {
        if (n) names += ", ", values += ", ";
        ++n;
        names += "\"" + std::string(c) + "\"";
        const bool is_json = std::find(json.begin(), json.end(), c) != json.end();
        values += is_json ? json_parameter<Session>(n) : parameter<Session>(n);
    }
    return "INSERT INTO \"" + std::string(table) + "\" (" + names + ") VALUES (" + values + ")";
}

struct text_pair {
    std::optional<std::string> first, second;
};
struct knowledge_row {
    std::string id, user_id;
    std::optional<std::string> data;
};
struct document_row {
    std::optional<std::string> collection_name, user_id, name, title, content, timestamp;
};

}  // namespace openwebui::data

// ---- the schema versions and revisions --------------------------------------------------------
namespace openwebui::history {

using s01 = tabula::schema<Auth, r01::Chat, ChatIdTag, Document, r01::File, r01::Function, r01::Memory, r01::Model, r01::Prompt, r01::Tag,
                           Tool, r01::User>;
using s02 = tabula::schema_from<s01, tabula::add_table<r02::Config>>;
using s03 = tabula::schema_from<s02, tabula::replace_table<r03::File>>;
using s04 = tabula::schema_from<s03, tabula::add_table<r04::Knowledge>>;
using s05 = tabula::schema_from<s04, tabula::replace_table<r05::Chat>>;
using s06 = tabula::schema_from<s05, tabula::replace_table<r06::Chat>, tabula::replace_table<r06::Tag>>;
using s07 = tabula::schema_from<s06, tabula::replace_table<r07::Tag>>;
using s08 = tabula::schema_from<s07, tabula::add_table<r08::Folder>, tabula::replace_table<r08::Chat>>;
using s09 = tabula::schema_from<s08, tabula::replace_table<r09::File>>;
using s10 = tabula::schema_from<s09, tabula::add_table<Feedback>>;
using s11 = tabula::schema_from<s10, tabula::replace_table<r11::Folder>>;
using s12 = tabula::schema_from<s11, tabula::add_table<r12::Group>, tabula::replace_table<r12::Knowledge>, tabula::replace_table<r12::Model>,
                               tabula::replace_table<r12::Prompt>, tabula::replace_table<r12::Tool>>;
using s13 = tabula::schema_from<s12, tabula::add_table<r13::Channel>, tabula::add_table<r13::Message>>;
using s14 = tabula::schema_from<s13, tabula::replace_table<r14::File>>;
using s15 = tabula::schema_from<s14, tabula::replace_table<r15::Channel>, tabula::replace_table<r15::Message>,
                               tabula::add_table<MessageReaction>, tabula::add_table<r15::ChannelMember>>;
using s16 = tabula::schema_from<s15, tabula::add_table<r16::Note>>;
using s17 = tabula::schema_from<s16, tabula::replace_table<Folder>>;
using s18 = tabula::schema_from<s17, tabula::replace_table<r18::Chat>, tabula::replace_table<Function>, tabula::replace_table<Tag>>;
using s19 = tabula::schema_from<s18, tabula::replace_table<r19::User>>;
using s20 = tabula::schema_from<s19, tabula::add_table<OauthSession>>;
using s21 = tabula::schema_from<s20, tabula::replace_table<r21::Message>>;
using s22 = tabula::schema_from<s21, tabula::replace_table<Group>, tabula::add_table<GroupMember>>;
using s23 = tabula::schema_from<s22, tabula::replace_table<r23::ChannelMember>, tabula::replace_table<Message>>;
using s24 = tabula::schema_from<s23, tabula::replace_table<r24::User>, tabula::add_table<ApiKey>>;
using s25 = tabula::schema_from<s24, tabula::replace_table<r25::Channel>, tabula::replace_table<ChannelMember>, tabula::add_table<ChannelWebhook>>;
using s26 = tabula::schema_from<s25, tabula::replace_table<r26::Knowledge>, tabula::add_table<r26::KnowledgeFile>>;
using s27 = tabula::schema_from<s26, tabula::add_table<r27::ChannelFile>>;
using s28 = tabula::schema_from<s27, tabula::replace_table<ChannelFile>, tabula::replace_table<r28::Knowledge>>;
using s29 = tabula::schema_from<s28, tabula::add_table<ChatFile>>;
using s30 = tabula::schema_from<s29, tabula::replace_table<r30::Prompt>, tabula::add_table<PromptHistory>>;
using s31 = tabula::schema_from<s30, tabula::add_table<r31::ChatMessage>>;
using s32 = tabula::schema_from<s31, tabula::add_table<AccessGrant>, tabula::replace_table<Knowledge>, tabula::replace_table<Prompt>,
                               tabula::replace_table<Tool>, tabula::replace_table<Model>, tabula::replace_table<Note>,
                               tabula::replace_table<Channel>, tabula::replace_table<File>>;
using s33 = tabula::schema_from<s32, tabula::add_table<Skill>>;
using s34 = tabula::schema_from<s33, tabula::replace_table<r34::User>>;
using s35 = tabula::schema_from<s34, tabula::replace_table<r35::Chat>>;
using s36 = tabula::schema_from<s35, tabula::add_table<r36::Automation>, tabula::add_table<AutomationRun>>;
using s37 = tabula::schema_from<s36, tabula::replace_table<r37::Chat>>;
using s38 = tabula::schema_from<s37, tabula::replace_table<r38::Note>>;
using s39 = tabula::schema_from<s38, tabula::add_table<SharedChat>>;
using s40 = tabula::schema_from<s39, tabula::add_table<Calendar>, tabula::add_table<CalendarEvent>, tabula::add_table<CalendarEventAttendee>>;
using s41 = tabula::schema_from<s40, tabula::add_table<PinnedNote>, tabula::replace_table<Note>>;
using s42 = tabula::schema_from<s41, tabula::replace_table<r42::Memory>>;
using s43 = tabula::schema_from<s42, tabula::add_table<KnowledgeDirectory>, tabula::replace_table<KnowledgeFile>>;
using s44 = tabula::schema_from<s43>;
using s45 = tabula::schema_from<s44, tabula::rename_table<r02::Config, ConfigOld>, tabula::add_table<Config>>;
using s46 = tabula::schema_from<s45, tabula::replace_table<r46::ChatMessage>>;
using s47 = tabula::schema_from<s46, tabula::replace_table<r47::Memory>>;
using s48 = tabula::schema_from<s47, tabula::replace_table<r48::Memory>>;
using s49 = tabula::schema_from<s48, tabula::replace_table<ChatMessage>>;
using s50 = tabula::schema_from<s49, tabula::replace_table<r50::Chat>>;
using s51 = tabula::schema_from<s50, tabula::replace_table<Chat>>;
using s52 = tabula::schema_from<s51, tabula::replace_table<r52::User>>;
using s53 = tabula::schema_from<s52, tabula::replace_table<Memory>>;
using s54 = tabula::schema_from<s53, tabula::replace_table<Automation>>;
using s55 = tabula::schema_from<s54, tabula::replace_table<User>>;

struct r01_init : tabula::revision<"7e5b5dc7342b", tabula::base, s01> {
    static constexpr std::string_view message = "init";
};
struct r02_config : tabula::revision<"ca81bd47c050", tabula::after<"7e5b5dc7342b">, s02> {
    static constexpr std::string_view message = "Add config table";
};
struct r03_file : tabula::revision<"c0fbf31ca0db", tabula::after<"ca81bd47c050">, s03> {
    static constexpr std::string_view message = "Update file table";
};

// One knowledge row per legacy document row; the documents stay.
struct r04_knowledge : tabula::revision<"6a39f3d8e55c", tabula::after<"c0fbf31ca0db">, s04> {
    static constexpr std::string_view message = "Add knowledge table";
    template <class Session>
    static void upgrade_data(Session& db) {
        using data::parameter;
        const auto documents = db.template raw<data::document_row>(
            "SELECT \"collection_name\", \"user_id\", \"name\", \"title\", \"content\", CAST(\"timestamp\" AS TEXT) FROM document");
        const std::string insert = "INSERT INTO knowledge (id, user_id, name, description, meta, created_at, updated_at) VALUES (" +
                                   parameter<Session>(1) + ", " + parameter<Session>(2) + ", " + parameter<Session>(3) + ", " +
                                   parameter<Session>(4) + ", " + data::json_parameter<Session>(5) + ", " + parameter<Session>(6) + ", " +
                                   parameter<Session>(7) + ")";
        for (const data::document_row& d : documents) {
            nlohmann::ordered_json meta = {{"legacy", true}, {"document", true}, {"tags", nlohmann::ordered_json::array()}};
            if (d.content && !d.content->empty()) {
                // Content that is not a JSON object aborts the revision, as it does Open WebUI's.
                const nlohmann::ordered_json content = nlohmann::ordered_json::parse(*d.content);
                if (!content.is_object()) throw std::runtime_error("document " + d.collection_name.value_or("") + ": content is not a JSON object");
                if (content.contains("tags")) meta["tags"] = content["tags"];
            }
            // NULL title, user_id or timestamp break knowledge's NOT NULL columns: the insert fails.
            const std::optional<std::int64_t> timestamp =
                d.timestamp ? std::optional<std::int64_t>(std::stoll(*d.timestamp)) : std::nullopt;
            db.execute(insert, d.collection_name, d.user_id, d.title, d.name, data::python_dumps(meta), timestamp, timestamp);
        }
    }
    template <class Session>
    static void downgrade_data(Session&) {}  // the knowledge table is dropped
};

// chat.chat becomes JSON, the last column (rebuilt on SQLite, recreated at the end on PostgreSQL,
// as Alembic's add-copy-drop-rename did). The upgrade parses every value and writes it back as
// Python writes JSON; text that is not JSON becomes JSON null. Open WebUI aborts on a SQL NULL
// chat (its parser is given nothing): here a NULL stays NULL, the intent of the step.
struct r05_chat_json : tabula::revision<"242a2047eae0", tabula::after<"6a39f3d8e55c">, s05> {
    static constexpr std::string_view message = "Update chat table";
    using data_loss = tabula::data_loss<"chat.chat">;  // text that is not JSON becomes JSON null
    // PostgreSQL's json cast refuses text that is not JSON: such rows are written JSON null by
    // the data function (pg_input_is_valid is PostgreSQL 16's); here the copy keeps the text.
    static constexpr std::array fills = {tabula::fill_column<&r05::Chat::chat>("", {.postgres = "to_json(\"chat\")"})};
    // JSON null and SQL NULL both come back as SQL NULL.
    static constexpr std::array downgrade_fills = {
        tabula::fill_column<&r01::Chat::chat>("NULLIF(CAST(\"chat\" AS TEXT), 'null')")};
    template <class Session>
    static void upgrade_data(Session& db) {
        using data::parameter;
        // PostgreSQL's copy holds each text as a JSON string (to_json): read the string back.
        const std::string read = Session::dialect == tabula::sql::dialect::postgres ? "SELECT id, \"chat\" #>> '{}' FROM chat WHERE \"chat\" IS NOT NULL"
                                                                                   : "SELECT id, \"chat\" FROM chat WHERE \"chat\" IS NOT NULL";
        const std::string write = "UPDATE chat SET \"chat\" = " + data::json_parameter<Session>(1) + " WHERE id = " + parameter<Session>(2);
        for (const data::text_pair& row : db.template raw<data::text_pair>(read)) {
            nlohmann::ordered_json value = nlohmann::ordered_json::parse(row.second.value_or(""), nullptr, false);
            const std::string text = value.is_discarded() ? std::string("null") : data::python_dumps(value);
            db.execute(write, text, row.first);
        }
    }
    template <class Session>
    static void downgrade_data(Session&) {}  // the conversion back is the downgrade's fill
};

// Normalised tag ids (spaces to '_', lower case) and chat tags moved from chatidtag into
// chat.meta.tags / chat.pinned (data_migrations.md #6). Open WebUI's step deletes a tag row
// whose id already equals its normalised name (it finds itself): the right thing is to keep it,
// and only a row whose normalised id another row already holds is deleted.
struct r06_tags : tabula::revision<"1af9b942657b", tabula::after<"242a2047eae0">, s06> {
    static constexpr std::string_view message = "Migrate tags";
    using data_loss = tabula::data_loss<"tag.data">;
    template <class Session>
    static void upgrade_data(Session& db) {
        using data::parameter;
        const auto tags = db.template raw<data::text_pair>("SELECT id, name FROM tag");
        std::set<std::string> ids;
        for (const data::text_pair& t : tags) ids.insert(t.first.value_or(""));
        const std::string remove = "DELETE FROM tag WHERE id = " + parameter<Session>(1);
        const std::string rename = "UPDATE tag SET id = " + parameter<Session>(1) + " WHERE id = " + parameter<Session>(2);
        for (const data::text_pair& t : tags) {
            if (!t.second) throw std::runtime_error("tag " + t.first.value_or("") + " has no name");
            const std::string id = t.first.value_or("");
            const std::string normal = data::normalised_tag(*t.second);
            if (normal == "pinned") {
                db.execute(remove, id);
                ids.erase(id);
            } else if (normal == id) {
                continue;
            } else if (ids.contains(normal)) {
                db.execute(remove, id);
                ids.erase(id);
            } else {
                db.execute(rename, normal, id);
                ids.erase(id);
                ids.insert(normal);
            }
        }
        struct chat_tags {
            bool pinned = false;
            std::vector<std::string> tags;
        };
        std::map<std::string, chat_tags> chats;
        for (const data::text_pair& row : db.template raw<data::text_pair>("SELECT chat_id, tag_name FROM chatidtag")) {
            if (!row.second) throw std::runtime_error("chatidtag row of chat " + row.first.value_or("") + " has no tag_name");
            chat_tags& entry = chats[row.first.value_or("")];
            const std::string normal = data::normalised_tag(*row.second);
            if (normal == "pinned") entry.pinned = true;
            else if (std::find(entry.tags.begin(), entry.tags.end(), normal) == entry.tags.end()) entry.tags.push_back(normal);
        }
        const std::string update = "UPDATE chat SET meta = " + data::json_parameter<Session>(1) + ", pinned = " + parameter<Session>(2) +
                                   " WHERE id = " + parameter<Session>(3);
        for (const auto& [chat, entry] : chats) {
            nlohmann::ordered_json meta = nlohmann::ordered_json::object();
            if (!entry.tags.empty()) meta["tags"] = entry.tags;
            db.execute(update, data::python_dumps(meta), entry.pinned, chat);
        }
    }
    // Open WebUI's downgrade leaves tags and chats as they are.
    template <class Session>
    static void downgrade_data(Session&) {}
};

// Open WebUI also drops every other unique index on tag (data_migrations.md #7): a tag the Peewee
// layer made keeps tag_id UNIQUE (id), which would refuse one tag name for two users.
struct r07_tag_key : tabula::revision<"3ab32c4b8f59", tabula::after<"1af9b942657b">, s07> {
    static constexpr std::string_view message = "Update tags";
    template <class Session>
    static void upgrade_data(Session& db) {
        const auto live = tabula::migration_support<typename Session::backend_type>::read_schema(db.connection());
        if (const tabula::live_table* tag = live.table("tag"))
            for (const tabula::live_index& index : tag->indexes)
                if (index.unique) db.execute("DROP INDEX \"" + index.name + "\"");
    }
    template <class Session>
    static void downgrade_data(Session&) {}
};
struct r08_folder : tabula::revision<"c69f45358db4", tabula::after<"3ab32c4b8f59">, s08> {
    static constexpr std::string_view message = "Add folder table";
};

// file.meta becomes JSON (PostgreSQL casts the text, SQLite copies it), file.path comes from
// meta.path.
struct r09_file_path : tabula::revision<"c29facfe716b", tabula::after<"c69f45358db4">, s09> {
    static constexpr std::string_view message = "Update file table path";
    using data_loss = tabula::data_loss<"file.meta">;  // text that is not JSON aborts the cast
    template <class Session>
    static void upgrade_data(Session& db) {
        using data::parameter;
        const auto files = db.template raw<data::text_pair>("SELECT id, " + data::as_text("meta") + " FROM file WHERE path IS NULL AND meta IS NOT NULL");
        const std::string write = "UPDATE file SET path = " + parameter<Session>(1) + " WHERE id = " + parameter<Session>(2);
        for (const data::text_pair& f : files) {
            const nlohmann::ordered_json meta = nlohmann::ordered_json::parse(f.second.value_or("null"));
            if (!meta.is_object() || !meta.contains("path")) continue;
            const nlohmann::ordered_json& path = meta["path"];
            if (path.is_null()) continue;
            db.execute(write, path.is_string() ? path.get<std::string>() : data::python_dumps(path), f.first);
        }
    }
    template <class Session>
    static void downgrade_data(Session&) {}  // path is dropped, meta goes back to its text
};

struct r10_feedback : tabula::revision<"af906e964978", tabula::after<"c29facfe716b">, s10> {
    static constexpr std::string_view message = "Add feedback table";
};

// Folder timestamps become epoch seconds. Open WebUI's SQLite rebuild CASTs the DATETIME text,
// which keeps only the year ('2024-10-18 09:30:00' -> 2024); here text is read as the UTC time it
// holds, and integers the app stored stay as they are. PostgreSQL converts as Open WebUI does.
struct r11_folder_epoch : tabula::revision<"4ace53fd72c8", tabula::after<"af906e964978">, s11> {
    static constexpr std::string_view message = "Update folder table and change DateTime to BigInteger for timestamp fields";
    using data_loss = tabula::data_loss<"folder.created_at", "folder.updated_at">;
    static constexpr std::array fills = {
        tabula::fill_column<&r11::Folder::created_at>(
            "CASE WHEN typeof(\"created_at\") = 'text' THEN CAST(strftime('%s', \"created_at\") AS BIGINT) ELSE CAST(\"created_at\" AS BIGINT) END",
            {.postgres = "extract(epoch from \"created_at\")::bigint"}),
        tabula::fill_column<&r11::Folder::updated_at>(
            "CASE WHEN typeof(\"updated_at\") = 'text' THEN CAST(strftime('%s', \"updated_at\") AS BIGINT) ELSE CAST(\"updated_at\" AS BIGINT) END",
            {.postgres = "extract(epoch from \"updated_at\")::bigint"})};
    // Back to DATETIME text (SQLite) and timestamps (PostgreSQL), both in UTC.
    static constexpr std::array downgrade_fills = {
        tabula::fill_column<&r08::Folder::created_at>("datetime(\"created_at\", 'unixepoch')",
                                                      {.postgres = "to_timestamp(\"created_at\") AT TIME ZONE 'UTC'"}),
        tabula::fill_column<&r08::Folder::updated_at>("datetime(\"updated_at\", 'unixepoch')",
                                                      {.postgres = "to_timestamp(\"updated_at\") AT TIME ZONE 'UTC'"})};
    template <class Session>
    static void upgrade_data(Session&) {}  // the conversion is the fills
    template <class Session>
    static void downgrade_data(Session&) {}  // and back, the downgrade's fills
};

// Existing models become active (is_active's default); access_control starts NULL, which #32
// reads as public.
struct r12_group : tabula::revision<"922e7a387820", tabula::after<"4ace53fd72c8">, s12> {
    static constexpr std::string_view message = "Add group table";
};
struct r13_channel : tabula::revision<"57c599a3cb57", tabula::after<"922e7a387820">, s13> {
    static constexpr std::string_view message = "Add channel table";
};
struct r14_file_access : tabula::revision<"7826ab40b532", tabula::after<"57c599a3cb57">, s14> {
    static constexpr std::string_view message = "Update file table";
};
struct r15_channel_members : tabula::revision<"3781e22d8b01", tabula::after<"7826ab40b532">, s15> {
    static constexpr std::string_view message = "Update message & channel tables";
};
struct r16_note : tabula::revision<"9f0c9cd09105", tabula::after<"3781e22d8b01">, s16> {
    static constexpr std::string_view message = "Add note table";
};
struct r17_folder_data : tabula::revision<"d31026856c01", tabula::after<"9f0c9cd09105">, s17> {
    static constexpr std::string_view message = "Update folder table data";
};
struct r18_indexes : tabula::revision<"018012973d35", tabula::after<"d31026856c01">, s18> {
    static constexpr std::string_view message = "Add indexes";
};
struct r19_user_profile : tabula::revision<"3af16a1c9fb6", tabula::after<"018012973d35">, s19> {
    static constexpr std::string_view message = "update user table";
};
struct r20_oauth_session : tabula::revision<"38d63c18f30f", tabula::after<"3af16a1c9fb6">, s20> {
    static constexpr std::string_view message = "Add oauth_session table";
};
struct r21_reply_to : tabula::revision<"a5c220713937", tabula::after<"38d63c18f30f">, s21> {
    static constexpr std::string_view message = "Add reply_to_id column to message";
};

// group.user_ids becomes group_member rows (data_migrations.md #22). Where Open WebUI aborts, on
// the same user twice in a list (unique constraint) or, on PostgreSQL only, on a user id with no
// user (foreign key), this keeps each member once and skips ids without a user, on every backend.
struct r22_group_member : tabula::revision<"37f288994c47", tabula::after<"a5c220713937">, s22> {
    static constexpr std::string_view message = "add_group_member_table";
    using data_loss = tabula::data_loss<"group.user_ids">;
    template <class Session>
    static void upgrade_data(Session& db) {
        using data::parameter;
        const std::int64_t now = data::now();
        const auto users = db.template raw<std::string>("SELECT id FROM \"user\"");
        const std::set<std::string> known(users.begin(), users.end());
        const std::string insert = "INSERT INTO group_member (id, group_id, user_id, created_at, updated_at) VALUES (" +
                                   parameter<Session>(1) + ", " + parameter<Session>(2) + ", " + parameter<Session>(3) + ", " +
                                   parameter<Session>(4) + ", " + parameter<Session>(5) + ")";
        for (const data::text_pair& g : db.template raw<data::text_pair>("SELECT id, " + data::as_text("user_ids") + " FROM \"group\"")) {
            if (!g.second) continue;
            nlohmann::ordered_json ids = nlohmann::ordered_json::parse(*g.second, nullptr, false);
            if (ids.is_discarded() || !data::truthy(ids)) continue;
            if (ids.is_string()) ids = nlohmann::ordered_json::parse(ids.get<std::string>(), nullptr, false);  // double-encoded
            if (ids.is_discarded() || !ids.is_array()) continue;
            std::set<std::string> added;
            for (const nlohmann::ordered_json& id : ids) {
                const std::string user = id.is_string() ? id.get<std::string>() : data::python_dumps(id);
                if (!known.contains(user) || !added.insert(user).second) continue;
                db.execute(insert, data::new_uuid(), *g.first, user, now, now);
            }
        }
    }
    // Every group gets the array of its members' ids (by user id), [] without members.
    template <class Session>
    static void downgrade_data(Session& db) {
        using data::parameter;
        std::map<std::string, nlohmann::ordered_json> members;
        for (const std::string& g : db.template raw<std::string>("SELECT id FROM \"group\"")) members[g] = nlohmann::ordered_json::array();
        for (const data::text_pair& m : db.template raw<data::text_pair>("SELECT group_id, user_id FROM group_member ORDER BY group_id, user_id"))
            if (members.contains(m.first.value_or(""))) members[*m.first].push_back(m.second.value_or(""));
        const std::string write = "UPDATE \"group\" SET user_ids = " + data::json_parameter<Session>(1) + " WHERE id = " + parameter<Session>(2);
        for (const auto& [group, ids] : members) db.execute(write, data::python_dumps(ids), group);
    }
};

// Open WebUI adds channel_member.joined_at NOT NULL without a value, so the step fails whenever
// channel_member has rows; here existing members joined when they were added (created_at).
struct r23_channel_member : tabula::revision<"2f1211949ecc", tabula::after<"37f288994c47">, s23> {
    static constexpr std::string_view message = "Update messages and channel member table";
    static constexpr std::array fills = {tabula::fill_column<&r23::ChannelMember::joined_at>("COALESCE(\"created_at\", 0)")};
};


// user.info and user.settings become JSON: on SQLite each value is re-serialised as Python writes
// it, text that is not JSON and SQL NULL both becoming JSON null (Open WebUI's copy through the
// JSON type); PostgreSQL casts in place, keeping the text, and text that is not JSON aborts, as it
// does Open WebUI's. oauth_sub moves into oauth (double-encoded, as Open WebUI stores it) and
// api_key into the api_key table.
struct r24_user : tabula::revision<"b10670c03dd5", tabula::after<"2f1211949ecc">, s24> {
    static constexpr std::string_view message = "Update user table";
    using data_loss = tabula::data_loss<"user.api_key", "user.oauth_sub", "user.info", "user.settings">;
    static constexpr std::array fills = {
        tabula::fill_column<&r24::User::info>("COALESCE(\"info\", 'null')", {.postgres = "\"info\"::json"}, tabula::conversion_position::in_place),
        tabula::fill_column<&r24::User::settings>("COALESCE(\"settings\", 'null')", {.postgres = "\"settings\"::json"},
                                                   tabula::conversion_position::in_place)};
    // Back to text: JSON null becomes SQL NULL on SQLite; PostgreSQL casts (null stays 'null').
    static constexpr std::array downgrade_fills = {
        tabula::fill_column<&r19::User::info>("NULLIF(\"info\", 'null')", {.postgres = "CAST(\"info\" AS TEXT)"}),
        tabula::fill_column<&r19::User::settings>("NULLIF(\"settings\", 'null')", {.postgres = "CAST(\"settings\" AS TEXT)"})};

    template <class Session>
    static void upgrade_data(Session& db) {
        using data::parameter;
        if constexpr (Session::dialect == tabula::sql::dialect::sqlite) {
            for (const char* column : {"info", "settings"}) {
                const std::string write = std::string("UPDATE \"user\" SET \"") + column + "\" = ? WHERE id = ?";
                for (const data::text_pair& row : db.template raw<data::text_pair>(std::string("SELECT id, \"") + column + "\" FROM \"user\"")) {
                    const nlohmann::ordered_json value = nlohmann::ordered_json::parse(row.second.value_or("null"), nullptr, false);
                    db.execute(write, value.is_discarded() ? std::string("null") : data::python_dumps(value), row.first);
                }
            }
        }
        const std::string set_oauth =
            "UPDATE \"user\" SET oauth = " + data::json_parameter<Session>(1) + " WHERE id = " + parameter<Session>(2);
        for (const data::text_pair& u : db.template raw<data::text_pair>("SELECT id, oauth_sub FROM \"user\" WHERE oauth_sub IS NOT NULL AND oauth_sub <> ''")) {
            const std::string& sub = *u.second;
            const std::size_t at = sub.find('@');
            const std::string provider = at == std::string::npos ? std::string("oidc") : sub.substr(0, at);
            const std::string subject = at == std::string::npos ? sub : sub.substr(at + 1);
            nlohmann::ordered_json object = nlohmann::ordered_json::object();
            object[provider] = {{"sub", subject}};
            db.execute(set_oauth, data::python_dumps(nlohmann::ordered_json(data::python_dumps(object))), u.first);
        }
        const std::int64_t now = data::now();
        const std::string insert = "INSERT INTO api_key (id, user_id, \"key\", created_at, updated_at) VALUES (" + parameter<Session>(1) + ", " +
                                   parameter<Session>(2) + ", " + parameter<Session>(3) + ", " + parameter<Session>(4) + ", " +
                                   parameter<Session>(5) + ")";
        for (const data::text_pair& u : db.template raw<data::text_pair>("SELECT id, api_key FROM \"user\" WHERE api_key IS NOT NULL AND api_key <> ''"))
            db.execute(insert, "key_" + u.first.value_or(""), u.first, u.second, now, now);
    }

    // oauth back to provider@sub (from the double-encoded form only; anything else gives NULL),
    // api_key from the api_key table (the last row read per user wins).
    template <class Session>
    static void downgrade_data(Session& db) {
        using data::parameter;
        const std::string set_sub = "UPDATE \"user\" SET oauth_sub = " + parameter<Session>(1) + " WHERE id = " + parameter<Session>(2);
        for (const data::text_pair& u : db.template raw<data::text_pair>("SELECT id, " + data::as_text("oauth") + " FROM \"user\" WHERE oauth IS NOT NULL")) {
            nlohmann::ordered_json value = nlohmann::ordered_json::parse(u.second.value_or("null"), nullptr, false);
            if (!value.is_discarded() && value.is_string()) value = nlohmann::ordered_json::parse(value.get<std::string>(), nullptr, false);
            std::optional<std::string> sub;
            if (!value.is_discarded() && value.is_object() && !value.empty()) {
                const auto first = value.begin();
                if (first.value().is_object() && first.value().contains("sub")) {
                    const nlohmann::ordered_json& s = first.value()["sub"];
                    sub = first.key() + "@" + (s.is_string() ? s.get<std::string>() : data::python_dumps(s));
                }
            }
            db.execute(set_sub, sub, u.first);
        }
        std::map<std::string, std::string> keys;
        for (const data::text_pair& k : db.template raw<data::text_pair>("SELECT user_id, \"key\" FROM api_key WHERE user_id IS NOT NULL"))
            keys[*k.first] = k.second.value_or("");
        const std::string set_key = "UPDATE \"user\" SET api_key = " + parameter<Session>(1) + " WHERE id = " + parameter<Session>(2);
        for (const auto& [user, key] : keys) db.execute(set_key, key, user);
    }
};

struct r25_channel : tabula::revision<"90ef40d4714e", tabula::after<"b10670c03dd5">, s25> {
    static constexpr std::string_view message = "Update channel and channel members table";
};

// knowledge.data.file_ids become knowledge_file rows owned by the knowledge's owner; the rest of
// knowledge.data is lost, as in Open WebUI. Where Open WebUI aborts, on the same file twice in a
// list (unique constraint) or a file_ids that is JSON null, this links each file once and reads
// null as no files.
struct r26_knowledge_file : tabula::revision<"3e0e00844bb0", tabula::after<"90ef40d4714e">, s26> {
    static constexpr std::string_view message = "Add knowledge_file table";
    using data_loss = tabula::data_loss<"knowledge.data">;
    template <class Session>
    static void upgrade_data(Session& db) {
        using data::parameter;
        const std::int64_t now = data::now();
        const auto files = db.template raw<std::string>("SELECT id FROM file");
        const std::set<std::string> known(files.begin(), files.end());
        const std::string insert = "INSERT INTO knowledge_file (id, user_id, knowledge_id, file_id, created_at, updated_at) VALUES (" +
                                   parameter<Session>(1) + ", " + parameter<Session>(2) + ", " + parameter<Session>(3) + ", " +
                                   parameter<Session>(4) + ", " + parameter<Session>(5) + ", " + parameter<Session>(6) + ")";
        for (const data::knowledge_row& k : db.template raw<data::knowledge_row>("SELECT id, user_id, " + data::as_text("data") + " FROM knowledge")) {
            if (!k.data) continue;
            nlohmann::ordered_json value = nlohmann::ordered_json::parse(*k.data, nullptr, false);
            if (value.is_discarded() || !data::truthy(value)) continue;
            if (value.is_string()) value = nlohmann::ordered_json::parse(value.get<std::string>(), nullptr, false);  // double-encoded
            if (value.is_discarded() || !value.is_object() || !value.contains("file_ids") || !value["file_ids"].is_array()) continue;
            std::set<std::string> linked;
            for (const nlohmann::ordered_json& id : value["file_ids"]) {
                const std::string file = id.is_string() ? id.get<std::string>() : data::python_dumps(id);
                if (!known.contains(file) || !linked.insert(file).second) continue;
                db.execute(insert, data::new_uuid(), k.user_id, k.id, file, now, now);
            }
        }
    }
    // Every knowledge row gets {"file_ids": [...]} back, [] without links.
    template <class Session>
    static void downgrade_data(Session& db) {
        using data::parameter;
        std::map<std::string, nlohmann::ordered_json> links;
        for (const std::string& k : db.template raw<std::string>("SELECT id FROM knowledge")) links[k] = nlohmann::ordered_json::array();
        for (const data::text_pair& l : db.template raw<data::text_pair>("SELECT knowledge_id, file_id FROM knowledge_file"))
            if (links.contains(l.first.value_or(""))) links[*l.first].push_back(l.second.value_or(""));
        const std::string write = "UPDATE knowledge SET data = " + data::json_parameter<Session>(1) + " WHERE id = " + parameter<Session>(2);
        for (const auto& [knowledge, ids] : links) db.execute(write, data::python_dumps(nlohmann::ordered_json{{"file_ids", ids}}), knowledge);
    }
};

struct r27_channel_file : tabula::revision<"6283dc0e4d8d", tabula::after<"3e0e00844bb0">, s27> {
    static constexpr std::string_view message = "Add channel file table";
};
// knowledge.data comes back NULL for every row.
struct r28_knowledge_data : tabula::revision<"81cc2ce44d79", tabula::after<"6283dc0e4d8d">, s28> {
    static constexpr std::string_view message = "Update channel file and knowledge table";
};
struct r29_chat_file : tabula::revision<"c440947495f3", tabula::after<"81cc2ce44d79">, s29> {
    static constexpr std::string_view message = "Add chat_file table";
};

// prompt gets uuid ids and a first prompt_history row each (data_migrations.md #30). Open WebUI
// builds prompt_new and renames it; here the table is altered (a rebuild on SQLite), with the
// same result: the key prompt_new_pkey, the index ix_prompt_new_command. Its downgrade recreates
// the old table with an extra INTEGER id column; here the old shape comes back as it was.
struct r30_prompt_history : tabula::revision<"374d2f66af06", tabula::after<"c440947495f3">, s30> {
    static constexpr std::string_view message = "Add prompt history table";
    using data_loss = tabula::data_loss<"prompt.title", "prompt.timestamp">;
    static constexpr std::array fills = {tabula::fill_column<&r30::Prompt::id>(data::sqlite_uuid, {.postgres = "gen_random_uuid()::text"}),
                                         tabula::fill_column<&r30::Prompt::name>("\"title\""),
                                         tabula::fill_column<&r30::Prompt::created_at>("\"timestamp\""),
                                         tabula::fill_column<&r30::Prompt::updated_at>("\"timestamp\"")};
    struct prompt_row {
        std::string id;
        std::optional<std::string> command, user_id, name, content, access_control;
        std::int64_t created_at = 0;
    };
    template <class Session>
    static void upgrade_data(Session& db) {
        using data::parameter;
        if constexpr (Session::dialect == tabula::sql::dialect::sqlite) {
            // Open WebUI made the index on prompt_new, and SQLite rewrote its SQL to ON "prompt" when
            // the table was renamed: replayed, so that the schema is the same text.
            db.execute("DROP INDEX ix_prompt_new_command");
            db.execute("ALTER TABLE prompt RENAME TO prompt_new");
            db.execute("CREATE UNIQUE INDEX ix_prompt_new_command ON prompt_new (command)");
            db.execute("ALTER TABLE prompt_new RENAME TO prompt");
        }
        const std::string update = "UPDATE prompt SET command = " + parameter<Session>(1) + ", data = " + data::json_parameter<Session>(2) +
                                   ", meta = " + data::json_parameter<Session>(3) + ", tags = " + data::json_parameter<Session>(4) +
                                   ", version_id = " + parameter<Session>(5) + " WHERE id = " + parameter<Session>(6);
        const std::string history = data::insert_statement<Session>(
            "prompt_history", {"id", "prompt_id", "parent_id", "snapshot", "user_id", "commit_message", "created_at"}, {"snapshot"});
        const auto prompts = db.template raw<prompt_row>("SELECT id, command, user_id, name, content, " + data::as_text("access_control") +
                                                         ", created_at FROM prompt");
        for (const prompt_row& p : prompts) {
            std::optional<std::string> command = p.command;
            if (command && !command->empty() && command->front() == '/') command->erase(0, 1);
            const std::string version = data::new_uuid();
            const nlohmann::ordered_json access =
                p.access_control ? nlohmann::ordered_json::parse(*p.access_control, nullptr, false) : nlohmann::ordered_json();
            nlohmann::ordered_json snapshot = nlohmann::ordered_json::object();
            snapshot["name"] = p.name ? nlohmann::ordered_json(*p.name) : nlohmann::ordered_json();
            snapshot["content"] = p.content ? nlohmann::ordered_json(*p.content) : nlohmann::ordered_json();
            snapshot["command"] = command ? nlohmann::ordered_json(*command) : nlohmann::ordered_json();
            snapshot["data"] = nlohmann::ordered_json::object();
            snapshot["meta"] = nlohmann::ordered_json::object();
            snapshot["access_control"] = access.is_discarded() ? nlohmann::ordered_json() : access;
            db.execute(update, command, std::string("{}"), std::string("{}"), std::string("[]"), version, p.id);
            db.execute(history, version, p.id, std::optional<std::string>{}, data::python_dumps(snapshot), p.user_id,
                       std::optional<std::string>{}, p.created_at);
        }
    }
    // The old columns back from the new ones, the command with its '/' again.
    template <class Session>
    static void downgrade_data(Session& db) {
        db.execute("UPDATE prompt SET title = name, \"timestamp\" = created_at, "
                   "command = CASE WHEN command LIKE '/%' THEN command ELSE '/' || command END");
    }
};

// chat_message rows from every chat's history (data_migrations.md #31), read in keyset pages of
// 1000 chats so that memory stays bounded, and inserted with ON CONFLICT DO NOTHING, so that a
// run after an interruption adds only what is missing (and of two colliding ids the first read
// is kept, as in Open WebUI). Pages go by chat id, not table order. Where Open WebUI aborts on a
// chat that is a JSON array or scalar, such a chat has no messages and is skipped; a row Open
// WebUI fails to insert (done not a boolean) is skipped before the insert.
struct r31_chat_message : tabula::revision<"8452d01d26d7", tabula::after<"374d2f66af06">, s31> {
    static constexpr std::string_view message = "Add chat_message table";
    static constexpr std::int64_t page = 1000;
    struct chat_row {
        std::string id;
        std::optional<std::string> user_id, chat;
    };
    // Each page of chats commits with its messages (data_checkpoint): an interrupted backfill
    // resumes after the last committed chat, and reports chats done of chats to go.
    template <class Session>
    static void upgrade_data(Session& db, tabula::data_checkpoint& at) {
        using data::parameter;
        const std::int64_t now = data::now();
        const std::string selected = " FROM chat WHERE user_id NOT LIKE 'shared-%' AND id > " + parameter<Session>(1);
        const std::string read = "SELECT id, user_id, " + data::as_text("chat") + selected + " ORDER BY id LIMIT " + std::to_string(page);
        const std::string insert =
            data::insert_statement<Session>("chat_message",
                                            {"id", "chat_id", "user_id", "role", "parent_id", "content", "output", "model_id", "files",
                                             "sources", "embeds", "done", "status_history", "error", "usage", "created_at", "updated_at"},
                                            {"content", "output", "files", "sources", "embeds", "status_history", "error", "usage"}) +
            " ON CONFLICT (id) DO NOTHING";
        std::string after = at.resume_from();
        const std::int64_t total = db.template raw<std::int64_t>("SELECT COUNT(*)" + selected, std::string()).front();
        std::int64_t done = total - db.template raw<std::int64_t>("SELECT COUNT(*)" + selected, after).front();
        at.report("chat_message backfill (chats)", done, total);
        data::history_reader reader;
        for (;;) {
            const auto chats = db.template raw<chat_row>(read, after);
            for (const chat_row& c : chats) {
                if (!c.chat) continue;
                reader.read(*c.chat, now, [&](const data::history_message& m) {
                    db.execute(insert, c.id + "-" + m.key, c.id, c.user_id, m.role, m.parent_id, m.content, m.output, m.model, m.files,
                               m.sources, m.embeds, m.done, m.status_history, m.error, m.usage, m.time, m.time);
                });
            }
            if (chats.empty()) break;
            after = chats.back().id;
            done += static_cast<std::int64_t>(chats.size());
            at.commit(after);
            at.report("chat_message backfill (chats)", done, total);
            if (static_cast<std::int64_t>(chats.size()) < page) break;
        }
    }
    template <class Session>
    static void downgrade_data(Session&) {}  // the table is dropped
};

// access_control JSON becomes access_grant rows (data_migrations.md #32). Where Open WebUI aborts,
// on a read or write that is JSON null or not an object, or group_ids/user_ids that are null,
// this reads them as empty; the rest follows it exactly (NULL or 'null' is public, except for
// files; anything unreadable is private).
struct r32_access_grant : tabula::revision<"f1e2d3c4b5a6", tabula::after<"8452d01d26d7">, s32> {
    static constexpr std::string_view message = "Add access_grant table";
    using data_loss = tabula::data_loss<"knowledge.access_control", "prompt.access_control", "tool.access_control", "model.access_control",
                                        "note.access_control", "channel.access_control", "file.access_control">;
    static constexpr std::array<std::string_view, 7> resources = {"knowledge", "prompt", "tool", "model", "note", "channel", "file"};

    static bool public_text(const std::string& text) {
        std::string t;
        for (char c : text)
            if (!std::isspace(static_cast<unsigned char>(c))) t += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return t == "null";
    }
    static const nlohmann::ordered_json& member_or_empty(const nlohmann::ordered_json& object, const char* key) {
        static const nlohmann::ordered_json empty = nlohmann::ordered_json::object();
        return object.is_object() && object.contains(key) && object[key].is_object() ? object[key] : empty;
    }
    static const nlohmann::ordered_json& list_or_empty(const nlohmann::ordered_json& object, const char* key) {
        static const nlohmann::ordered_json empty = nlohmann::ordered_json::array();
        return object.contains(key) && object[key].is_array() ? object[key] : empty;
    }

    template <class Session>
    static void upgrade_data(Session& db) {
        if constexpr (Session::dialect == tabula::sql::dialect::sqlite) {
            // Open WebUI's rebuild of prompt makes its index anew (ON prompt, unquoted); tabula's
            // rebuild keeps an index's SQL, so it is made anew here, before the rebuild.
            db.execute("DROP INDEX ix_prompt_new_command");
            db.execute("CREATE UNIQUE INDEX ix_prompt_new_command ON prompt (command)");
        }
        const std::int64_t now = data::now();
        const std::string insert = data::insert_statement<Session>(
            "access_grant", {"id", "resource_type", "resource_id", "principal_type", "principal_id", "permission", "created_at"});
        std::set<std::tuple<std::string, std::string, std::string, std::string, std::string>> granted;
        auto grant = [&](std::string_view type, const std::string& id, std::string principal_type, std::string principal, std::string permission) {
            if (!granted.emplace(std::string(type), id, principal_type, principal, permission).second) return;
            db.execute(insert, data::new_uuid(), std::string(type), id, principal_type, principal, permission, now);
        };
        for (std::string_view type : resources) {
            const auto rows = db.template raw<data::text_pair>("SELECT id, " + data::as_text("access_control") + " FROM \"" + std::string(type) + "\"");
            for (const data::text_pair& r : rows) {
                const std::string id = r.first.value_or("");
                if (!r.second || public_text(*r.second)) {
                    if (type != "file") grant(type, id, "user", "*", "read");
                    continue;
                }
                const nlohmann::ordered_json access = nlohmann::ordered_json::parse(*r.second, nullptr, false);
                if (access.is_discarded() || !access.is_object() || !data::truthy(access)) continue;
                bool any = false;
                for (const char* permission : {"read", "write"}) {
                    const nlohmann::ordered_json& p = member_or_empty(access, permission);
                    any = any || !list_or_empty(p, "group_ids").empty() || !list_or_empty(p, "user_ids").empty();
                }
                if (!any) continue;
                for (const char* permission : {"read", "write"}) {
                    const nlohmann::ordered_json& p = member_or_empty(access, permission);
                    for (const auto& [kind, list] : {std::pair{"group", "group_ids"}, std::pair{"user", "user_ids"}})
                        for (const nlohmann::ordered_json& principal : list_or_empty(p, list))
                            grant(type, id, kind, principal.is_string() ? principal.get<std::string>() : data::python_dumps(principal), permission);
                }
            }
        }
    }

    // access_control back from the grants: public (user * read) is NULL; other grants the full
    // read/write shape; no grant {} (private), except files, which stay NULL.
    template <class Session>
    static void downgrade_data(Session& db) {
        using data::parameter;
        struct grant_row {
            std::string resource_id, principal_type, principal_id, permission;
        };
        for (std::string_view type : resources) {
            std::map<std::string, nlohmann::ordered_json> values;
            if (type != "file")
                for (const std::string& id : db.template raw<std::string>("SELECT id FROM \"" + std::string(type) + "\"")) values[id] = nlohmann::ordered_json::object();
            std::set<std::string> public_ids;
            const auto grants = db.template raw<grant_row>(
                "SELECT resource_id, principal_type, principal_id, permission FROM access_grant WHERE resource_type = " + parameter<Session>(1),
                std::string(type));
            for (const grant_row& g : grants) {
                if (g.principal_type == "user" && g.principal_id == "*" && g.permission == "read") public_ids.insert(g.resource_id);
                nlohmann::ordered_json& v = values[g.resource_id];
                if (!v.contains("read"))
                    for (const char* permission : {"read", "write"})
                        v[permission] = {{"group_ids", nlohmann::ordered_json::array()}, {"user_ids", nlohmann::ordered_json::array()}};
                if (g.permission != "read" && g.permission != "write") continue;
                if (g.principal_type != "group" && g.principal_type != "user") continue;
                nlohmann::ordered_json& list = v[g.permission][g.principal_type == "group" ? "group_ids" : "user_ids"];
                if (std::find(list.begin(), list.end(), nlohmann::ordered_json(g.principal_id)) == list.end()) list.push_back(g.principal_id);
            }
            const std::string write =
                "UPDATE \"" + std::string(type) + "\" SET access_control = " + data::json_parameter<Session>(1) + " WHERE id = " + parameter<Session>(2);
            for (const auto& [id, value] : values)
                if (!public_ids.contains(id)) db.execute(write, data::python_dumps(value), id);
        }
    }
};

struct r33_skill : tabula::revision<"a1b2c3d4e5f6", tabula::after<"f1e2d3c4b5a6">, s33> {
    static constexpr std::string_view message = "Add skill table";
};
struct r34_user_scim : tabula::revision<"b2c3d4e5f6a7", tabula::after<"a1b2c3d4e5f6">, s34> {
    static constexpr std::string_view message = "add scim column to user table";
};
struct r35_chat_tasks : tabula::revision<"a3dd5bedd151", tabula::after<"b2c3d4e5f6a7">, s35> {
    static constexpr std::string_view message = "Add tasks and summary columns to chat table";
};
struct r36_automation : tabula::revision<"d4e5f6a7b8c9", tabula::after<"a3dd5bedd151">, s36> {
    static constexpr std::string_view message = "add automation tables";
};
// Every chat, phantom share rows included, was last read when it was last updated.
struct r37_chat_last_read : tabula::revision<"b7c8d9e0f1a2", tabula::after<"d4e5f6a7b8c9">, s37> {
    static constexpr std::string_view message = "add last_read_at to chat";
    template <class Session>
    static void upgrade_data(Session& db) {
        db.execute("UPDATE chat SET last_read_at = updated_at");
    }
    template <class Session>
    static void downgrade_data(Session&) {}  // the column is dropped
};
struct r38_note_pinned : tabula::revision<"e1f2a3b4c5d6", tabula::after<"b7c8d9e0f1a2">, s38> {
    static constexpr std::string_view message = "Add is_pinned to note table";
};

// Phantom share rows (a chat copied under the share token, owned by "shared-<chat id>") move to
// shared_chat, each with a public read grant on the original chat; the phantoms go, orphans
// included (data_migrations.md #39).
struct r39_shared_chat : tabula::revision<"c1d2e3f4a5b6", tabula::after<"e1f2a3b4c5d6">, s39> {
    static constexpr std::string_view message = "Add shared_chat table and migrate existing shares";
    struct phantom_row {
        std::string id;
        std::optional<std::string> user_id, title, chat;
        std::optional<std::int64_t> created_at, updated_at;
    };
    template <class Session>
    static void upgrade_data(Session& db) {
        using data::parameter;
        const std::int64_t now = data::now();
        const std::string owner = "SELECT user_id FROM chat WHERE id = " + parameter<Session>(1);
        const std::string shared = "SELECT id FROM shared_chat WHERE id = " + parameter<Session>(1);
        const std::string granted = "SELECT id FROM access_grant WHERE resource_type = 'shared_chat' AND resource_id = " + parameter<Session>(1) +
                                    " AND principal_type = 'user' AND principal_id = '*' AND permission = 'read'";
        const std::string insert_share = data::insert_statement<Session>(
            "shared_chat", {"id", "chat_id", "user_id", "title", "chat", "created_at", "updated_at"}, {"chat"});
        const std::string insert_grant = data::insert_statement<Session>(
            "access_grant", {"id", "resource_type", "resource_id", "principal_type", "principal_id", "permission", "created_at"});
        const auto phantoms = db.template raw<phantom_row>("SELECT id, user_id, title, " + data::as_text("chat") +
                                                           ", created_at, updated_at FROM chat WHERE user_id LIKE 'shared-%'");
        for (const phantom_row& p : phantoms) {
            const std::string original = p.user_id->substr(std::string_view("shared-").size());
            const auto owners = db.template raw<std::optional<std::string>>(owner, original);
            if (owners.empty()) continue;  // an orphan: deleted below
            if (db.template raw<std::string>(shared, p.id).empty())
                db.execute(insert_share, p.id, original, owners.front(), p.title, p.chat.value_or("null"), p.created_at, p.updated_at);
            if (db.template raw<std::string>(granted, original).empty())
                db.execute(insert_grant, data::new_uuid(), std::string("shared_chat"), original, std::string("user"), std::string("*"),
                           std::string("read"), p.created_at && *p.created_at != 0 ? *p.created_at : now);
        }
        db.execute("DELETE FROM chat_message WHERE chat_id IN (SELECT id FROM chat WHERE user_id LIKE 'shared-%')");
        db.execute("DELETE FROM chat WHERE user_id LIKE 'shared-%'");
    }
    // The phantom rows come back (not the orphans), the shares' grants go.
    template <class Session>
    static void downgrade_data(Session& db) {
        db.execute("INSERT INTO chat (id, user_id, title, chat, created_at, updated_at, archived, meta) SELECT id, 'shared-' || chat_id, "
                   "title, chat, created_at, updated_at, FALSE, " + data::json_parameter<Session>(1) + " FROM shared_chat",
                   std::string("{}"));
        db.execute("DELETE FROM access_grant WHERE resource_type = 'shared_chat'");
    }
};

struct r40_calendar : tabula::revision<"56359461a091", tabula::after<"c1d2e3f4a5b6">, s40> {
    static constexpr std::string_view message = "add calendar tables";
};

// Pinned notes become pinned_note rows owned by the note's owner, created_at in nanoseconds as
// Open WebUI writes it (data_migrations.md #41); the downgrade pins every note any row names.
struct r41_pinned_note : tabula::revision<"4de81c2a3af1", tabula::after<"56359461a091">, s41> {
    static constexpr std::string_view message = "add pinned_note table";
    using data_loss = tabula::data_loss<"note.is_pinned">;
    template <class Session>
    static void upgrade_data(Session& db) {
        const auto nanoseconds = static_cast<std::int64_t>(
            std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch()).count());
        const std::string insert = data::insert_statement<Session>("pinned_note", {"id", "user_id", "note_id", "created_at"});
        for (const data::text_pair& n : db.template raw<data::text_pair>("SELECT id, user_id FROM note WHERE is_pinned = TRUE"))
            db.execute(insert, data::new_uuid(), n.second, n.first, nanoseconds);
    }
    template <class Session>
    static void downgrade_data(Session& db) {
        db.execute("UPDATE note SET is_pinned = TRUE WHERE id IN (SELECT note_id FROM pinned_note)");
    }
};

struct r42_memory_index : tabula::revision<"a0b1c2d3e4f5", tabula::after<"4de81c2a3af1">, s42> {
    static constexpr std::string_view message = "Add memory user_id index";
};
struct r43_knowledge_directory : tabula::revision<"3c9b0ca343fd", tabula::after<"a0b1c2d3e4f5">, s43> {
    static constexpr std::string_view message = "add knowledge_directory table";
};

// Open WebUI promotes UNIQUE(id) to a primary key on tables a Peewee bootstrap left without one.
// A database this chain built (or Open WebUI's Alembic chain) has every key already, so the
// revision changes nothing; a Peewee-era database is not a state this chain can reach (it starts
// from revision 1's Alembic tables), and adopting one is left to `db check` and a hand-written
// revision.
struct r44_legacy_keys : tabula::revision<"461111b60977", tabula::after<"3c9b0ca343fd">, s44> {
    static constexpr std::string_view message = "add missing primary keys to legacy peewee tables";
};

// The newest config blob becomes one config row per setting; the old table stays as config_old
// (data_migrations.md #45, the path/key table in config_key_map.hpp). Where Open WebUI aborts on a
// blob that is a JSON array or scalar, there is nothing to flatten and the table stays empty. The
// downgrade drops the new table and renames config_old back: the old rows return exactly.
struct r45_config_rows : tabula::revision<"3ff2c63645b8", tabula::after<"461111b60977">, s45> {
    static constexpr std::string_view message = "reshape config to per key rows";

    static std::optional<std::string_view> storage_of_path(std::string_view path) {
        for (const config_keys::entry& e : config_keys::entries)
            if (e.blob_path == path) return e.storage_key;
        return std::nullopt;
    }
    static std::optional<std::string_view> storage_of_legacy(std::string_view key) {
        for (const config_keys::entry& e : config_keys::entries)
            if (e.legacy_key == key) return e.storage_key;
        return std::nullopt;
    }
    static std::string rewritten(const std::string& path) {
        for (const config_keys::rewrite& r : config_keys::rewrites)
            if (r.path == path) return std::string(r.storage_key);
        return path;
    }
    // Depth-first over object members in stored order; the first entry of a storage key wins.
    static void flatten(const nlohmann::ordered_json& object, const std::string& prefix,
                        std::vector<std::pair<std::string, nlohmann::ordered_json>>& out, std::set<std::string>& seen) {
        for (auto member = object.begin(); member != object.end(); ++member) {
            const std::string path = prefix.empty() ? member.key() : prefix + "." + member.key();
            std::optional<std::string> key;
            if (const auto known = storage_of_path(path)) key = std::string(*known);
            else if (const auto legacy = prefix.empty() ? storage_of_legacy(path) : std::nullopt) key = std::string(*legacy);
            else if (member.value().is_object()) {
                flatten(member.value(), path, out, seen);
                continue;
            } else key = rewritten(path);
            if (seen.insert(*key).second) out.emplace_back(*key, member.value());
        }
    }
    template <class Session>
    static void upgrade_data(Session& db) {
        const auto blobs = db.template raw<std::optional<std::string>>("SELECT " + data::as_text("data") + " FROM config_old ORDER BY id DESC LIMIT 1");
        if (blobs.empty() || !blobs.front()) return;
        nlohmann::ordered_json blob = nlohmann::ordered_json::parse(*blobs.front(), nullptr, false);
        if (!blob.is_discarded() && blob.is_string()) blob = nlohmann::ordered_json::parse(blob.get<std::string>(), nullptr, false);
        if (blob.is_discarded() || !blob.is_object()) return;
        std::vector<std::pair<std::string, nlohmann::ordered_json>> entries;
        std::set<std::string> seen;
        flatten(blob, "", entries, seen);
        const std::int64_t now = data::now();
        const std::string insert = data::insert_statement<Session>("config", {"key", "value", "updated_at"}, {"value"});
        for (const auto& [key, value] : entries) db.execute(insert, key, data::python_dumps(value), now);
    }
    template <class Session>
    static void downgrade_data(Session&) {}  // config_old is renamed back
};

struct r46_context_summary : tabula::revision<"4c5ce3d2f27f", tabula::after<"3ff2c63645b8">, s46> {
    static constexpr std::string_view message = "add context summary to chat message";
};
// Every existing memory becomes 'context' (the column's server default).
struct r47_memory_type : tabula::revision<"7b3f2a9c1d4e", tabula::after<"4c5ce3d2f27f">, s47> {
    static constexpr std::string_view message = "add memory type";
};
struct r48_memory_path : tabula::revision<"42e2978c7933", tabula::after<"7b3f2a9c1d4e">, s48> {
    static constexpr std::string_view message = "add memory path and meta";
};
struct r49_chat_message_meta : tabula::revision<"856c5b02fb54", tabula::after<"42e2978c7933">, s49> {
    static constexpr std::string_view message = "add chat message meta";
};

// chat.current_message_id chosen from the chat's JSON and its chat_message rows (data_migrations.md
// #50), in keyset pages of chats. Where Open WebUI aborts on competing leaves whose timestamps mix
// strings and numbers, timestamps are compared as numbers here (text that is no number as 0).
struct r50_current_message : tabula::revision<"9a1b2c3d4e5f", tabula::after<"856c5b02fb54">, s50> {
    static constexpr std::string_view message = "add current_message_id to chat";
    static constexpr std::int64_t page = 150;
    struct chat_row {
        std::string id;
        std::optional<std::string> chat, current_message_id;
    };
    struct message_row {
        std::string id;
        std::optional<std::string> parent_id;
        std::optional<std::int64_t> created_at;
    };
    struct candidate_message {
        std::string id;
        std::optional<std::string> parent;
        double created_at = 0;
    };
    static double as_number(const nlohmann::ordered_json& t) {
        if (t.is_number()) return t.get<double>();
        if (t.is_string()) return std::strtod(t.get<std::string>().c_str(), nullptr);
        return 0;
    }
    // The leaf (no message names it as parent) created last; the first in order on a tie; every
    // message competes when there is no leaf.
    static std::optional<std::string> latest_leaf(const std::vector<candidate_message>& messages) {
        std::set<std::string> ids, parents;
        for (const candidate_message& m : messages) ids.insert(m.id);
        for (const candidate_message& m : messages)
            if (m.parent && ids.contains(*m.parent)) parents.insert(*m.parent);
        const bool any_leaf = parents.size() < ids.size();
        std::optional<std::string> best;
        double best_time = 0;
        for (const candidate_message& m : messages) {
            if (any_leaf && parents.contains(m.id)) continue;
            if (!best || m.created_at > best_time) best = m.id, best_time = m.created_at;
        }
        return best;
    }
    template <class Session>
    static std::optional<std::string> winner(Session& db, const chat_row& c) {
        using data::parameter;
        const std::string prefix = c.id + "-";
        auto unprefixed = [&](std::string id) { return id.rfind(prefix, 0) == 0 ? id.substr(prefix.size()) : id; };
        nlohmann::ordered_json chat = c.chat ? nlohmann::ordered_json::parse(*c.chat, nullptr, false) : nlohmann::ordered_json::object();
        if (!chat.is_discarded() && chat.is_string()) chat = nlohmann::ordered_json::parse(chat.get<std::string>(), nullptr, false);
        if (chat.is_discarded() || !chat.is_object()) chat = nlohmann::ordered_json::object();
        const nlohmann::ordered_json history =
            chat.contains("history") && chat["history"].is_object() ? chat["history"] : nlohmann::ordered_json::object();
        std::vector<std::string> candidates;
        auto consider = [&](const nlohmann::ordered_json& v) {
            if (!v.is_string() || v.get<std::string>().empty()) return;
            const std::string id = unprefixed(v.get<std::string>());
            if (std::find(candidates.begin(), candidates.end(), id) == candidates.end()) candidates.push_back(id);
        };
        if (c.current_message_id) consider(nlohmann::ordered_json(*c.current_message_id));
        for (const nlohmann::ordered_json* source : std::initializer_list<const nlohmann::ordered_json*>{&history, &chat})
            if (source->contains("currentId")) consider((*source)["currentId"]);
        if (chat.contains("branchPointMessageId")) consider(chat["branchPointMessageId"]);

        const auto rows = db.template raw<message_row>("SELECT id, parent_id, created_at FROM chat_message WHERE chat_id = " + parameter<Session>(1), c.id);
        std::vector<candidate_message> messages;
        if (!rows.empty()) {
            for (const std::string& candidate : candidates)
                for (const message_row& r : rows)
                    if (r.id == prefix + candidate) return candidate;
            for (const message_row& r : rows)
                messages.push_back({unprefixed(r.id), r.parent_id ? std::optional<std::string>(unprefixed(*r.parent_id)) : std::nullopt,
                                    static_cast<double>(r.created_at.value_or(0))});
            return latest_leaf(messages);
        }
        if (history.contains("messages") && history["messages"].is_object() && !history["messages"].empty()) {
            for (auto m = history["messages"].begin(); m != history["messages"].end(); ++m) {
                const nlohmann::ordered_json& v = m.value();
                const bool object = v.is_object();
                messages.push_back({m.key(),
                                    object && v.contains("parentId") && v["parentId"].is_string() ? std::optional<std::string>(v["parentId"].template get<std::string>()) : std::nullopt,
                                    object && v.contains("timestamp") ? as_number(v["timestamp"]) : 0});
            }
        } else if (chat.contains("messages") && chat["messages"].is_array()) {
            for (const nlohmann::ordered_json& v : chat["messages"]) {
                if (!v.is_object() || !v.contains("id") || !data::truthy(v["id"])) continue;
                const std::string id = v["id"].is_string() ? v["id"].template get<std::string>() : data::python_dumps(v["id"]);
                messages.push_back({id, v.contains("parentId") && v["parentId"].is_string() ? std::optional<std::string>(v["parentId"].template get<std::string>()) : std::nullopt,
                                    v.contains("timestamp") ? as_number(v["timestamp"]) : 0});
            }
        }
        for (const std::string& candidate : candidates)
            for (const candidate_message& m : messages)
                if (m.id == candidate) return candidate;
        return latest_leaf(messages);
    }
    template <class Session>
    static void upgrade_data(Session& db) {
        using data::parameter;
        const std::string read = "SELECT id, " + data::as_text("chat") + ", current_message_id FROM chat WHERE id > " + parameter<Session>(1) +
                                 " ORDER BY id LIMIT " + std::to_string(page);
        const std::string write = "UPDATE chat SET current_message_id = " + parameter<Session>(1) + " WHERE id = " + parameter<Session>(2);
        std::string after;
        for (;;) {
            const auto chats = db.template raw<chat_row>(read, after);
            for (const chat_row& c : chats) {
                const std::optional<std::string> chosen = winner(db, c);
                if (chosen && chosen != c.current_message_id) db.execute(write, *chosen, c.id);
            }
            if (static_cast<std::int64_t>(chats.size()) < page) break;
            after = chats.back().id;
        }
    }
    template <class Session>
    static void downgrade_data(Session&) {}  // the column is dropped
};

struct r51_chat_variables : tabula::revision<"c49178636c78", tabula::after<"9a1b2c3d4e5f">, s51> {
    static constexpr std::string_view message = "add chat variables";
};
struct r52_user_variables : tabula::revision<"b0018471bbbe", tabula::after<"c49178636c78">, s52> {
    static constexpr std::string_view message = "add user variables";
};
struct r53_memory_covering : tabula::revision<"55f1302ac17c", tabula::after<"b0018471bbbe">, s53> {
    static constexpr std::string_view message = "Add memory (id, user_id) covering index";
};
struct r54_automation_folder : tabula::revision<"959eaac8f909", tabula::after<"55f1302ac17c">, s54> {
    static constexpr std::string_view message = "add automation folder id";
};

// The unique index on lower(email): refused first, naming every email two users share ignoring
// case (data_migrations.md #55). Open WebUI's downgrade misses the index on SQLite (SQLAlchemy does
// not reflect expression indexes there) and leaves it; here it is dropped on every backend.
struct r55_unique_email : tabula::revision<"f0bd01a18a3d", tabula::after<"959eaac8f909">, s55> {
    static constexpr std::string_view message = "add unique normalized user email index";
    struct email_count {
        std::string email;
        std::int64_t count = 0;
    };
    template <class Session>
    static void upgrade_check(Session& db) {
        const auto twice = db.template raw<email_count>(
            "SELECT lower(email), COUNT(*) FROM \"user\" WHERE email IS NOT NULL GROUP BY lower(email) HAVING COUNT(*) > 1 ORDER BY lower(email)");
        if (twice.empty()) return;
        std::string list;
        for (const email_count& e : twice) list += (list.empty() ? "" : ", ") + e.email + " (x" + std::to_string(e.count) + ")";
        throw std::runtime_error("users share an email ignoring case, which the unique index uq_user_email_lower on lower(email) refuses: " +
                                 list + "; merge or remove the duplicate accounts, then upgrade again");
    }
};
}  // namespace openwebui::history

namespace openwebui {
// Open WebUI's 55 revisions, base first.
using revisions = tabula::revision_chain<history::r01_init, history::r02_config, history::r03_file, history::r04_knowledge,
                                         history::r05_chat_json, history::r06_tags, history::r07_tag_key, history::r08_folder,
                                         history::r09_file_path, history::r10_feedback, history::r11_folder_epoch, history::r12_group,
                                         history::r13_channel, history::r14_file_access, history::r15_channel_members, history::r16_note,
                                         history::r17_folder_data, history::r18_indexes, history::r19_user_profile,
                                         history::r20_oauth_session, history::r21_reply_to, history::r22_group_member,
                                         history::r23_channel_member, history::r24_user,
                                         history::r25_channel, history::r26_knowledge_file, history::r27_channel_file,
                                         history::r28_knowledge_data, history::r29_chat_file, history::r30_prompt_history,
                                         history::r31_chat_message, history::r32_access_grant,
                                         history::r33_skill, history::r34_user_scim, history::r35_chat_tasks, history::r36_automation,
                                         history::r37_chat_last_read, history::r38_note_pinned, history::r39_shared_chat,
                                         history::r40_calendar, history::r41_pinned_note, history::r42_memory_index,
                                         history::r43_knowledge_directory, history::r44_legacy_keys, history::r45_config_rows,
                                         history::r46_context_summary, history::r47_memory_type, history::r48_memory_path,
                                         history::r49_chat_message_meta, history::r50_current_message, history::r51_chat_variables,
                                         history::r52_user_variables, history::r53_memory_covering, history::r54_automation_folder,
                                         history::r55_unique_email>;

// The head revision leads exactly to the application's models: no step between them.
static_assert(tabula::head_matches<revisions, all_models<tabula::schema>>);

}  // namespace openwebui
