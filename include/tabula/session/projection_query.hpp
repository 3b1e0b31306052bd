// Queries that read more than whole rows of one model: joins, chosen values, aggregates, groups.
//   db.query<Post>().join<User>().where(col<&User::name> == "ada").all();           // tuple<Post, User>
//   db.query<User>().left_join<Post>().all();                                          // tuple<User, optional<Post>>
//   db.query<Post>().group_by(col<&Post::author_id>)
//       .having(tabula::count() > 1)
//       .select(col<&Post::author_id>, tabula::count()).all();                         // tuple<int64_t, int64_t>
// A query starts as a select_query (session/select.hpp) and becomes a projection_query at its
// first join(), select(), group_by() or distinct(). Its text is a compile-time constant per
// dialect, except with IN over a run-time list; its values are bound in the order of the text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include <tabula/query/aggregate.hpp>
#include <tabula/query/alias.hpp>
#include <tabula/query/diagnostics.hpp>
#include <tabula/query/expression.hpp>
#include <tabula/schema/table.hpp>
#include <tabula/session/detail/rows.hpp>
#include <tabula/session/statement_cache.hpp>
#include <tabula/sql/select.hpp>
#include <tabula/sql/static_text.hpp>

namespace tabula {

struct no_condition;
template <class... Terms>
struct order_list;

template <sql::join_kind Kind, class Model, class On>
struct join_spec {
    static constexpr sql::join_kind kind = Kind;
    using model = Model;
    using on = On;
};
template <class... Joins>
struct join_list {};

// What a projection query reads: the whole rows of its models, chosen values, or chosen values
// into the fields of a struct.
struct whole_rows {};
template <class... Values>
struct value_list {};
template <class Struct, class... Values>
struct value_struct {};

template <class... Columns>
struct group_list {};

namespace detail {

// The ON condition of join<M>() without one: the foreign key of From that references To.
template <class From, class To, std::size_t Index>
struct foreign_key_on : query_detail::node_base {
    static constexpr bool is_static = true;
    template <class Sink>
    static constexpr void render(sql::statement_writer<Sink>& w, const foreign_key_on*) {
        const foreign_key_descriptor& fk = table_of<From>.foreign_keys[Index];
        for (std::size_t k = 0; k < fk.columns.size(); ++k) {
            if (k) w.put(" AND ");
            w.qualified(table_of<From>.name, fk.columns[k]).put(" = ").qualified(table_of<To>.name, fk.referenced_columns[k]);
        }
    }
    template <class Binder>
    void bind(Binder&) const {}
    template <class F>
    static constexpr void visit_columns(F&) {}
};

struct foreign_key_match {
    std::size_t count = 0;
    bool joined_references = false;  // the joined model holds the foreign key
    std::size_t present = 0;         // which model already in the query is the other end
    std::size_t index = 0;           // the foreign key's position in its model's declarations
};

// The foreign keys between Joined and the models already in the query, in either direction.
template <class Joined, class... Present>
consteval foreign_key_match find_foreign_key() {
    foreign_key_match match;
    std::size_t position = 0;
    auto look = [&]<class P>(std::type_identity<P>) {
        for (std::size_t i = 0; i < table_of<P>.foreign_keys.size(); ++i)
            if (table_of<P>.foreign_keys[i].referenced_table == table_of<Joined>.name) match = {match.count + 1, false, position, i};
        for (std::size_t i = 0; i < table_of<Joined>.foreign_keys.size(); ++i)
            if (table_of<Joined>.foreign_keys[i].referenced_table == table_of<P>.name) match = {match.count + 1, true, position, i};
        ++position;
    };
    (look(std::type_identity<Present>{}), ...);
    return match;
}

template <class Joined, class... Present>
struct foreign_key_join {
    static constexpr foreign_key_match match = find_foreign_key<Joined, Present...>();
    static constexpr bool checked =
        query_report<std::tuple_element_t<0, std::tuple<Present...>>,
                     match.count == 0   ? query_problem::join_without_foreign_key
                     : match.count != 1 ? query_problem::join_with_several_foreign_keys
                                        : query_problem::none,
                     to_fixed_string<table_of<Joined>.name.size()>(table_of<Joined>.name)>::ok;
    using other = std::tuple_element_t<(match.count == 1 ? match.present : 0), std::tuple<Present...>>;
    using type = std::conditional_t<match.joined_references, foreign_key_on<Joined, other, match.index>,
                                    foreign_key_on<other, Joined, match.index>>;
};

template <class Joined, class List>
struct foreign_key_join_of;
template <class Joined, class... Present>
struct foreign_key_join_of<Joined, model_list<Present...>> : foreign_key_join<Joined, Present...> {};

template <class Joins, class Model>
inline constexpr bool left_joined = false;
template <class... Joins, class Model>
inline constexpr bool left_joined<join_list<Joins...>, Model> =
    ((Joins::kind == sql::join_kind::left && std::is_same_v<typename Joins::model, Model>) || ...);

// What a selected value reads as: its result type, made optional for a column of a left-joined
// model (its row may be missing).
template <class Joins, class Value>
struct value_result {
    using type = typename Value::result_type;
};
template <class Joins, class Alias, auto Member>
struct value_result<Joins, aliased_column<Alias, Member>> {
    using field = typename aliased_column<Alias, Member>::result_type;
    using type = std::conditional_t<left_joined<Joins, Alias> && !is_optional<field>, std::optional<field>, field>;
};
template <class Joins, auto Member>
struct value_result<Joins, column_ref<Member>> {
    using field = typename column_ref<Member>::result_type;
    using type = std::conditional_t<left_joined<Joins, reflect::member_owner<Member>> && !is_optional<field>,
                                    std::optional<field>, field>;
};

// The table and column named in an error about reading a value.
template <class Value>
struct value_source {
    static constexpr std::string_view table = "(query)";
    static constexpr std::string_view column = "(aggregate)";
};
template <class Alias, auto Member>
struct value_source<aliased_column<Alias, Member>> {
    static constexpr std::string_view table = Alias::name;
    static constexpr std::string_view column = column_name<Member>;
};
template <auto Member>
struct value_source<column_ref<Member>> {
    static constexpr std::string_view table = table_name_of<reflect::member_owner<Member>>;
    static constexpr std::string_view column = column_name<Member>;
};
template <fixed_string Opening, auto Member, class V, class R>
struct value_source<column_aggregate<Opening, column_ref<Member>, V, R>> {
    static constexpr std::string_view table = table_name_of<reflect::member_owner<Member>>;
    static constexpr std::string_view column = column_name<Member>;
};

template <class Shape>
struct projection_result;

// A field of the result struct holds the value selected for it when the codec reads one into the
// other: the same type, or the same type made optional.
template <class Field, class Result>
inline constexpr bool holds = std::is_same_v<Field, Result> || std::is_same_v<Field, std::optional<Result>> ||
                              (is_optional<Result> && is_optional<Field> && std::is_same_v<Field, Result>);

}  // namespace detail

// The values a query carries at run time: join conditions, WHERE, HAVING, LIMIT, OFFSET.
template <class Ons, class Where, class Having>
struct query_state {
    Ons ons{};
    Where where{};
    Having having{};
    std::int64_t limit = 0;
    std::int64_t offset = 0;
};

// The compile-time shape of a projection query.
template <class Root, class Joins, class Values, class Where, class Group, class Having, class Order, bool Limited, bool Offset,
          bool Distinct>
struct query_shape;

template <class Root, class... Joins, class Values, class Where, class Group, class Having, class Order, bool Limited, bool Offset,
          bool Distinct>
struct query_shape<Root, join_list<Joins...>, Values, Where, Group, Having, Order, Limited, Offset, Distinct> {
    using root = Root;
    using joins = join_list<Joins...>;
    using models = model_list<Root, typename Joins::model...>;
    using values = Values;
    using where = Where;
    using group = Group;
    using having = Having;
    using order = Order;
    static constexpr bool limited = Limited;
    static constexpr bool offset = Offset;
    static constexpr bool distinct = Distinct;
    static constexpr bool joined = sizeof...(Joins) > 0;
    static constexpr bool is_static = (Joins::on::is_static && ...) && Where::is_static && Having::is_static;

