// Open WebUI's database at its head revision (f0bd01a18a3d, Open WebUI 0.11.0): the 42 application
// tables as plain structs, with the exact table, column, index and constraint names, types,
// nullability, server defaults, keys and foreign keys of the schema Open WebUI's own migrations
// produce on SQLite and PostgreSQL (tests/data/openwebui/head_*). alembic_version is the
// migrator's table, not a model.
//
// Types follow Open WebUI's declarations, not tabula's defaults: String columns are VARCHAR
// (character varying on PostgreSQL), Text is TEXT, JSON columns are JSON (json, not jsonb, on
// PostgreSQL), timestamps are BIGINT epoch seconds. Struct fields are in the SQLite column order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>

#include <nlohmann/json.hpp>

#include <tabula/schema.hpp>

namespace openwebui {

// Open WebUI declares most ids and names String without a length: VARCHAR on SQLite and
// PostgreSQL. MySQL and MariaDB need a length there.
inline constexpr tabula::per_dialect varchar_on_mysql{.mysql = "VARCHAR(255)"};

struct AccessGrant {
    std::string id{};
    std::string resource_type{};
    std::string resource_id{};
    std::string principal_type{};
    std::string principal_id{};
    std::string permission{};
    std::int64_t created_at = 0;
};

struct ApiKey {
    std::string id{};
    std::optional<std::string> user_id{};
    std::string key{};
    std::optional<nlohmann::json> data{};
    std::optional<std::int64_t> expires_at{};
    std::optional<std::int64_t> last_used_at{};
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

struct Auth {
    std::string id{};
    std::optional<std::string> email{};
    std::optional<std::string> password{};
    std::optional<bool> active{};
};

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
    std::optional<std::string> folder_id{};
};

struct AutomationRun {
    std::string id{};
    std::string automation_id{};
    std::optional<std::string> chat_id{};
    std::string status{};
    std::optional<std::string> error{};
    std::int64_t created_at = 0;
};

struct Calendar {
    std::string id{};
    std::string user_id{};
    std::string name{};
    std::optional<std::string> color{};
    bool is_default = false;
    std::optional<nlohmann::json> data{};
    std::optional<nlohmann::json> meta{};
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

struct CalendarEvent {
    std::string id{};
    std::string calendar_id{};
    std::string user_id{};
    std::string title{};
    std::optional<std::string> description{};
    std::int64_t start_at = 0;
    std::optional<std::int64_t> end_at{};
    bool all_day = false;
    std::optional<std::string> rrule{};
    std::optional<std::string> color{};
    std::optional<std::string> location{};
    std::optional<nlohmann::json> data{};
    std::optional<nlohmann::json> meta{};
    bool is_cancelled = false;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

struct CalendarEventAttendee {
    std::string id{};
    std::string event_id{};
    std::string user_id{};
    std::string status{};
    std::optional<nlohmann::json> meta{};
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

struct Channel {
    std::string id{};
    std::optional<std::string> user_id{};
    std::optional<std::string> name{};
    std::optional<std::string> description{};
    std::optional<nlohmann::json> data{};
    std::optional<nlohmann::json> meta{};
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

struct ChannelFile {
    std::string id{};
    std::string user_id{};
    std::string channel_id{};
    std::string file_id{};
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
    std::optional<std::string> message_id{};
};

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
    std::optional<std::string> role{};
    std::optional<std::string> invited_by{};
    std::optional<std::int64_t> invited_at{};
};

struct ChannelWebhook {
    std::string id{};
    std::string user_id{};
    std::string channel_id{};
    std::string name{};
    std::optional<std::string> profile_image_url{};
    std::string token{};
    std::optional<std::int64_t> last_used_at{};
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

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
    std::optional<nlohmann::json> variables{};
};

struct ChatFile {
    std::string id{};
    std::string user_id{};
    std::string chat_id{};
    std::string file_id{};
    std::optional<std::string> message_id{};
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

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
    std::optional<nlohmann::json> meta{};
};

struct ChatIdTag {
    std::string id{};
    std::optional<std::string> tag_name{};
    std::optional<std::string> chat_id{};
    std::optional<std::string> user_id{};
    std::optional<std::int64_t> timestamp{};
};

struct Config {
    std::string key{};
    nlohmann::json value{};
    std::optional<std::int64_t> updated_at{};
};

struct ConfigOld {
    std::int32_t id = 0;
    nlohmann::json data{};
    std::int32_t version = 0;
    std::string created_at{};
    std::optional<std::string> updated_at{};
};

struct Document {
    std::string collection_name{};
    std::optional<std::string> name{};
    std::optional<std::string> title{};
    std::optional<std::string> filename{};
    std::optional<std::string> content{};
    std::optional<std::string> user_id{};
    std::optional<std::int64_t> timestamp{};
};

struct Feedback {
    std::string id{};
    std::optional<std::string> user_id{};
    std::optional<std::int64_t> version{};
    std::optional<std::string> type{};
    std::optional<nlohmann::json> data{};
    std::optional<nlohmann::json> meta{};
    std::optional<nlohmann::json> snapshot{};
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

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
    std::optional<nlohmann::json> data{};
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

struct Group {
    std::string id{};
    std::optional<std::string> user_id{};
    std::optional<std::string> name{};
    std::optional<std::string> description{};
    std::optional<nlohmann::json> data{};
    std::optional<nlohmann::json> meta{};
    std::optional<nlohmann::json> permissions{};
    std::optional<std::int64_t> created_at{};
    std::optional<std::int64_t> updated_at{};
};

struct GroupMember {
    std::string id{};
    std::string group_id{};
    std::string user_id{};
    std::optional<std::int64_t> created_at{};
    std::optional<std::int64_t> updated_at{};
};

struct Knowledge {
    std::string id{};
    std::string user_id{};
    std::string name{};
    std::optional<std::string> description{};
    std::optional<nlohmann::json> meta{};
    std::int64_t created_at = 0;
    std::optional<std::int64_t> updated_at{};
    std::optional<nlohmann::json> data{};
};

struct KnowledgeDirectory {
    std::string id{};
    std::string knowledge_id{};
    std::optional<std::string> parent_id{};
    std::string name{};
    std::string user_id{};
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

struct KnowledgeFile {
    std::string id{};
    std::string user_id{};
    std::string knowledge_id{};
    std::string file_id{};
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
    std::optional<std::string> directory_id{};
};

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
    bool is_pinned = false;
    std::optional<std::int64_t> pinned_at{};
    std::optional<std::string> pinned_by{};
};

struct MessageReaction {
    std::string id{};
    std::string user_id{};
    std::string message_id{};
    std::string name{};
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
    bool is_active = false;
};

struct Note {
    std::string id{};
    std::optional<std::string> user_id{};
    std::optional<std::string> title{};
    std::optional<nlohmann::json> data{};
    std::optional<nlohmann::json> meta{};
    std::optional<std::int64_t> created_at{};
    std::optional<std::int64_t> updated_at{};
};

struct OauthSession {
    std::string id{};
    std::string user_id{};
    std::string provider{};
    std::string token{};
    std::int64_t expires_at = 0;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

struct PinnedNote {
    std::string id{};
    std::string user_id{};
    std::string note_id{};
    std::int64_t created_at = 0;
};

struct Prompt {
    std::string id{};
    std::optional<std::string> command{};
    std::string user_id{};
    std::string name{};
    std::string content{};
    std::optional<nlohmann::json> data{};
    std::optional<nlohmann::json> meta{};
    bool is_active = false;
    std::optional<std::string> version_id{};
    std::optional<nlohmann::json> tags{};
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

struct PromptHistory {
    std::string id{};
    std::string prompt_id{};
    std::optional<std::string> parent_id{};
    nlohmann::json snapshot{};
    std::string user_id{};
    std::optional<std::string> commit_message{};
    std::int64_t created_at = 0;
};

struct SharedChat {
    std::string id{};
    std::string chat_id{};
    std::string user_id{};
    std::optional<std::string> title{};
    std::optional<nlohmann::json> chat{};
    std::optional<std::int64_t> created_at{};
    std::optional<std::int64_t> updated_at{};
};

struct Skill {
    std::string id{};
    std::string user_id{};
    std::string name{};
    std::optional<std::string> description{};
    std::string content{};
    std::optional<nlohmann::json> meta{};
    bool is_active = false;
    std::int64_t updated_at = 0;
    std::int64_t created_at = 0;
};

struct Tag {
    std::string id{};
    std::optional<std::string> name{};
    std::string user_id{};
    std::optional<nlohmann::json> meta{};
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

}  // namespace openwebui

// ---- declarations ------------------------------------------------------------------------------
// Constraint names are PostgreSQL's (SQLite does not keep them): <table>_pkey, <table>_<column>_key
// and <table>_<column>_fkey where Open WebUI left the name to the database.

template <>
struct tabula::model<openwebui::AccessGrant> {
    static constexpr std::string_view table = "access_grant";
    static constexpr auto unique = std::tuple{tabula::unique<&openwebui::AccessGrant::resource_type, &openwebui::AccessGrant::resource_id, &openwebui::AccessGrant::principal_type, &openwebui::AccessGrant::principal_id, &openwebui::AccessGrant::permission>{.name = "uq_access_grant_grant"}};
    static constexpr auto indexes = std::tuple{
        tabula::index<&openwebui::AccessGrant::principal_type, &openwebui::AccessGrant::principal_id>{.name = "idx_access_grant_principal"},
        tabula::index<&openwebui::AccessGrant::resource_type, &openwebui::AccessGrant::resource_id>{.name = "idx_access_grant_resource"}};
};

template <>
struct tabula::model<openwebui::ApiKey> {
    static constexpr std::string_view table = "api_key";
    static constexpr auto columns = std::tuple{tabula::column<&openwebui::ApiKey::data>{.type = "JSON"}};
    static constexpr auto unique = std::tuple{tabula::unique<&openwebui::ApiKey::key>{.name = "api_key_key_key"}};
    static constexpr auto foreign_keys = std::tuple{tabula::foreign_key<&openwebui::ApiKey::user_id, &openwebui::User::id>{.on_delete = tabula::action::cascade, .name = "api_key_user_id_fkey"}};
};

template <>
struct tabula::model<openwebui::Auth> {
    static constexpr std::string_view table = "auth";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::Auth::id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::Auth::email>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql}};
};

template <>
struct tabula::model<openwebui::Automation> {
    static constexpr std::string_view table = "automation";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::Automation::data>{.type = "JSON"},
        tabula::column<&openwebui::Automation::meta>{.type = "JSON"}};
    static constexpr auto indexes = std::tuple{
        tabula::index<&openwebui::Automation::next_run_at>{.name = "ix_automation_next_run"},
        tabula::index<&openwebui::Automation::user_id, &openwebui::Automation::folder_id>{.name = "ix_automation_user_folder"}};
};

template <>
struct tabula::model<openwebui::AutomationRun> {
    static constexpr std::string_view table = "automation_run";
    static constexpr auto indexes = std::tuple{tabula::index<&openwebui::AutomationRun::automation_id>{.name = "ix_automation_run_automation_id"}};
};

template <>
struct tabula::model<openwebui::Calendar> {
    static constexpr std::string_view table = "calendar";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::Calendar::data>{.type = "JSON"},
        tabula::column<&openwebui::Calendar::meta>{.type = "JSON"}};
    static constexpr auto indexes = std::tuple{tabula::index<&openwebui::Calendar::user_id>{.name = "ix_calendar_user"}};
};

template <>
struct tabula::model<openwebui::CalendarEvent> {
    static constexpr std::string_view table = "calendar_event";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::CalendarEvent::data>{.type = "JSON"},
        tabula::column<&openwebui::CalendarEvent::meta>{.type = "JSON"}};
    static constexpr auto indexes = std::tuple{
        tabula::index<&openwebui::CalendarEvent::calendar_id, &openwebui::CalendarEvent::start_at>{.name = "ix_calendar_event_calendar"},
        tabula::index<&openwebui::CalendarEvent::user_id, &openwebui::CalendarEvent::start_at>{.name = "ix_calendar_event_user_date"}};
};

template <>
struct tabula::model<openwebui::CalendarEventAttendee> {
    static constexpr std::string_view table = "calendar_event_attendee";
    static constexpr auto columns = std::tuple{tabula::column<&openwebui::CalendarEventAttendee::meta>{.type = "JSON"}};
    static constexpr auto unique = std::tuple{tabula::unique<&openwebui::CalendarEventAttendee::event_id, &openwebui::CalendarEventAttendee::user_id>{.name = "uq_event_attendee"}};
    static constexpr auto indexes = std::tuple{tabula::index<&openwebui::CalendarEventAttendee::user_id, &openwebui::CalendarEventAttendee::status>{.name = "ix_calendar_event_attendee_user"}};
};

template <>
struct tabula::model<openwebui::Channel> {
    static constexpr std::string_view table = "channel";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::Channel::data>{.type = "JSON"},
        tabula::column<&openwebui::Channel::meta>{.type = "JSON"}};
};

template <>
struct tabula::model<openwebui::ChannelFile> {
    static constexpr std::string_view table = "channel_file";
    static constexpr auto unique = std::tuple{tabula::unique<&openwebui::ChannelFile::channel_id, &openwebui::ChannelFile::file_id>{.name = "uq_channel_file_channel_file"}};
    static constexpr auto indexes = std::tuple{
        tabula::index<&openwebui::ChannelFile::channel_id>{.name = "ix_channel_file_channel_id"},
        tabula::index<&openwebui::ChannelFile::file_id>{.name = "ix_channel_file_file_id"},
        tabula::index<&openwebui::ChannelFile::user_id>{.name = "ix_channel_file_user_id"}};
    static constexpr auto foreign_keys = std::tuple{
        tabula::foreign_key<&openwebui::ChannelFile::channel_id, &openwebui::Channel::id>{.on_delete = tabula::action::cascade, .name = "channel_file_channel_id_fkey"},
        tabula::foreign_key<&openwebui::ChannelFile::file_id, &openwebui::File::id>{.on_delete = tabula::action::cascade, .name = "channel_file_file_id_fkey"},
        tabula::foreign_key<&openwebui::ChannelFile::message_id, &openwebui::Message::id>{.on_delete = tabula::action::cascade, .name = "fk_channel_file_message_id"}};
};

template <>
struct tabula::model<openwebui::ChannelMember> {
    static constexpr std::string_view table = "channel_member";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::ChannelMember::is_active>{.server_default = "1"},
        tabula::column<&openwebui::ChannelMember::is_channel_muted>{.server_default = "0"},
        tabula::column<&openwebui::ChannelMember::is_channel_pinned>{.server_default = "0"},
        tabula::column<&openwebui::ChannelMember::data>{.type = "JSON"},
        tabula::column<&openwebui::ChannelMember::meta>{.type = "JSON"}};
};

