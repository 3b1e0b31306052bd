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

#include <tabula/error.hpp>
#include <tabula/reflect/fields.hpp>
#include <tabula/schema/detail/declared.hpp>
#include <tabula/schema/diagnostics.hpp>
#include <tabula/schema/value_traits.hpp>
#include <tabula/sql/select.hpp>
#include <tabula/sql/writer.hpp>

namespace tabula {

namespace query_detail {

template <class T>
using plain = std::remove_cvref_t<decltype(*std::declval<std::optional<T>>())>;

// The type an optional holds, or the type itself.
template <class T>
struct unwrap_optional {
    using type = T;
};
template <class T>
struct unwrap_optional<std::optional<T>> {
    using type = T;
};
template <class T>
using unwrapped = typename unwrap_optional<std::remove_cvref_t<T>>::type;

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

// A column as a value, handed to visit_columns callbacks. Source is the model (or the
// tabula::alias of it) the query must read for the column to be in scope.
template <auto Member, class Source = reflect::member_owner<Member>>
struct member_constant {
    static constexpr auto value = Member;
    using source = Source;
};

}  // namespace query_detail

template <class E>
concept expression = std::derived_from<std::remove_cvref_t<E>, query_detail::node_base>;

template <class E>
concept static_expression = expression<E> && std::remove_cvref_t<E>::is_static;

// An expression with a value of its own (a column, an aggregate): it compares with values.
template <class E>
concept value_expression = expression<E> && requires { typename std::remove_cvref_t<E>::value_type; };

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
    template <class F>
    static constexpr void visit_columns(F&) {}
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
    template <class F>
    static constexpr void visit_columns(F& f) {
        Column::visit_columns(f);
    }
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
    template <class F>
    static constexpr void visit_columns(F& f) {
        Column::visit_columns(f);
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
    template <class F>
    static constexpr void visit_columns(F& f) {
        Column::visit_columns(f);
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
    template <class F>
    static constexpr void visit_columns(F& f) {
        Column::visit_columns(f);
    }
};

template <class Order, auto Member>
struct order_term;

// IN (subquery): Query is the subquery's shape (a type with static render(writer, const state*)
// and bind(binder, const state&)); the node carries the subquery's values.
template <class Column, class Query, bool Negated>
struct in_query : query_detail::node_base {
    static constexpr bool is_static = Query::is_static;
    typename Query::state state;
    template <class Sink>
    static constexpr void render(sql::statement_writer<Sink>& w, const in_query* self) {
        Column::render(w, nullptr);
        w.put(Negated ? " NOT IN (" : " IN (");
        Query::render(w, self ? &self->state : nullptr);
        w.put(')');
    }
    template <class Binder>
    void bind(Binder& binder) const {
        Query::bind(binder, state);
    }
    // The subquery's columns are its own; only the compared column belongs to the outer query.
    template <class F>
    static constexpr void visit_columns(F& f) {
        Column::visit_columns(f);
    }
};

namespace query_detail {
// A query that selects one value: what .in() takes as a subquery.
template <class Q>
concept single_value_query = requires { typename std::remove_cvref_t<Q>::subquery_shape; } && std::remove_cvref_t<Q>::single_value;
}  // namespace query_detail

namespace query_detail {
// What `col<&T::f> = value` accepts: a value comparable with the column's type (never a floating
// value for an integer column), and for a nullable column also std::nullopt or an optional.
template <class Field, class V>
concept assignable_from = [] {
    using column_value = unwrapped<Field>;
    using value = std::remove_cvref_t<V>;
    if constexpr (std::is_same_v<value, std::nullopt_t>) return detail::is_optional<Field>;
    else if constexpr (detail::is_optional<value>) return detail::is_optional<Field> && comparable_with<column_value, typename value::value_type>;
    else if constexpr (std::derived_from<value, node_base>) return false;
    else return comparable_with<column_value, V> && !(std::is_integral_v<column_value> && std::is_floating_point_v<value>);
}();
}  // namespace query_detail

// `column = value` in an update by query: UPDATE ... SET "column" = ?. Not a condition.
template <auto Member, class Field>
struct assignment {
    Field value;
    template <class Sink>
    static constexpr void render(sql::statement_writer<Sink>& w) {
        w.identifier(column_name<Member>).put(" = ").parameter();
    }
    template <class Binder>
    void bind(Binder& binder) const {
        binder(value);
    }
    template <class F>
    static constexpr void visit_columns(F& f) {
        f(query_detail::member_constant<Member>{});
    }
};

template <class T>
inline constexpr bool is_assignment = false;
template <auto M, class F>
inline constexpr bool is_assignment<assignment<M, F>> = true;

namespace query_detail {
// What a column offers beyond comparisons (IN over a list or a subquery, LIKE, BETWEEN), shared
// by col<&T::f> and an alias's columns. Column is the column node; Model and Member name it.
template <class Column, class Model, auto Member>
struct column_conditions {
    using value_type = plain<reflect::member_type<Member>>;

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

    // IN (SELECT ...): a query of one value, db.query<User>().where(...).select(col<&User::id>).
    template <query_detail::single_value_query Query>
        requires query_detail::comparable_with<query_detail::unwrapped<value_type>, typename std::remove_cvref_t<Query>::subquery_value>
    auto in(Query&& subquery) const {
        using shape = typename std::remove_cvref_t<Query>::subquery_shape;
        return in_query<Column, shape, false>{{}, std::forward<Query>(subquery).subquery_state()};
    }
    template <query_detail::single_value_query Query>
        requires query_detail::comparable_with<query_detail::unwrapped<value_type>, typename std::remove_cvref_t<Query>::subquery_value>
    auto not_in(Query&& subquery) const {
        using shape = typename std::remove_cvref_t<Query>::subquery_shape;
        return in_query<Column, shape, true>{{}, std::forward<Query>(subquery).subquery_state()};
    }

    // LIKE with '\' as the escape character on every dialect (see tabula::escape_like).
    auto like(std::string pattern) const
        requires std::is_same_v<value_type, std::string>
    {
        refuse_nul(pattern);
        return like_test<Column, false>{{}, std::move(pattern)};
    }
    auto not_like(std::string pattern) const
        requires std::is_same_v<value_type, std::string>
    {
        refuse_nul(pattern);
        return like_test<Column, true>{{}, std::move(pattern)};
    }

    template <class Low, class High>
        requires query_detail::comparable_with<value_type, Low> && query_detail::comparable_with<value_type, High>
    auto between(Low&& low, High&& high) const {
        using stored = typename query_detail::bound_type<value_type, Low>::type;
        return between_test<Column, stored>{{}, stored(std::forward<Low>(low)), stored(std::forward<High>(high))};
    }

private:
    // SQLite ends a LIKE pattern at its first NUL byte, so "a\0b" would match like "a", and "%\0x"
    // every row; PostgreSQL refuses NUL in text. No pattern with one is sent anywhere.
    static void refuse_nul(std::string_view pattern) {
        if (pattern.find('\0') == std::string_view::npos) return;
        throw type_mismatch("tabula: the LIKE pattern for column '" + std::string(column_name<Member>) + "' of table '" +
                                std::string(table_name_of<Model>) +
                                "' contains a NUL byte, which SQLite would take as the pattern's end (matching more rows than "
                                "asked); compare such text with == instead",
                            std::string(table_name_of<Model>), std::string(column_name<Member>), {});
    }

    template <bool Negated, class Range>
    auto list(const Range& values) const {
        using stored = typename query_detail::bound_type<value_type, std::ranges::range_reference_t<const Range>>::type;
        in_list<Column, stored, Negated> node;
        for (const auto& v : values) node.values.emplace_back(v);
        return node;
    }
};
}  // namespace query_detail

// A column of a model: tabula::col<&User::age>.
template <auto Member>
    requires reflect::data_member_pointer<Member>
struct column_ref : query_detail::node_base, query_detail::column_conditions<column_ref<Member>, reflect::member_owner<Member>, Member> {
    using model = reflect::member_owner<Member>;
    using field = reflect::member_type<Member>;
    using value_type = query_detail::plain<field>;
    using result_type = field;
    static constexpr bool is_static = true;
    static constexpr bool nullable = value_traits<field>::nullable;

    // An assignment for an update by query: query.set(col<&User::name> = "x", col<&User::email> = std::nullopt).
    template <class V>
        requires query_detail::assignable_from<field, V>
    auto operator=(V&& value) const {
        return assignment<Member, field>{field(std::forward<V>(value))};
    }

    template <class Sink>
    static constexpr void render(sql::statement_writer<Sink>& w, const column_ref*) {
        if (w.qualify_columns) w.qualified(table_name_of<model>, column_name<Member>);
        else w.identifier(column_name<Member>);
    }
    template <class Binder>
    void bind(Binder&) const {}
    template <class F>
    static constexpr void visit_columns(F& f) {
        f(query_detail::member_constant<Member>{});
    }

    auto is_null() const { return null_test<column_ref, false>{}; }
    auto is_not_null() const { return null_test<column_ref, true>{}; }

    constexpr order_term<std::true_type, Member> asc() const { return {}; }
    constexpr order_term<std::false_type, Member> desc() const { return {}; }

};

template <auto Member>
    requires reflect::data_member_pointer<Member>
inline constexpr column_ref<Member> col{};

// A column an aggregate can take: col<&T::f>, or an alias's column (query/alias.hpp).
template <class T>
inline constexpr bool is_column = false;
template <auto Member>
inline constexpr bool is_column<column_ref<Member>> = true;

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
    template <class F>
    static constexpr void visit_columns(F& f) {
        Left::visit_columns(f);
        Right::visit_columns(f);
    }
};

// A value compared with = and <>: never std::nullopt nor an optional (see null_safe_comparison),
// whose NULL would make the comparison unknown and match no row.
template <class C, class V>
concept plain_comparable_with = query_detail::comparable_with<C, V> && !expression<V> &&
                                !std::is_same_v<std::remove_cvref_t<V>, std::nullopt_t> && !detail::is_optional<std::remove_cvref_t<V>>;

#define TABULA_COMPARISON_OPERATOR(op, text)                                                                     \
    template <value_expression Left, class V>                                                                    \
        requires plain_comparable_with<typename Left::value_type, V>                                             \
    auto operator op(Left left, V&& value) {                                                                     \
        using stored = typename query_detail::bound_type<typename Left::value_type, V>::type;                    \
        return comparison<text, Left, bound_value<stored>>{{}, left, {{}, stored(std::forward<V>(value))}};      \
    }                                                                                                            \
    template <value_expression Left, value_expression Right>                                                     \
        requires query_detail::comparable_with<typename Left::value_type, typename Right::value_type>            \
    auto operator op(Left left, Right right) {                                                                   \
        return comparison<text, Left, Right>{{}, left, right};                                                   \
    }
TABULA_COMPARISON_OPERATOR(==, " = ")
TABULA_COMPARISON_OPERATOR(!=, " <> ")
TABULA_COMPARISON_OPERATOR(<, " < ")
TABULA_COMPARISON_OPERATOR(<=, " <= ")
TABULA_COMPARISON_OPERATOR(>, " > ")
TABULA_COMPARISON_OPERATOR(>=, " >= ")
#undef TABULA_COMPARISON_OPERATOR

// col == std::nullopt is IS NULL and col != std::nullopt IS NOT NULL: "= NULL" matches no row.
// Only nullable columns accept it.
template <auto Member>
    requires column_ref<Member>::nullable
constexpr null_test<column_ref<Member>, false> operator==(column_ref<Member>, std::nullopt_t) {
    return {};
}
template <auto Member>
    requires column_ref<Member>::nullable
constexpr null_test<column_ref<Member>, true> operator!=(column_ref<Member>, std::nullopt_t) {
    return {};
}

// A nullable column compared with an optional value, which may be empty only at run time: equal
// when both are NULL or both hold equal values. Each dialect has its own words for it.
template <class Column, class V, bool Negated>
struct null_safe_comparison : query_detail::node_base {
    static constexpr bool is_static = true;
    std::optional<V> value;
    template <class Sink>
    static constexpr void render(sql::statement_writer<Sink>& w, const null_safe_comparison*) {
        switch (w.target) {
            case sql::dialect::sqlite:
                Column::render(w, nullptr);
                w.put(Negated ? " IS NOT " : " IS ").parameter();
                break;
            case sql::dialect::postgres:
                Column::render(w, nullptr);
                w.put(Negated ? " IS DISTINCT FROM " : " IS NOT DISTINCT FROM ").parameter();
                break;
            case sql::dialect::mysql:
                if (Negated) w.put("NOT (");
                Column::render(w, nullptr);
                w.put(" <=> ").parameter();
                if (Negated) w.put(')');
                break;
        }
    }
    template <class Binder>
    void bind(Binder& binder) const {
        binder(value);
    }
    template <class F>
    static constexpr void visit_columns(F& f) {
        Column::visit_columns(f);
    }
};

template <auto Member, class V>
    requires column_ref<Member>::nullable && query_detail::comparable_with<typename column_ref<Member>::value_type, V>
auto operator==(column_ref<Member>, const std::optional<V>& value) {
    using stored = typename query_detail::bound_type<typename column_ref<Member>::value_type, const V&>::type;
    return null_safe_comparison<column_ref<Member>, stored, false>{{}, value ? std::optional<stored>(stored(*value)) : std::nullopt};
}
template <auto Member, class V>
    requires column_ref<Member>::nullable && query_detail::comparable_with<typename column_ref<Member>::value_type, V>
auto operator!=(column_ref<Member>, const std::optional<V>& value) {
    using stored = typename query_detail::bound_type<typename column_ref<Member>::value_type, const V&>::type;
    return null_safe_comparison<column_ref<Member>, stored, true>{{}, value ? std::optional<stored>(stored(*value)) : std::nullopt};
}

// A column compared with a value of a type it cannot hold (a text column with 42): one error, the
// first, whose requirement names the model, the field and the value's type, as invalid models
// get from the session; it returns a condition so that the query around it raises nothing more.
template <class Model, fixed_string Field, class Value>
struct condition_check {
    static constexpr bool passed = false;
};
namespace query_detail {
template <auto Member>
inline constexpr auto field_label = to_fixed_string<reflect::field_name<reflect::member_owner<Member>, reflect::field_index<Member>>.size()>(
    reflect::field_name<reflect::member_owner<Member>, reflect::field_index<Member>>);
template <auto Member, class V>
concept mistyped_value = !expression<V> && !std::is_same_v<std::remove_cvref_t<V>, std::nullopt_t> &&
                         !detail::is_optional<std::remove_cvref_t<V>> && !comparable_with<typename column_ref<Member>::value_type, V>;
// What those comparisons return: a condition, so that the query around it raises nothing more,
// and one that code testing "does this comparison compile?" can tell apart.
template <class Column>
struct rejected_condition : null_test<Column, false> {};
template <class E>
inline constexpr bool is_rejected_condition = false;
template <class Column>
inline constexpr bool is_rejected_condition<rejected_condition<Column>> = true;
}  // namespace query_detail

// Written out, not generated by a macro: a macro adds its expansion notes to the error.
template <auto Member, class V>
    requires query_detail::mistyped_value<Member, V>
query_detail::rejected_condition<column_ref<Member>> operator==(column_ref<Member>, V&&) {
    static_assert(condition_check<reflect::member_owner<Member>, query_detail::field_label<Member>, std::remove_cvref_t<V>>::passed,
                  "tabula: this column cannot be compared with a value of this type; the requirement names the model, the field and the type");
    return {};
}
template <auto Member, class V>
    requires query_detail::mistyped_value<Member, V>
query_detail::rejected_condition<column_ref<Member>> operator!=(column_ref<Member>, V&&) {
    static_assert(condition_check<reflect::member_owner<Member>, query_detail::field_label<Member>, std::remove_cvref_t<V>>::passed,
                  "tabula: this column cannot be compared with a value of this type; the requirement names the model, the field and the type");
    return {};
}
template <auto Member, class V>
    requires query_detail::mistyped_value<Member, V>
query_detail::rejected_condition<column_ref<Member>> operator<(column_ref<Member>, V&&) {
    static_assert(condition_check<reflect::member_owner<Member>, query_detail::field_label<Member>, std::remove_cvref_t<V>>::passed,
                  "tabula: this column cannot be compared with a value of this type; the requirement names the model, the field and the type");
    return {};
}
template <auto Member, class V>
    requires query_detail::mistyped_value<Member, V>
query_detail::rejected_condition<column_ref<Member>> operator<=(column_ref<Member>, V&&) {
    static_assert(condition_check<reflect::member_owner<Member>, query_detail::field_label<Member>, std::remove_cvref_t<V>>::passed,
                  "tabula: this column cannot be compared with a value of this type; the requirement names the model, the field and the type");
    return {};
}
template <auto Member, class V>
    requires query_detail::mistyped_value<Member, V>
query_detail::rejected_condition<column_ref<Member>> operator>(column_ref<Member>, V&&) {
    static_assert(condition_check<reflect::member_owner<Member>, query_detail::field_label<Member>, std::remove_cvref_t<V>>::passed,
                  "tabula: this column cannot be compared with a value of this type; the requirement names the model, the field and the type");
    return {};
}
template <auto Member, class V>
    requires query_detail::mistyped_value<Member, V>
query_detail::rejected_condition<column_ref<Member>> operator>=(column_ref<Member>, V&&) {
    static_assert(condition_check<reflect::member_owner<Member>, query_detail::field_label<Member>, std::remove_cvref_t<V>>::passed,
                  "tabula: this column cannot be compared with a value of this type; the requirement names the model, the field and the type");
    return {};
}

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
    template <class F>
    static constexpr void visit_columns(F& f) {
        Left::visit_columns(f);
        Right::visit_columns(f);
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
    template <class F>
    static constexpr void visit_columns(F& f) {
        Left::visit_columns(f);
        Right::visit_columns(f);
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
    template <class F>
    static constexpr void visit_columns(F& f) {
        Inner::visit_columns(f);
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
        column_ref<Member>::render(w, nullptr);
        w.put(Ascending::value ? " ASC" : " DESC");
    }
    template <class F>
    static constexpr void visit_columns(F& f) {
        f(query_detail::member_constant<Member>{});
    }
};

// An ordering by another value than a column (a value inside a JSON column).
template <class Ascending, class E>
struct expression_order {
    template <class Sink>
    static constexpr void render(sql::statement_writer<Sink>& w) {
        E::render(w, nullptr);
        w.put(Ascending::value ? " ASC" : " DESC");
    }
    template <class F>
    static constexpr void visit_columns(F& f) {
        E::visit_columns(f);
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
template <class A, class E>
inline constexpr bool is_order_term<expression_order<A, E>> = true;

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

// The models a query reads from, to check that an expression names only their columns.
template <class... Models>
struct model_list {
    template <class M>
    static constexpr bool contains = (std::is_same_v<M, Models> || ...);
};

// "app::Post::title" for the first column of E whose model is not in List; empty when none.
template <class List, class E>
consteval std::string_view column_outside() {
    std::string_view found{};
    auto check = [&]<auto M, class Source>(query_detail::member_constant<M, Source>) {
        if (found.empty() && !List::template contains<Source>) found = detail::member_path<M>;
    };
    E::visit_columns(check);
    return found;
}

// True when every column an expression names belongs to Model.
template <class Model, class E>
inline constexpr bool only_columns_of = column_outside<model_list<Model>, E>().empty();

}  // namespace tabula
