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

template <class T, auto... Members>
constexpr name_list columns_of(member_list<Members...>) {
    name_list names;
    (names.push_back(column_name_of<reflect::member_owner<Members>, reflect::field_index<Members>>), ...);
    return names;
}

template <class T>
constexpr auto primary_key_members() {
    if constexpr (requires { model<T>::primary_key; }) {
        return typename declaration_parts<std::remove_cvref_t<decltype(model<T>::primary_key)>>::members{};
    } else {
        return std::integral_constant<std::size_t, id_field<T>()>{};
    }
}

template <class T>
constexpr name_list primary_key_columns() {
    constexpr auto members = primary_key_members<T>();
    if constexpr (requires { model<T>::primary_key; }) {
        return columns_of<T>(members);
    } else {
        name_list names;
        names.push_back(column_name_of<T, decltype(members)::value>);
        return names;
    }
}

template <class T>
constexpr bool primary_key_autoincrement() {
    const name_list key = primary_key_columns<T>();
    if (key.size() != 1) return false;
    bool declared = true;
    if constexpr (requires { model<T>::primary_key; }) declared = model<T>::primary_key.autoincrement;
    bool integer = false;
    reflect::for_each_field_index<T>([&](auto i) {
        if (column_name_of<T, i.value> == key[0]) integer = is_integer_kind(field_kind<T, i.value>());
    });
    return declared && integer;
}

template <class T>
constexpr std::size_t count_column_flags(bool want_unique) {
    std::size_t n = 0;
    reflect::for_each_field_index<T>([&](auto i) {
        const auto options = column_options<T, i.value>();
        n += want_unique ? options.unique : options.index;
    });
    return n;
}

template <class T>
struct table_storage {
    static_assert(model_checked<T>, "tabula: invalid model (see the model_report above)");
    static constexpr std::size_t column_count = reflect::field_count<T>;
    static constexpr name_list primary_key = primary_key_columns<T>();
    static constexpr bool autoincrement = primary_key_autoincrement<T>();

    static constexpr auto columns = [] {
        std::array<column_descriptor, column_count> out{};
        reflect::for_each_field_index<T>([&](auto i) {
            using field = reflect::field_type<i.value, T>;
            const auto options = column_options<T, i.value>();
            const std::string_view name = column_name_of<T, i.value>;
            const bool in_key = primary_key.contains(name);
            out[i.value] = column_descriptor{
                .name = name,
                .field = reflect::field_name<T, i.value>,
                .kind = value_traits<field>::kind,
                .nullable = value_traits<field>::nullable,
                .type_override = options.type,
                .server_default = options.server_default,
                .primary_key = in_key,
                .autoincrement = in_key && autoincrement,
            };
        });
        return out;
    }();

    static constexpr auto uniques = [] {
        constexpr std::size_t declared = std::tuple_size_v<decltype(declared_uniques<T>())>;
        std::array<unique_descriptor, declared + count_column_flags<T>(true)> out{};
        std::size_t next = 0;
        reflect::for_each_field_index<T>([&](auto i) {
            if constexpr (column_options<T, i.value>().unique) {
                name_list names;
                names.push_back(column_name_of<T, i.value>);
                out[next++] = {sql::static_text<default_constraint_name<"uq_", T, void, i.value>>, names};
            }
        });
        for_each_declaration(declared_uniques<T>(), [&]<auto... M>(const unique<M...>& u) {
            out[next++] = {constraint_name<"uq_", T, void, M...>(u.name), columns_of<T>(member_list<M...>{})};
        });
        return out;
    }();

    static constexpr auto indexes = [] {
        constexpr std::size_t declared = std::tuple_size_v<decltype(declared_indexes<T>())>;
        std::array<index_descriptor, declared + count_column_flags<T>(false)> out{};
        std::size_t next = 0;
        reflect::for_each_field_index<T>([&](auto i) {
            if constexpr (column_options<T, i.value>().index) {
                name_list names;
                names.push_back(column_name_of<T, i.value>);
                out[next++] = {sql::static_text<default_constraint_name<"ix_", T, void, i.value>>, names, false};
            }
        });
        for_each_declaration(declared_indexes<T>(), [&]<auto... M>(const index<M...>& x) {
            out[next++] = {constraint_name<"ix_", T, void, M...>(x.name), columns_of<T>(member_list<M...>{}), x.unique};
        });
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
        constexpr std::size_t declared = std::tuple_size_v<decltype(declared_foreign_keys<T>())>;
        std::array<foreign_key_descriptor, declared> out{};
        std::size_t next = 0;
        for_each_declaration(declared_foreign_keys<T>(), [&](const auto& fk) { out[next++] = describe(fk); });
        return out;
    }();

    static constexpr table_descriptor descriptor{
        .name = table_name_of<T>,
        .columns = columns,
        .primary_key = primary_key,
        .autoincrement = autoincrement,
        .uniques = uniques,
        .indexes = indexes,
        .foreign_keys = foreign_keys,
    };
};

}  // namespace tabula::detail

namespace tabula {

// The descriptor of model T.
template <class T>
inline constexpr const table_descriptor& table_of = detail::table_storage<T>::descriptor;

// The position of the key column(s) of T, for row mapping.
template <class T>
inline constexpr auto primary_key_fields = [] {
    constexpr const table_descriptor& table = table_of<T>;
    std::array<std::size_t, table.primary_key.size()> out{};
    for (std::size_t k = 0; k < out.size(); ++k) out[k] = table.column_position(table.primary_key[k]);
    return out;
}();

}  // namespace tabula