    using state = query_state<std::tuple<typename Joins::on...>, Where, Having>;

    template <class J>
    using with_join = query_shape<Root, join_list<Joins..., J>, Values, Where, Group, Having, Order, Limited, Offset, Distinct>;
    template <class V>
    using with_values = query_shape<Root, join_list<Joins...>, V, Where, Group, Having, Order, Limited, Offset, Distinct>;
    template <class W>
    using with_where = query_shape<Root, join_list<Joins...>, Values, W, Group, Having, Order, Limited, Offset, Distinct>;
    template <class G>
    using with_group = query_shape<Root, join_list<Joins...>, Values, Where, G, Having, Order, Limited, Offset, Distinct>;
    template <class H>
    using with_having = query_shape<Root, join_list<Joins...>, Values, Where, Group, H, Order, Limited, Offset, Distinct>;
    template <class O>
    using with_order = query_shape<Root, join_list<Joins...>, Values, Where, Group, Having, O, Limited, Offset, Distinct>;
    template <bool L, bool F>
    using with_limits = query_shape<Root, join_list<Joins...>, Values, Where, Group, Having, Order, L, F, Distinct>;
    using with_distinct = query_shape<Root, join_list<Joins...>, Values, Where, Group, Having, Order, Limited, Offset, true>;

    // ---- the text ---------------------------------------------------------------------------

