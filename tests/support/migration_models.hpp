// A six-revision history whose revisions, together, use every kind of migration step.
//
//   r1 init        user, note (note.user_id -> user)
//   r2 folders     + folder (FK user, cascade); + user.age; note.title renamed heading; + index on heading
//   r3 constraints + UNIQUE user.email; user.age widened int32 -> int64; + note.pinned DEFAULT 0;
//                  + folder.parent_id with a self-referencing FK
//   r4 memos       note renamed memo; - user.age (data loss); + user.score NOT NULL filled from an
//                  expression; - index on heading; folder.name narrowed to VARCHAR(100) (data loss)
//   r5 cleanup     - folder (data loss); - UNIQUE user.email; - FK memo.user_id; memo.body nullable;
//                  memo key becomes (id, user_id); + user.role NOT NULL filled by a data function
//   r6 audit       + audit with an index; declared irreversible
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include <tabula/migrate.hpp>
#include <tabula/sqlite.hpp>

namespace mv1 {
struct User {
    std::int64_t id = 0;
    std::string name{};
    std::optional<std::string> email{};
};
struct Note {
    std::string id{};
    std::string title{};
    std::string body{};
    std::int64_t user_id = 0;
};
}  // namespace mv1
template <>
struct tabula::model<mv1::Note> {
    static constexpr auto foreign_keys = std::tuple{tabula::foreign_key<&mv1::Note::user_id, &mv1::User::id>{}};
};

namespace mv2 {
struct User {
    std::int64_t id = 0;
    std::string name{};
    std::optional<std::string> email{};
    std::optional<std::int32_t> age{};
};
struct Note {
    std::string id{};
    std::string heading{};
    std::string body{};
    std::int64_t user_id = 0;
};
struct Folder {
    std::string id{};
    std::int64_t user_id = 0;
    std::string name{};
};
}  // namespace mv2
template <>
struct tabula::model<mv2::Note> {
    static constexpr auto indexes = std::tuple{tabula::index<&mv2::Note::heading>{}};
    static constexpr auto foreign_keys = std::tuple{tabula::foreign_key<&mv2::Note::user_id, &mv2::User::id>{}};
};
template <>
struct tabula::model<mv2::Folder> {
    static constexpr auto foreign_keys = std::tuple{tabula::foreign_key<&mv2::Folder::user_id, &mv2::User::id>{.on_delete = tabula::action::cascade}};
};

namespace mv3 {
struct User {
    std::int64_t id = 0;
    std::string name{};
    std::optional<std::string> email{};
    std::optional<std::int64_t> age{};
};
struct Note {
    std::string id{};
    std::string heading{};
    std::string body{};
    std::int64_t user_id = 0;
    bool pinned = false;
};
struct Folder {
    std::string id{};
    std::int64_t user_id = 0;
    std::string name{};
    std::optional<std::string> parent_id{};
};
}  // namespace mv3
template <>
struct tabula::model<mv3::User> {
    static constexpr auto columns = std::tuple{tabula::column<&mv3::User::email>{.unique = true}};
};
template <>
struct tabula::model<mv3::Note> {
    static constexpr auto columns = std::tuple{tabula::column<&mv3::Note::pinned>{.server_default = "0"}};
    static constexpr auto indexes = std::tuple{tabula::index<&mv3::Note::heading>{}};
    static constexpr auto foreign_keys = std::tuple{tabula::foreign_key<&mv3::Note::user_id, &mv3::User::id>{}};
};
template <>
struct tabula::model<mv3::Folder> {
    static constexpr auto foreign_keys = std::tuple{
        tabula::foreign_key<&mv3::Folder::user_id, &mv3::User::id>{.on_delete = tabula::action::cascade},
        tabula::foreign_key<&mv3::Folder::parent_id, &mv3::Folder::id>{.on_delete = tabula::action::set_null}};
};

