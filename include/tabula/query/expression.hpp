// Typed conditions over columns named by member pointer:
//   tabula::col<&User::age> >= 18 && tabula::col<&User::name>.like("A%")
// An expression's type carries its shape, so the SQL of a condition is a compile-time constant;
// its values travel in the object and are bound as parameters. Only IN over a run-time list has
// a run-time shape (its placeholder count), and renders at run time.
#pragma once

#include <concepts>
#include <cstddef>
#include <optional>
#include <ranges>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <tabula/reflect/fields.hpp>
#include <tabula/schema/detail/declared.hpp>
#include <tabula/schema/value_traits.hpp>
#include <tabula/sql/select.hpp>
#include <tabula/sql/writer.hpp>

namespace tabula {

namespace query_detail {

template <class T>
using plain = std::remove_cvref_t<decltype(*std::declval<std::optional<T>>())>;

// The value a comparison with column type C stores for an argument of type V: arithmetic values
// keep their own type (age > 17.5 compares as a double), strings become std::string, everything
// else converts to the column's type, which is what the column's codec binds.
template <class C, class V>
struct bound_type {
    using type = C;
};
template <class C, class V>
    requires(std::is_arithmetic_v<C> && !std::is_same_v<C, bool> && std::is_arithmetic_v<std::remove_cvref_t<V>> &&
             !std::is_same_v<std::remove_cvref_t<V>, bool>)
struct bound_type<C, V> {
    using type = std::remove_cvref_t<V>;
};

template <class C, class V>
concept comparable_with = [] {
    using value = std::remove_cvref_t<V>;
    if constexpr (std::is_same_v<C, bool>) return std::is_same_v<value, bool>;
    else if constexpr (std::is_arithmetic_v<C>) return std::is_arithmetic_v<value> && !std::is_same_v<value, bool>;
    else if constexpr (std::is_same_v<C, std::string>) return std::is_convertible_v<V, std::string_view>;
    else if constexpr (std::is_enum_v<C>) return std::is_same_v<value, C>;
    else return std::is_constructible_v<C, V>;
}();

// Marks every expression node; conditions accept only these.
struct node_base {};

}  // namespace query_detail

template <class E>
concept expression = std::derived_from<std::remove_cvref_t<E>, query_detail::node_base>;

template <class E>
concept static_expression = expression<E> && std::remove_cvref_t<E>::is_static;

// A value bound as one parameter.
template <class V>
struct bound_value : query_detail::node_base {
    static constexpr bool is_static = true;
    V value;
    template <class Sink>
    static constexpr void render(sql::statement_writer<Sink>& w, const bound_value*) {
        w.parameter();
    }
    template <class Binder>
    void bind(Binder& binder) const {
        binder(value);
    }
};

// ---- predicates ------------------------------------------------------------------------------

template <class Column, bool Negated>
struct null_test : query_detail::node_base {
    static constexpr bool is_static = true;
    template <class Sink>
    static constexpr void render(sql::statement_writer<Sink>& w, const null_test*) {
        Column::render(w, nullptr);
        w.put(Negated ? " IS NOT NULL" : " IS NULL");
    }
    template <class Binder>
    void bind(Binder&) const {}
};

template <class Column, bool Negated>
struct like_test : query_detail::node_base {
    static constexpr bool is_static = true;
    std::string pattern;
    template <class Sink>
    static constexpr void render(sql::statement_writer<Sink>& w, const like_test*) {
        Column::render(w, nullptr);
        w.put(Negated ? " NOT LIKE " : " LIKE ").parameter();
        sql::like_escape(w);
    }
    template <class Binder>
    void bind(Binder& binder) const {
        binder(pattern);
    }
};

template <class Column, class V>
struct between_test : query_detail::node_base {
    static constexpr bool is_static = true;
    V low;
    V high;
    template <class Sink>
    static constexpr void render(sql::statement_writer<Sink>& w, const between_test*) {
        Column::render(w, nullptr);
        w.put(" BETWEEN ").parameter().put(" AND ").parameter();
    }
    template <class Binder>
    void bind(Binder& binder) const {
        binder(low);
        binder(high);
    }
};

// IN over a run-time list: the one node whose text depends on run-time data.
template <class Column, class V, bool Negated>
struct in_list : query_detail::node_base {
    static constexpr bool is_static = false;
    std::vector<V> values;
    template <class Sink>
    static constexpr void render(sql::statement_writer<Sink>& w, const in_list* self) {
        if (self->values.empty()) {
            w.put(Negated ? "1 = 1" : "1 = 0");
            return;
        }
        Column::render(w, nullptr);
        w.put(Negated ? " NOT IN (" : " IN (");
        for (std::size_t i = 0; i < self->values.size(); ++i) {
            if (i) w.put(", ");
            w.parameter();
        }
        w.put(')');
    }
    template <class Binder>
    void bind(Binder& binder) const {
        for (const V& v : values) binder(v);
    }
};

template <class Order, auto Member>
struct order_term;

// A column of a model: tabula::col<&User::age>.
template <auto Member>
    requires reflect::data_member_pointer<Member>
struct column_ref : query_detail::node_base {
    using model = reflect::member_owner<Member>;
    using field = reflect::member_type<Member>;
    using value_type = query_detail::plain<field>;
    static constexpr bool is_static = true;
    static constexpr bool nullable = value_traits<field>::nullable;

