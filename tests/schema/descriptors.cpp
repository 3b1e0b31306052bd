// Table descriptors: defaults for plain structs, every declaration, and the compile-time
// diagnosis of wrong models (as data, so a misuse test needs no failing compile).
#include <nlohmann/json.hpp>
#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "../support/hana_models.hpp"
#include "../support/models.hpp"

using namespace testing_models;
using tabula::value_kind;

namespace plain {
struct ChatMessage {
    std::string id;
    std::string chat_id;
    std::optional<std::string> content;
};
struct Counter {
    std::int32_t id;
    std::int64_t hits;
};
}  // namespace plain

// A plain struct is a model: snake_case table, `id` key, integer keys generated.
constexpr auto& chat = tabula::table_of<plain::ChatMessage>;
static_assert(chat.name == "chat_message");
static_assert(chat.columns.size() == 3);
static_assert(chat.primary_key.size() == 1 && chat.primary_key[0] == "id");
static_assert(!chat.autoincrement);
static_assert(chat.columns[0].primary_key && !chat.columns[0].nullable && chat.columns[0].kind == value_kind::text);
static_assert(chat.columns[2].nullable && chat.columns[2].name == "content");
static_assert(chat.uniques.empty() && chat.indexes.empty() && chat.foreign_keys.empty());
static_assert(tabula::table_of<plain::Counter>.autoincrement && tabula::table_of<plain::Counter>.columns[0].autoincrement);

// Declarations: table name, renames, server defaults, single-column unique and index.
constexpr auto& users = tabula::table_of<User>;
static_assert(users.name == "users");
static_assert(users.columns[3].name == "role" && users.columns[3].field == "access");
static_assert(users.columns[3].kind == value_kind::text);  // enum stored as text
static_assert(users.columns[3].server_default == "'guest'");
static_assert(users.columns[4].kind == value_kind::json);
static_assert(users.uniques.size() == 1 && users.uniques[0].name == "uq_users_email" && users.uniques[0].columns[0] == "email");
static_assert(users.indexes.size() == 1 && users.indexes[0].name == "ix_users_created_at" && !users.indexes[0].unique);
static_assert(tabula::column_name<&User::access> == "role");
static_assert(tabula::table_name_of<User> == "users");

// Type override, composite unique, named composite index, foreign key with ON DELETE.
constexpr auto& posts = tabula::table_of<Post>;
static_assert(posts.name == "post");
static_assert(posts.columns[2].type_override == "VARCHAR(200)");
static_assert(posts.uniques[0].name == "uq_post_author_id_slug" && posts.uniques[0].columns.size() == 2);
static_assert(posts.indexes[0].name == "ix_post_author_state" && posts.indexes[0].columns[1] == "state");
static_assert(posts.foreign_keys.size() == 1);
static_assert(posts.foreign_keys[0].name == "fk_post_author_id_users");
static_assert(posts.foreign_keys[0].referenced_table == "users" && posts.foreign_keys[0].referenced_columns[0] == "id");
static_assert(posts.foreign_keys[0].on_delete == tabula::action::cascade && posts.foreign_keys[0].on_update == tabula::action::no_action);

// Composite key; explicit key without generation.
static_assert(tabula::table_of<Tag>.primary_key.size() == 2 && tabula::table_of<Tag>.primary_key[1] == "user_id");
static_assert(!tabula::table_of<Tag>.autoincrement);
static_assert(!tabula::table_of<Counter>.autoincrement);

// Every value kind.
constexpr auto& everything = tabula::table_of<Everything>;
static_assert(everything.columns[1].kind == value_kind::boolean);
static_assert(everything.columns[2].kind == value_kind::int8 && everything.columns[9].kind == value_kind::uint64);
static_assert(everything.columns[10].kind == value_kind::float32 && everything.columns[11].kind == value_kind::float64);
static_assert(everything.columns[13].kind == value_kind::blob && everything.columns[14].kind == value_kind::json);
static_assert(everything.columns[15].kind == value_kind::json);   // stored_as_json<preferences>
static_assert(everything.columns[16].kind == value_kind::text);   // enum declared text
static_assert(everything.columns[17].kind == value_kind::int16);  // enum stored as its integer
static_assert(everything.columns[18].kind == value_kind::int64);  // time_point
static_assert(everything.columns[20].kind == value_kind::int64);  // duration
static_assert(everything.columns[27].nullable && everything.columns[27].kind == value_kind::text);

