// A 20-table, 20-revision history shaped like the first years of Open WebUI's chain: tables
// added over time, columns added, a rename, a type change, indexes, foreign keys, a column
// dropped. Each version names only what changed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include <tabula/migrate.hpp>

namespace history {

// ---- tables as first created ------------------------------------------------------------------
struct User {
    std::string id{};
    std::string name{};
    std::string email{};
    std::string role{};
    std::optional<std::string> profile_image_url{};
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};
struct Chat {
    std::string id{};
    std::string user_id{};
    std::string title{};
    std::string chat{};
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
    std::optional<std::string> share_id{};
    bool archived = false;
};
struct Tag {
    std::string id{};
    std::string name{};
    std::string user_id{};
};
struct File {
    std::string id{};
    std::string user_id{};
    std::string filename{};
    std::optional<nlohmann::json> meta{};
    std::int64_t created_at = 0;
};
struct Function {
    std::string id{};
    std::string user_id{};
    std::string name{};
    std::string type{};
    std::string content{};
    nlohmann::json meta{};
    bool is_active = false;
    std::int64_t updated_at = 0;
};
struct Memory {
    std::string id{};
    std::string user_id{};
    std::string content{};
    std::int64_t updated_at = 0;
    std::int64_t created_at = 0;
};
struct Model {
    std::string id{};
    std::string user_id{};
    std::optional<std::string> base_model_id{};
    std::string name{};
    nlohmann::json params{};
    nlohmann::json meta{};
    std::int64_t updated_at = 0;
};
struct Prompt {
    std::string command{};
    std::string user_id{};
    std::string title{};
    std::string content{};
    std::int64_t timestamp = 0;
};
struct Tool {
    std::string id{};
    std::string user_id{};
    std::string name{};
    std::string content{};
    nlohmann::json specs{};
    nlohmann::json meta{};
};
struct Config {
    std::int64_t id = 0;
    nlohmann::json data{};
    std::int64_t version = 0;
};
struct Knowledge {
    std::string id{};
    std::string user_id{};
    std::string name{};
    std::optional<std::string> description{};
    std::optional<nlohmann::json> data{};
    std::int64_t created_at = 0;
};
struct Folder {
    std::string id{};
    std::optional<std::string> parent_id{};
    std::string user_id{};
    std::string name{};
    bool is_expanded = false;
    std::int64_t created_at = 0;
};
struct Feedback {
    std::string id{};
    std::string user_id{};
    std::int64_t version = 0;
    std::string type{};
    std::optional<nlohmann::json> data{};
    std::int64_t created_at = 0;
};
struct Group {
    std::string id{};
    std::string user_id{};
    std::string name{};
    std::string description{};
    std::optional<nlohmann::json> permissions{};
    std::int64_t created_at = 0;
};
struct Channel {
    std::string id{};
    std::string user_id{};
    std::string name{};
    std::optional<std::string> description{};
    std::int64_t created_at = 0;
};
struct Message {
    std::string id{};
    std::string user_id{};
    std::string channel_id{};
    std::string content{};
    std::int64_t created_at = 0;
};
struct Note {
    std::string id{};
    std::string user_id{};
    std::string title{};
    std::optional<nlohmann::json> data{};
    std::int64_t created_at = 0;
};
struct Skill {
    std::string id{};
    std::string user_id{};
    std::string name{};
    std::string content{};
    bool is_active = true;
};
struct Automation {
    std::string id{};
    std::string user_id{};
    std::string name{};
    std::optional<nlohmann::json> data{};
    std::optional<std::int64_t> next_run_at{};
};
struct KnowledgeFile {
    std::string id{};
    std::string knowledge_id{};
    std::string file_id{};
    std::int64_t created_at = 0;
};

// ---- later versions of tables -----------------------------------------------------------------
namespace r03 {
struct File {
    std::string id{};
    std::string user_id{};
    std::string filename{};
    std::optional<nlohmann::json> meta{};
    std::int64_t created_at = 0;
    std::optional<std::string> hash{};
    std::optional<nlohmann::json> data{};
    std::optional<std::int64_t> updated_at{};
};
}  // namespace r03
namespace r05 {
struct Chat {
    std::string id{};
    std::string user_id{};
    std::string title{};
    nlohmann::json chat{};
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
    std::optional<std::string> share_id{};
    bool archived = false;
};
}  // namespace r05
namespace r06 {
struct Chat {
    std::string id{};
    std::string user_id{};
    std::string title{};
    nlohmann::json chat{};
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
    std::optional<std::string> share_id{};
    bool archived = false;
    bool pinned = false;
};
struct Tag {
    std::string id{};
    std::string name{};
    std::string user_id{};
    std::optional<nlohmann::json> meta{};
};
}  // namespace r06
namespace r07 {
struct Chat {
    std::string id{};
    std::string user_id{};
    std::string title{};
    nlohmann::json chat{};
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
    std::optional<std::string> share_id{};
    bool archived = false;
    bool pinned = false;
    std::optional<std::string> folder_id{};
};
}  // namespace r07
namespace r09 {
struct Model {
    std::string id{};
    std::string user_id{};
    std::optional<std::string> base_model_id{};
    std::string name{};
    nlohmann::json params{};
    nlohmann::json meta{};
    std::int64_t updated_at = 0;
    bool is_active = true;
};
}  // namespace r09
namespace r12 {
using Chat = r07::Chat;
struct Tag {
    std::string id{};
    std::string name{};
    std::string user_id{};
    std::optional<nlohmann::json> meta{};
};
}  // namespace r12
namespace r13 {
struct User {
    std::string id{};
    std::string name{};
    std::string email{};
    std::string role{};
    std::optional<std::string> profile_image_url{};
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
    std::optional<std::string> username{};
    std::optional<std::string> bio{};
};
}  // namespace r13
namespace r16 {
struct Memory {
    std::string id{};
    std::string user_id{};
    std::string content{};
    std::int64_t updated_at = 0;
    std::int64_t created_at = 0;
    std::string type{};
};
}  // namespace r16
namespace r17 {
struct Prompt {
    std::string command{};
    std::string user_id{};
    std::string name{};
    std::string content{};
    std::int64_t timestamp = 0;
};
}  // namespace r17
namespace r19 {
struct Chat {
    std::string id{};
    std::string user_id{};
    std::string title{};
    nlohmann::json chat{};
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
    std::optional<std::string> share_id{};
    bool archived = false;
    bool pinned = false;
    std::optional<std::string> folder_id{};
};
}  // namespace r19
namespace r20 {
struct User {
    std::string id{};
    std::string name{};
    std::string email{};
    std::string role{};
    std::optional<std::string> profile_image_url{};
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
    std::optional<std::string> username{};
};
}  // namespace r20

}  // namespace history