    template <class Sink>
    static constexpr void render(sql::statement_writer<Sink>& w, const column_ref*) {
        w.identifier(column_name<Member>);
    }
    template <class Binder>
    void bind(Binder&) const {}

    // IN (...) over any range of comparable values; an empty list matches nothing.
    template <class Range>
        requires query_detail::comparable_with<value_type, std::ranges::range_reference_t<const Range>>
    auto in(const Range& values) const {
        return list<false>(values);
    }
    template <class Range>
        requires query_detail::comparable_with<value_type, std::ranges::range_reference_t<const Range>>
    auto not_in(const Range& values) const {
        return list<true>(values);
    }

    // LIKE with '\' as the escape character on every dialect (see tabula::escape_like).
    auto like(std::string pattern) const
        requires std::is_same_v<value_type, std::string>
    {
        return like_test<column_ref, false>{{}, std::move(pattern)};
    }
    auto not_like(std::string pattern) const
        requires std::is_same_v<value_type, std::string>
    {
        return like_test<column_ref, true>{{}, std::move(pattern)};
    }

    auto is_null() const { return null_test<column_ref, false>{}; }
    auto is_not_null() const { return null_test<column_ref, true>{}; }

    template <class Low, class High>
        requires query_detail::comparable_with<value_type, Low> && query_detail::comparable_with<value_type, High>
    auto between(Low&& low, High&& high) const {
        using stored = typename query_detail::bound_type<value_type, Low>::type;
        return between_test<column_ref, stored>{{}, stored(std::forward<Low>(low)), stored(std::forward<High>(high))};
    }

    constexpr order_term<std::true_type, Member> asc() const { return {}; }
    constexpr order_term<std::false_type, Member> desc() const { return {}; }

private:
    template <bool Negated, class Range>
    auto list(const Range& values) const {
        using stored = typename query_detail::bound_type<value_type, std::ranges::range_reference_t<const Range>>::type;
        in_list<column_ref, stored, Negated> node;
        for (const auto& v : values) node.values.emplace_back(v);
        return node;
    }
};

template <auto Member>
    requires reflect::data_member_pointer<Member>
inline constexpr column_ref<Member> col{};

// ---- comparisons -----------------------------------------------------------------------------

template <fixed_string Operator, class Left, class Right>
struct comparison : query_detail::node_base {
    static constexpr bool is_static = Left::is_static && Right::is_static;
    Left left;
    Right right;
    template <class Sink>
    static constexpr void render(sql::statement_writer<Sink>& w, const comparison* self) {
        Left::render(w, self ? &self->left : nullptr);
        w.put(Operator.view());
        Right::render(w, self ? &self->right : nullptr);
    }
    template <class Binder>
    void bind(Binder& binder) const {
        left.bind(binder);
        right.bind(binder);
    }
};

#define TABULA_COMPARISON_OPERATOR(op, text)                                                                     \
    template <auto Member, class V>                                                                              \
        requires query_detail::comparable_with<typename column_ref<Member>::value_type, V> && (!expression<V>)   \
    auto operator op(column_ref<Member> column, V&& value) {                                                     \
        using stored = typename query_detail::bound_type<typename column_ref<Member>::value_type, V>::type;      \
        return comparison<text, column_ref<Member>, bound_value<stored>>{{}, column, {{}, stored(std::forward<V>(value))}}; \
    }                                                                                                            \
    template <auto A, auto B>                                                                                    \
        requires query_detail::comparable_with<typename column_ref<A>::value_type, typename column_ref<B>::value_type> \
    auto operator op(column_ref<A> left, column_ref<B> right) {                                                  \
        return comparison<text, column_ref<A>, column_ref<B>>{{}, left, right};                                  \
    }
TABULA_COMPARISON_OPERATOR(==, " = ")
TABULA_COMPARISON_OPERATOR(!=, " <> ")
TABULA_COMPARISON_OPERATOR(<, " < ")
TABULA_COMPARISON_OPERATOR(<=, " <= ")
TABULA_COMPARISON_OPERATOR(>, " > ")
TABULA_COMPARISON_OPERATOR(>=, " >= ")
#undef TABULA_COMPARISON_OPERATOR

// Escapes %, _ and \ so `text` matches literally inside a LIKE pattern: like("%" + escape_like(s) + "%").
inline std::string escape_like(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
        out.push_back(c);
    }
    return out;
}

// ---- logic -----------------------------------------------------------------------------------

template <class Left, class Right>
struct disjunction;

template <class E>
inline constexpr bool is_disjunction = false;
template <class L, class R>
inline constexpr bool is_disjunction<disjunction<L, R>> = true;