template <>
struct tabula::model<openwebui::ChannelWebhook> {
    static constexpr std::string_view table = "channel_webhook";
    static constexpr auto foreign_keys = std::tuple{tabula::foreign_key<&openwebui::ChannelWebhook::channel_id, &openwebui::Channel::id>{.on_delete = tabula::action::cascade, .name = "channel_webhook_channel_id_fkey"}};
};

template <>
struct tabula::model<openwebui::Chat> {
    static constexpr std::string_view table = "chat";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::Chat::id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::Chat::user_id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::Chat::chat>{.type = "JSON"},
        tabula::column<&openwebui::Chat::meta>{.type = "JSON", .server_default = "'{}'"},
        tabula::column<&openwebui::Chat::tasks>{.type = "JSON"},
        tabula::column<&openwebui::Chat::variables>{.type = "JSON"}};
    static constexpr auto unique = std::tuple{tabula::unique<&openwebui::Chat::share_id>{.name = "chat_share_id_key"}};
    static constexpr auto indexes = std::tuple{
        tabula::index<&openwebui::Chat::folder_id>{.name = "folder_id_idx"},
        tabula::index<&openwebui::Chat::folder_id, &openwebui::Chat::user_id>{.name = "folder_id_user_id_idx"},
        tabula::index<&openwebui::Chat::updated_at, &openwebui::Chat::user_id>{.name = "updated_at_user_id_idx"},
        tabula::index<&openwebui::Chat::user_id, &openwebui::Chat::archived>{.name = "user_id_archived_idx"},
        tabula::index<&openwebui::Chat::user_id, &openwebui::Chat::pinned>{.name = "user_id_pinned_idx"}};
};