    // The descriptor whose columns a whole row is read from; an alias's under the alias's name.
    template <class M>
    static constexpr table_descriptor read_table() {
        if constexpr (is_alias<M>) {
            table_descriptor aliased = table_of<typename M::model>;
            aliased.name = M::name;
            return aliased;
        } else {
            return table_of<M>;
        }
    }
    template <class Sink, class... Models>
    static constexpr void whole_rows_of(sql::statement_writer<Sink>& w, model_list<Models...>) {
        std::size_t i = 0;
        ((w.put(i++ ? ", " : ""), sql::qualified_columns(w, read_table<Models>())), ...);
    }
    template <class Sink, class... Vs>
    static constexpr void values_of(sql::statement_writer<Sink>& w, value_list<Vs...>) {
        std::size_t i = 0;
        ((w.put(i++ ? ", " : ""), Vs::render(w, nullptr)), ...);
    }
    template <class Sink, class S, class... Vs>
    static constexpr void values_of(sql::statement_writer<Sink>& w, value_struct<S, Vs...>) {
        values_of(w, value_list<Vs...>{});
    }
    template <class Sink>
    static constexpr void values_of(sql::statement_writer<Sink>& w, whole_rows) {
        whole_rows_of(w, models{});
    }
    template <class Sink, class... Columns>
    static constexpr void group_of(sql::statement_writer<Sink>& w, group_list<Columns...>) {
        std::size_t i = 0;
        ((w.put(i++ ? ", " : ""), Columns::render(w, nullptr)), ...);
    }
    template <class Sink, class... Terms>
    static constexpr void ordering_of(sql::statement_writer<Sink>& w, order_list<Terms...>) {
        std::size_t i = 0;
        ((w.put(i++ ? ", " : ""), Terms::render(w)), ...);
    }
    template <class Sink>
    static constexpr void from_of(sql::statement_writer<Sink>& w, const state* self) {
        w.identifier(table_of<Root>.name);
        [&]<std::size_t... I>(std::index_sequence<I...>) {
            (sql::join_clause(w, Joins::kind, joined_table<typename Joins::model>::table, joined_table<typename Joins::model>::alias_name,
                              [&](sql::statement_writer<Sink>& out) {
                                  using on = typename Joins::on;
                                  on::render(out, self ? &std::get<I>(self->ons) : nullptr);
                              }),
             ...);
        }(std::index_sequence_for<Joins...>{});
    }

