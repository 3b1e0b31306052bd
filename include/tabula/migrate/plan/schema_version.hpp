// Schema versions: compile-time sets of table descriptors. The first names its models; every later
// one names only what changed from its parent, so a long history stays short:
//
//   using v1 = tabula::schema<v1::User, v1::Chat>;
//   using v2 = tabula::schema_from<v1, tabula::add_table<v2::Folder>, tabula::replace_table<v2::Chat>>;
//   using v3 = tabula::schema_from<v2, tabula::rename_column<&v2::Chat::title, &v3::Chat::name>,
//                                  tabula::drop_table<v1::User>>;
//
// Renames are never guessed: a column or table only keeps its data under a new name when the
// version declares it. Mistakes (adding a table twice, replacing one that is not there, a rename
// naming a missing column) are compile errors naming the version and the table.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <type_traits>

#include <tabula/reflect/fields.hpp>
#include <tabula/reflect/fixed_string.hpp>
#include <tabula/schema/table.hpp>
#include <tabula/sql/static_text.hpp>

namespace tabula {

// A rename declared by a version, relative to its parent. old_column/new_column are empty for a
// table rename.
struct rename_declaration {
    std::string_view old_table;
    std::string_view new_table;
    std::string_view old_column;
    std::string_view new_column;
    constexpr bool is_table() const noexcept { return old_column.empty(); }
};

// A version as data: its tables and the renames that lead to it from its parent.
struct schema_view {
    std::span<const table_descriptor* const> tables;
    std::span<const rename_declaration> renames;

    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

    // The position of the table named `name`, or npos. (Constant-evaluated code compares
    // positions, not descriptor addresses: see step.hpp.)
    constexpr std::size_t position(std::string_view name) const noexcept {
        for (std::size_t i = 0; i < tables.size(); ++i)
            if (tables[i]->name == name) return i;
        return npos;
    }
    constexpr bool contains(std::string_view name) const noexcept { return position(name) != npos; }
    // For run-time use.
    const table_descriptor* find(std::string_view name) const noexcept {
        const std::size_t at = position(name);
        return at == npos ? nullptr : tables[at];
    }
};

// ---- edits --------------------------------------------------------------------------------------

template <class Model>
    requires valid_model<Model>
struct add_table {};
// Replaces the parent's table of the same name with this model's table.
template <class Model>
    requires valid_model<Model>
struct replace_table {};
template <class Model>
    requires valid_model<Model>
struct drop_table {};
// The parent's table of Old becomes New's table, keeping its rows.
template <class Old, class New>
    requires valid_model<Old> && valid_model<New>
struct rename_table {};
// Column Old of the parent keeps its data as column New; New's model replaces the table if needed.
template <auto Old, auto New>
    requires reflect::data_member_pointer<Old> && reflect::data_member_pointer<New>
struct rename_column {};

enum class schema_problem : std::uint8_t {
    none,
    duplicate_table,
    table_already_exists,
    no_such_table,
    no_such_column,
    unknown_edit,
};

struct schema_diagnosis {
    schema_problem problem = schema_problem::none;
    std::string_view subject{};
    constexpr bool ok() const noexcept { return problem == schema_problem::none; }
};

namespace detail {

template <std::size_t Tables, std::size_t Renames>
struct schema_state {
    std::array<const table_descriptor*, Tables> tables{};
    std::size_t table_count = 0;
    std::array<rename_declaration, Renames> renames{};
    std::size_t rename_count = 0;
    schema_diagnosis diagnosis{};