// Every basic_json instantiation is JSON, told apart through nlohmann's public API only; a type
// merely shaped like it (a value_t of its own) is not.
namespace json_like {
struct own_value_t {
    using value_t = int;
    using object_t = int;
    using array_t = int;
    using json_pointer = int;
};
using int32_json = nlohmann::basic_json<std::map, std::vector, std::string, bool, std::int32_t>;
}  // namespace json_like
static_assert(tabula::detail::is_nlohmann_json<nlohmann::json> && tabula::detail::is_nlohmann_json<nlohmann::ordered_json>);
static_assert(tabula::detail::is_nlohmann_json<json_like::int32_json>);
static_assert(!tabula::detail::is_nlohmann_json<json_like::own_value_t> && !tabula::detail::is_nlohmann_json<std::string>);
static_assert(!tabula::detail::is_nlohmann_json<std::map<std::string, int>> && !tabula::detail::is_nlohmann_json<int>);

// ---- wrong models are diagnosed, naming the field -------------------------------------------

namespace wrong {
struct NoKey {
    std::string name;
};
struct JsonKey {
    nlohmann::json id;
};
struct OptionalKey {
    std::optional<std::int64_t> id;
};
struct Unsupported {
    std::int64_t id;
    const char* name;
};
struct NestedOptional {
    std::int64_t id;
    std::optional<std::optional<int>> twice;
};
struct CharField {
    std::int64_t id;
    char initial;
};
struct Duplicate {
    std::int64_t id;
    std::string a;
    std::string b;
};
struct Other {
    std::int64_t id;
    std::string title;
};
struct Foreign {
    std::int64_t id;
    std::string title;
};
struct IndexedJson {
    std::int64_t id;
    nlohmann::json meta;
};
struct UniqueJson {
    std::int64_t id;
    nlohmann::json meta;
};
struct MismatchedReference {
    std::int64_t id;
    std::string other_id;
};
struct Misplaced {
    std::int64_t id;
    std::string name;
};
enum loose_enum { loose_a, loose_b };
struct LooseTextEnum {
    std::int64_t id;
    loose_enum value;
};
struct Empty {};
}  // namespace wrong

template <>
inline constexpr auto tabula::enum_storage_of<wrong::loose_enum> = tabula::enum_storage::text;

template <>
struct tabula::model<wrong::JsonKey> {};
template <>
struct tabula::model<wrong::Duplicate> {
    static constexpr auto columns = std::tuple{tabula::column<&wrong::Duplicate::b>{.name = "a"}};
};
template <>
struct tabula::model<wrong::Foreign> {
    static constexpr auto columns = std::tuple{tabula::column<&wrong::Other::title>{.type = "TEXT"}};
};
template <>
struct tabula::model<wrong::IndexedJson> {
    static constexpr auto indexes = std::tuple{tabula::index<&wrong::IndexedJson::meta>{}};
};
template <>
struct tabula::model<wrong::UniqueJson> {
    static constexpr auto columns = std::tuple{tabula::column<&wrong::UniqueJson::meta>{.unique = true}};
};
template <>
struct tabula::model<wrong::MismatchedReference> {
    static constexpr auto foreign_keys = std::tuple{tabula::foreign_key<&wrong::MismatchedReference::other_id, &wrong::Other::id>{}};
};
template <>
struct tabula::model<wrong::Misplaced> {
    static constexpr auto columns = std::tuple{tabula::index<&wrong::Misplaced::name>{}};
};

using tabula::model_problem;
template <class T>
constexpr bool diagnosed(model_problem problem, std::string_view subject) {
    return tabula::diagnosis_of<T>.problem == problem && tabula::diagnosis_of<T>.subject == subject;
}