    // `self` is null when the text is rendered at compile time.
    template <class Sink>
    static constexpr void render(sql::statement_writer<Sink>& w, const state* self) {
        // A subquery inside another query's condition restores the outer query's way of writing columns.
        const bool outer_qualified = w.qualify_columns;
        w.qualify_columns = joined;
        using writer = sql::statement_writer<Sink>;
        auto values = [](writer& out) { values_of(out, Values{}); };
        auto from = [self](writer& out) { from_of(out, self); };
        auto where = [self](writer& out) { Where::render(out, self ? &self->where : nullptr); };
        auto group = [](writer& out) { group_of(out, Group{}); };
        auto having = [self](writer& out) { Having::render(out, self ? &self->having : nullptr); };
        auto order = [](writer& out) { ordering_of(out, Order{}); };
        const sql::select_parts<decltype(values), decltype(from), decltype(where), decltype(group), decltype(having), decltype(order)>
            parts{
                .distinct = Distinct,
                .values = values,
                .from = from,
                .has_where = !std::is_same_v<Where, no_condition>,
                .where = where,
                .has_group = !std::is_same_v<Group, group_list<>>,
                .group = group,
                .has_having = !std::is_same_v<Having, no_condition>,
                .having = having,
                .has_order = !std::is_same_v<Order, order_list<>>,
                .order = order,
                .limited = Limited,
                .offset = Offset,
            };
        sql::select_values(w, parts);
        w.qualify_columns = outer_qualified;
    }

    template <class Binder>
    static void bind(Binder& binder, const state& s) {
        std::apply([&](const auto&... on) { (on.bind(binder), ...); }, s.ons);
        s.where.bind(binder);
        s.having.bind(binder);
        if constexpr (Limited) binder(s.limit);
        if constexpr (Offset) binder(s.offset);
    }

    // ---- the rows ---------------------------------------------------------------------------

    // A row of M, or of the model an alias reads.
    template <class M>
    using row_of = std::conditional_t<detail::left_joined<joins, M>, std::optional<typename aliased_model<M>::type>,
                                      typename aliased_model<M>::type>;

    template <class V>
    struct result_for {
        using type = std::tuple<Root, row_of<typename Joins::model>...>;
    };
    template <class Value>
    struct result_for<value_list<Value>> {
        using type = typename detail::value_result<joins, Value>::type;
    };
    template <class First, class Second, class... Rest>
    struct result_for<value_list<First, Second, Rest...>> {
        using type = std::tuple<typename detail::value_result<joins, First>::type, typename detail::value_result<joins, Second>::type,
                                typename detail::value_result<joins, Rest>::type...>;
    };
    template <class S, class... Vs>
    struct result_for<value_struct<S, Vs...>> {
        using type = S;
    };
    // What a row of the result is.
    using result = typename result_for<Values>::type;
};

namespace detail {
template <class V>
inline constexpr bool is_single_value = false;
template <class V>
inline constexpr bool is_single_value<value_list<V>> = true;

template <class V>
inline constexpr bool is_value_struct = false;
template <class S, class... Vs>
inline constexpr bool is_value_struct<value_struct<S, Vs...>> = true;

template <class Statement, class Value, class Out>
void read_selected(Statement& statement, int index, Out& out) {
    try {
        read_value(statement.column(index), out);
    } catch (const value_error& e) {
        rethrow_value_error(e, value_source<Value>::table, value_source<Value>::column, {}, true);
    }
}
}  // namespace detail

template <class Session, class Shape>
class projection_query {
    using state = typename Shape::state;
    template <class S>
    using next = projection_query<Session, S>;

public:
    // The rows this query reads: tuples of whole models (optional for a LEFT JOIN), a value, a
    // tuple of values, or the struct named by select_as().
    using row_type = typename Shape::result;

    projection_query(Session& session, state s) : session_(&session), state_(std::move(s)) {}

    // As a subquery of col<&M::f>.in(...): a query of one value, without LIMIT or OFFSET (MySQL
    // refuses them in IN subqueries).
    using subquery_shape = Shape;
    using subquery_value = query_detail::unwrapped<row_type>;
    static constexpr bool single_value = detail::is_single_value<typename Shape::values> && !Shape::limited && !Shape::offset;
    typename Shape::state subquery_state() const& { return state_; }
    typename Shape::state subquery_state() && { return std::move(state_); }

