// Compile-time checks of a model. diagnose<T>() finds the first problem as data (so tests can
// assert on it without failing to compile); model_report turns it into a static_assert whose
// instantiation names the model and the field, e.g.
//   in instantiation of 'tabula::model_report<app::Note, tabula::model_problem::json_primary_key, "settings">'
//   static assertion failed: tabula: a primary key column cannot be JSON
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <tuple>
#include <type_traits>

#include <tabula/reflect/fields.hpp>
#include <tabula/reflect/type_name.hpp>
#include <tabula/schema/declarations.hpp>
#include <tabula/schema/descriptor.hpp>
#include <tabula/schema/detail/declared.hpp>
#include <tabula/schema/json_path.hpp>
#include <tabula/schema/value_traits.hpp>
#include <tabula/sql/static_text.hpp>

namespace tabula {

enum class model_problem : std::uint8_t {
    none,
    no_fields,
    not_default_constructible,
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
    json_option_on_non_json,
    json_index_on_non_json,
    json_index_path,
    expression_index_incomplete,
};

struct model_diagnosis {
    model_problem problem = model_problem::none;
    std::string_view subject{};  // the field, column, member or declaration list concerned
    constexpr bool ok() const noexcept { return problem == model_problem::none; }
};

namespace detail {

// "app::User::name" for &app::User::name, as static text.
template <auto Member>
struct member_path_render {
    template <class Sink>
    constexpr void operator()(Sink& sink) const {
        using owner = reflect::member_owner<Member>;
        sink.put(reflect::qualified_type_name<owner>);
        sink.put("::");
        sink.put(reflect::field_name<owner, reflect::field_index<Member>>);
    }
};
template <auto Member>
inline constexpr std::string_view member_path = sql::static_text<member_path_render<Member>>;

template <auto... Members>
constexpr auto member_fields(member_list<Members...>) {
    return std::array<std::size_t, sizeof...(Members)>{field_of<reflect::member_owner<Members>, Members>()...};
}

// Every member of the declaration belongs to T; the first that does not is the subject.
template <class T, auto... Members>
constexpr model_diagnosis check_members_belong(member_list<Members...>) {
    model_diagnosis result{};
    ((std::is_same_v<reflect::member_owner<Members>, T> || !result.ok()
          ? void()
          : void(result = {model_problem::member_of_another_struct, member_path<Members>})),
     ...);
    return result;
}

// A key, unique constraint or index: members of T, at most max_key_columns, none JSON.
template <class T, class D>
constexpr model_diagnosis check_key_columns(const D&, model_problem json_problem) {
    using members = typename declaration_parts<D>::members;
    const model_diagnosis owners = check_members_belong<T>(members{});
    if (!owners.ok()) return owners;
    using facts = field_facts<T>;
    if (members::size > max_key_columns) return {model_problem::too_many_key_columns, facts::field_names[member_fields(members{})[0]]};
    for (std::size_t field : member_fields(members{}))
        if (facts::kinds[field] == value_kind::json) return {json_problem, facts::field_names[field]};
    return {};
}

// A tabula::json_index: its member belongs to T and is JSON, its path and value type are valid.
template <class T, auto M, fixed_string Path, class V>
constexpr model_diagnosis check_key_columns(const json_index<M, Path, V>&, model_problem) {
    const model_diagnosis owners = check_members_belong<T>(member_list<M>{});
    if (!owners.ok()) return owners;
    using facts = field_facts<T>;
    const std::size_t field = reflect::field_index<M>;
    if (facts::kinds[field] != value_kind::json) return {model_problem::json_index_on_non_json, facts::field_names[field]};
    if (!valid_json_path(Path.view()) || !json_scalar<V>) return {model_problem::json_index_path, facts::field_names[field]};
    return {};
}

// A tabula::expression_index names no members: it needs its name and its expression.
template <class T>
constexpr model_diagnosis check_key_columns(const expression_index& x, model_problem) {
    if (x.name.empty()) return {model_problem::expression_index_incomplete, x.expression.empty() ? "an expression_index" : x.expression};
    if (x.expression.empty()) return {model_problem::expression_index_incomplete, x.name};
    return {};
}

template <class D>
inline constexpr bool is_index_declaration = false;
template <>
inline constexpr bool is_index_declaration<expression_index> = true;
template <auto... M>
inline constexpr bool is_index_declaration<index<M...>> = true;
template <auto M, fixed_string Path, class V>
inline constexpr bool is_index_declaration<json_index<M, Path, V>> = true;

template <class... D>
constexpr bool all_index_declarations(const std::tuple<D...>&) {
    return (is_index_declaration<D> && ...);
}

template <template <auto...> class Expected, class D>
inline constexpr bool is_declaration_of = false;
template <template <auto...> class Expected, auto... M>
inline constexpr bool is_declaration_of<Expected, Expected<M...>> = true;

template <template <auto...> class Expected, class... D>
constexpr bool all_declarations_are(const std::tuple<D...>&) {
    return (is_declaration_of<Expected, D> && ...);
}

template <class T, auto... Members>
constexpr model_diagnosis check_foreign_key(member_list<Members...>) {
    constexpr std::size_t count = sizeof...(Members);
    if constexpr (count % 2 != 0) {
        return {model_problem::foreign_key_shape, "an odd number of members (write N local members, then the N they reference)"};
    } else {
        constexpr std::size_t half = count / 2;
        constexpr std::array<bool, count> local{std::is_same_v<reflect::member_owner<Members>, T>...};
        for (std::size_t i = 0; i < half; ++i)
            if (!local[i]) return {model_problem::member_of_another_struct, "a foreign key's local members (its first half)"};
        if constexpr (half > max_key_columns) {
            return {model_problem::too_many_key_columns, "foreign key"};
        } else {
            using referenced = reflect::member_owner<std::get<half>(std::tuple{Members...})>;
            constexpr std::array<bool, count> same_referenced{std::is_same_v<reflect::member_owner<Members>, referenced>...};
            for (std::size_t i = half; i < count; ++i)
                if (!same_referenced[i]) return {model_problem::foreign_key_shape, "referenced members from more than one struct"};
            constexpr std::array<value_kind, count> kinds{value_traits<reflect::member_type<Members>>::kind...};
            constexpr std::array<std::string_view, count> names{
                reflect::field_name<reflect::member_owner<Members>, reflect::field_index<Members>>...};
            for (std::size_t i = 0; i < half; ++i) {
                if (kinds[i] == value_kind::json) return {model_problem::json_in_index, names[i]};
                if (kinds[i] != kinds[i + half]) return {model_problem::foreign_key_type_mismatch, names[i]};
            }
            return {};
        }
    }
}

}  // namespace detail

// The first problem of model T, or none.
template <class T>
constexpr model_diagnosis diagnose() {
    using namespace detail;
    if constexpr (!reflect::reflectable<T>) {
        return {model_problem::no_fields, "neither an aggregate struct nor an adapted one"};
    } else if constexpr (reflect::field_count<T> == 0) {
        return {model_problem::no_fields, reflect::qualified_type_name<T>};
    } else {
        using facts = field_facts<T>;
        constexpr std::size_t count = facts::count;
        for (std::size_t i = 0; i < count; ++i) {
            if (facts::kinds[i] == value_kind::unsupported) return {model_problem::unsupported_field_type, facts::field_names[i]};
            if (!facts::text_enums_ok[i]) return {model_problem::text_enum_without_fixed_type, facts::field_names[i]};
        }
        // Aggregates always are; a Hana Struct with constructors of its own may not be.
        if constexpr (!std::is_default_constructible_v<T>) return {model_problem::not_default_constructible, reflect::qualified_type_name<T>};

        model_diagnosis result{};
        auto fail = [&](model_diagnosis found) {
            if (result.ok()) result = found;
        };

        // Declarations sit in the list of their kind and name members of T.
        if constexpr (has_declared_columns<T>) {
            if (!all_declarations_are<column>(model<T>::columns)) return {model_problem::misplaced_declaration, "columns"};
            for_each_declaration(model<T>::columns, [&]<class D>(const D&) {
                fail(check_members_belong<T>(typename declaration_parts<D>::members{}));
            });
            if (!result.ok()) return result;
        }
        if constexpr (has_declared_uniques<T>)
            if (!all_declarations_are<unique>(model<T>::unique)) return {model_problem::misplaced_declaration, "unique"};
        if constexpr (has_declared_indexes<T>)
            if (!all_index_declarations(model<T>::indexes)) return {model_problem::misplaced_declaration, "indexes"};
        if constexpr (has_declared_foreign_keys<T>)
            if (!all_declarations_are<foreign_key>(model<T>::foreign_keys)) return {model_problem::misplaced_declaration, "foreign_keys"};

        // Column names are unique once renames apply.
        for (std::size_t a = 0; a < count; ++a)
            for (std::size_t b = a + 1; b < count; ++b)
                if (facts::column_names[a] == facts::column_names[b])
                    return {model_problem::duplicate_column_name, facts::column_names[a]};

        // A primary key exists, is not nullable and is not JSON.
        if constexpr (has_declared_primary_key<T>) {
            using key = std::remove_cvref_t<decltype(model<T>::primary_key)>;
            result = check_key_columns<T>(model<T>::primary_key, model_problem::json_primary_key);
            if (!result.ok()) return result;
            for (std::size_t field : member_fields(typename declaration_parts<key>::members{}))
                if (facts::nullable[field]) return {model_problem::nullable_primary_key, facts::field_names[field]};
        } else {
            if (facts::id_field == count) return {model_problem::missing_primary_key, reflect::qualified_type_name<T>};
            if (facts::kinds[facts::id_field] == value_kind::json) return {model_problem::json_primary_key, "id"};
            if (facts::nullable[facts::id_field]) return {model_problem::nullable_primary_key, "id"};
        }

        // Indexes and unique constraints cover plain columns of T.
        if constexpr (has_declared_uniques<T>)
            for_each_declaration(model<T>::unique, [&](const auto& d) { fail(check_key_columns<T>(d, model_problem::json_in_index)); });
        if constexpr (has_declared_indexes<T>)
            for_each_declaration(model<T>::indexes, [&](const auto& d) { fail(check_key_columns<T>(d, model_problem::json_in_index)); });
        if (!result.ok()) return result;
        for (std::size_t i = 0; i < count; ++i) {
            if ((facts::options[i].unique || facts::options[i].index) && facts::kinds[i] == value_kind::json)
                return {model_problem::json_in_index, facts::field_names[i]};
            if (facts::options[i].json != json_format::binary && facts::kinds[i] != value_kind::json)
                return {model_problem::json_option_on_non_json, facts::field_names[i]};
        }

        if constexpr (has_declared_foreign_keys<T>)
            for_each_declaration(model<T>::foreign_keys, [&]<class D>(const D&) {
                fail(check_foreign_key<T>(typename declaration_parts<D>::members{}));
            });
        return result;
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
                  "tabula: a model must be an aggregate struct with at least one field, or a Boost.Hana Struct "
                  "with <tabula/reflect/hana.hpp> included");
    static_assert(Problem != model_problem::not_default_constructible,
                  "tabula: a model must be default-constructible (rows are read into a default-constructed model); "
                  "declare a public constructor without arguments");
    static_assert(Problem != model_problem::unsupported_field_type,
                  "tabula: unsupported field type; use bool, an integer, float, double, std::string, tabula::blob, an enum, "
                  "a system_clock time_point, a std::chrono::duration, nlohmann::json or a type declared "
                  "tabula::stored_as_json, or std::optional of one");
    static_assert(Problem != model_problem::text_enum_without_fixed_type,
                  "tabula: an enum stored as text needs a fixed underlying type (use enum class, or enum E : int)");
    static_assert(Problem != model_problem::member_of_another_struct,
                  "tabula: a declaration in this model names a member of another struct");
    static_assert(Problem != model_problem::misplaced_declaration,
                  "tabula: a declaration is in the wrong list (columns holds tabula::column, unique holds tabula::unique, "
                  "indexes holds tabula::index, tabula::json_index and tabula::expression_index, foreign_keys holds tabula::foreign_key)");
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
    static_assert(Problem != model_problem::json_option_on_non_json,
                  "tabula: the column option .json applies to JSON fields only (nlohmann::json or a type declared stored_as_json)");
    static_assert(Problem != model_problem::json_index_on_non_json,
                  "tabula: tabula::json_index indexes a path inside a JSON column; this column is not JSON");
    static_assert(Problem != model_problem::json_index_path,
                  "tabula: a tabula::json_index path is $ followed by .key and [index] steps, read as std::string, bool, "
                  "std::int64_t or double");
    static_assert(Problem != model_problem::expression_index_incomplete,
                  "tabula: a tabula::expression_index needs .name and .expression (the key list, as SQL)");
    static constexpr bool ok = Problem == model_problem::none;
};

// The requirement of the static_assert with which the session rejects an invalid model. Both
// compilers print a failed requirement of this form with its template arguments, so the user's
// first and only error names the model, the problem and the field:
//   static assertion failed due to requirement 'tabula::model_check<app::Note,
//   tabula::model_problem::json_primary_key, fixed_string<8>{"settings"}>::passed'
// (model_report's own assertions carry longer explanations, but as a class instantiated from an
// entry point they cost the user three more lines of notes and, with Clang, a second error.)
template <class Model, model_problem Problem, fixed_string Subject>
struct model_check {
    static constexpr bool passed = Problem == model_problem::none;
};

namespace detail {
template <class T>
inline constexpr auto problem_subject = to_fixed_string<diagnosis_of<T>.subject.size()>(diagnosis_of<T>.subject);

template <class T>
inline constexpr bool model_checked = model_report<T, diagnosis_of<T>.problem, problem_subject<T>>::ok;

template <class T>
using model_check_of = model_check<T, diagnosis_of<T>.problem, problem_subject<T>>;

// The check of the first invalid model among Models; a passing one when all are valid.
template <class... Models>
struct first_failed_check {
    using type = model_check<void, model_problem::none, "">;
};
template <class Model, class... Rest>
struct first_failed_check<Model, Rest...> {
    using type = std::conditional_t<valid_model<Model>, typename first_failed_check<Rest...>::type, model_check_of<Model>>;
};
}  // namespace detail

}  // namespace tabula