// ---- declarations ---------------------------------------------------------------------------------
template <>
struct tabula::model<history::Prompt> {
    static constexpr auto primary_key = tabula::primary_key<&history::Prompt::command>{};
};
template <>
struct tabula::model<history::r17::Prompt> {
    static constexpr auto primary_key = tabula::primary_key<&history::r17::Prompt::command>{};
};
template <>
struct tabula::model<history::Chat> {
    static constexpr auto columns = std::tuple{tabula::column<&history::Chat::share_id>{.unique = true}};
};
template <>
struct tabula::model<history::r05::Chat> {
    static constexpr auto columns = std::tuple{tabula::column<&history::r05::Chat::share_id>{.unique = true}};
};
template <>
struct tabula::model<history::r06::Chat> {
    static constexpr auto columns = std::tuple{tabula::column<&history::r06::Chat::share_id>{.unique = true},
                                               tabula::column<&history::r06::Chat::pinned>{.server_default = "0"}};
};
template <>
struct tabula::model<history::r07::Chat> {
    static constexpr auto columns = std::tuple{tabula::column<&history::r07::Chat::share_id>{.unique = true},
                                               tabula::column<&history::r07::Chat::pinned>{.server_default = "0"},
                                               tabula::column<&history::r07::Chat::user_id>{.index = true},
                                               tabula::column<&history::r07::Chat::folder_id>{.index = true}};
};
template <>
struct tabula::model<history::r12::Tag> {
    static constexpr auto indexes = std::tuple{tabula::index<&history::r12::Tag::user_id>{}};
};
template <>
struct tabula::model<history::r09::Model> {
    static constexpr auto columns = std::tuple{tabula::column<&history::r09::Model::is_active>{.server_default = "1"}};
};
template <>
struct tabula::model<history::r16::Memory> {
    static constexpr auto columns = std::tuple{tabula::column<&history::r16::Memory::type>{.server_default = "'context'", .index = true}};
};
template <>
struct tabula::model<history::KnowledgeFile> {
    static constexpr auto unique = std::tuple{tabula::unique<&history::KnowledgeFile::knowledge_id, &history::KnowledgeFile::file_id>{}};
    static constexpr auto foreign_keys = std::tuple{
        tabula::foreign_key<&history::KnowledgeFile::knowledge_id, &history::Knowledge::id>{.on_delete = tabula::action::cascade},
        tabula::foreign_key<&history::KnowledgeFile::file_id, &history::File::id>{.on_delete = tabula::action::cascade}};
};
template <>
struct tabula::model<history::r19::Chat> {
    static constexpr auto columns = std::tuple{tabula::column<&history::r19::Chat::share_id>{.unique = true},
                                               tabula::column<&history::r19::Chat::pinned>{.server_default = "0"},
                                               tabula::column<&history::r19::Chat::archived>{.server_default = "0"},
                                               tabula::column<&history::r19::Chat::user_id>{.index = true},
                                               tabula::column<&history::r19::Chat::folder_id>{.index = true}};
};

