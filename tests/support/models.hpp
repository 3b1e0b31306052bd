// Models shared by the tests: one of every supported field type, keys of every shape, and the
// declarations a real application uses.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <tabula/tabula.hpp>

namespace testing_models {

enum class role : std::uint8_t { guest, member, admin };
enum class status : std::int16_t { draft = -1, published = 1, archived = 7 };

struct preferences {
    std::string theme{};
    int font_size = 0;
    std::vector<std::string> tags{};
    friend bool operator==(const preferences&, const preferences&) = default;
};
inline void to_json(nlohmann::json& j, const preferences& p) {
    j = nlohmann::json{{"theme", p.theme}, {"font_size", p.font_size}, {"tags", p.tags}};
}
inline void from_json(const nlohmann::json& j, preferences& p) {
    j.at("theme").get_to(p.theme);
    j.at("font_size").get_to(p.font_size);
    j.at("tags").get_to(p.tags);
}

struct User {
    std::int64_t id = 0;
    std::string name{};
    std::optional<std::string> email{};
    role access = role::guest;
    nlohmann::json settings{};
    std::int64_t created_at = 0;
};

// Every supported type, optional or not.
struct Everything {
    std::int64_t id = 0;
    bool flag = false;
    std::int8_t i8 = 0;
    std::int16_t i16 = 0;
    std::int32_t i32 = 0;
    std::int64_t i64 = 0;
    std::uint8_t u8 = 0;
    std::uint16_t u16 = 0;
    std::uint32_t u32 = 0;
    std::uint64_t u64 = 0;
    float f32 = 0;
    double f64 = 0;
    std::string text{};
    tabula::blob bytes{};
    nlohmann::json document{};
    preferences prefs{};
    role level = role::guest;
    status state = status::draft;
    std::chrono::system_clock::time_point at{};
    std::chrono::sys_seconds at_seconds{};
    std::chrono::milliseconds elapsed{};
    std::optional<bool> maybe_flag{};
    std::optional<std::int64_t> maybe_i64{};
    std::optional<double> maybe_f64{};
    std::optional<std::string> maybe_text{};
    std::optional<tabula::blob> maybe_bytes{};
    std::optional<nlohmann::json> maybe_document{};
    std::optional<role> maybe_level{};
};

struct Post {
    std::int64_t id = 0;
    std::int64_t author_id = 0;
    std::string title{};
    std::string slug{};
    std::optional<std::string> body{};
    status state = status::draft;
};

// Composite primary key, no generated key.
struct Tag {
    std::string id{};
    std::string user_id{};
    std::string name{};
    std::optional<nlohmann::json> meta{};
};

// A string key the application supplies, as most Open WebUI tables have.
struct Note {
    std::string id{};
    std::string title{};
    std::int64_t updated_at = 0;
};

// An integer key the application supplies itself.
struct Counter {
    std::int64_t id = 0;
    std::int64_t value = 0;
};

}  // namespace testing_models

template <>
inline constexpr bool tabula::stored_as_json<testing_models::preferences> = true;
template <>
inline constexpr auto tabula::enum_storage_of<testing_models::role> = tabula::enum_storage::text;

template <>
struct tabula::model<testing_models::User> {
    static constexpr std::string_view table = "users";
    static constexpr auto columns = std::tuple{
        tabula::column<&testing_models::User::email>{.unique = true},
        tabula::column<&testing_models::User::access>{.name = "role", .server_default = "'guest'"},
        tabula::column<&testing_models::User::created_at>{.index = true},
    };
};

template <>
struct tabula::model<testing_models::Post> {
    static constexpr auto columns = std::tuple{tabula::column<&testing_models::Post::title>{.type = "VARCHAR(200)"}};
    static constexpr auto unique = std::tuple{tabula::unique<&testing_models::Post::author_id, &testing_models::Post::slug>{}};
    static constexpr auto indexes = std::tuple{
        tabula::index<&testing_models::Post::author_id, &testing_models::Post::state>{.name = "ix_post_author_state"}};
    static constexpr auto foreign_keys = std::tuple{
        tabula::foreign_key<&testing_models::Post::author_id, &testing_models::User::id>{.on_delete = tabula::action::cascade}};
};

template <>
struct tabula::model<testing_models::Tag> {
    static constexpr auto primary_key = tabula::primary_key<&testing_models::Tag::id, &testing_models::Tag::user_id>{};
};

template <>
struct tabula::model<testing_models::Counter> {
    static constexpr auto primary_key = tabula::primary_key<&testing_models::Counter::id>{.autoincrement = false};
};