    constexpr void fail(schema_problem problem, std::string_view subject) {
        if (diagnosis.ok()) diagnosis = {problem, subject};
    }
    constexpr std::size_t position(std::string_view name) const {
        for (std::size_t i = 0; i < table_count; ++i)
            if (tables[i]->name == name) return i;
        return table_count;
    }
    constexpr void put(const table_descriptor* table) {
        const std::size_t at = position(table->name);
        if (at == table_count) tables[table_count++] = table;
        else tables[at] = table;
    }
    constexpr void remove(std::size_t at) {
        for (std::size_t i = at; i + 1 < table_count; ++i) tables[i] = tables[i + 1];
        --table_count;
    }
};

template <class Edit>
struct edit_traits {
    static constexpr std::size_t adds = 0;
    static constexpr std::size_t renames = 0;
    template <class State>
    static constexpr void apply(State& state) {
        state.fail(schema_problem::unknown_edit, "an edit that is not add_table, replace_table, drop_table, rename_table or rename_column");
    }
};

template <class Model>
struct edit_traits<add_table<Model>> {
    static constexpr std::size_t adds = 1;
    static constexpr std::size_t renames = 0;
    template <class State>
    static constexpr void apply(State& state) {
        const table_descriptor* table = &table_of<Model>;
        if (state.position(table->name) != state.table_count) state.fail(schema_problem::table_already_exists, table->name);
        else state.put(table);
    }
};

template <class Model>
struct edit_traits<replace_table<Model>> {
    static constexpr std::size_t adds = 0;
    static constexpr std::size_t renames = 0;
    template <class State>
    static constexpr void apply(State& state) {
        const table_descriptor* table = &table_of<Model>;
        if (state.position(table->name) == state.table_count) state.fail(schema_problem::no_such_table, table->name);
        else state.put(table);
    }
};

template <class Model>
struct edit_traits<drop_table<Model>> {
    static constexpr std::size_t adds = 0;
    static constexpr std::size_t renames = 0;
    template <class State>
    static constexpr void apply(State& state) {
        const std::size_t at = state.position(table_of<Model>.name);
        if (at == state.table_count) state.fail(schema_problem::no_such_table, table_of<Model>.name);
        else state.remove(at);
    }
};

template <class Old, class New>
struct edit_traits<rename_table<Old, New>> {
    static constexpr std::size_t adds = 0;
    static constexpr std::size_t renames = 1;
    template <class State>
    static constexpr void apply(State& state) {
        const std::size_t at = state.position(table_of<Old>.name);
        if (at == state.table_count) return state.fail(schema_problem::no_such_table, table_of<Old>.name);
        if (state.position(table_of<New>.name) != state.table_count)
            return state.fail(schema_problem::table_already_exists, table_of<New>.name);
        state.tables[at] = &table_of<New>;
        state.renames[state.rename_count++] = {table_of<Old>.name, table_of<New>.name, {}, {}};
    }
};

template <auto Old, auto New>
struct edit_traits<rename_column<Old, New>> {
    using old_model = reflect::member_owner<Old>;
    using new_model = reflect::member_owner<New>;
    static constexpr std::size_t adds = 0;
    static constexpr std::size_t renames = 1;
    template <class State>
    static constexpr void apply(State& state) {
        // The old table is found under its old name, or under the new name if a rename_table
        // edit came first.
        std::string_view old_table = table_of<old_model>.name;
        for (std::size_t r = 0; r < state.rename_count; ++r)
            if (state.renames[r].is_table() && state.renames[r].old_table == old_table) old_table = state.renames[r].new_table;
        const std::size_t at = state.position(old_table);
        if (at == state.table_count) return state.fail(schema_problem::no_such_table, old_table);
        if (old_table != table_of<new_model>.name) return state.fail(schema_problem::no_such_table, table_of<new_model>.name);
        state.tables[at] = &table_of<new_model>;
        state.renames[state.rename_count++] = {table_of<old_model>.name, table_of<new_model>.name, column_name<Old>, column_name<New>};
    }
};

template <class Parent, class... Edits>
constexpr auto apply_edits() {
    constexpr std::size_t capacity = Parent::tables.size() + (std::size_t{0} + ... + edit_traits<Edits>::adds);
    constexpr std::size_t rename_capacity = (std::size_t{0} + ... + edit_traits<Edits>::renames);
    schema_state<capacity, rename_capacity> state;
    for (const table_descriptor* t : Parent::tables) state.tables[state.table_count++] = t;
    (edit_traits<Edits>::apply(state), ...);
    return state;
}

template <std::size_t N>
constexpr schema_diagnosis check_unique_names(const std::array<const table_descriptor*, N>& tables) {
    for (std::size_t a = 0; a < N; ++a)
        for (std::size_t b = a + 1; b < N; ++b)
            if (tables[a]->name == tables[b]->name) return {schema_problem::duplicate_table, tables[a]->name};
    return {};
}

}  // namespace detail

// Instantiated with the version and the problem so the compiler prints both, and the table.
template <class Version, schema_problem Problem, fixed_string Subject>
struct schema_report {
    static_assert(Problem != schema_problem::duplicate_table, "tabula: two models of this schema map to the same table");
    static_assert(Problem != schema_problem::table_already_exists,
                  "tabula: add_table/rename_table names a table the parent version already has (use replace_table)");
    static_assert(Problem != schema_problem::no_such_table,
                  "tabula: replace_table/drop_table/rename names a table the parent version does not have "
                  "(rename_column's two members must belong to the same table)");
    static_assert(Problem != schema_problem::no_such_column, "tabula: a rename names a column the table does not have");
    static_assert(Problem != schema_problem::unknown_edit, "tabula: schema_from takes add_table, replace_table, drop_table, "
                                                           "rename_table and rename_column edits");
    static constexpr bool ok = Problem == schema_problem::none;
};


// The first version: every table, by model.
template <class... Models>
    requires(valid_model<Models> && ...)
struct schema {
    static constexpr std::array<const table_descriptor*, sizeof...(Models)> tables{&table_of<Models>...};
    static constexpr std::array<rename_declaration, 0> renames{};
    static constexpr schema_diagnosis diagnosis = detail::check_unique_names(tables);
    static_assert(schema_report<schema, diagnosis.problem, to_fixed_string<diagnosis.subject.size()>(diagnosis.subject)>::ok);
    static constexpr schema_view view{tables, renames};
};

// A version that changes its parent by the edits listed, in order.
template <class Parent, class... Edits>
struct schema_from {
    using parent = Parent;

private:
    static constexpr auto state = detail::apply_edits<Parent, Edits...>();

public:
    static constexpr schema_diagnosis diagnosis = state.diagnosis;
    static_assert(schema_report<schema_from, diagnosis.problem, to_fixed_string<diagnosis.subject.size()>(diagnosis.subject)>::ok);
    static constexpr auto tables = [] {
        std::array<const table_descriptor*, state.table_count> out{};
        for (std::size_t i = 0; i < out.size(); ++i) out[i] = state.tables[i];
        return out;
    }();
    static constexpr auto renames = [] {
        std::array<rename_declaration, state.rename_count> out{};
        for (std::size_t i = 0; i < out.size(); ++i) out[i] = state.renames[i];
        return out;
    }();
    static constexpr schema_view view{tables, renames};
};

template <class T>
concept schema_version = requires {
    { T::view } -> std::convertible_to<const schema_view&>;
};

// The empty schema every base revision starts from.
using empty_schema = schema<>;

}  // namespace tabula
