// Builds the table descriptor of a model at compile time: tabula::table_of<User> is a constexpr
// table_descriptor with columns, key, unique constraints, indexes and foreign keys. Invalid
// models stop here with a static_assert naming the model and the field (schema/diagnostics.hpp).
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <tuple>

#include <tabula/reflect/fields.hpp>
#include <tabula/schema/descriptor.hpp>
#include <tabula/schema/detail/declared.hpp>
#include <tabula/schema/diagnostics.hpp>
#include <tabula/schema/json_path.hpp>
#include <tabula/schema/value_traits.hpp>
#include <tabula/sql/static_text.hpp>

namespace tabula::detail {

// "<prefix><table>_<col>_<col>[_<referenced table>]": the default name of an index or constraint.
template <fixed_string Prefix, class T, class Referenced, std::size_t... Fields>
struct default_constraint_name {
    template <class Sink>
    constexpr void operator()(Sink& sink) const {
        sink.put(Prefix.view());
        sink.put(table_name_of<T>);
        ((sink.put('_'), sink.put(column_name_of<T, Fields>)), ...);
        if constexpr (!std::is_void_v<Referenced>) {
            sink.put('_');
            sink.put(table_name_of<Referenced>);
        }
    }
};

template <fixed_string Prefix, class T, class Referenced, auto... Members>
constexpr std::string_view constraint_name(std::string_view declared) {
    if (!declared.empty()) return declared;
    return sql::static_text<default_constraint_name<Prefix, T, Referenced, reflect::field_index<Members>...>>;
}

// "ix_<table>_<column>_<path keys>": $.settings.tags[0] gives settings_tags_0.
template <class T, std::size_t Field, fixed_string Path>
struct default_json_index_name {
    template <class Sink>
    constexpr void operator()(Sink& sink) const {
        default_constraint_name<"ix_", T, void, Field>{}(sink);
        for (char c : Path.view().substr(1)) {
            if (c == ']') continue;
            sink.put(c == '.' || c == '[' || c == '-' ? '_' : c);
        }
    }
};

template <auto... Members>
constexpr name_list columns_of(member_list<Members...>) {
    name_list names;
    (names.push_back(column_name_of<reflect::member_owner<Members>, reflect::field_index<Members>>), ...);
    return names;
}

template <class T>
constexpr name_list primary_key_columns() {
    if constexpr (has_declared_primary_key<T>) {
        return columns_of(typename declaration_parts<std::remove_cvref_t<decltype(model<T>::primary_key)>>::members{});
    } else {
        name_list names;
        names.push_back(field_facts<T>::column_names[field_facts<T>::id_field]);
        return names;
    }
}

template <class T>
struct table_storage {
    static_assert(model_checked<T>, "tabula: invalid model (see the model_report above)");
    using facts = field_facts<T>;
    static constexpr std::size_t column_count = facts::count;
    static constexpr name_list primary_key = primary_key_columns<T>();

    static constexpr bool autoincrement = [] {
        if (primary_key.size() != 1) return false;
        bool declared = true;
        if constexpr (has_declared_primary_key<T>) declared = model<T>::primary_key.autoincrement;
        for (std::size_t i = 0; i < column_count; ++i)
            if (facts::column_names[i] == primary_key[0]) return declared && is_integer_kind(facts::kinds[i]);
        return false;
    }();

    // Assigned member by member: GCC 12 rejects an aggregate initialiser here that reads a
    // variable template instantiated during the same evaluation ("modification of ... is not a
    // constant expression").
    static constexpr auto columns = [] {
        std::array<column_descriptor, column_count> out{};
        for (std::size_t i = 0; i < column_count; ++i) {
            column_descriptor& c = out[i];
            c.name = facts::column_names[i];
            c.field = facts::field_names[i];
            c.kind = facts::kinds[i];
            c.nullable = facts::nullable[i];
            c.type_override = facts::options[i].type;
            c.server_default = facts::options[i].server_default;
            c.primary_key = primary_key.contains(c.name);
            c.autoincrement = c.primary_key && autoincrement;
            c.json = facts::options[i].json;
            c.type_on = facts::options[i].type_on;
            c.default_on = facts::options[i].default_on;
            c.key_nullable = c.primary_key && facts::options[i].key_nullable;
        }
        return out;
    }();

    // Fields declared with .unique = true or .index = true, in field order.
    template <bool Unique>
    static constexpr auto flagged_fields = [] {
        constexpr std::size_t n = [] {
            std::size_t k = 0;
            for (const column_options& o : facts::options) k += Unique ? o.unique : o.index;
            return k;
        }();
        std::array<std::size_t, n> out{};
        std::size_t next = 0;
        for (std::size_t i = 0; i < column_count; ++i)
            if (Unique ? facts::options[i].unique : facts::options[i].index) out[next++] = i;
        return out;
    }();

    template <bool Unique, fixed_string Prefix>
    static constexpr auto flagged_names = []<std::size_t... K>(std::index_sequence<K...>) {
        return std::array<std::string_view, sizeof...(K)>{
            sql::static_text<default_constraint_name<Prefix, T, void, flagged_fields<Unique>[K]>>...};
    }(std::make_index_sequence<flagged_fields<Unique>.size()>{});

