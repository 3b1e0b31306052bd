// Every statement a model needs, as a compile-time constant per dialect:
//   static_assert(tabula::sql::insert_sql<User, tabula::sql::dialect::sqlite> ==
//                 R"(INSERT INTO "user" ("name", "email") VALUES (?, ?))");
// Each is rendered once, when first used, from the model's table descriptor.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>

#include <tabula/schema/table.hpp>
#include <tabula/sql/ddl.hpp>
#include <tabula/sql/dml.hpp>
#include <tabula/sql/static_text.hpp>

namespace tabula::sql {

namespace detail {

enum class model_statement : std::uint8_t {
    create_table,
    insert,
    insert_with_key,
    select_by_key,
    select_all,
    update,
    remove,
    upsert,
    count,
    copy_in,
    copy_in_with_keys,
    advance_key_sequence,
};

// A Render for static_text: one statement of model T in dialect D.
template <class T, dialect D, model_statement S>
struct model_statement_render {
    template <class Sink>
    constexpr void operator()(Sink& sink) const {
        statement_writer<Sink> w{sink, D};
        const table_descriptor& table = table_of<T>;
        switch (S) {
            case model_statement::create_table: create_table(w, table, true); break;
            case model_statement::insert: insert(w, table); break;
            case model_statement::insert_with_key: insert_with_key(w, table); break;
            case model_statement::select_by_key: select_by_key(w, table); break;
            case model_statement::select_all: select_all(w, table); break;
            case model_statement::update: update_by_key(w, table); break;
            case model_statement::remove: delete_by_key(w, table); break;
            case model_statement::upsert: upsert(w, table); break;
            case model_statement::count: count_all(w, table); break;
            case model_statement::copy_in: copy_from_stdin(w, table); break;
            case model_statement::copy_in_with_keys: copy_from_stdin(w, table, true); break;
            case model_statement::advance_key_sequence: advance_key_sequence(w, table); break;
        }
    }
};

template <class T, dialect D, model_statement S>
inline constexpr std::string_view model_sql = static_text<model_statement_render<T, D, S>>;

template <class T, dialect D, std::size_t Rows, bool WithKeys = false>
struct insert_rows_render {
    template <class Sink>
    constexpr void operator()(Sink& sink) const {
        statement_writer<Sink> w{sink, D};
        insert(w, table_of<T>, Rows, WithKeys);
    }
};

template <class T, dialect D, std::size_t I>
struct create_index_render {
    // The session of a MySQL backend creates T's indexes: refuse a json_index, an expression
    // index or a partial index at compile time.
    static constexpr bool supported = supports_json_index(D) || !table_of<T>.indexes[I].on_json_path();
    static constexpr bool expression_supported = supports_index(D, table_of<T>.indexes[I]) || table_of<T>.indexes[I].on_json_path();
    static_assert(supported, "tabula: tabula::json_index is not supported on MySQL/MariaDB (dialect mysql): they have no expression "
                             "index matching a JSON path; declare it only in models used with SQLite or PostgreSQL");
    static_assert(expression_supported,
                  "tabula: expression and partial indexes (tabula::expression_index, .where) are not supported on MySQL/MariaDB "
                  "(dialect mysql): MariaDB has neither; declare them only in models used with SQLite or PostgreSQL");
    template <class Sink>
    constexpr void operator()(Sink& sink) const {
        statement_writer<Sink> w{sink, D};
        // Refused above: rendering would only add the run-time refusal's error to the report.
        if constexpr (supported && expression_supported) create_index(w, table_of<T>.name, table_of<T>.indexes[I], true);
    }
};

template <class T, dialect D, std::size_t... Fields>
struct update_columns_render {
    template <class Sink>
    constexpr void operator()(Sink& sink) const {
        statement_writer<Sink> w{sink, D};
        constexpr std::array<std::string_view, sizeof...(Fields)> chosen{table_of<T>.columns[Fields].name...};
        update_by_key(w, table_of<T>, chosen);
    }
};

template <class T, dialect D, bool WithKey>
struct insert_or_ignore_render {
    template <class Sink>
    constexpr void operator()(Sink& sink) const {
        statement_writer<Sink> w{sink, D};
        insert_or_ignore(w, table_of<T>, WithKey);
    }
};

template <class T, std::size_t... Fields>
constexpr name_list field_columns() {
    name_list names;
    (names.push_back(table_of<T>.columns[Fields].name), ...);
    return names;
}

template <class T, dialect D, bool WithKey, std::size_t... Target>
struct upsert_on_render {
    template <class Sink>
    constexpr void operator()(Sink& sink) const {
        statement_writer<Sink> w{sink, D};
        upsert_on(w, table_of<T>, field_columns<T, Target...>(), WithKey);
    }
};

template <class T, dialect D, std::size_t... Target>
struct select_key_where_render {
    template <class Sink>
    constexpr void operator()(Sink& sink) const {
        statement_writer<Sink> w{sink, D};
        select_key_where(w, table_of<T>, field_columns<T, Target...>());
    }
};

template <class T, dialect D, bool WithKey, std::size_t... Defaulted>
struct insert_returning_render {
    static_assert(has_returning(D, returning_statement::insert), "tabula: this dialect has no INSERT ... RETURNING");
    template <class Sink>
    constexpr void operator()(Sink& sink) const {
        statement_writer<Sink> w{sink, D};
        std::array<bool, table_of<T>.columns.size()> defaulted{};
        ((defaulted[Defaulted] = true), ...);
        insert_returning(w, table_of<T>, WithKey, defaulted);
    }
};

}  // namespace detail

// The columns (field positions in T) are the primary key, a unique constraint or a unique index.
template <class T, std::size_t... Fields>
constexpr bool unique_key(std::index_sequence<Fields...> = {}) {
    const name_list target = detail::field_columns<T, Fields...>();
    auto same_set = [&](const name_list& key) {
        if (key.size() != target.size()) return false;
        for (std::string_view name : target)
            if (!key.contains(name)) return false;
        return true;
    };
    if (same_set(table_of<T>.primary_key)) return true;
    for (const unique_descriptor& u : table_of<T>.uniques)
        if (same_set(u.columns)) return true;
    for (const index_descriptor& i : table_of<T>.indexes)
        if (i.unique && same_set(i.columns)) return true;
    return false;
}

// INSERT ... ON CONFLICT DO NOTHING (PostgreSQL; see insert_or_ignore in dml.hpp). WithKey: a
// generated key the caller set is written too.
template <class T, dialect D, bool WithKey = false>
inline constexpr std::string_view insert_or_ignore_sql = static_text<detail::insert_or_ignore_render<T, D, WithKey>>;

// INSERT ... RETURNING every column: the row as stored. The fields Defaulted (positions in T) are
// not written and take their server defaults; WithKey: a generated key the caller set is written.
template <class T, dialect D, bool WithKey = false, std::size_t... Defaulted>
inline constexpr std::string_view insert_returning_sql = static_text<detail::insert_returning_render<T, D, WithKey, Defaulted...>>;

// Upsert on the unique key of the fields Target (positions in T).
template <class T, dialect D, bool WithKey, std::size_t... Target>
inline constexpr std::string_view upsert_on_sql = static_text<detail::upsert_on_render<T, D, WithKey, Target...>>;

template <class T, dialect D, std::size_t... Target>
inline constexpr std::string_view select_key_where_sql = static_text<detail::select_key_where_render<T, D, Target...>>;

template <class T, dialect D>
inline constexpr std::string_view create_table_sql = detail::model_sql<T, D, detail::model_statement::create_table>;

// CREATE INDEX IF NOT EXISTS for every index of the model, in declaration order.
template <class T, dialect D>
inline constexpr auto create_index_sql = []<std::size_t... I>(std::index_sequence<I...>) {
    return std::array<std::string_view, sizeof...(I)>{static_text<detail::create_index_render<T, D, I>>...};
}(std::make_index_sequence<table_of<T>.indexes.size()>{});

template <class T, dialect D>
inline constexpr std::string_view insert_sql = detail::model_sql<T, D, detail::model_statement::insert>;

// The INSERT of a row whose generated key the caller set: every column is written.
template <class T, dialect D>
inline constexpr std::string_view insert_with_key_sql = detail::model_sql<T, D, detail::model_statement::insert_with_key>;

// One INSERT carrying Rows rows: the bulk path (WithKeys: rows that set their generated keys).
template <class T, dialect D, std::size_t Rows, bool WithKeys = false>
inline constexpr std::string_view insert_rows_sql = static_text<detail::insert_rows_render<T, D, Rows, WithKeys>>;

template <class T, dialect D>
inline constexpr std::string_view select_by_key_sql = detail::model_sql<T, D, detail::model_statement::select_by_key>;

template <class T, dialect D>
inline constexpr std::string_view select_all_sql = detail::model_sql<T, D, detail::model_statement::select_all>;

template <class T, dialect D>
inline constexpr std::string_view update_sql = detail::model_sql<T, D, detail::model_statement::update>;

// UPDATE of the chosen fields only (field positions in T).
template <class T, dialect D, std::size_t... Fields>
inline constexpr std::string_view update_columns_sql = static_text<detail::update_columns_render<T, D, Fields...>>;

template <class T, dialect D>
inline constexpr std::string_view delete_sql = detail::model_sql<T, D, detail::model_statement::remove>;

template <class T, dialect D>
inline constexpr std::string_view upsert_sql = detail::model_sql<T, D, detail::model_statement::upsert>;

template <class T, dialect D>
inline constexpr std::string_view copy_in_sql = detail::model_sql<T, D, detail::model_statement::copy_in>;

// COPY of rows that set their generated keys, and the statement that then moves the key's sequence.
template <class T, dialect D>
inline constexpr std::string_view copy_in_with_keys_sql = detail::model_sql<T, D, detail::model_statement::copy_in_with_keys>;
template <class T, dialect D>
inline constexpr std::string_view advance_key_sequence_sql = detail::model_sql<T, D, detail::model_statement::advance_key_sequence>;

template <class T, dialect D>
inline constexpr std::string_view count_sql = detail::model_sql<T, D, detail::model_statement::count>;

}  // namespace tabula::sql