namespace mv4 {
struct User {
    std::int64_t id = 0;
    std::string name{};
    std::optional<std::string> email{};
    std::int64_t score = 0;
};
struct Memo {
    std::string id{};
    std::string heading{};
    std::string body{};
    std::int64_t user_id = 0;
    bool pinned = false;
};
struct Folder {
    std::string id{};
    std::int64_t user_id = 0;
    std::string name{};
    std::optional<std::string> parent_id{};
};
}  // namespace mv4
template <>
struct tabula::model<mv4::User> {
    static constexpr auto columns = std::tuple{tabula::column<&mv4::User::email>{.unique = true}};
};
template <>
struct tabula::model<mv4::Memo> {
    static constexpr auto columns = std::tuple{tabula::column<&mv4::Memo::pinned>{.server_default = "0"}};
    static constexpr auto foreign_keys = std::tuple{tabula::foreign_key<&mv4::Memo::user_id, &mv4::User::id>{}};
};
template <>
struct tabula::model<mv4::Folder> {
    static constexpr auto columns = std::tuple{tabula::column<&mv4::Folder::name>{.type = "VARCHAR(100)"}};
    static constexpr auto foreign_keys = std::tuple{
        tabula::foreign_key<&mv4::Folder::user_id, &mv4::User::id>{.on_delete = tabula::action::cascade},
        tabula::foreign_key<&mv4::Folder::parent_id, &mv4::Folder::id>{.on_delete = tabula::action::set_null}};
};

namespace mv5 {
struct User {
    std::int64_t id = 0;
    std::string name{};
    std::optional<std::string> email{};
    std::int64_t score = 0;
    std::string role{};
};
struct Memo {
    std::string id{};
    std::string heading{};
    std::optional<std::string> body{};
    std::int64_t user_id = 0;
    bool pinned = false;
};
}  // namespace mv5
template <>
struct tabula::model<mv5::Memo> {
    static constexpr auto primary_key = tabula::primary_key<&mv5::Memo::id, &mv5::Memo::user_id>{};
    static constexpr auto columns = std::tuple{tabula::column<&mv5::Memo::pinned>{.server_default = "0"}};
};

namespace mv6 {
struct Audit {
    std::int64_t id = 0;
    std::string what{};
};
}  // namespace mv6
template <>
struct tabula::model<mv6::Audit> {
    static constexpr auto columns = std::tuple{tabula::column<&mv6::Audit::what>{.index = true}};
};

namespace mv {
using s1 = tabula::schema<mv1::User, mv1::Note>;
using s2 = tabula::schema_from<s1, tabula::replace_table<mv2::User>, tabula::rename_column<&mv1::Note::title, &mv2::Note::heading>,
                               tabula::add_table<mv2::Folder>>;
using s3 = tabula::schema_from<s2, tabula::replace_table<mv3::User>, tabula::replace_table<mv3::Note>, tabula::replace_table<mv3::Folder>>;
using s4 = tabula::schema_from<s3, tabula::rename_table<mv3::Note, mv4::Memo>, tabula::replace_table<mv4::User>,
                               tabula::replace_table<mv4::Folder>>;
using s5 = tabula::schema_from<s4, tabula::drop_table<mv4::Folder>, tabula::replace_table<mv5::User>, tabula::replace_table<mv5::Memo>>;
using s6 = tabula::schema_from<s5, tabula::add_table<mv6::Audit>>;

struct r1 : tabula::revision<"1a0000000001", tabula::base, s1> {
    static constexpr std::string_view message = "init";
};
struct r2 : tabula::revision<"2b0000000002", tabula::after<"1a0000000001">, s2> {
    static constexpr std::string_view message = "folders";
};
struct r3 : tabula::revision<"3c0000000003", tabula::after<"2b0000000002">, s3> {
    static constexpr std::string_view message = "constraints";
};
struct r4 : tabula::revision<"4d0000000004", tabula::after<"3c0000000003">, s4> {
    static constexpr std::string_view message = "memos";
    using data_loss = tabula::data_loss<"user.age", "folder.name">;
    static constexpr std::array fills = {tabula::fill_column<&mv4::User::score>("length(\"name\")")};
    // Gives back an age derived from the score, so the revision can be reverted.
    template <class Session>
    static void downgrade_data(Session& db) {
        db.execute("UPDATE \"user\" SET \"age\" = \"score\"");
    }
};
struct r5 : tabula::revision<"5e0000000005", tabula::after<"4d0000000004">, s5> {
    static constexpr std::string_view message = "cleanup";
    using data_loss = tabula::data_loss<"folder">;
    template <class Session>
    static void upgrade_data(Session& db) {
        db.execute("UPDATE \"user\" SET \"role\" = CASE WHEN \"score\" > 3 THEN 'admin' ELSE 'member' END");
    }
    // Folders are gone for good; the downgrade recreates the table empty.
    template <class Session>
    static void downgrade_data(Session&) {}
};
struct r6 : tabula::revision<"6f0000000006", tabula::after<"5e0000000005">, s6> {
    static constexpr std::string_view message = "audit";
    static constexpr bool irreversible = true;
};

using chain = tabula::revision_chain<r1, r2, r3, r4, r5, r6>;
using migrator = tabula::migrator<chain, tabula::sqlite>;
}  // namespace mv

