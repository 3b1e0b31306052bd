// Queries over one model, built fluently and run by the session:
//   db.query<User>().where(col<&User::age> >= 18).order_by(col<&User::name>).limit(10).all();
// The statement text is a compile-time constant for every shape except IN over a run-time list.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
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
#include <tabula/query/json_contains.hpp>
#include <tabula/query/json_path.hpp>
#include <tabula/schema/table.hpp>
#include <tabula/session/detail/rows.hpp>
#include <tabula/session/projection_query.hpp>
#include <tabula/session/statement_cache.hpp>
#include <tabula/sql/select.hpp>
#include <tabula/sql/static_text.hpp>

namespace tabula {

// The absence of a WHERE clause.
struct no_condition : query_detail::node_base {
    static constexpr bool is_static = true;
    template <class Sink>
    static constexpr void render(sql::statement_writer<Sink>&, const no_condition*) {}
    template <class Binder>
    void bind(Binder&) const {}
};

template <class... Terms>
struct order_list {};

using select_shape = sql::select_shape;

namespace detail {

// The statement a query runs, for a shape: conditions and ordering render themselves, the sql
// layer writes the rest. `where` is null when the text is rendered at compile time.
template <class T, class Where, class Order, bool Limited, bool Offset, select_shape Shape>
struct select_text {
    template <class Sink, class... Terms>
    static constexpr void order_terms(sql::statement_writer<Sink>& w, order_list<Terms...>) {
        std::size_t i = 0;
        ((w.put(i++ ? ", " : ""), Terms::render(w)), ...);
    }
    template <class Sink>
    static constexpr void render(sql::statement_writer<Sink>& w, const Where* where) {
        auto condition = [where](sql::statement_writer<Sink>& out) { Where::render(out, where); };
        auto ordering = [](sql::statement_writer<Sink>& out) { order_terms(out, Order{}); };
        const sql::select_clauses<decltype(condition), decltype(ordering)> clauses{
            .has_where = !std::is_same_v<Where, no_condition>,
            .where = condition,
            .has_order = !std::is_same_v<Order, order_list<>>,
            .order = ordering,
            .limited = Limited,
            .offset = Offset,
        };
        sql::select_statement(w, table_of<T>, Shape, clauses);
    }
};

// UPDATE of T by condition: the assignments, then the condition, then (Returning) the columns
// of the rows as updated.
template <class T, class Where, bool Returning, class... Assignments>
struct update_text {
    template <class Sink>
    static constexpr void render(sql::statement_writer<Sink>& w, const Where* where) {
        auto assignments = [](sql::statement_writer<Sink>& out) {
            std::size_t i = 0;
            ((out.put(i++ ? ", " : ""), Assignments::render(out)), ...);
        };
        auto condition = [where](sql::statement_writer<Sink>& out) { Where::render(out, where); };
        sql::update_where(w, table_of<T>.name, assignments, !std::is_same_v<Where, no_condition>, condition);
        if constexpr (Returning) sql::returning_columns(w, table_of<T>);
    }
};

template <class Text, sql::dialect D>
struct static_select_render {
    template <class Sink>
    constexpr void operator()(Sink& sink) const {
        sql::statement_writer<Sink> w{sink, D};
        Text::render(w, nullptr);
    }
};

}  // namespace detail

// Rows of a result read one at a time into one reused struct: memory stays flat however many
// rows there are. Holds its statement until destroyed.
template <class T, class Lease>
class row_stream {
public:
    explicit row_stream(Lease lease) : lease_(std::move(lease)) {}

    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using pointer = const T*;
        using reference = const T&;

        iterator() = default;
        explicit iterator(row_stream* stream) : stream_(stream) {}
        const T& operator*() const { return stream_->current_; }
        const T* operator->() const { return &stream_->current_; }
        iterator& operator++() {
            if (!stream_->advance()) stream_ = nullptr;
            return *this;
        }
        void operator++(int) { ++*this; }
        friend bool operator==(const iterator& a, const iterator& b) { return a.stream_ == b.stream_; }

    private:
        row_stream* stream_ = nullptr;
    };

    iterator begin() {
        if (started_) throw error("tabula: a row_stream can be iterated only once");
        started_ = true;
        return advance() ? iterator(this) : iterator();
    }
    iterator end() { return iterator(); }

private:
    bool advance() {
        if (!lease_.step()) return false;
        detail::read_row(*lease_, current_);
        return true;
    }

    Lease lease_;
    T current_{};
    bool started_ = false;
};