static_assert(diagnosed<wrong::NoKey>(model_problem::missing_primary_key, "wrong::NoKey"));
static_assert(diagnosed<wrong::JsonKey>(model_problem::json_primary_key, "id"));
static_assert(diagnosed<wrong::OptionalKey>(model_problem::nullable_primary_key, "id"));
static_assert(diagnosed<wrong::Unsupported>(model_problem::unsupported_field_type, "name"));
static_assert(diagnosed<wrong::NestedOptional>(model_problem::unsupported_field_type, "twice"));
static_assert(diagnosed<wrong::CharField>(model_problem::unsupported_field_type, "initial"));
static_assert(diagnosed<wrong::Duplicate>(model_problem::duplicate_column_name, "a"));
static_assert(diagnosed<wrong::Foreign>(model_problem::member_of_another_struct, "wrong::Other::title"));
static_assert(diagnosed<wrong::IndexedJson>(model_problem::json_in_index, "meta"));
static_assert(diagnosed<wrong::UniqueJson>(model_problem::json_in_index, "meta"));
static_assert(diagnosed<wrong::MismatchedReference>(model_problem::foreign_key_type_mismatch, "other_id"));
static_assert(diagnosed<wrong::Misplaced>(model_problem::misplaced_declaration, "columns"));
static_assert(diagnosed<wrong::LooseTextEnum>(model_problem::text_enum_without_fixed_type, "value"));
static_assert(tabula::diagnosis_of<wrong::Empty>.problem == model_problem::no_fields);
static_assert(!tabula::valid_model<wrong::NoKey> && tabula::valid_model<User> && tabula::valid_model<Everything>);

// Boost.Hana Structs: names from Hana's keys, fields in the order the macro lists them (the base's
// first), members of a base or private ones designated by name; then the same descriptors and SQL
// as an aggregate's.
namespace hana_reflected {
using namespace hana_models;
namespace reflect = tabula::reflect;
// Article is an aggregate with a base, which PFR cannot reflect; adapted, it is reflected by Hana.
static_assert(reflect::reflectable<Article> && reflect::adapted_struct<Article> && std::is_aggregate_v<Article>);
static_assert(reflect::reflectable<Author> && !std::is_aggregate_v<Author> && !reflect::adapted_struct<User>);
static_assert(reflect::field_count<Article> == 7 && reflect::field_count<Author> == 3 && reflect::field_count<Account> == 3);
static_assert(reflect::field_names<Article>[0] == "id" && reflect::field_names<Article>[1] == "created_at" &&
              reflect::field_names<Article>[6] == "status");
static_assert(reflect::field_name<Account, 2> == "balance_");
static_assert(std::is_same_v<reflect::field_type<4, Article>, std::optional<std::string>>);
static_assert(std::is_same_v<reflect::field_type<2, Author>, std::optional<std::string>>);
static_assert(reflect::field_index<&Article::title> == 3 && reflect::field_index<&Author::email> == 2);
static_assert(reflect::field_index<tabula::named_field<Article, "created_at">> == 1);
static_assert(reflect::field_index<tabula::named_field<Account, "balance_">> == 2);
static_assert(std::is_same_v<reflect::member_owner<tabula::named_field<Article, "id">>, Article>);
static_assert(std::is_same_v<reflect::member_type<tabula::named_field<Account, "id_">>, std::int64_t>);
static_assert(std::is_same_v<reflect::member_owner<&Article::id>, Entity>);  // why named_field exists
static_assert(tabula::column_name<tabula::named_field<Account, "balance_">> == "balance");

constexpr auto& articles = tabula::table_of<Article>;
static_assert(articles.name == "articles" && articles.autoincrement);
static_assert(articles.primary_key.size() == 1 && articles.primary_key[0] == "id");
static_assert(articles.columns[1].name == "created_at" && articles.columns[1].server_default == "0");
static_assert(articles.columns[5].kind == value_kind::json && articles.columns[6].kind == value_kind::text);
static_assert(articles.columns[4].nullable && !articles.columns[3].nullable);
static_assert(articles.indexes.size() == 1 && articles.indexes[0].name == "ix_articles_created_at");
static_assert(articles.foreign_keys[0].referenced_table == "author" && articles.foreign_keys[0].on_delete == tabula::action::cascade);
constexpr auto& accounts = tabula::table_of<Account>;
static_assert(accounts.columns[0].field == "id_" && accounts.columns[0].name == "id" && accounts.columns[0].autoincrement);
static_assert(accounts.indexes[0].unique && accounts.indexes[0].columns[0] == "author_id");

using tabula::sql::dialect;
static_assert(tabula::sql::create_table_sql<Author, dialect::postgres> ==
              R"(CREATE TABLE IF NOT EXISTS author (id BIGINT GENERATED BY DEFAULT AS IDENTITY NOT NULL, name TEXT NOT NULL, )"
              R"(email TEXT, PRIMARY KEY (id)))");
static_assert(tabula::sql::create_table_sql<Article, dialect::sqlite> ==
              R"(CREATE TABLE IF NOT EXISTS articles (id INTEGER NOT NULL, created_at BIGINT NOT NULL DEFAULT 0, )"
              R"(author_id BIGINT NOT NULL, title VARCHAR(200) NOT NULL, body TEXT, meta TEXT NOT NULL, status TEXT NOT NULL, )"
              R"(PRIMARY KEY (id), CONSTRAINT uq_articles_author_id_title UNIQUE (author_id, title), )"
              R"(CONSTRAINT fk_articles_author_id_author FOREIGN KEY (author_id) REFERENCES author (id) ON DELETE CASCADE))");
static_assert(tabula::sql::create_table_sql<Account, dialect::mysql> ==
              "CREATE TABLE IF NOT EXISTS account (id BIGINT AUTO_INCREMENT NOT NULL, author_id BIGINT NOT NULL, "
              "balance BIGINT NOT NULL, PRIMARY KEY (id), "
              "CONSTRAINT fk_account_author_id_author FOREIGN KEY (author_id) REFERENCES author (id))");
static_assert(tabula::sql::create_index_sql<Account, dialect::sqlite>[0] ==
              R"(CREATE UNIQUE INDEX IF NOT EXISTS ix_account_author_id ON account (author_id))");
static_assert(tabula::sql::insert_sql<Article, dialect::postgres> ==
              R"(INSERT INTO articles (created_at, author_id, title, body, meta, status) )"
              R"(VALUES ($1, $2, $3, $4, $5, $6) RETURNING id)");
}  // namespace hana_reflected