template <>
struct tabula::model<openwebui::ChatFile> {
    static constexpr std::string_view table = "chat_file";
    static constexpr auto unique = std::tuple{tabula::unique<&openwebui::ChatFile::chat_id, &openwebui::ChatFile::file_id>{.name = "uq_chat_file_chat_file"}};
    static constexpr auto indexes = std::tuple{
        tabula::index<&openwebui::ChatFile::chat_id>{.name = "ix_chat_file_chat_id"},
        tabula::index<&openwebui::ChatFile::file_id>{.name = "ix_chat_file_file_id"},
        tabula::index<&openwebui::ChatFile::message_id>{.name = "ix_chat_file_message_id"},
        tabula::index<&openwebui::ChatFile::user_id>{.name = "ix_chat_file_user_id"}};
    static constexpr auto foreign_keys = std::tuple{
        tabula::foreign_key<&openwebui::ChatFile::chat_id, &openwebui::Chat::id>{.on_delete = tabula::action::cascade, .name = "chat_file_chat_id_fkey"},
        tabula::foreign_key<&openwebui::ChatFile::file_id, &openwebui::File::id>{.on_delete = tabula::action::cascade, .name = "chat_file_file_id_fkey"}};
};

template <>
struct tabula::model<openwebui::ChatMessage> {
    static constexpr std::string_view table = "chat_message";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::ChatMessage::content>{.type = "JSON"},
        tabula::column<&openwebui::ChatMessage::output>{.type = "JSON"},
        tabula::column<&openwebui::ChatMessage::files>{.type = "JSON"},
        tabula::column<&openwebui::ChatMessage::sources>{.type = "JSON"},
        tabula::column<&openwebui::ChatMessage::embeds>{.type = "JSON"},
        tabula::column<&openwebui::ChatMessage::status_history>{.type = "JSON"},
        tabula::column<&openwebui::ChatMessage::error>{.type = "JSON"},
        tabula::column<&openwebui::ChatMessage::usage>{.type = "JSON"},
        tabula::column<&openwebui::ChatMessage::meta>{.type = "JSON"}};
    static constexpr auto indexes = std::tuple{
        tabula::index<&openwebui::ChatMessage::chat_id, &openwebui::ChatMessage::parent_id>{.name = "chat_message_chat_parent_idx"},
        tabula::index<&openwebui::ChatMessage::model_id, &openwebui::ChatMessage::created_at>{.name = "chat_message_model_created_idx"},
        tabula::index<&openwebui::ChatMessage::user_id, &openwebui::ChatMessage::created_at>{.name = "chat_message_user_created_idx"},
        tabula::index<&openwebui::ChatMessage::chat_id>{.name = "ix_chat_message_chat_id"},
        tabula::index<&openwebui::ChatMessage::created_at>{.name = "ix_chat_message_created_at"},
        tabula::index<&openwebui::ChatMessage::model_id>{.name = "ix_chat_message_model_id"},
        tabula::index<&openwebui::ChatMessage::user_id>{.name = "ix_chat_message_user_id"}};
    static constexpr auto foreign_keys = std::tuple{tabula::foreign_key<&openwebui::ChatMessage::chat_id, &openwebui::Chat::id>{.on_delete = tabula::action::cascade, .name = "chat_message_chat_id_fkey"}};
};