// ---- versions and revisions -------------------------------------------------------------------------
namespace history {
using v01 = tabula::schema<User, Chat, Tag, File, Function, Memory, Model, Prompt, Tool>;
using v02 = tabula::schema_from<v01, tabula::add_table<Config>>;
using v03 = tabula::schema_from<v02, tabula::replace_table<r03::File>>;
using v04 = tabula::schema_from<v03, tabula::add_table<Knowledge>>;
using v05 = tabula::schema_from<v04, tabula::replace_table<r05::Chat>>;
using v06 = tabula::schema_from<v05, tabula::replace_table<r06::Chat>, tabula::replace_table<r06::Tag>>;
using v07 = tabula::schema_from<v06, tabula::add_table<Folder>, tabula::replace_table<r07::Chat>>;
using v08 = tabula::schema_from<v07, tabula::add_table<Feedback>>;
using v09 = tabula::schema_from<v08, tabula::add_table<Group>, tabula::replace_table<r09::Model>>;
using v10 = tabula::schema_from<v09, tabula::add_table<Channel>, tabula::add_table<Message>>;
using v11 = tabula::schema_from<v10, tabula::add_table<Note>>;
using v12 = tabula::schema_from<v11, tabula::replace_table<r12::Tag>>;
using v13 = tabula::schema_from<v12, tabula::replace_table<r13::User>>;
using v14 = tabula::schema_from<v13, tabula::add_table<Skill>>;
using v15 = tabula::schema_from<v14, tabula::add_table<Automation>>;
using v16 = tabula::schema_from<v15, tabula::replace_table<r16::Memory>>;
using v17 = tabula::schema_from<v16, tabula::rename_column<&Prompt::title, &r17::Prompt::name>>;
using v18 = tabula::schema_from<v17, tabula::add_table<KnowledgeFile>>;
using v19 = tabula::schema_from<v18, tabula::replace_table<r19::Chat>>;
using v20 = tabula::schema_from<v19, tabula::replace_table<r20::User>>;

struct h01 : tabula::revision<"7e5b5dc7342b", tabula::base, v01> { static constexpr std::string_view message = "init"; };
struct h02 : tabula::revision<"ca81bd47c050", tabula::after<"7e5b5dc7342b">, v02> { static constexpr std::string_view message = "Add config table"; };
struct h03 : tabula::revision<"c0fbf31ca0db", tabula::after<"ca81bd47c050">, v03> { static constexpr std::string_view message = "Update file table"; };
struct h04 : tabula::revision<"6a39f3d8e55c", tabula::after<"c0fbf31ca0db">, v04> { static constexpr std::string_view message = "Add knowledge table"; };
struct h05 : tabula::revision<"242a2047eae0", tabula::after<"6a39f3d8e55c">, v05> {
    static constexpr std::string_view message = "Update chat table";
    using data_loss = tabula::data_loss<"chat.chat">;  // TEXT -> JSON
    template <class Session>
    static void downgrade_data(Session&) {}
};
struct h06 : tabula::revision<"1af9b942657b", tabula::after<"242a2047eae0">, v06> { static constexpr std::string_view message = "Migrate tags"; };
struct h07 : tabula::revision<"c69f45358db4", tabula::after<"1af9b942657b">, v07> { static constexpr std::string_view message = "Add folder table"; };
struct h08 : tabula::revision<"af906e964978", tabula::after<"c69f45358db4">, v08> { static constexpr std::string_view message = "Add feedback table"; };
struct h09 : tabula::revision<"922e7a387820", tabula::after<"af906e964978">, v09> { static constexpr std::string_view message = "Add group table"; };
struct h10 : tabula::revision<"57c599a3cb57", tabula::after<"922e7a387820">, v10> { static constexpr std::string_view message = "Add channel table"; };
struct h11 : tabula::revision<"9f0c9cd09105", tabula::after<"57c599a3cb57">, v11> { static constexpr std::string_view message = "Add note table"; };
struct h12 : tabula::revision<"018012973d35", tabula::after<"9f0c9cd09105">, v12> { static constexpr std::string_view message = "Add indexes"; };
struct h13 : tabula::revision<"3af16a1c9fb6", tabula::after<"018012973d35">, v13> { static constexpr std::string_view message = "update user table"; };
struct h14 : tabula::revision<"a1b2c3d4e5f6", tabula::after<"3af16a1c9fb6">, v14> { static constexpr std::string_view message = "Add skill table"; };
struct h15 : tabula::revision<"d4e5f6a7b8c9", tabula::after<"a1b2c3d4e5f6">, v15> { static constexpr std::string_view message = "add automation tables"; };
struct h16 : tabula::revision<"7b3f2a9c1d4e", tabula::after<"d4e5f6a7b8c9">, v16> { static constexpr std::string_view message = "add memory type"; };
struct h17 : tabula::revision<"b10670c03dd5", tabula::after<"7b3f2a9c1d4e">, v17> { static constexpr std::string_view message = "rename prompt title"; };
struct h18 : tabula::revision<"3e0e00844bb0", tabula::after<"b10670c03dd5">, v18> { static constexpr std::string_view message = "Add knowledge_file table"; };
struct h19 : tabula::revision<"90ef40d4714e", tabula::after<"3e0e00844bb0">, v19> { static constexpr std::string_view message = "chat archived default"; };
struct h20 : tabula::revision<"f0bd01a18a3d", tabula::after<"90ef40d4714e">, v20> {
    static constexpr std::string_view message = "drop user bio";
    using data_loss = tabula::data_loss<"user.bio">;
    template <class Session>
    static void downgrade_data(Session&) {}
};

using chain = tabula::revision_chain<h01, h02, h03, h04, h05, h06, h07, h08, h09, h10, h11, h12, h13, h14, h15, h16, h17, h18, h19, h20>;
using head = tabula::schema<r20::User, r19::Chat, r12::Tag, r03::File, Function, r16::Memory, r09::Model, r17::Prompt, Tool, Config,
                            Knowledge, Folder, Feedback, Group, Channel, Message, Note, Skill, Automation, KnowledgeFile>;
static_assert(tabula::head_matches<chain, head>);

}  // namespace history