    // INNER JOIN Model ON condition; a condition names columns of the models in the query.
    template <joinable Model, expression On>
    auto join(On&& on) && {
        return add_join<sql::join_kind::inner, Model>(std::forward<On>(on));
    }
    template <joinable Model, expression On>
    auto left_join(On&& on) && {
        return add_join<sql::join_kind::left, Model>(std::forward<On>(on));
    }
    // Joined on the one foreign key between Model and a model already in the query.
    template <valid_model Model>
    auto join() && {
        using fk = detail::foreign_key_join_of<Model, typename Shape::models>;
        static_assert(fk::checked);
        return std::move(*this).template join<Model>(typename fk::type{});
    }
    template <valid_model Model>
    auto left_join() && {
        using fk = detail::foreign_key_join_of<Model, typename Shape::models>;
        static_assert(fk::checked);
        return std::move(*this).template left_join<Model>(typename fk::type{});
    }

    template <expression E>
    auto where(E&& condition) && {
        using condition_type = std::remove_cvref_t<E>;
        static_assert(columns_checked<typename Shape::root, typename Shape::models, condition_type>);
        if constexpr (std::is_same_v<typename Shape::where, no_condition>) {
            using S = typename Shape::template with_where<condition_type>;
            return next<S>(*session_, typename S::state{std::move(state_.ons), std::forward<E>(condition), std::move(state_.having),
                                                        state_.limit, state_.offset});
        } else {
            using combined = conjunction<typename Shape::where, condition_type>;
            using S = typename Shape::template with_where<combined>;
            return next<S>(*session_, typename S::state{std::move(state_.ons), combined{{}, std::move(state_.where), std::forward<E>(condition)},
                                                        std::move(state_.having), state_.limit, state_.offset});
        }
    }

    // GROUP BY columns; select() then names the grouped columns and aggregates.
    template <auto... Members>
    auto group_by(column_ref<Members>...) && {
        static_assert((columns_checked<typename Shape::root, typename Shape::models, column_ref<Members>> && ...));
        using S = typename Shape::template with_group<group_list<column_ref<Members>...>>;
        return next<S>(*session_, std::move(state_));
    }

    // A condition on groups, usually on aggregates: having(tabula::count() > 2).
    template <expression E>
    auto having(E&& condition) && {
        using condition_type = std::remove_cvref_t<E>;
        static_assert(columns_checked<typename Shape::root, typename Shape::models, condition_type>);
        if constexpr (std::is_same_v<typename Shape::having, no_condition>) {
            using S = typename Shape::template with_having<condition_type>;
            return next<S>(*session_, typename S::state{std::move(state_.ons), std::move(state_.where), std::forward<E>(condition),
                                                        state_.limit, state_.offset});
        } else {
            using combined = conjunction<typename Shape::having, condition_type>;
            using S = typename Shape::template with_having<combined>;
            return next<S>(*session_, typename S::state{std::move(state_.ons), std::move(state_.where),
                                                        combined{{}, std::move(state_.having), std::forward<E>(condition)}, state_.limit,
                                                        state_.offset});
        }
    }

    template <order_expression... Terms>
    auto order_by(Terms...) && {
        static_assert((columns_checked<typename Shape::root, typename Shape::models, typename order_of<Terms>::type> && ...));
        return append_order(typename Shape::order{}, order_list<typename order_of<Terms>::type...>{});
    }

    auto limit(std::int64_t count) && {
        state_.limit = count;
        return next<typename Shape::template with_limits<true, Shape::offset>>(*session_, std::move(state_));
    }
    auto offset(std::int64_t count) && {
        state_.offset = count;
        return next<typename Shape::template with_limits<Shape::limited, true>>(*session_, std::move(state_));
    }

    // SELECT DISTINCT
    auto distinct() && { return next<typename Shape::with_distinct>(*session_, std::move(state_)); }