template <>
struct tabula::model<openwebui::ChatIdTag> {
    static constexpr std::string_view table = "chatidtag";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::ChatIdTag::id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::ChatIdTag::tag_name>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::ChatIdTag::chat_id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::ChatIdTag::user_id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql}};
};

template <>
struct tabula::model<openwebui::Config> {
    static constexpr std::string_view table = "config";
    static constexpr auto primary_key = tabula::primary_key<&openwebui::Config::key>{.name = "config_pkey1"};
    static constexpr auto columns = std::tuple{tabula::column<&openwebui::Config::value>{.type = "JSON"}};
};

template <>
struct tabula::model<openwebui::ConfigOld> {
    static constexpr std::string_view table = "config_old";
    static constexpr auto primary_key = tabula::primary_key<&openwebui::ConfigOld::id>{.name = "config_pkey"};
    static constexpr auto columns = std::tuple{
        // SQLAlchemy's autoincrement Integer key: SERIAL on PostgreSQL (a default drawing from a
        // sequence) where tabula would make an identity column.
        tabula::column<&openwebui::ConfigOld::id>{.type_on = {.postgres = "SERIAL"}},
        tabula::column<&openwebui::ConfigOld::data>{.type = "JSON"},
        tabula::column<&openwebui::ConfigOld::created_at>{.type = "DATETIME", .server_default = "CURRENT_TIMESTAMP", .type_on = {.postgres = "TIMESTAMP"}, .default_on = {.postgres = "now()"}},
        tabula::column<&openwebui::ConfigOld::updated_at>{.type = "DATETIME", .server_default = "CURRENT_TIMESTAMP", .type_on = {.postgres = "TIMESTAMP"}, .default_on = {.postgres = "now()"}}};
};

