// Open WebUI's Alembic history as a tabula revision chain: the same revision ids and parents
// (tests/data/openwebui/chain.md), each schema version naming only what changed from its parent,
// each data migration re-expressed from tests/data/openwebui/data_migrations.md.
//
// A table's earlier shapes are structs of their own, in a namespace per revision (r01::Chat is the
// chat table as revision 1 made it); a table unchanged since then is the head model itself.
// So far: revisions 1 to 23 of 55.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <ctime>
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

#include "models.hpp"

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

// ---- data migrations: helpers ----------------------------------------------------------------
namespace openwebui::data {

// The text Python's json.dumps writes with default settings (data_migrations.md, section 0):
// ", " and ": " separators, non-ASCII escaped as \uXXXX, keys in insertion order.
inline void python_dumps(const nlohmann::ordered_json& value, std::string& out) {
    switch (value.type()) {
        case nlohmann::ordered_json::value_t::object: {
            out += '{';
            bool first = true;
            for (const auto& [key, member] : value.items()) {
                if (!first) out += ", ";
                first = false;
                out += nlohmann::ordered_json(key).dump(-1, ' ', true);
                out += ": ";
                python_dumps(member, out);
            }
            out += '}';
            break;
        }
        case nlohmann::ordered_json::value_t::array: {
            out += '[';
            bool first = true;
            for (const auto& member : value) {
                if (!first) out += ", ";
                first = false;
                python_dumps(member, out);
            }
            out += ']';
            break;
        }
        default: out += value.dump(-1, ' ', true);
    }
}
inline std::string python_dumps(const nlohmann::ordered_json& value) {
    std::string out;
    python_dumps(value, out);
    return out;
}

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
        const unsigned char c = static_cast<unsigned char>(text[i]);
        const std::size_t length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (length == 1 || i + length > text.size()) {
            out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
            ++i;
            continue;
        }
        char32_t point = c & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07);
        for (std::size_t k = 1; k < length; ++k) point = (point << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        const auto lowered = static_cast<char32_t>(std::towlower(static_cast<std::wint_t>(point)));
        if (lowered < 0x800) {
            out += static_cast<char>(0xC0 | (lowered >> 6));
            out += static_cast<char>(0x80 | (lowered & 0x3F));
        } else if (lowered < 0x10000) {
            out += static_cast<char>(0xE0 | (lowered >> 12));
            out += static_cast<char>(0x80 | ((lowered >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (lowered & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (lowered >> 18));
            out += static_cast<char>(0x80 | ((lowered >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((lowered >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (lowered & 0x3F));
        }
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

// Python's truth value of a parsed JSON value: null, false, 0, "", [] and {} are false.
inline bool truthy(const nlohmann::ordered_json& v) {
    if (v.is_null()) return false;
    if (v.is_boolean()) return v.get<bool>();
    if (v.is_number()) return v != 0;
    if (v.is_string() || v.is_array() || v.is_object()) return !v.empty();
    return true;
}

struct text_pair {
    std::optional<std::string> first, second;
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

struct r07_tag_key : tabula::revision<"3ab32c4b8f59", tabula::after<"1af9b942657b">, s07> {
    static constexpr std::string_view message = "Update tags";
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

}  // namespace openwebui::history

namespace openwebui {
// The revisions done so far, base first.
using revisions = tabula::revision_chain<history::r01_init, history::r02_config, history::r03_file, history::r04_knowledge,
                                         history::r05_chat_json, history::r06_tags, history::r07_tag_key, history::r08_folder,
                                         history::r09_file_path, history::r10_feedback, history::r11_folder_epoch, history::r12_group,
                                         history::r13_channel, history::r14_file_access, history::r15_channel_members, history::r16_note,
                                         history::r17_folder_data, history::r18_indexes, history::r19_user_profile,
                                         history::r20_oauth_session, history::r21_reply_to, history::r22_group_member,
                                         history::r23_channel_member>;
}  // namespace openwebui
