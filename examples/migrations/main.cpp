// A migration history as an application keeps it: three versions of its models, three revisions,
// and the `db` commands in its own command line.
//
//   migrations db upgrade          migrations db history -v        migrations db check
//   migrations db downgrade -1     migrations db sql upgrade base:head
#include <nlohmann/json.hpp>

#include <tabula/migrate.hpp>
#include <tabula/sqlite.hpp>

#include <cstdio>
#include <string_view>

// ---- version 1 --------------------------------------------------------------------------------------
namespace v1 {
struct User {
    std::int64_t id = 0;
    std::string name{};
};
struct Note {
    std::string id{};
    std::int64_t user_id = 0;
    std::string title{};
};
}  // namespace v1
template <>
struct tabula::model<v1::Note> {
    static constexpr auto foreign_keys = std::tuple{tabula::foreign_key<&v1::Note::user_id, &v1::User::id>{.on_delete = tabula::action::cascade}};
};

// ---- version 2: notes get a body and tags; title is renamed heading ----------------------------------
namespace v2 {
struct Note {
    std::string id{};
    std::int64_t user_id = 0;
    std::string heading{};
    std::string body{};
    nlohmann::json tags{};
};
}  // namespace v2
template <>
struct tabula::model<v2::Note> {
    static constexpr auto foreign_keys = std::tuple{tabula::foreign_key<&v2::Note::user_id, &v1::User::id>{.on_delete = tabula::action::cascade}};
};

// ---- version 3: users get an email, unique; notes are indexed by user --------------------------------
namespace v3 {
struct User {
    std::int64_t id = 0;
    std::string name{};
    std::optional<std::string> email{};
};
}  // namespace v3
template <>
struct tabula::model<v3::User> {
    static constexpr auto columns = std::tuple{tabula::column<&v3::User::email>{.unique = true}};
};

namespace migrations {
using s1 = tabula::schema<v1::User, v1::Note>;
using s2 = tabula::schema_from<s1, tabula::rename_column<&v1::Note::title, &v2::Note::heading>>;
using s3 = tabula::schema_from<s2, tabula::replace_table<v3::User>>;

struct init : tabula::revision<"3f2a9c1d4e01", tabula::base, s1> {
    static constexpr std::string_view message = "users and notes";
};
struct note_body : tabula::revision<"8b7e6d5c4b02", tabula::after<"3f2a9c1d4e01">, s2> {
    static constexpr std::string_view message = "note body and tags";
    // Existing notes get an empty body and tag list.
    static constexpr std::array fills = {tabula::fill_column<&v2::Note::body>("''"), tabula::fill_column<&v2::Note::tags>("'[]'")};
};
struct user_email : tabula::revision<"c1d2e3f4a503", tabula::after<"8b7e6d5c4b02">, s3> {
    static constexpr std::string_view message = "user email";
};

using chain = tabula::revision_chain<init, note_body, user_email>;
// The head must describe exactly the models the application uses (`db revision --autogenerate`
// prints the revision that gets it there).
using models = tabula::schema<v3::User, v2::Note>;
static_assert(tabula::head_matches<chain, models>);
}  // namespace migrations

int main(int argc, char** argv) {
    const std::string_view url = "sqlite:///migrations-example.db";
    if (argc > 1 && std::string_view(argv[1]) == "db") return tabula::migration_command<migrations::chain, tabula::sqlite, migrations::models>(url, argc - 2, argv + 2);

    // Without arguments: migrate on start-up, as a server would, then use the current models.
    auto db = tabula::session<tabula::sqlite>::open(url);
    tabula::migrator<migrations::chain, tabula::sqlite>(db).upgrade();
    const auto ada = db.insert(v3::User{.name = "Ada", .email = std::nullopt});
    db.upsert(v2::Note{.id = "first", .user_id = ada, .heading = "Hello", .body = "from the newest schema", .tags = {"example"}});
    std::printf("%lld note(s); database at revision %s\n", static_cast<long long>(db.count<v2::Note>()),
                tabula::migrator<migrations::chain, tabula::sqlite>(db).current().at(0).c_str());
    return 0;
}