template <>
struct tabula::model<openwebui::Document> {
    static constexpr std::string_view table = "document";
    static constexpr auto primary_key = tabula::primary_key<&openwebui::Document::collection_name>{};
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::Document::collection_name>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::Document::name>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::Document::user_id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql}};
    static constexpr auto unique = std::tuple{tabula::unique<&openwebui::Document::name>{.name = "document_name_key"}};
};

template <>
struct tabula::model<openwebui::Feedback> {
    static constexpr std::string_view table = "feedback";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::Feedback::data>{.type = "JSON"},
        tabula::column<&openwebui::Feedback::meta>{.type = "JSON"},
        tabula::column<&openwebui::Feedback::snapshot>{.type = "JSON"}};
};

template <>
struct tabula::model<openwebui::File> {
    static constexpr std::string_view table = "file";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::File::id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::File::user_id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::File::meta>{.type = "JSON"},
        tabula::column<&openwebui::File::data>{.type = "JSON"}};
};

template <>
struct tabula::model<openwebui::Folder> {
    static constexpr std::string_view table = "folder";
    static constexpr auto primary_key = tabula::primary_key<&openwebui::Folder::id, &openwebui::Folder::user_id>{};
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::Folder::items>{.type = "JSON"},
        tabula::column<&openwebui::Folder::meta>{.type = "JSON"},
        tabula::column<&openwebui::Folder::data>{.type = "JSON"}};
};

