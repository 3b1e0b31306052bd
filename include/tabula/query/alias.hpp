// A model read a second time under another name, for self-joins:
//   using parent = tabula::alias<Message, "parent">;
//   db.query<Message>().join<parent>(col<&Message::parent_id> == parent::col<&Message::id>)
//       .select(col<&Message::body>, parent::col<&Message::body>).all();
// renders FROM "message" INNER JOIN "message" AS "parent" ON "message"."parent_id" = "parent"."id".
// An alias's columns compare, order, match (in, like, between), are aggregated and selected like columns; a query without select()
// reads whole rows of the alias as rows of its model.
#pragma once

#include <optional>
#include <string_view>
#include <type_traits>

#include <tabula/query/expression.hpp>
#include <tabula/reflect/fixed_string.hpp>
#include <tabula/schema/detail/declared.hpp>
#include <tabula/schema/diagnostics.hpp>
#include <tabula/sql/writer.hpp>

namespace tabula {

template <class Alias, auto Member>
struct aliased_column;

template <class Model, fixed_string Name>
struct alias {
    static_assert(!Name.view().empty(), "tabula: an alias needs a name");
    using model = Model;
    static constexpr std::string_view name = Name.view();

    // A column of Model, read through this alias: parent::col<&Message::id>.
    template <auto Member>
        requires(reflect::data_member_pointer<Member> && std::is_same_v<reflect::member_owner<Member>, Model>)
    static constexpr aliased_column<alias, Member> col{};
};

template <class T>
inline constexpr bool is_alias = false;
template <class Model, fixed_string Name>
inline constexpr bool is_alias<alias<Model, Name>> = true;

// The column Member of the alias's model, written "<alias name>"."<column>"; it takes in(),
// like(), between() and the aggregates as col<&T::f> does.
template <class Alias, auto Member>
struct aliased_column : query_detail::node_base, query_detail::column_conditions<aliased_column<Alias, Member>, typename Alias::model, Member> {
    using field = reflect::member_type<Member>;
    using value_type = query_detail::plain<field>;
    using result_type = field;
    static constexpr bool is_static = true;

    template <class Sink>
    static constexpr void render(sql::statement_writer<Sink>& w, const aliased_column*) {
        w.qualified(Alias::name, column_name<Member>);
    }
    template <class Binder>
    void bind(Binder&) const {}
    template <class F>
    static constexpr void visit_columns(F& f) {
        f(query_detail::member_constant<Member, Alias>{});
    }

    constexpr auto asc() const { return expression_order<std::true_type, aliased_column>{}; }
    constexpr auto desc() const { return expression_order<std::false_type, aliased_column>{}; }
    auto is_null() const { return null_test<aliased_column, false>{}; }
    auto is_not_null() const { return null_test<aliased_column, true>{}; }
};

template <class Alias, auto Member>
inline constexpr bool is_column<aliased_column<Alias, Member>> = true;

template <class Alias, auto Member>
struct order_of<aliased_column<Alias, Member>> {
    using type = expression_order<std::true_type, aliased_column<Alias, Member>>;
};

// The model whose rows T reads: T itself, or the model of an alias.
template <class T>
struct aliased_model {
    using type = T;
};
template <class Model, fixed_string Name>
struct aliased_model<alias<Model, Name>> {
    using type = Model;
};

// What join<M>(on) takes: a valid model, or an alias of one.
template <class T>
concept joinable = valid_model<T> || (is_alias<T> && valid_model<typename T::model>);

// The table a join names, and the alias it is read under (empty for a model).
template <class T>
struct joined_table {
    static constexpr std::string_view table = table_name_of<T>;
    static constexpr std::string_view alias_name{};
};
template <class Model, fixed_string Name>
struct joined_table<alias<Model, Name>> {
    static constexpr std::string_view table = table_name_of<Model>;
    static constexpr std::string_view alias_name = Name.view();
};

}  // namespace tabula