template <class Session, class T, class Where = no_condition, class Order = order_list<>, bool Limited = false, bool Offset = false>
class select_query {
public:
    select_query(Session& session, Where where = {}, std::int64_t limit = 0, std::int64_t offset = 0)
        : session_(&session), where_(std::move(where)), limit_(limit), offset_(offset) {}

    // Conditions on columns of this model; several where() calls combine with AND.
    template <expression E>
    auto where(E&& condition) && {
        static_assert(columns_checked<T, model_list<T>, std::remove_cvref_t<E>>);
        if constexpr (std::is_same_v<Where, no_condition>) {
            return select_query<Session, T, std::remove_cvref_t<E>, Order, Limited, Offset>(*session_, std::forward<E>(condition),
                                                                                            limit_, offset_);
        } else {
            using combined = conjunction<Where, std::remove_cvref_t<E>>;
            return select_query<Session, T, combined, Order, Limited, Offset>(
                *session_, combined{{}, std::move(where_), std::forward<E>(condition)}, limit_, offset_);
        }
    }

    template <order_expression... Terms>
    auto order_by(Terms...) && {
        static_assert((columns_checked<T, model_list<T>, typename order_of<Terms>::type> && ...));
        return append_order(Order{}, order_list<typename order_of<Terms>::type...>{});
    }

    auto limit(std::int64_t count) && {
        return select_query<Session, T, Where, Order, true, Offset>(*session_, std::move(where_), count, offset_);
    }
    auto offset(std::int64_t count) && {
        return select_query<Session, T, Where, Order, Limited, true>(*session_, std::move(where_), limit_, count);
    }

    std::vector<T> all() {
        if constexpr (dispatching) return session_->visit([&](auto& s) { return on(s).all(); });
        else return run_all();
    }

    std::optional<T> first() {
        if constexpr (dispatching) return session_->visit([&](auto& s) { return on(s).first(); });
        else return run_first();
    }

    std::int64_t count() {
        if constexpr (dispatching) return session_->visit([&](auto& s) { return on(s).count(); });
        else return run_count();
    }

    bool exists() {
        if constexpr (dispatching) return session_->visit([&](auto& s) { return on(s).exists(); });
        else return run_exists();
    }

    // Deletes the matching rows and returns how many.
    std::int64_t remove() {
        static_assert(!Limited && !Offset, "tabula: remove() deletes by condition only; drop limit() and offset()");
        if constexpr (dispatching) return session_->visit([&](auto& s) { return on(s).remove(); });
        else return run_remove();
    }

    // Updates the matching rows: query.set(col<&T::a> = v, col<&T::b> = w) runs
    // UPDATE ... SET "a" = ?, "b" = ? WHERE ... and returns how many rows matched.
    template <class... Assignments>
        requires(sizeof...(Assignments) > 0 && (is_assignment<Assignments> && ...))
    std::int64_t set(Assignments... assignments) {
        static_assert(!Limited && !Offset && std::is_same_v<Order, order_list<>>,
                      "tabula: set() updates by condition only; drop order_by(), limit() and offset()");
        static_assert((columns_checked<T, model_list<T>, Assignments> && ...));
        if constexpr (dispatching) {
            return session_->visit([&](auto& s) { return on(s).set(assignments...); });
        } else {
            auto statement = prepare_update<false>(assignments...);
            while (statement.step()) {
            }
            return (*statement).affected_rows();
        }
    }

    // set() that returns the updated rows as they are now (UPDATE ... RETURNING), in no particular
    // order. PostgreSQL and SQLite (3.35 on); MariaDB has no UPDATE ... RETURNING, so a session of
    // the MySQL dialect refuses it at compile time, and an any_session on one at run time.
    template <class... Assignments>
        requires(sizeof...(Assignments) > 0 && (is_assignment<Assignments> && ...))
    std::vector<T> set_returning(Assignments... assignments) {
        static_assert(!Limited && !Offset && std::is_same_v<Order, order_list<>>,
                      "tabula: set_returning() updates by condition only; drop order_by(), limit() and offset()");
        static_assert((columns_checked<T, model_list<T>, Assignments> && ...));
        if constexpr (dispatching) {
            return session_->visit([&](auto& s) { return on(s).run_set_returning(assignments...); });
        } else {
            static_assert(sql::has_returning(Session::dialect, sql::returning_statement::update),
                          "tabula: set_returning(): MySQL and MariaDB have no UPDATE ... RETURNING; use set() and read the rows again");
            return run_set_returning(assignments...);
        }
    }