template <>
struct tabula::model<openwebui::Function> {
    static constexpr std::string_view table = "function";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::Function::id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::Function::user_id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql}};
    static constexpr auto indexes = std::tuple{tabula::index<&openwebui::Function::is_global>{.name = "is_global_idx"}};
};

template <>
struct tabula::model<openwebui::Group> {
    static constexpr std::string_view table = "group";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::Group::data>{.type = "JSON"},
        tabula::column<&openwebui::Group::meta>{.type = "JSON"},
        tabula::column<&openwebui::Group::permissions>{.type = "JSON"}};
};

template <>
struct tabula::model<openwebui::GroupMember> {
    static constexpr std::string_view table = "group_member";
    static constexpr auto unique = std::tuple{tabula::unique<&openwebui::GroupMember::group_id, &openwebui::GroupMember::user_id>{.name = "uq_group_member_group_user"}};
    static constexpr auto foreign_keys = std::tuple{
        tabula::foreign_key<&openwebui::GroupMember::group_id, &openwebui::Group::id>{.on_delete = tabula::action::cascade, .name = "group_member_group_id_fkey"},
        tabula::foreign_key<&openwebui::GroupMember::user_id, &openwebui::User::id>{.on_delete = tabula::action::cascade, .name = "group_member_user_id_fkey"}};
};

template <>
struct tabula::model<openwebui::Knowledge> {
    static constexpr std::string_view table = "knowledge";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::Knowledge::meta>{.type = "JSON"},
        tabula::column<&openwebui::Knowledge::data>{.type = "JSON"}};
};

template <>
struct tabula::model<openwebui::KnowledgeDirectory> {
    static constexpr std::string_view table = "knowledge_directory";
    static constexpr auto unique = std::tuple{tabula::unique<&openwebui::KnowledgeDirectory::knowledge_id, &openwebui::KnowledgeDirectory::parent_id, &openwebui::KnowledgeDirectory::name>{.name = "uq_knowledge_directory_knowledge_parent_name"}};
    static constexpr auto indexes = std::tuple{
        tabula::index<&openwebui::KnowledgeDirectory::knowledge_id>{.name = "ix_knowledge_directory_knowledge_id"},
        tabula::index<&openwebui::KnowledgeDirectory::parent_id>{.name = "ix_knowledge_directory_parent_id"}};
    static constexpr auto foreign_keys = std::tuple{
        tabula::foreign_key<&openwebui::KnowledgeDirectory::knowledge_id, &openwebui::Knowledge::id>{.on_delete = tabula::action::cascade, .name = "knowledge_directory_knowledge_id_fkey"},
        tabula::foreign_key<&openwebui::KnowledgeDirectory::parent_id, &openwebui::KnowledgeDirectory::id>{.on_delete = tabula::action::cascade, .name = "knowledge_directory_parent_id_fkey"}};
};

