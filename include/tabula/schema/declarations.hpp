// The vocabulary a model specialisation uses to declare what plain structs cannot say:
//
//   template <> struct tabula::model<app::Post> {
//       static constexpr std::string_view table = "posts";
//       static constexpr auto primary_key = tabula::primary_key<&app::Post::id>{};
//       static constexpr auto columns = std::tuple{
//           tabula::column<&app::Post::title>{.type = "VARCHAR(200)"},
//           tabula::column<&app::Post::meta>{.name = "metadata"}};
//       static constexpr auto unique = std::tuple{tabula::unique<&app::Post::author_id, &app::Post::slug>{}};
//       static constexpr auto indexes = std::tuple{tabula::index<&app::Post::created_at>{},
//                                                  tabula::json_index<&app::Post::meta, "$.lang">{},
//                                                  tabula::expression_index{.name = "uq_posts_slug_lower", .expression = "lower(slug)",
//                                                                           .unique = true, .where = "slug IS NOT NULL"}};
//       static constexpr auto foreign_keys = std::tuple{
//           tabula::foreign_key<&app::Post::author_id, &app::User::id>{.on_delete = tabula::action::cascade}};
//   };
//
// Every member is optional. Designated initialisers must follow the declaration order below.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include <tabula/reflect/fields.hpp>
#include <tabula/reflect/fixed_string.hpp>

namespace tabula {

// The primary template is empty: a struct with no specialisation is a valid model whose table is
// its name in snake_case and whose primary key is its field `id`.
template <class T>
struct model {};

// ON DELETE / ON UPDATE behaviour of a foreign key.
enum class action : std::uint8_t { no_action, restrict, cascade, set_null, set_default };

constexpr std::string_view to_sql(action value) noexcept {
    switch (value) {
        case action::no_action: return "NO ACTION";
        case action::restrict: return "RESTRICT";
        case action::cascade: return "CASCADE";
        case action::set_null: return "SET NULL";
        case action::set_default: return "SET DEFAULT";
    }
    return "NO ACTION";
}

template <auto... Members>
concept data_members = (reflect::data_member_pointer<Members> && ...);

// How a JSON column is stored where the database has a choice. PostgreSQL: binary is JSONB
// (indexable, keys normalised), text is JSON (the document as written, as Open WebUI declares
// its JSON columns). MySQL always stores JSON, SQLite TEXT.
enum class json_format : std::uint8_t { binary, text };

// One SQL text per dialect, empty where the column's portable declaration applies.
struct per_dialect {
    std::string_view sqlite{};
    std::string_view postgres{};
    std::string_view mysql{};

    constexpr bool empty() const noexcept { return sqlite.empty() && postgres.empty() && mysql.empty(); }
    friend constexpr bool operator==(const per_dialect&, const per_dialect&) = default;
};

// Options of one column. `type` replaces the mapped SQL type on every dialect; `server_default`
// is an SQL expression ("0", "'draft'", "CURRENT_TIMESTAMP"); `index` adds ix_<table>_<column>;
// `json` chooses PostgreSQL's JSON over JSONB for a JSON field. `type_on` and `default_on`
// replace type and default on the dialects they name, for schemas whose databases spell them
// differently (DATETIME DEFAULT CURRENT_TIMESTAMP on SQLite, TIMESTAMP DEFAULT now() on PostgreSQL).
// Declare `server_default` too when using `default_on`: it is the default migrations and the
// session reason about (whether a NOT NULL column can be added, whether an insert may omit it).
// `key_nullable` writes a key column without NOT NULL, as legacy SQLite schemas have it (SQLite
// then accepts NULL in it; PostgreSQL and MySQL make key columns NOT NULL regardless). The field
// stays non-optional: a NULL read back is an error. Other columns ignore it.
template <auto Member>
    requires data_members<Member>
struct column {
    std::string_view name{};
    std::string_view type{};
    std::string_view server_default{};
    bool unique = false;
    bool index = false;
    json_format json = json_format::binary;
    per_dialect type_on{};
    per_dialect default_on{};
    bool key_nullable = false;
};

// Single or composite. `autoincrement` applies to a single integer key: the database generates it
// on insert and the session returns it. Set it to false to supply integer keys yourself.
template <auto... Members>
    requires(sizeof...(Members) > 0 && data_members<Members...>)
struct primary_key {
    bool autoincrement = true;
    std::string_view name{};  // the constraint's name; default: the database's (<table>_pkey on PostgreSQL)
};

template <auto... Members>
    requires(sizeof...(Members) > 0 && data_members<Members...>)
struct unique {
    std::string_view name{};  // default: uq_<table>_<columns>
};

template <auto... Members>
    requires(sizeof...(Members) > 0 && data_members<Members...>)
struct index {
    std::string_view name{};  // default: ix_<table>_<columns>
    bool unique = false;
    std::string_view where{};  // a partial index: the SQL condition of the rows it covers
};

// An index on SQL expressions, written verbatim as the key list ("lower(email)", "a, lower(b)"),
// optionally partial. The expression is the database's business: tabula neither parses nor
// rewrites it. SQLite and PostgreSQL; MySQL and MariaDB are refused (sql/ddl.hpp), as are partial
// indexes there: MariaDB has neither.
struct expression_index {
    std::string_view name{};
    std::string_view expression{};
    bool unique = false;
    std::string_view where{};
};

// An expression index on the value at Path inside the JSON column Member, read as T (std::string,
// bool, std::int64_t or double) exactly as a query's tabula::json<Member, Path, T> reads it, so
// that such conditions and orderings use the index. SQLite and PostgreSQL; MySQL and MariaDB have
// no expression indexes tabula can match and refuse it (sql/ddl.hpp).
template <auto Member, fixed_string Path, class T = std::string>
    requires data_members<Member>
struct json_index {
    std::string_view name{};  // default: ix_<table>_<column>_<path keys>
    bool unique = false;
};

// N local members followed by the N members they reference:
//   foreign_key<&Post::author_id, &User::id>
//   foreign_key<&Line::order_id, &Line::shop_id, &Order::id, &Order::shop_id>
template <auto... Members>
    requires(sizeof...(Members) > 0 && data_members<Members...>)
struct foreign_key {
    action on_delete = action::no_action;
    action on_update = action::no_action;
    std::string_view name{};  // default: fk_<table>_<columns>_<referenced table>
};

}  // namespace tabula