    // remove() that returns the deleted rows (DELETE ... RETURNING), in no particular order.
    // PostgreSQL, SQLite (3.35 on) and MariaDB (10.0.5 on); MySQL servers refuse the statement.
    std::vector<T> remove_returning() {
        static_assert(!Limited && !Offset, "tabula: remove_returning() deletes by condition only; drop limit() and offset()");
        if constexpr (dispatching) return session_->visit([&](auto& s) { return on(s).remove_returning(); });
        else return read_rows(prepare<select_shape::remove_returning>());
    }

    // The text set(assignments...) runs in dialect D, at compile time (for tests and logs).
    template <sql::dialect D, class... Assignments>
    static constexpr std::string_view update_sql() {
        static_assert(Where::is_static, "tabula: IN over a run-time list has no compile-time text");
        return sql::static_text<detail::static_select_render<detail::update_text<T, Where, false, Assignments...>, D>>;
    }
    // The texts set_returning(assignments...) and remove_returning() run in dialect D.
    template <sql::dialect D, class... Assignments>
    static constexpr std::string_view update_returning_sql() {
        static_assert(Where::is_static, "tabula: IN over a run-time list has no compile-time text");
        static_assert(sql::has_returning(D, sql::returning_statement::update), "tabula: MySQL and MariaDB have no UPDATE ... RETURNING");
        return sql::static_text<detail::static_select_render<detail::update_text<T, Where, true, Assignments...>, D>>;
    }
    template <sql::dialect D>
    static constexpr std::string_view remove_returning_sql() {
        static_assert(Where::is_static, "tabula: IN over a run-time list has no compile-time text");
        return sql::static_text<detail::static_select_render<detail::select_text<T, Where, Order, Limited, Offset, select_shape::remove_returning>, D>>;
    }

    // ---- beyond whole rows of T: joins, chosen values, groups (session/projection_query.hpp) ----

    template <joinable Model, expression On>
    auto join(On&& on) && {
        return std::move(*this).projection().template join<Model>(std::forward<On>(on));
    }
    template <joinable Model, expression On>
    auto left_join(On&& on) && {
        return std::move(*this).projection().template left_join<Model>(std::forward<On>(on));
    }
    template <valid_model Model>
    auto join() && {
        return std::move(*this).projection().template join<Model>();
    }
    template <valid_model Model>
    auto left_join() && {
        return std::move(*this).projection().template left_join<Model>();
    }
    template <value_expression... Values>
        requires(sizeof...(Values) > 0)
    auto select(Values... values) && {
        return std::move(*this).projection().select(values...);
    }
    template <class Struct, value_expression... Values>
        requires(sizeof...(Values) > 0)
    auto select_as(Values... values) && {
        return std::move(*this).projection().template select_as<Struct>(values...);
    }
    template <auto... Members>
    auto group_by(column_ref<Members>... columns) && {
        return std::move(*this).projection().group_by(columns...);
    }
    auto distinct() && { return std::move(*this).template projection<true>(); }

    // Aggregates over the matching rows: an optional of the column's type (int64 or double for
    // sum), empty when no row matches; avg is a std::optional<double>.
    template <auto Member>
    auto sum(column_ref<Member> column) {
        return aggregate(tabula::sum(column));
    }
    template <auto Member>
    auto min(column_ref<Member> column) {
        return aggregate(tabula::min(column));
    }
    template <auto Member>
    auto max(column_ref<Member> column) {
        return aggregate(tabula::max(column));
    }
    template <auto Member>
    auto avg(column_ref<Member> column) {
        return aggregate(tabula::avg(column));
    }

    auto stream() {
        static_assert(!dispatching, "tabula: a stream's type depends on the backend; with any_session use each(f), or visit()");
        auto statement = prepare<select_shape::rows>();
        (*statement).stream();
        return row_stream<T, decltype(statement)>(std::move(statement));
    }

    template <class F>
    void each(F&& f) {
        if constexpr (dispatching) {
            session_->visit([&](auto& s) { on(s).each(f); });
        } else {
            for (const T& row : stream()) f(row);
        }
    }

    // The statement text this query runs (for logs and tests).
    std::string sql() const {
        if constexpr (dispatching) return session_->visit([&](auto& s) { return on(s).sql(); });
        else return sql::text(Session::dialect, [&](auto& w) {
            detail::select_text<T, Where, Order, Limited, Offset, select_shape::rows>::render(w, &where_);
        });
    }

private:
    template <class, class, class, class, bool, bool>
    friend class select_query;

    // A session that picks its backend at run time (any_session): each call runs the same query
    // on the concrete session once.
    static constexpr bool dispatching = requires { typename Session::is_any_session; };
    template <class Concrete>
    auto on(Concrete& concrete) const {
        return select_query<Concrete, T, Where, Order, Limited, Offset>(concrete, where_, limit_, offset_);
    }