    static constexpr auto uniques = [] {
        constexpr auto& flagged = flagged_fields<true>;
        std::array<unique_descriptor, std::tuple_size_v<decltype(declared_uniques<T>())> + flagged.size()> out{};
        std::size_t next = 0;
        for (std::size_t k = 0; k < flagged.size(); ++k) {
            name_list names;
            names.push_back(facts::column_names[flagged[k]]);
            out[next++] = {flagged_names<true, "uq_">[k], names};
        }
        if constexpr (has_declared_uniques<T>)
            for_each_declaration(model<T>::unique, [&]<auto... M>(const unique<M...>& u) {
                out[next++] = {constraint_name<"uq_", T, void, M...>(u.name), columns_of(member_list<M...>{})};
            });
        return out;
    }();

    template <auto... M>
    static constexpr index_descriptor describe_index(const index<M...>& x) {
        return {.name = constraint_name<"ix_", T, void, M...>(x.name), .columns = columns_of(member_list<M...>{}), .unique = x.unique,
                .where = x.where};
    }
    static constexpr index_descriptor describe_index(const expression_index& x) {
        return {.name = x.name, .unique = x.unique, .expression = x.expression, .where = x.where};
    }
    template <auto M, fixed_string Path, class V>
    static constexpr index_descriptor describe_index(const json_index<M, Path, V>& x) {
        return {
            .name = x.name.empty() ? sql::static_text<default_json_index_name<T, reflect::field_index<M>, Path>> : x.name,
            .columns = columns_of(member_list<M>{}),
            .unique = x.unique,
            .json_path = Path.view(),
            .json_type = json_scalar_kind<V>,
        };
    }

    static constexpr auto indexes = [] {
        constexpr auto& flagged = flagged_fields<false>;
        std::array<index_descriptor, std::tuple_size_v<decltype(declared_indexes<T>())> + flagged.size()> out{};
        std::size_t next = 0;
        for (std::size_t k = 0; k < flagged.size(); ++k) {
            name_list names;
            names.push_back(facts::column_names[flagged[k]]);
            out[next++] = {flagged_names<false, "ix_">[k], names, false};
        }
        if constexpr (has_declared_indexes<T>)
            for_each_declaration(model<T>::indexes, [&]<class D>(const D& x) { out[next++] = describe_index(x); });
        return out;
    }();

    template <auto... M>
    static constexpr foreign_key_descriptor describe(const foreign_key<M...>& fk) {
        constexpr std::size_t half = sizeof...(M) / 2;
        constexpr auto all = std::tuple{M...};
        using referenced = reflect::member_owner<std::get<half>(all)>;
        return [&]<std::size_t... L>(std::index_sequence<L...>) {
            name_list local;
            name_list remote;
            (local.push_back(column_name_of<T, reflect::field_index<std::get<L>(all)>>), ...);
            (remote.push_back(column_name_of<referenced, reflect::field_index<std::get<L + half>(all)>>), ...);
            return foreign_key_descriptor{
                .name = constraint_name<"fk_", T, referenced, std::get<L>(all)...>(fk.name),
                .columns = local,
                .referenced_table = table_name_of<referenced>,
                .referenced_columns = remote,
                .on_delete = fk.on_delete,
                .on_update = fk.on_update,
            };
        }(std::make_index_sequence<half>{});
    }

    static constexpr auto foreign_keys = [] {
        std::array<foreign_key_descriptor, std::tuple_size_v<decltype(declared_foreign_keys<T>())>> out{};
        if constexpr (has_declared_foreign_keys<T>) {
            std::size_t next = 0;
            for_each_declaration(model<T>::foreign_keys, [&](const auto& fk) { out[next++] = describe(fk); });
        }
        return out;
    }();

    static constexpr table_descriptor descriptor{
        .name = table_name_of<T>,
        .columns = columns,
        .primary_key = primary_key,
        .autoincrement = autoincrement,
        .primary_key_name = [] {
            if constexpr (has_declared_primary_key<T>) return model<T>::primary_key.name;
            else return std::string_view{};
        }(),
        .uniques = uniques,
        .indexes = indexes,
        .foreign_keys = foreign_keys,
    };
};

// An invalid model is reported by model_report (a static_assert naming model, problem and field)
// and then described as an empty table, so that the report is the user's only error rather than
// the first of a cascade from code that goes on using the model.
inline constexpr table_descriptor invalid_model_descriptor{};
template <class T>
constexpr const table_descriptor& checked_descriptor() {
    if constexpr (model_checked<T>) return table_storage<T>::descriptor;
    else return invalid_model_descriptor;
}

}  // namespace tabula::detail

namespace tabula {

// The descriptor of model T.
template <class T>
inline constexpr const table_descriptor& table_of = detail::checked_descriptor<T>();

// The position of the key column(s) of T, for row mapping.
template <class T>
inline constexpr auto primary_key_fields = [] {
    constexpr const table_descriptor& table = table_of<T>;
    std::array<std::size_t, table.primary_key.size()> out{};
    for (std::size_t k = 0; k < out.size(); ++k) out[k] = table.column_position(table.primary_key[k]);
    return out;
}();

}  // namespace tabula