// Hana models are diagnosed like any other, with Hana's field names.
namespace wrong {
class NoDefault {
public:
    BOOST_HANA_DEFINE_STRUCT(NoDefault, (std::int64_t, id), (std::string, name));
    explicit NoDefault(std::string n) : id(0), name(std::move(n)) {}
};
class HanaCharField {
public:
    BOOST_HANA_DEFINE_STRUCT(HanaCharField, (std::int64_t, id), (char, initial));
    HanaCharField() : id(0), initial('a') {}
};
class HanaJsonKey {
public:
    BOOST_HANA_DEFINE_STRUCT(HanaJsonKey, (nlohmann::json, key), (std::int64_t, id));
    HanaJsonKey() : id(0) {}
};
class NotAdapted {
public:
    NotAdapted() = default;
    std::int64_t id = 0;
};
}  // namespace wrong
template <>
struct tabula::model<wrong::HanaJsonKey> {
    static constexpr auto primary_key = tabula::primary_key<tabula::named_field<wrong::HanaJsonKey, "key">>{};
};
static_assert(diagnosed<wrong::NoDefault>(model_problem::not_default_constructible, "wrong::NoDefault"));
static_assert(diagnosed<wrong::HanaCharField>(model_problem::unsupported_field_type, "initial"));
static_assert(diagnosed<wrong::HanaJsonKey>(model_problem::json_primary_key, "key"));
static_assert(diagnosed<wrong::NotAdapted>(model_problem::no_fields, "neither an aggregate struct nor an adapted one"));
static_assert(tabula::valid_model<hana_models::Article> && tabula::valid_model<hana_models::Author> &&
              tabula::valid_model<hana_models::Account>);

TEST_CASE("descriptors are plain data at run time as well") {
    const tabula::table_descriptor& table = tabula::table_of<User>;
    CHECK(std::string(table.name) == "users");
    CHECK(table.find_column("role") != nullptr);
    CHECK(table.find_column("access") == nullptr);
    CHECK(table.column_position("settings") == 4);
    CHECK(tabula::diagnosis_of<wrong::JsonKey>.subject == "id");
}