// A type change with a conversion each way: counts kept as text ("12 visits") become BIGINT with
// an expression, and go back to text with another (tabula::fill_column on the changed column).
namespace conv1 {
struct Counter {
    std::int64_t id = 0;
    std::string hits{};
};
}  // namespace conv1
namespace conv2 {
struct Counter {
    std::int64_t id = 0;
    std::int64_t hits = 0;
};
}  // namespace conv2
template <>
struct tabula::model<conv1::Counter> {
    static constexpr std::string_view table = "counter";
};
template <>
struct tabula::model<conv2::Counter> {
    static constexpr std::string_view table = "counter";
};
namespace conv {
using s1 = tabula::schema<conv1::Counter>;
using s2 = tabula::schema_from<s1, tabula::replace_table<conv2::Counter>>;
struct r1 : tabula::revision<"c1", tabula::base, s1> {};
struct r2 : tabula::revision<"c2", tabula::after<"c1">, s2> {
    using data_loss = tabula::data_loss<"counter.hits">;
    // The number without its unit; the way back appends the unit again.
    static constexpr std::array fills = {tabula::fill_column<&conv2::Counter::hits>("CAST(replace(\"hits\", ' visits', '') AS BIGINT)")};
    static constexpr std::array downgrade_fills = {tabula::fill_column<&conv1::Counter::hits>("CAST(\"hits\" AS TEXT) || ' visits'")};
};
using chain = tabula::revision_chain<r1, r2>;
}  // namespace conv

// A type change converted in place: value becomes a number where PostgreSQL keeps its position
// (ALTER ... TYPE ... USING), while the new model declares it last, where SQLite's rebuild puts it.
namespace keep1 {
struct Reading {
    std::int64_t id = 0;
    std::string value{};
    std::string unit{};
};
}  // namespace keep1
namespace keep2 {
struct Reading {
    std::int64_t id = 0;
    std::string unit{};
    std::optional<std::string> note{};
    std::int64_t value = 0;
};
}  // namespace keep2
template <>
struct tabula::model<keep1::Reading> {
    static constexpr std::string_view table = "reading";
};
template <>
struct tabula::model<keep2::Reading> {
    static constexpr std::string_view table = "reading";
};
namespace keep {
using s1 = tabula::schema<keep1::Reading>;
using s2 = tabula::schema_from<s1, tabula::replace_table<keep2::Reading>>;
struct r1 : tabula::revision<"k1", tabula::base, s1> {};
struct r2 : tabula::revision<"k2", tabula::after<"k1">, s2> {
    using data_loss = tabula::data_loss<"reading.value">;
    static constexpr std::array fills = {
        tabula::fill_column<&keep2::Reading::value>("CAST(\"value\" AS BIGINT)", {}, tabula::conversion_position::in_place)};
    static constexpr std::array downgrade_fills = {tabula::fill_column<&keep1::Reading::value>("CAST(\"value\" AS TEXT)")};
};
using chain = tabula::revision_chain<r1, r2>;
}  // namespace keep

