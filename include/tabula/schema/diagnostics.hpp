// Compile-time checks of a model. diagnose<T>() finds the first problem as data (so tests can
// assert on it without failing to compile); model_report turns it into a static_assert whose
// instantiation names the model and the field, e.g.
//   in instantiation of 'tabula::model_report<app::Note, tabula::model_problem::json_primary_key, "settings">'
//   static assertion failed: tabula: a primary key column cannot be JSON
#pragma once

#include <cstddef>
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <tuple>
#include <type_traits>

#include <tabula/reflect/fields.hpp>
#include <tabula/reflect/type_name.hpp>
#include <tabula/schema/declarations.hpp>
#include <tabula/schema/descriptor.hpp>
#include <tabula/schema/detail/declared.hpp>
#include <tabula/schema/value_traits.hpp>

namespace tabula {

enum class model_problem : std::uint8_t {
    none,
    no_fields,
    unsupported_field_type,
    text_enum_without_fixed_type,
    member_of_another_struct,
    misplaced_declaration,
    duplicate_column_name,
    missing_primary_key,
    nullable_primary_key,
    json_primary_key,
    json_in_index,
    foreign_key_shape,
    foreign_key_type_mismatch,
    too_many_key_columns,
};

struct model_diagnosis {
    model_problem problem = model_problem::none;
    std::string_view subject{};  // the field, column, member or declaration list concerned
    constexpr bool ok() const noexcept { return problem == model_problem::none; }
};

namespace detail {

template <class T, std::size_t I>
constexpr value_kind field_kind() {
    return value_traits<reflect::field_type<I, T>>::kind;
}

template <class T>
constexpr bool field_is_json(std::size_t field) {
    bool json = false;
    reflect::for_each_field_index<T>([&](auto i) {
        if (i.value == field) json = field_kind<T, i.value>() == value_kind::json;
    });
    return json;
}

template <class T>
constexpr bool field_is_nullable(std::size_t field) {
    bool nullable = false;
    reflect::for_each_field_index<T>([&](auto i) {
        if (i.value == field) nullable = value_traits<reflect::field_type<i.value, T>>::nullable;
    });
    return nullable;
}

template <class T>
constexpr std::string_view field_name_at(std::size_t field) {
    std::string_view name{};
    reflect::for_each_field_index<T>([&](auto i) {
        if (i.value == field) name = reflect::field_name<T, i.value>;
    });
    return name;
}

template <class T>
constexpr std::string_view column_name_at(std::size_t field) {
    std::string_view name{};
    reflect::for_each_field_index<T>([&](auto i) {
        if (i.value == field) name = column_name_of<T, i.value>;
    });
    return name;
}

template <auto... Members>
constexpr auto member_fields(member_list<Members...>) {
    struct fields {
        std::size_t at[sizeof...(Members)];
    };
    return fields{{field_of<reflect::member_owner<Members>, Members>()...}};
}

// Field index of the first field named "id", or field_count<T>.
template <class T>
constexpr std::size_t id_field() {
    std::size_t found = reflect::field_count<T>;
    reflect::for_each_field_index<T>([&](auto i) {
        if (found == reflect::field_count<T> && reflect::field_name<T, i.value> == "id") found = i.value;
    });
    return found;
}

template <class T, class D>
constexpr model_diagnosis check_members_belong(const D&) {
    model_diagnosis result{};
    [&]<auto... Members>(member_list<Members...>) {
        ((std::is_same_v<reflect::member_owner<Members>, T> || !result.ok()
              ? void()
              : void(result = {model_problem::member_of_another_struct, reflect::qualified_type_name<reflect::member_owner<Members>>})),
         ...);
    }(typename declaration_parts<D>::members{});
    return result;
}

template <class T, class D>
constexpr model_diagnosis check_key_columns(const D& declaration, bool allow_json) {
    model_diagnosis result = check_members_belong<T>(declaration);
    if (!result.ok()) return result;
    using members = typename declaration_parts<D>::members;
    if (members::size > max_key_columns) return {model_problem::too_many_key_columns, field_name_at<T>(member_fields(members{}).at[0])};
    for (std::size_t field : member_fields(members{}).at) {
        if (!allow_json && field_is_json<T>(field)) return {model_problem::json_in_index, field_name_at<T>(field)};
    }
    return result;
}

template <template <auto...> class Expected, class D>
inline constexpr bool is_declaration_of = false;
template <template <auto...> class Expected, auto... M>
inline constexpr bool is_declaration_of<Expected, Expected<M...>> = true;

template <template <auto...> class Expected, class Tuple>
constexpr bool all_declarations_are(const Tuple& declarations) {
    bool all = true;
    for_each_declaration(declarations, [&]<class D>(const D&) { all = all && is_declaration_of<Expected, D>; });
    return all;
}

template <class T, auto... Members>
constexpr model_diagnosis check_foreign_key(member_list<Members...>) {
    constexpr std::size_t count = sizeof...(Members);
    if constexpr (count % 2 != 0) {
        return {model_problem::foreign_key_shape, "an odd number of members (write N local members, then the N they reference)"};
    } else {
        constexpr std::size_t half = count / 2;
        if constexpr (half > max_key_columns) {
            return {model_problem::too_many_key_columns, "foreign key"};
        } else {
            constexpr bool owners_ok = [] {
                std::size_t position = 0;
                bool ok = true;
                ((ok = ok && (position++ < half ? std::is_same_v<reflect::member_owner<Members>, T> : true)), ...);
                return ok;
            }();
            if constexpr (!owners_ok) {
                return {model_problem::member_of_another_struct, "a foreign key's first half (its local columns)"};
            } else {
                model_diagnosis result{};
                constexpr auto kinds = std::array<value_kind, count>{value_traits<reflect::member_type<Members>>::kind...};
                constexpr auto names = std::array<std::string_view, count>{
                    reflect::field_name<reflect::member_owner<Members>, reflect::field_index<Members>>...};
                constexpr auto same_referenced_owner = std::array<bool, count>{
                    std::is_same_v<reflect::member_owner<Members>,
                                   reflect::member_owner<std::get<half>(std::tuple{Members...})>>...};
                for (std::size_t i = half; i < count; ++i)
                    if (!same_referenced_owner[i])
                        return {model_problem::foreign_key_shape, "referenced members from more than one struct"};
                for (std::size_t i = 0; i < half; ++i) {
                    if (kinds[i] == value_kind::json) return {model_problem::json_in_index, names[i]};
                    if (kinds[i] != kinds[i + half]) return {model_problem::foreign_key_type_mismatch, names[i]};
                }
                return result;
            }
        }
    }
}

}  // namespace detail

// The first problem of model T, or none.
template <class T>
constexpr model_diagnosis diagnose() {
    using namespace detail;
    if constexpr (!reflect::reflectable<T>) {
        return {model_problem::no_fields, "not an aggregate struct"};
    } else {
        constexpr std::size_t count = reflect::field_count<T>;
        if constexpr (count == 0) {
            return {model_problem::no_fields, reflect::qualified_type_name<T>};
        } else {
            model_diagnosis result{};
            auto fail = [&](model_diagnosis found) {
                if (result.ok()) result = found;
            };
            reflect::for_each_field_index<T>([&](auto i) {
                using field = reflect::field_type<i.value, T>;
                if constexpr (value_traits<field>::kind == value_kind::unsupported)
                    fail({model_problem::unsupported_field_type, reflect::field_name<T, i.value>});
                using plain = std::remove_cvref_t<decltype(*std::declval<std::optional<field>>())>;
                if constexpr (std::is_enum_v<plain>) {
                    if constexpr (!enum_text_well_formed<plain>)
                        fail({model_problem::text_enum_without_fixed_type, reflect::field_name<T, i.value>});
                }
            });
            if (!result.ok()) return result;

            // Declarations sit in the list of their kind and name members of T.
            if (!all_declarations_are<column>(declared_columns<T>())) return {model_problem::misplaced_declaration, "columns"};
            if (!all_declarations_are<unique>(declared_uniques<T>())) return {model_problem::misplaced_declaration, "unique"};
            if (!all_declarations_are<index>(declared_indexes<T>())) return {model_problem::misplaced_declaration, "indexes"};
            if (!all_declarations_are<foreign_key>(declared_foreign_keys<T>()))
                return {model_problem::misplaced_declaration, "foreign_keys"};
            for_each_declaration(declared_columns<T>(), [&](const auto& d) { fail(check_members_belong<T>(d)); });
            if (!result.ok()) return result;

            // Column names are unique once renames apply.
            std::array<std::string_view, count> names{};
            reflect::for_each_field_index<T>([&](auto i) { names[i.value] = column_name_of<T, i.value>; });
            for (std::size_t a = 0; a < count; ++a)
                for (std::size_t b = a + 1; b < count; ++b)
                    if (names[a] == names[b]) return {model_problem::duplicate_column_name, names[a]};

            // A primary key exists, is not nullable and is not JSON.
            if constexpr (requires { model<T>::primary_key; }) {
                const auto& key = model<T>::primary_key;
                result = check_key_columns<T>(key, false);
                if (!result.ok()) return result.problem == model_problem::json_in_index
                                              ? model_diagnosis{model_problem::json_primary_key, result.subject}
                                              : result;
                for (std::size_t field : member_fields(typename declaration_parts<std::remove_cvref_t<decltype(key)>>::members{}).at)
                    if (field_is_nullable<T>(field)) return {model_problem::nullable_primary_key, field_name_at<T>(field)};
            } else {
                constexpr std::size_t id = id_field<T>();
                if (id == count) return {model_problem::missing_primary_key, reflect::qualified_type_name<T>};
                if (field_is_json<T>(id)) return {model_problem::json_primary_key, "id"};
                if (field_is_nullable<T>(id)) return {model_problem::nullable_primary_key, "id"};
            }

            // Indexes and unique constraints cover plain columns of T.
            for_each_declaration(declared_uniques<T>(), [&](const auto& d) { fail(check_key_columns<T>(d, false)); });
            for_each_declaration(declared_indexes<T>(), [&](const auto& d) { fail(check_key_columns<T>(d, false)); });
            reflect::for_each_field_index<T>([&](auto i) {
                const auto options = column_options<T, i.value>();
                if ((options.unique || options.index) && field_kind<T, i.value>() == value_kind::json)
                    fail({model_problem::json_in_index, reflect::field_name<T, i.value>});
            });
            if (!result.ok()) return result;

            for_each_declaration(declared_foreign_keys<T>(), [&]<class D>(const D&) {
                fail(check_foreign_key<T>(typename declaration_parts<D>::members{}));
            });
            return result;
        }
    }
}

template <class T>
inline constexpr model_diagnosis diagnosis_of = diagnose<T>();

// True when T is a model tabula can map; usable in static_assert and requires-clauses.
template <class T>
concept valid_model = diagnosis_of<T>.ok();

// Instantiated with the model, the problem and its subject so the compiler prints all three.
template <class Model, model_problem Problem, fixed_string Subject>
struct model_report {
    static_assert(Problem != model_problem::no_fields,
                  "tabula: a model must be an aggregate struct with at least one field");
    static_assert(Problem != model_problem::unsupported_field_type,
                  "tabula: unsupported field type; use bool, an integer, float, double, std::string, tabula::blob, an enum, "
                  "a system_clock time_point, nlohmann::json or a type declared tabula::stored_as_json, or std::optional of one");
    static_assert(Problem != model_problem::text_enum_without_fixed_type,
                  "tabula: an enum stored as text needs a fixed underlying type (use enum class, or enum E : int)");
    static_assert(Problem != model_problem::member_of_another_struct,
                  "tabula: a declaration in this model names a member of another struct");
    static_assert(Problem != model_problem::misplaced_declaration,
                  "tabula: a declaration is in the wrong list (columns holds tabula::column, unique holds tabula::unique, "
                  "indexes holds tabula::index, foreign_keys holds tabula::foreign_key)");
    static_assert(Problem != model_problem::duplicate_column_name, "tabula: two fields map to the same column name");
    static_assert(Problem != model_problem::missing_primary_key,
                  "tabula: the model has no primary key; add a field `id` or declare tabula::model<T>::primary_key");
    static_assert(Problem != model_problem::nullable_primary_key, "tabula: a primary key column cannot be std::optional");
    static_assert(Problem != model_problem::json_primary_key, "tabula: a primary key column cannot be JSON");
    static_assert(Problem != model_problem::json_in_index,
                  "tabula: a JSON column cannot be part of an index, unique constraint or foreign key");
    static_assert(Problem != model_problem::foreign_key_shape, "tabula: malformed foreign key declaration");
    static_assert(Problem != model_problem::foreign_key_type_mismatch,
                  "tabula: a foreign key column's type differs from the column it references");
    static_assert(Problem != model_problem::too_many_key_columns, "tabula: a key, index or constraint spans more than 16 columns");
    static constexpr bool ok = Problem == model_problem::none;
};

namespace detail {
template <class T>
inline constexpr bool model_checked =
    model_report<T, diagnosis_of<T>.problem, to_fixed_string<diagnosis_of<T>.subject.size()>(diagnosis_of<T>.subject)>::ok;
}  // namespace detail

}  // namespace tabula