template <>
struct tabula::model<openwebui::KnowledgeFile> {
    static constexpr std::string_view table = "knowledge_file";
    static constexpr auto unique = std::tuple{tabula::unique<&openwebui::KnowledgeFile::knowledge_id, &openwebui::KnowledgeFile::file_id>{.name = "uq_knowledge_file_knowledge_file"}};
    static constexpr auto indexes = std::tuple{
        tabula::index<&openwebui::KnowledgeFile::directory_id>{.name = "ix_knowledge_file_directory_id"},
        tabula::index<&openwebui::KnowledgeFile::file_id>{.name = "ix_knowledge_file_file_id"},
        tabula::index<&openwebui::KnowledgeFile::knowledge_id>{.name = "ix_knowledge_file_knowledge_id"},
        tabula::index<&openwebui::KnowledgeFile::user_id>{.name = "ix_knowledge_file_user_id"}};
    static constexpr auto foreign_keys = std::tuple{
        tabula::foreign_key<&openwebui::KnowledgeFile::directory_id, &openwebui::KnowledgeDirectory::id>{.on_delete = tabula::action::set_null, .name = "fk_knowledge_file_directory_id"},
        tabula::foreign_key<&openwebui::KnowledgeFile::file_id, &openwebui::File::id>{.on_delete = tabula::action::cascade, .name = "knowledge_file_file_id_fkey"},
        tabula::foreign_key<&openwebui::KnowledgeFile::knowledge_id, &openwebui::Knowledge::id>{.on_delete = tabula::action::cascade, .name = "knowledge_file_knowledge_id_fkey"}};
};

template <>
struct tabula::model<openwebui::Memory> {
    static constexpr std::string_view table = "memory";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::Memory::id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::Memory::user_id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::Memory::type>{.type = "VARCHAR", .server_default = "'context'", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::Memory::meta>{.type = "JSON"}};
    static constexpr auto indexes = std::tuple{
        tabula::index<&openwebui::Memory::id, &openwebui::Memory::user_id>{.name = "ix_memory_id_user_id"},
        tabula::index<&openwebui::Memory::type>{.name = "ix_memory_type"},
        tabula::index<&openwebui::Memory::user_id>{.name = "ix_memory_user_id"}};
};

template <>
struct tabula::model<openwebui::Message> {
    static constexpr std::string_view table = "message";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::Message::data>{.type = "JSON"},
        tabula::column<&openwebui::Message::meta>{.type = "JSON"},
        tabula::column<&openwebui::Message::is_pinned>{.server_default = "0"}};
};

template <>
struct tabula::model<openwebui::MessageReaction> {
    static constexpr std::string_view table = "message_reaction";
};

template <>
struct tabula::model<openwebui::Model> {
    static constexpr std::string_view table = "model";
    static constexpr auto columns = std::tuple{tabula::column<&openwebui::Model::is_active>{.server_default = "1"}};
};

template <>
struct tabula::model<openwebui::Note> {
    static constexpr std::string_view table = "note";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::Note::data>{.type = "JSON"},
        tabula::column<&openwebui::Note::meta>{.type = "JSON"}};
};

template <>
struct tabula::model<openwebui::OauthSession> {
    static constexpr std::string_view table = "oauth_session";
    static constexpr auto indexes = std::tuple{
        tabula::index<&openwebui::OauthSession::expires_at>{.name = "idx_oauth_session_expires_at"},
        tabula::index<&openwebui::OauthSession::user_id>{.name = "idx_oauth_session_user_id"},
        tabula::index<&openwebui::OauthSession::user_id, &openwebui::OauthSession::provider>{.name = "idx_oauth_session_user_provider"}};
    static constexpr auto foreign_keys = std::tuple{tabula::foreign_key<&openwebui::OauthSession::user_id, &openwebui::User::id>{.on_delete = tabula::action::cascade, .name = "oauth_session_user_id_fkey"}};
};

template <>
struct tabula::model<openwebui::PinnedNote> {
    static constexpr std::string_view table = "pinned_note";
    static constexpr auto unique = std::tuple{tabula::unique<&openwebui::PinnedNote::user_id, &openwebui::PinnedNote::note_id>{.name = "uq_pinned_note"}};
    static constexpr auto foreign_keys = std::tuple{tabula::foreign_key<&openwebui::PinnedNote::note_id, &openwebui::Note::id>{.on_delete = tabula::action::cascade, .name = "pinned_note_note_id_fkey"}};
};

template <>
struct tabula::model<openwebui::Prompt> {
    static constexpr std::string_view table = "prompt";
    static constexpr auto primary_key = tabula::primary_key<&openwebui::Prompt::id>{.name = "prompt_new_pkey"};
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::Prompt::command>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::Prompt::user_id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::Prompt::data>{.type = "JSON"},
        tabula::column<&openwebui::Prompt::meta>{.type = "JSON"},
        tabula::column<&openwebui::Prompt::is_active>{.server_default = "'1'"},
        tabula::column<&openwebui::Prompt::tags>{.type = "JSON"}};
    static constexpr auto indexes = std::tuple{tabula::index<&openwebui::Prompt::command>{.name = "ix_prompt_new_command", .unique = true}};
};