// A unique index whose revision first checks the data it would refuse (upgrade_check), so that
// the refusal names the duplicates before any step ran.
namespace checked1 {
struct Member {
    std::int64_t id = 0;
    std::string email{};
};
}  // namespace checked1
namespace checked2 {
struct Member {
    std::int64_t id = 0;
    std::string email{};
};
}  // namespace checked2
template <>
struct tabula::model<checked1::Member> {
    static constexpr std::string_view table = "member";
};
template <>
struct tabula::model<checked2::Member> {
    static constexpr std::string_view table = "member";
    static constexpr auto indexes = std::tuple{tabula::index<&checked2::Member::email>{.name = "uq_member_email", .unique = true}};
};
namespace checked {
using s1 = tabula::schema<checked1::Member>;
using s2 = tabula::schema_from<s1, tabula::replace_table<checked2::Member>>;
struct r1 : tabula::revision<"m1", tabula::base, s1> {};
struct r2 : tabula::revision<"m2", tabula::after<"m1">, s2> {
    template <class Session>
    static void upgrade_check(Session& db) {
        const auto twice = db.template raw<std::string>("SELECT email FROM member GROUP BY email HAVING COUNT(*) > 1 ORDER BY email");
        if (!twice.empty()) throw std::runtime_error("email " + twice.front() + " is not unique");
    }
};
using chain = tabula::revision_chain<r1, r2>;
}  // namespace checked

// A table renamed away frees its name for a new table (Open WebUI's config -> config_old, then a
// new config); the way back drops the new table before the rename needs its name.
namespace freed1 {
struct Config {
    std::int64_t id = 0;
    std::string data{};
};
}  // namespace freed1
namespace freed2 {
struct ConfigOld {
    std::int64_t id = 0;
    std::string data{};
};
struct Config {
    std::string key{};
    std::string value{};
};
}  // namespace freed2
template <>
struct tabula::model<freed1::Config> {
    static constexpr std::string_view table = "config";
};
template <>
struct tabula::model<freed2::ConfigOld> {
    static constexpr std::string_view table = "config_old";
};
template <>
struct tabula::model<freed2::Config> {
    static constexpr std::string_view table = "config";
    static constexpr auto primary_key = tabula::primary_key<&freed2::Config::key>{};
};
namespace freed {
using s1 = tabula::schema<freed1::Config>;
using s2 = tabula::schema_from<s1, tabula::rename_table<freed1::Config, freed2::ConfigOld>, tabula::add_table<freed2::Config>>;
struct r1 : tabula::revision<"f1", tabula::base, s1> {};
struct r2 : tabula::revision<"f2", tabula::after<"f1">, s2> {};
using chain = tabula::revision_chain<r1, r2>;
}  // namespace freed

// A column renamed away frees its name for a new column (found by the migration property test).
namespace freedcol1 {
struct Setting {
    std::int64_t id = 0;
    std::string value{};
};
}  // namespace freedcol1
namespace freedcol2 {
struct Setting {
    std::int64_t id = 0;
    std::string legacy_value{};
    std::optional<std::string> value{};
};
}  // namespace freedcol2
template <>
struct tabula::model<freedcol1::Setting> {
    static constexpr std::string_view table = "setting";
};
template <>
struct tabula::model<freedcol2::Setting> {
    static constexpr std::string_view table = "setting";
};
namespace freedcol {
using s1 = tabula::schema<freedcol1::Setting>;
using s2 = tabula::schema_from<s1, tabula::rename_column<&freedcol1::Setting::value, &freedcol2::Setting::legacy_value>>;
struct r1 : tabula::revision<"fc1", tabula::base, s1> {};
struct r2 : tabula::revision<"fc2", tabula::after<"fc1">, s2> {};
using chain = tabula::revision_chain<r1, r2>;
}  // namespace freedcol