    // The values each row holds: columns of the models in the query and aggregates.
    template <value_expression... Values>
        requires(sizeof...(Values) > 0)
    auto select(Values...) && {
        static_assert((columns_checked<typename Shape::root, typename Shape::models, Values> && ...));
        return next<typename Shape::template with_values<value_list<Values...>>>(*session_, std::move(state_));
    }

    // The values read into the fields of Struct, in order: one value per field, each field of the
    // value's type (or an optional of it).
    template <class Struct, value_expression... Values>
        requires(sizeof...(Values) > 0)
    auto select_as(Values...) && {
        static_assert((columns_checked<typename Shape::root, typename Shape::models, Values> && ...));
        static_assert(query_report<Struct, reflect::field_count<Struct> == sizeof...(Values) ? query_problem::none : query_problem::result_field_count,
                                   "">::ok);
        if constexpr (reflect::field_count<Struct> == sizeof...(Values)) {
            static_assert(fields_hold<Struct, Values...>(std::index_sequence_for<Values...>{}));
        }
        return next<typename Shape::template with_values<value_struct<Struct, Values...>>>(*session_, std::move(state_));
    }

    std::vector<row_type> all() {
        if constexpr (dispatching) {
            return session_->visit([&](auto& s) { return on(s).all(); });
        } else {
            check_grouped();
            auto statement = prepare();
            std::vector<row_type> rows;
            for (bool more = statement.step(); more; more = statement.step()) read(*statement, rows.emplace_back());
            return rows;
        }
    }

    // The first row (LIMIT 1), or nothing.
    std::optional<row_type> first() {
        auto rows = next<typename Shape::template with_limits<true, Shape::offset>>(
                        *session_, state{std::move(state_.ons), std::move(state_.where), std::move(state_.having), 1, state_.offset})
                        .all();
        if (rows.empty()) return std::nullopt;
        return std::optional<row_type>(std::move(rows.front()));
    }

    // Calls f(row) for each row, streamed.
    template <class F>
    void each(F&& f) {
        if constexpr (dispatching) {
            session_->visit([&](auto& s) { on(s).each(f); });
        } else {
            check_grouped();
            auto statement = prepare();
            (*statement).stream();
            row_type row{};
            while (statement.step()) {
                read(*statement, row);
                f(std::as_const(row));
            }
        }
    }

    // The statement text (for logs and tests).
    std::string sql() const {
        if constexpr (dispatching) return session_->visit([&](auto& s) { return on(s).sql(); });
        else return sql::text(Session::dialect, [&](auto& w) { Shape::render(w, &state_); });
    }

    // The text of this query's shape in dialect D, at compile time (no IN over a run-time list).
    template <sql::dialect D>
    static constexpr std::string_view static_sql() {
        static_assert(Shape::is_static, "tabula: IN over a run-time list has no compile-time text");
        return sql::static_text<render<D>>;
    }

private:
    template <class, class>
    friend class projection_query;

    template <sql::dialect D>
    struct render {
        template <class Sink>
        constexpr void operator()(Sink& sink) const {
            sql::statement_writer<Sink> w{sink, D};
            Shape::render(w, nullptr);
        }
    };

    static constexpr bool dispatching = requires { typename Session::is_any_session; };
    template <class Concrete>
    auto on(Concrete& concrete) const {
        return projection_query<Concrete, Shape>(concrete, state_);
    }

    template <sql::join_kind Kind, class Model, class On>
    auto add_join(On&& on) {
        using on_type = std::remove_cvref_t<On>;
        using S = typename Shape::template with_join<join_spec<Kind, Model, on_type>>;
        static_assert(!Shape::models::template contains<Model>,
                      "tabula: a model or alias joined twice; read a model a second time through tabula::alias<Model, \"name\">");
        static_assert(columns_checked<typename Shape::root, typename S::models, on_type>);
        return next<S>(*session_, typename S::state{std::tuple_cat(std::move(state_.ons), std::tuple<on_type>(std::forward<On>(on))),
                                                    std::move(state_.where), std::move(state_.having), state_.limit, state_.offset});
    }

