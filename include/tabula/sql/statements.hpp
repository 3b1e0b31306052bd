// Every statement a model needs, as a compile-time constant per dialect:
//   static_assert(tabula::sql::insert_sql<User, tabula::sql::dialect::sqlite> ==
//                 R"(INSERT INTO "user" ("name", "email") VALUES (?, ?))");
// Each is rendered once, when first used, from the model's table descriptor.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <tabula/schema/table.hpp>
#include <tabula/sql/ddl.hpp>
#include <tabula/sql/dml.hpp>
#include <tabula/sql/static_text.hpp>

namespace tabula::sql {

namespace detail {

enum class model_statement : std::uint8_t { create_table, insert, select_by_key, select_all, update, remove, upsert, count, copy_in };

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
            case model_statement::select_by_key: select_by_key(w, table); break;
            case model_statement::select_all: select_all(w, table); break;
            case model_statement::update: update_by_key(w, table); break;
            case model_statement::remove: delete_by_key(w, table); break;
            case model_statement::upsert: upsert(w, table); break;
            case model_statement::count: count_all(w, table); break;
            case model_statement::copy_in: copy_from_stdin(w, table); break;
        }
    }
};

template <class T, dialect D, model_statement S>
inline constexpr std::string_view model_sql = static_text<model_statement_render<T, D, S>>;

template <class T, dialect D, std::size_t Rows>
struct insert_rows_render {
    template <class Sink>
    constexpr void operator()(Sink& sink) const {
        statement_writer<Sink> w{sink, D};
        insert(w, table_of<T>, Rows);
    }
};

template <class T, dialect D, std::size_t I>
struct create_index_render {
    template <class Sink>
    constexpr void operator()(Sink& sink) const {
        statement_writer<Sink> w{sink, D};
        create_index(w, table_of<T>.name, table_of<T>.indexes[I], true);
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

}  // namespace detail

template <class T, dialect D>
inline constexpr std::string_view create_table_sql = detail::model_sql<T, D, detail::model_statement::create_table>;

// CREATE INDEX IF NOT EXISTS for every index of the model, in declaration order.
template <class T, dialect D>
inline constexpr auto create_index_sql = []<std::size_t... I>(std::index_sequence<I...>) {
    return std::array<std::string_view, sizeof...(I)>{static_text<detail::create_index_render<T, D, I>>...};
}(std::make_index_sequence<table_of<T>.indexes.size()>{});

template <class T, dialect D>
inline constexpr std::string_view insert_sql = detail::model_sql<T, D, detail::model_statement::insert>;

// One INSERT carrying Rows rows: the bulk path.
template <class T, dialect D, std::size_t Rows>
inline constexpr std::string_view insert_rows_sql = static_text<detail::insert_rows_render<T, D, Rows>>;

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

template <class T, dialect D>
inline constexpr std::string_view count_sql = detail::model_sql<T, D, detail::model_statement::count>;

}  // namespace tabula::sql
