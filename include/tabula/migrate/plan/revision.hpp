// A revision: one step of the migration history, in Alembic's terms. It names its id, its parent
// revisions and the schema version it leads to; the steps are the diff from the parent's version.
// Everything else is optional and declared only when needed:
//
//   struct add_folder : tabula::revision<"c69f45358db4", tabula::after<"3ab32c4b8f59">, v8> {
//       static constexpr std::string_view message = "Add folder table";
//       using data_loss = tabula::data_loss<"chat.old_title">;             // consent to destroy data
//       static constexpr std::array fills = {tabula::fill_column<&v8::Chat::pinned>("0")};
//       template <class Session> static void upgrade_data(Session& db);    // runs before drops
//       template <class Session> static void downgrade_data(Session& db);
//       template <class Session> static void upgrade_check(Session& db);   // runs before any step
//       static constexpr bool seeds_data = true;  // its data function writes into empty tables
//   };
//
// upgrade_check reads the data and throws where the revision cannot apply (duplicates a unique
// index would refuse, say), so that the refusal names the problem before any step changed
// anything; offline scripts leave it out, as they leave out data functions.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include <tabula/migrate/plan/diff.hpp>
#include <tabula/migrate/plan/schema_version.hpp>
#include <tabula/reflect/fixed_string.hpp>
#include <tabula/sql/dialect.hpp>

namespace tabula {

// The parents of a revision: none for a base, one usually, several for a merge.
template <fixed_string... Ids>
struct after {
    static constexpr std::array<std::string_view, sizeof...(Ids)> ids{Ids.view()...};
};
using base = after<>;

// Labels of a branch that starts at this revision ("upgrade mybranch@head").
template <fixed_string... Labels>
struct branch_labels {
    static constexpr std::array<std::string_view, sizeof...(Labels)> labels{Labels.view()...};
};

// Destructive steps the revision's author accepts: "table" for a dropped table, "table.column"
// for a dropped column or a narrowing type change.
template <fixed_string... Subjects>
struct data_loss {
    static constexpr std::array<std::string_view, sizeof...(Subjects)> subjects{Subjects.view()...};
};

// Hand-written SQL: `all` for every dialect, or one text per dialect.
struct dialect_sql {
    std::string_view all{};
    std::string_view sqlite{};
    std::string_view postgres{};
    std::string_view mysql{};

    constexpr std::string_view for_dialect(sql::dialect d) const noexcept {
        std::string_view specific;
        switch (d) {
            case sql::dialect::sqlite: specific = sqlite; break;
            case sql::dialect::postgres: specific = postgres; break;
            case sql::dialect::mysql: specific = mysql; break;
        }
        return specific.empty() ? all : specific;
    }
};

template <fixed_string Id, class Parents, schema_version Schema>
struct revision {
    static constexpr std::string_view id = Id.view();
    static constexpr const auto& down_revisions = Parents::ids;
    using schema = Schema;
    static constexpr std::string_view message{};
    using branches = branch_labels<>;
    using data_loss = tabula::data_loss<>;
    static constexpr std::array<fill_declaration, 0> fills{};
    // The fills of the downgrade: values and type conversions on the way back to the parent.
    static constexpr std::array<fill_declaration, 0> downgrade_fills{};
    static constexpr std::array<dialect_sql, 0> upgrade_sql{};
    static constexpr std::array<dialect_sql, 0> downgrade_sql{};
    // Set when the downgrade cannot restore what the upgrade changed.
    static constexpr bool irreversible = false;
    // Set when the upgrade's data function writes rows even into empty tables (seed data, rows
    // read from files): an empty database is then upgraded revision by revision, never by
    // creating the head's schema directly (migration_options::empty_database).
    static constexpr bool seeds_data = false;
};

namespace detail {
// A stand-in session for detecting data functions declared as templates.
struct data_function_probe {};
}  // namespace detail

template <class R>
concept has_upgrade_data =
    requires { &R::template upgrade_data<detail::data_function_probe>; } || requires { &R::upgrade_data; };
template <class R>
concept has_upgrade_check =
    requires { &R::template upgrade_check<detail::data_function_probe>; } || requires { &R::upgrade_check; };
template <class R>
concept has_downgrade_data =
    requires { &R::template downgrade_data<detail::data_function_probe>; } || requires { &R::downgrade_data; };

}  // namespace tabula
