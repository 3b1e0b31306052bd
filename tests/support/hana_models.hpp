// Models Boost.PFR cannot see through, adapted as Boost.Hana Structs: a derived struct listing its
// base's fields (Article), a class with constructors of its own (Author), a class with private
// members (Account); and a second version of Author, for a migration that adds a column.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <utility>

#include <nlohmann/json.hpp>

#include <tabula/reflect/hana.hpp>
#include <tabula/tabula.hpp>

namespace hana_models {

enum class state : std::uint8_t { draft, live };

// Constructors of its own: no longer an aggregate. The members are declared by the macro.
class Author {
public:
    BOOST_HANA_DEFINE_STRUCT(Author, (std::int64_t, id), (std::string, name), (std::optional<std::string>, email));

    Author() : id(0) {}
    explicit Author(std::string name_, std::optional<std::string> email_ = std::nullopt)
        : id(0), name(std::move(name_)), email(std::move(email_)) {}
};

// A base class shared by every table: its fields come first, as BOOST_HANA_ADAPT_STRUCT lists them.
struct Entity {
    std::int64_t id = 0;
    std::int64_t created_at = 0;
};
struct Article : Entity {
    std::int64_t author_id = 0;
    std::string title{};
    std::optional<std::string> body{};
    nlohmann::json meta{};
    state status = state::draft;
};

// Private members, reachable through accessors only. Hana's accessors are befriended so that
// BOOST_HANA_ADAPT_STRUCT may name them.
class Account {
public:
    Account() = default;
    Account(std::int64_t author, std::int64_t balance) : author_id_(author), balance_(balance) {}

    std::int64_t key() const { return id_; }
    std::int64_t author() const { return author_id_; }
    std::int64_t balance() const { return balance_; }
    void deposit(std::int64_t amount) { balance_ += amount; }

private:
    std::int64_t id_ = 0;
    std::int64_t author_id_ = 0;
    std::int64_t balance_ = 0;
    friend struct boost::hana::accessors_impl<Account>;
};

}  // namespace hana_models

namespace hana_models::v2 {
// Author with one more column.
class Author {
public:
    BOOST_HANA_DEFINE_STRUCT(Author, (std::int64_t, id), (std::string, name), (std::optional<std::string>, email),
                             (std::optional<std::int32_t>, born));

    Author() : id(0) {}
};
}  // namespace hana_models::v2

BOOST_HANA_ADAPT_STRUCT(hana_models::Article, id, created_at, author_id, title, body, meta, status);
BOOST_HANA_ADAPT_STRUCT(hana_models::Account, id_, author_id_, balance_);

template <>
inline constexpr auto tabula::enum_storage_of<hana_models::state> = tabula::enum_storage::text;

// Members of the base and private members are named by their field name: &Article::id is a
// pointer to a member of Entity, and &Account::balance_ is not accessible here.
template <>
struct tabula::model<hana_models::Article> {
    static constexpr std::string_view table = "articles";
    static constexpr auto columns = std::tuple{
        tabula::column<&hana_models::Article::title>{.type = "VARCHAR(200)"},
        tabula::column<tabula::named_field<hana_models::Article, "created_at">>{.server_default = "0", .index = true},
    };
    static constexpr auto unique = std::tuple{tabula::unique<&hana_models::Article::author_id, &hana_models::Article::title>{}};
    static constexpr auto foreign_keys = std::tuple{
        tabula::foreign_key<&hana_models::Article::author_id, &hana_models::Author::id>{.on_delete = tabula::action::cascade}};
};

template <>
struct tabula::model<hana_models::Account> {
    static constexpr auto primary_key = tabula::primary_key<tabula::named_field<hana_models::Account, "id_">>{};
    static constexpr auto columns = std::tuple{tabula::column<tabula::named_field<hana_models::Account, "id_">>{.name = "id"},
                                               tabula::column<tabula::named_field<hana_models::Account, "author_id_">>{.name = "author_id"},
                                               tabula::column<tabula::named_field<hana_models::Account, "balance_">>{.name = "balance"}};
    static constexpr auto indexes = std::tuple{tabula::index<tabula::named_field<hana_models::Account, "author_id_">>{.unique = true}};
    static constexpr auto foreign_keys = std::tuple{
        tabula::foreign_key<tabula::named_field<hana_models::Account, "author_id_">, &hana_models::Author::id>{}};
};