template <>
struct tabula::model<openwebui::PromptHistory> {
    static constexpr std::string_view table = "prompt_history";
    static constexpr auto columns = std::tuple{tabula::column<&openwebui::PromptHistory::snapshot>{.type = "JSON"}};
    static constexpr auto indexes = std::tuple{tabula::index<&openwebui::PromptHistory::prompt_id>{.name = "ix_prompt_history_prompt_id"}};
};

template <>
struct tabula::model<openwebui::SharedChat> {
    static constexpr std::string_view table = "shared_chat";
    static constexpr auto columns = std::tuple{tabula::column<&openwebui::SharedChat::chat>{.type = "JSON"}};
    static constexpr auto foreign_keys = std::tuple{tabula::foreign_key<&openwebui::SharedChat::chat_id, &openwebui::Chat::id>{.on_delete = tabula::action::cascade, .name = "shared_chat_chat_id_fkey"}};
};

template <>
struct tabula::model<openwebui::Skill> {
    static constexpr std::string_view table = "skill";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::Skill::id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::Skill::user_id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::Skill::meta>{.type = "JSON"}};
    static constexpr auto unique = std::tuple{tabula::unique<&openwebui::Skill::name>{.name = "skill_name_key"}};
    static constexpr auto indexes = std::tuple{
        tabula::index<&openwebui::Skill::updated_at>{.name = "idx_skill_updated_at"},
        tabula::index<&openwebui::Skill::user_id>{.name = "idx_skill_user_id"}};
};

template <>
struct tabula::model<openwebui::Tag> {
    static constexpr std::string_view table = "tag";
    static constexpr auto primary_key = tabula::primary_key<&openwebui::Tag::id, &openwebui::Tag::user_id>{.name = "pk_id_user_id"};
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::Tag::id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::Tag::name>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        // Nullable in Open WebUI's composite key on SQLite (a batch rebuild declared it so).
        tabula::column<&openwebui::Tag::user_id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql, .key_nullable = true},
        tabula::column<&openwebui::Tag::meta>{.type = "JSON"}};
    static constexpr auto indexes = std::tuple{tabula::index<&openwebui::Tag::user_id>{.name = "user_id_idx"}};
};

template <>
struct tabula::model<openwebui::Tool> {
    static constexpr std::string_view table = "tool";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::Tool::id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::Tool::user_id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql}};
};

template <>
struct tabula::model<openwebui::User> {
    static constexpr std::string_view table = "user";
    static constexpr auto columns = std::tuple{
        tabula::column<&openwebui::User::id>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::User::name>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::User::email>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::User::role>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::User::username>{.type = "VARCHAR(50)"},
        tabula::column<&openwebui::User::date_of_birth>{.type = "DATE"},
        tabula::column<&openwebui::User::timezone>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::User::presence_state>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::User::status_emoji>{.type = "VARCHAR", .type_on = openwebui::varchar_on_mysql},
        tabula::column<&openwebui::User::oauth>{.type = "JSON"},
        tabula::column<&openwebui::User::info>{.type = "JSON"},
        tabula::column<&openwebui::User::settings>{.type = "JSON"},
        tabula::column<&openwebui::User::scim>{.type = "JSON"},
        tabula::column<&openwebui::User::variables>{.type = "JSON"}};
    static constexpr auto indexes = std::tuple{tabula::expression_index{.name = "uq_user_email_lower", .expression = "lower(email)", .unique = true, .where = "email IS NOT NULL"}};
};

namespace openwebui {

// Every model of the head schema, in the order Open WebUI's reference lists the tables.
template <template <class...> class List>
using all_models = List<AccessGrant, ApiKey, Auth, Automation, AutomationRun, Calendar, CalendarEvent, CalendarEventAttendee, Channel, ChannelFile, ChannelMember, ChannelWebhook, Chat, ChatFile, ChatMessage, ChatIdTag, Config, ConfigOld, Document, Feedback, File, Folder, Function, Group, GroupMember, Knowledge, KnowledgeDirectory, KnowledgeFile, Memory, Message, MessageReaction, Model, Note, OauthSession, PinnedNote, Prompt, PromptHistory, SharedChat, Skill, Tag, Tool, User>;

}  // namespace openwebui