// AND binds tighter than OR: only OR operands of an AND need parentheses.
template <class Left, class Right>
struct conjunction : query_detail::node_base {
    static constexpr bool is_static = Left::is_static && Right::is_static;
    Left left;
    Right right;
    template <class E, class Sink>
    static constexpr void operand(sql::statement_writer<Sink>& w, const E* e) {
        if constexpr (is_disjunction<E>) w.put('(');
        E::render(w, e);
        if constexpr (is_disjunction<E>) w.put(')');
    }
    template <class Sink>
    static constexpr void render(sql::statement_writer<Sink>& w, const conjunction* self) {
        operand<Left>(w, self ? &self->left : nullptr);
        w.put(" AND ");
        operand<Right>(w, self ? &self->right : nullptr);
    }
    template <class Binder>
    void bind(Binder& binder) const {
        left.bind(binder);
        right.bind(binder);
    }
};

template <class Left, class Right>
struct disjunction : query_detail::node_base {
    static constexpr bool is_static = Left::is_static && Right::is_static;
    Left left;
    Right right;
    template <class Sink>
    static constexpr void render(sql::statement_writer<Sink>& w, const disjunction* self) {
        Left::render(w, self ? &self->left : nullptr);
        w.put(" OR ");
        Right::render(w, self ? &self->right : nullptr);
    }
    template <class Binder>
    void bind(Binder& binder) const {
        left.bind(binder);
        right.bind(binder);
    }
};

template <class Inner>
struct negation : query_detail::node_base {
    static constexpr bool is_static = Inner::is_static;
    Inner inner;
    template <class Sink>
    static constexpr void render(sql::statement_writer<Sink>& w, const negation* self) {
        w.put("NOT (");
        Inner::render(w, self ? &self->inner : nullptr);
        w.put(')');
    }
    template <class Binder>
    void bind(Binder& binder) const {
        inner.bind(binder);
    }
};

template <expression L, expression R>
auto operator&&(L&& left, R&& right) {
    return conjunction<std::remove_cvref_t<L>, std::remove_cvref_t<R>>{{}, std::forward<L>(left), std::forward<R>(right)};
}
template <expression L, expression R>
auto operator||(L&& left, R&& right) {
    return disjunction<std::remove_cvref_t<L>, std::remove_cvref_t<R>>{{}, std::forward<L>(left), std::forward<R>(right)};
}
template <expression E>
auto operator!(E&& inner) {
    return negation<std::remove_cvref_t<E>>{{}, std::forward<E>(inner)};
}

// ---- ordering --------------------------------------------------------------------------------

template <class Ascending, auto Member>
struct order_term {
    template <class Sink>
    static constexpr void render(sql::statement_writer<Sink>& w) {
        w.identifier(column_name<Member>).put(Ascending::value ? " ASC" : " DESC");
    }
};

template <auto Member>
constexpr order_term<std::true_type, Member> asc(column_ref<Member>) {
    return {};
}
template <auto Member>
constexpr order_term<std::false_type, Member> desc(column_ref<Member>) {
    return {};
}

template <class T>
inline constexpr bool is_order_term = false;
template <class A, auto M>
inline constexpr bool is_order_term<order_term<A, M>> = true;

// A column ordered ascending, or an explicit asc/desc term.
template <class T>
struct order_of {
    using type = T;
};
template <auto Member>
struct order_of<column_ref<Member>> {
    using type = order_term<std::true_type, Member>;
};

template <class T>
concept order_expression = is_order_term<typename order_of<std::remove_cvref_t<T>>::type>;

}  // namespace tabula

namespace tabula {

// True when every column an expression names belongs to Model.
template <class Model, class E>
inline constexpr bool only_columns_of = true;
template <class Model, auto M>
inline constexpr bool only_columns_of<Model, column_ref<M>> = std::is_same_v<reflect::member_owner<M>, Model>;
template <class Model, fixed_string Op, class L, class R>
inline constexpr bool only_columns_of<Model, comparison<Op, L, R>> = only_columns_of<Model, L> && only_columns_of<Model, R>;
template <class Model, class C, bool N>
inline constexpr bool only_columns_of<Model, null_test<C, N>> = only_columns_of<Model, C>;
template <class Model, class C, bool N>
inline constexpr bool only_columns_of<Model, like_test<C, N>> = only_columns_of<Model, C>;
template <class Model, class C, class V>
inline constexpr bool only_columns_of<Model, between_test<C, V>> = only_columns_of<Model, C>;
template <class Model, class C, class V, bool N>
inline constexpr bool only_columns_of<Model, in_list<C, V, N>> = only_columns_of<Model, C>;
template <class Model, class L, class R>
inline constexpr bool only_columns_of<Model, conjunction<L, R>> = only_columns_of<Model, L> && only_columns_of<Model, R>;
template <class Model, class L, class R>
inline constexpr bool only_columns_of<Model, disjunction<L, R>> = only_columns_of<Model, L> && only_columns_of<Model, R>;
template <class Model, class I>
inline constexpr bool only_columns_of<Model, negation<I>> = only_columns_of<Model, I>;
template <class Model, class A, auto M>
inline constexpr bool only_columns_of<Model, order_term<A, M>> = std::is_same_v<reflect::member_owner<M>, Model>;

}  // namespace tabula