// Columns dropped under indexes made outside the models (found adopting Open WebUI's Peewee-era
// tables): the first drop is an ALTER TABLE on SQLite, the second part of a rebuild.
namespace dropidx1 {
struct Item {
    std::int64_t id = 0;
    std::string name{};
    std::string legacy_key{};
    std::string other{};
    std::int32_t size = 0;
};
}  // namespace dropidx1
namespace dropidx2 {
struct Item {
    std::int64_t id = 0;
    std::string name{};
    std::string other{};
    std::int32_t size = 0;
};
}  // namespace dropidx2
namespace dropidx3 {
struct Item {
    std::int64_t id = 0;
    std::string name{};
    std::int64_t size = 0;
};
}  // namespace dropidx3
template <>
struct tabula::model<dropidx1::Item> {
    static constexpr std::string_view table = "item";
};
template <>
struct tabula::model<dropidx2::Item> {
    static constexpr std::string_view table = "item";
};
template <>
struct tabula::model<dropidx3::Item> {
    static constexpr std::string_view table = "item";
};
namespace dropidx {
using s1 = tabula::schema<dropidx1::Item>;
using s2 = tabula::schema_from<s1, tabula::replace_table<dropidx2::Item>>;
using s3 = tabula::schema_from<s2, tabula::replace_table<dropidx3::Item>>;
struct r1 : tabula::revision<"d1", tabula::base, s1> {};
struct r2 : tabula::revision<"d2", tabula::after<"d1">, s2> {
    using data_loss = tabula::data_loss<"item.legacy_key">;
};
struct r3 : tabula::revision<"d3", tabula::after<"d2">, s3> {
    using data_loss = tabula::data_loss<"item.other">;
};
using chain = tabula::revision_chain<r1, r2, r3>;
}  // namespace dropidx

// A table made outside the models without the key and unique constraint its first version
// declares (as Open WebUI's Peewee layer made tag and user): the next version changes the key
// and drops the constraint, which the database never had.
namespace keyless1 {
struct Label {
    std::string id{};
    std::string owner{};
    std::string code{};
};
}  // namespace keyless1
namespace keyless2 {
struct Label {
    std::string id{};
    std::string owner{};
    std::string code{};
};
}  // namespace keyless2
template <>
struct tabula::model<keyless1::Label> {
    static constexpr std::string_view table = "label";
    static constexpr auto columns = std::tuple{tabula::column<&keyless1::Label::id>{.type = "VARCHAR(64)"},
                                               tabula::column<&keyless1::Label::owner>{.type = "VARCHAR(64)"},
                                               tabula::column<&keyless1::Label::code>{.type = "VARCHAR(64)"}};
    static constexpr auto unique = std::tuple{tabula::unique<&keyless1::Label::code>{.name = "uq_label_code"}};
};
template <>
struct tabula::model<keyless2::Label> {
    static constexpr std::string_view table = "label";
    static constexpr auto primary_key = tabula::primary_key<&keyless2::Label::id, &keyless2::Label::owner>{};
    static constexpr auto columns = std::tuple{tabula::column<&keyless2::Label::id>{.type = "VARCHAR(64)"},
                                               tabula::column<&keyless2::Label::owner>{.type = "VARCHAR(64)"},
                                               tabula::column<&keyless2::Label::code>{.type = "VARCHAR(64)"}};
};
namespace keyless {
using s1 = tabula::schema<keyless1::Label>;
using s2 = tabula::schema_from<s1, tabula::replace_table<keyless2::Label>>;
struct r1 : tabula::revision<"k1", tabula::base, s1> {};
struct r2 : tabula::revision<"k2", tabula::after<"k1">, s2> {};
using chain = tabula::revision_chain<r1, r2>;
}  // namespace keyless