    template <class... Old, class... New>
    auto append_order(order_list<Old...>, order_list<New...>) {
        return next<typename Shape::template with_order<order_list<Old..., New...>>>(*session_, std::move(state_));
    }

    template <class Struct, class... Values, std::size_t... I>
    static constexpr bool fields_hold(std::index_sequence<I...>) {
        constexpr std::size_t mismatch = [] {
            std::size_t found = sizeof...(I);
            ((found == sizeof...(I) &&
                      !detail::holds<reflect::field_type<I, Struct>, typename detail::value_result<typename Shape::joins, Values>::type>
                  ? void(found = I)
                  : void()),
             ...);
            return found;
        }();
        if constexpr (mismatch == sizeof...(I)) {
            return true;
        } else {
            constexpr std::string_view field = reflect::field_name<Struct, mismatch>;
            return query_report<Struct, query_problem::result_field_type, to_fixed_string<field.size()>(field)>::ok;
        }
    }

    static void check_grouped() {
        static_assert(std::is_same_v<typename Shape::group, group_list<>> || !std::is_same_v<typename Shape::values, whole_rows>,
                      "tabula: a grouped query reads chosen values: name the grouped columns and aggregates with select()");
    }

    auto prepare() {
        auto statement = [&] {
            if constexpr (Shape::is_static) {
                using text = render<Session::dialect>;
                return session_->cached_statement(detail::statement_slot<text>(), sql::static_text<text>, table_of<typename Shape::root>.name);
            } else {
                const std::string sql = sql::text(Session::dialect, [&](auto& w) { Shape::render(w, &state_); });
                return session_->dynamic_statement(sql, table_of<typename Shape::root>.name);
            }
        }();
        auto binder = session_->binder(*statement, table_of<typename Shape::root>.name);
        Shape::bind(binder, state_);
        return statement;
    }

    template <class Statement>
    static void read(Statement& statement, row_type& out) {
        using values = typename Shape::values;
        if constexpr (std::is_same_v<values, whole_rows>) {
            read_models(statement, out, typename Shape::models{});
        } else if constexpr (detail::is_value_struct<values>) {
            [&]<class S, class... Vs>(std::type_identity<value_struct<S, Vs...>>) {
                [&]<std::size_t... I>(std::index_sequence<I...>) {
                    (detail::read_selected<Statement, Vs>(statement, static_cast<int>(I), reflect::get<I>(out)), ...);
                }(std::index_sequence_for<Vs...>{});
            }(std::type_identity<values>{});
        } else {
            [&]<class... Vs>(std::type_identity<value_list<Vs...>>) {
                if constexpr (sizeof...(Vs) == 1) {
                    (detail::read_selected<Statement, Vs>(statement, 0, out), ...);
                } else {
                    [&]<std::size_t... I>(std::index_sequence<I...>) {
                        (detail::read_selected<Statement, Vs>(statement, static_cast<int>(I), std::get<I>(out)), ...);
                    }(std::index_sequence_for<Vs...>{});
                }
            }(std::type_identity<values>{});
        }
    }

    template <class Statement, class... Models>
    static void read_models(Statement& statement, row_type& out, model_list<Models...>) {
        int first = 0;
        [&]<std::size_t... I>(std::index_sequence<I...>) {
            (read_model<typename aliased_model<Models>::type>(statement, std::get<I>(out), first), ...);
        }(std::index_sequence_for<Models...>{});
    }
    template <class Model, class Statement, class Out>
    static void read_model(Statement& statement, Out& out, int& first) {
        if constexpr (detail::is_optional<Out>) {
            // A LEFT JOIN that found no row fills its columns with NULL, the key's too.
            if (statement.column(first + static_cast<int>(detail::row_layout<Model>::key[0])).is_null()) out.reset();
            else detail::read_row(statement, out.emplace(), first);
        } else {
            detail::read_row(statement, out, first);
        }
        first += static_cast<int>(reflect::field_count<Model>);
    }

    Session* session_;
    state state_;
};

}  // namespace tabula