    std::vector<T> run_all() {
        auto statement = prepare<select_shape::rows>();
        std::vector<T> rows;
        bool more = statement.step();
        if constexpr (requires { (*statement).buffered_rows(); }) rows.reserve((*statement).buffered_rows());
        for (; more; more = statement.step()) detail::read_row(*statement, rows.emplace_back());
        return rows;
    }
    std::optional<T> run_first() {
        auto statement = prepare<select_shape::first>();
        std::optional<T> row;  // one named result on every path: constructed in place (see session::get)
        if (statement.step()) detail::read_row(*statement, row.emplace());
        return row;
    }
    std::int64_t run_count() {
        auto statement = prepare<select_shape::count>();
        statement.step();
        return (*statement).column(0).as_int64();
    }
    bool run_exists() {
        auto statement = prepare<select_shape::exists>();
        statement.step();
        return (*statement).column(0).as_int64() != 0;
    }
    // The statement of a text: found by its slot when the text is a compile-time constant (no
    // run-time part in the conditions), by the text itself otherwise.
    template <class Text>
    auto statement_of() {
        if constexpr (Where::is_static) {
            using render = detail::static_select_render<Text, Session::dialect>;
            return session_->cached_statement(detail::statement_slot<render>(), sql::static_text<render>, table_of<T>.name);
        } else {
            const std::string sql = sql::text(Session::dialect, [&](auto& w) { Text::render(w, &where_); });
            return session_->dynamic_statement(sql, table_of<T>.name);
        }
    }

    template <bool Returning, class... Assignments>
    auto prepare_update(const Assignments&... assignments) {
        auto statement = statement_of<detail::update_text<T, Where, Returning, Assignments...>>();
        auto binder = session_->binder(*statement, table_of<T>.name);
        (assignments.bind(binder), ...);
        where_.bind(binder);
        return statement;
    }
    template <class... Assignments>
    std::vector<T> run_set_returning(const Assignments&... assignments) {
        if constexpr (!sql::has_returning(Session::dialect, sql::returning_statement::update)) {
            throw unsupported_statement("tabula: set_returning() on table '" + std::string(table_of<T>.name) +
                              "': MySQL and MariaDB have no UPDATE ... RETURNING; use set() and read the rows again");
        } else {
            return read_rows(prepare_update<true>(assignments...));
        }
    }
    template <class Statement>
    std::vector<T> read_rows(Statement statement) {
        std::vector<T> rows;
        for (bool more = statement.step(); more; more = statement.step()) detail::read_row(*statement, rows.emplace_back());
        return rows;
    }

    std::int64_t run_remove() {
        auto statement = prepare<select_shape::remove>();
        while (statement.step()) {
        }
        return (*statement).affected_rows();
    }

    template <bool Distinct = false>
    auto projection() {
        using shape = query_shape<T, join_list<>, whole_rows, Where, group_list<>, no_condition, Order, Limited, Offset, Distinct>;
        return projection_query<Session, shape>(*session_, typename shape::state{{}, std::move(where_), {}, limit_, offset_});
    }

    // One aggregate over every matching row: a query with no GROUP BY has exactly one row.
    template <class Aggregate>
    typename Aggregate::result_type aggregate(Aggregate) {
        static_assert(columns_checked<T, model_list<T>, Aggregate>);
        static_assert(!Limited && !Offset, "tabula: an aggregate reads every matching row; drop limit() and offset()");
        using shape = query_shape<T, join_list<>, value_list<Aggregate>, Where, group_list<>, no_condition, order_list<>, false, false, false>;
        auto rows = projection_query<Session, shape>(*session_, typename shape::state{{}, where_, {}, 0, 0}).all();
        return std::move(rows.at(0));
    }

    template <class... Old, class... New>
    auto append_order(order_list<Old...>, order_list<New...>) {
        return select_query<Session, T, Where, order_list<Old..., New...>, Limited, Offset>(*session_, std::move(where_), limit_, offset_);
    }

    template <select_shape Shape>
    auto prepare() {
        auto statement = statement_of<detail::select_text<T, Where, Order, Limited, Offset, Shape>>();
        auto binder = session_->binder(*statement, table_of<T>.name);
        where_.bind(binder);
        constexpr bool removes = Shape == select_shape::remove || Shape == select_shape::remove_returning;
        if constexpr (Shape != select_shape::first && !removes) {
            if constexpr (Limited) binder(limit_);
        }
        if constexpr (!removes) {
            if constexpr (Offset) binder(offset_);
        }
        return statement;
    }

    Session* session_;
    Where where_;
    std::int64_t limit_;
    std::int64_t offset_;
};

}  // namespace tabula
