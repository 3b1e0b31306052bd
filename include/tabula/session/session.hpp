// session<Backend>: one connection and everything done on it. It owns the connection, caches
// prepared statements, opens transaction scopes, and reads and writes model structs:
//
//   auto db = tabula::session<tabula::sqlite>::open("sqlite:///app.db?wal=true");
//   db.create_all<User, Post>();
//   auto id = db.insert(User{.name = "Ada"});
//   std::optional<User> ada = db.get<User>(id);
//
// A session is used from one thread at a time (as a connection is); take one per thread.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <ranges>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include <tabula/backend/contract.hpp>
#include <tabula/error.hpp>
#include <tabula/query/diagnostics.hpp>
#include <tabula/reflect/fields.hpp>
#include <tabula/schema/table.hpp>
#include <tabula/session/detail/callback_ref.hpp>
#include <tabula/session/detail/codec.hpp>
#include <tabula/session/detail/constraints.hpp>
#include <tabula/session/detail/rejected_query.hpp>
#include <tabula/session/detail/rows.hpp>
#include <tabula/session/select.hpp>
#include <tabula/session/statement_cache.hpp>
#include <tabula/session/statement_log.hpp>
#include <tabula/session/transaction.hpp>
#include <tabula/sql/ddl.hpp>
#include <tabula/sql/placeholders.hpp>
#include <tabula/sql/statements.hpp>
#include <tabula/sql/transaction.hpp>

namespace tabula {

namespace detail {
template <class T, class Fields = decltype(row_layout<T>::key)>
struct key_type_of;
template <class T, std::size_t N>
struct key_type_of<T, const std::array<std::size_t, N>> {
    using type = decltype([]<std::size_t... K>(std::index_sequence<K...>) {
        if constexpr (N == 1) return std::type_identity<reflect::field_type<row_layout<T>::key[0], T>>{};
        else return std::type_identity<std::tuple<reflect::field_type<row_layout<T>::key[K], T>...>>{};
    }(std::make_index_sequence<N>{}))::type;
};

// Key arguments bind as the key field's type, except strings, which bind as they are.
template <class Field, class Arg>
concept key_argument = std::is_convertible_v<const Arg&, Field> ||
                       (std::is_same_v<Field, std::string> && std::is_convertible_v<const Arg&, std::string_view>);

// Tables in an order where every table comes after the tables its foreign keys reference. Not a
// template: one copy serves every create_all() and drop_all().
[[gnu::cold]] inline std::vector<std::size_t> dependency_order(std::span<const table_descriptor* const> tables) {
    const std::size_t n = tables.size();
    std::vector<std::size_t> order;
    order.reserve(n);
    std::vector<bool> placed(n, false);
    while (order.size() < n) {
        bool progress = false;
        for (std::size_t i = 0; i < n; ++i) {
            if (placed[i]) continue;
            bool ready = true;
            for (const foreign_key_descriptor& fk : tables[i]->foreign_keys)
                for (std::size_t j = 0; j < n; ++j)
                    if (j != i && !placed[j] && tables[j]->name == fk.referenced_table) ready = false;
            if (ready) {
                placed[i] = true;
                order.push_back(i);
                progress = true;
            }
        }
        // A cycle of foreign keys: keep declaration order for the rest (SQLite accepts it).
        if (!progress)
            for (std::size_t i = 0; i < n; ++i)
                if (!placed[i]) placed[i] = true, order.push_back(i);
    }
    return order;
}
}  // namespace detail

namespace detail {
// A connection that sends many executions before reading their results (PostgreSQL's pipelines).
template <class Connection>
concept pipelining = requires(Connection& c) { c.start_pipeline(); };

// A connection that loads rows in bulk through a stream (PostgreSQL's COPY).
template <class Connection>
concept bulk_copy = requires(Connection& c, std::string_view sql) { c.copy_in(sql).end_row(); };
}  // namespace detail

namespace detail {
// The fields a bulk insert writes: all but a generated key, or all when the rows set their keys.
template <class T, bool WithKeys>
struct written_fields {
    static constexpr const auto& value = row_layout<T>::inserted;
};
template <class T>
struct written_fields<T, true> {
    static constexpr const auto& value = row_layout<T>::all;
};
}  // namespace detail

// What insert() returns: the key field's type, or a tuple for a composite key.
template <class T>
using key_type = typename detail::key_type_of<T>::type;

template <class Backend>
    requires backend<Backend>
class session {
public:
    using backend_type = Backend;
    using connection_type = typename Backend::connection;
    using statement_type = typename Backend::statement;
    using statement_lease = typename detail::statement_cache<statement_type>::lease;
    static constexpr sql::dialect dialect = Backend::dialect;

    explicit session(connection_type connection) : connection_(std::move(connection)) {}
    explicit session(std::string_view url) : connection_(connection_type::open(url)) {}
    static session open(std::string_view url) { return session(url); }

    session(session&&) noexcept = default;
    session& operator=(session&&) noexcept = default;
    ~session() {
        if (depth_ > 0) rollback_scope_noexcept(1);
    }

    // ---- schema -------------------------------------------------------------------------------

    // Creates the tables and indexes of the models that do not exist yet, in one transaction.
    template <valid_model... Models>
    void create_all() {
        constexpr std::size_t n = sizeof...(Models);
        static constexpr std::array<const table_descriptor*, n> tables{&table_of<Models>...};
        static constexpr std::array<std::string_view, n> creates{sql::create_table_sql<Models, dialect>...};
        static constexpr std::array<std::span<const std::string_view>, n> indexes{
            std::span<const std::string_view>(sql::create_index_sql<Models, dialect>)...};
        create_tables(tables, creates, indexes);
    }

    // Drops the models' tables that exist, referencing tables first.
    template <valid_model... Models>
    void drop_all() {
        static constexpr std::array<const table_descriptor*, sizeof...(Models)> tables{&table_of<Models>...};
        drop_tables(tables);
    }

    // ---- transactions -------------------------------------------------------------------------

    // A scope that commits when it ends normally and rolls back when an exception leaves it. The
    // options apply to the outermost scope; inner scopes are savepoints of it.
    tabula::transaction<session> transaction(const transaction_options& options = {}) {
        return tabula::transaction<session>(*this, options);
    }

    // Runs f(session) in a transaction scope and returns its result.
    template <class F>
    decltype(auto) transact(F&& f, const transaction_options& options = {}) {
        tabula::transaction<session> scope(*this, options);
        if constexpr (std::is_void_v<std::invoke_result_t<F&, session&>>) {
            f(*this);
            scope.commit();
        } else {
            decltype(auto) result = f(*this);
            scope.commit();
            return result;
        }
    }

    bool in_transaction() const noexcept { return depth_ > 0; }

    // Rolls back whatever transaction is open, however deep (a pool taking a session back).
    void abandon_transaction() noexcept { rollback_scope_noexcept(1); }

    // ---- rows ---------------------------------------------------------------------------------

    // Inserts one row and returns its key. A key the database generates (a single integer key) is
    // generated when the row leaves it unset (0), and written as given when the row sets it, as
    // SQLAlchemy does; on PostgreSQL the key sequence then moves past it.
    // The return type is deduced (it is key_type<T>) so that Clang checks valid_model<T> before
    // it looks at the key of an invalid model.
    template <valid_model T>
    auto insert(const T& row) {
        return insert_row(row);
    }

    // The same, and a generated key is written into the row: `db.insert(user); user.id` is the key.
    template <class T>
        requires(!std::is_const_v<T>) && valid_model<T>
    auto insert(T& row) {
        auto key = insert_row(std::as_const(row));
        write_key(row, key);
        return key;
    }

    // Inserts the row and returns it as the database stored it (INSERT ... RETURNING): its
    // generated key, and the server defaults of the columns named, which are not written:
    //   Post stored = db.insert_returning<&Post::created_at>(post);  // created_at: its DEFAULT
    // A generated key the row sets is written as insert() writes it. SQLite (3.35 on), PostgreSQL
    // and MariaDB (10.5 on); MySQL servers refuse the statement.
    template <auto... Defaulted, valid_model T>
        requires(std::is_same_v<reflect::member_owner<Defaulted>, T> && ...)
    T insert_returning(const T& row) {
        static_assert(sql::has_returning(dialect, sql::returning_statement::insert),
                      "tabula: insert_returning(): this session's dialect has no INSERT ... RETURNING");
        static_assert((defaulted_checked<T, Defaulted>() && ...));
        using layout = detail::row_layout<T>;
        if constexpr (layout::generated_key) {
            if (reflect::get<layout::key[0]>(row) != 0) {
                T stored = insert_returning_row<true, reflect::field_index<Defaulted>...>(row);
                advance_key_sequence<T>();
                return stored;
            }
        }
        return insert_returning_row<false, reflect::field_index<Defaulted>...>(row);
    }

    // Inserts every row of a range in one transaction (a savepoint inside an open one): all or
    // nothing. Returns the row count. Rows go in multi-row INSERTs of bulk_insert_rows rows, or
    // through one COPY on PostgreSQL, keys included when every row sets its generated key. When
    // the model's key is generated and
    //  - no row sets it, and the range's rows can be written to (an lvalue container, a span, a
    //    view of one): each row receives its generated key, so rows are inserted one by one
    //    (pipelined in batches on PostgreSQL), since only a single-row insert tells each row its
    //    key;
    //  - some rows set it and others do not: rows are inserted one by one, each key generated or
    //    written as given.
    // Pass std::as_const(rows) to take the bulk path without the keys.
    template <std::ranges::input_range Range>
        requires valid_model<std::ranges::range_value_t<Range>>
    std::size_t insert_many(Range&& rows) {
        using T = std::ranges::range_value_t<Range>;
        constexpr bool writable = std::is_same_v<std::ranges::range_reference_t<Range>, T&> &&
                                  (std::is_lvalue_reference_v<Range> || std::ranges::borrowed_range<Range>);
        tabula::transaction<session> scope(*this, transaction_options{});
        std::size_t count = 0;
        if constexpr (!detail::row_layout<T>::generated_key) {
            count = insert_rows<T, false>(rows);
        } else if constexpr (std::ranges::forward_range<Range>) {
            switch (keys_set<T>(rows)) {
                case keys_set_by_rows::none:
                    if constexpr (writable) count = insert_writing_keys<T>(rows);
                    else count = insert_rows<T, false>(rows);
                    break;
                case keys_set_by_rows::all:
                    count = insert_rows<T, true>(rows);
                    advance_key_sequence<T>();
                    break;
                case keys_set_by_rows::some: count = insert_each(rows); break;
            }
        } else {
            count = insert_each(rows);
        }
        scope.commit();
        return count;
    }

    // The row with this key, or nothing: db.get<User>(5), db.get<Tag>("a", "user-1").
    template <valid_model T, class... Key>
        requires(sizeof...(Key) == detail::row_layout<T>::key.size())
    std::optional<T> get(const Key&... key) {
        auto statement = model_statement<T, sql::detail::model_statement::select_by_key>();
        bind_key<T>(*statement, key...);
        // One named result on every path, so that it is constructed in place (GCC does not elide
        // the copy when another path returns a different object: a move of every field per call).
        std::optional<T> row;
        if (step_row(statement)) detail::read_row(*statement, row.emplace());
        return row;
    }

    // Looks up many keys at once: one result per key, in the keys' order (nothing where no row
    // has the key). Composite keys are given as tuples. On PostgreSQL the lookups are pipelined in
    // batches of pipeline_batch, one round trip per batch; elsewhere they run one by one.
    template <valid_model T, std::ranges::input_range Keys>
    std::vector<std::optional<T>> get_many(const Keys& keys) {
        std::vector<std::optional<T>> out;
        if constexpr (std::ranges::sized_range<Keys>) out.reserve(std::ranges::size(keys));
        auto statement = model_statement<T, sql::detail::model_statement::select_by_key>();
        if constexpr (detail::pipelining<connection_type>) {
            pipelined(statement, keys, [&](const auto& key, std::size_t) { bind_key_value<T>(*statement, key); },
                      [&](statement_type& result, std::size_t) {
                          if (!result.step()) return out.emplace_back(), void();
                          detail::read_row(result, *out.emplace_back(std::in_place));
                      });
        } else {
            for (const auto& key : keys) {
                bind_key_value<T>(*statement, key);
                if (step_row(statement)) detail::read_row(*statement, *out.emplace_back(std::in_place));
                else out.emplace_back();
                statement.reset();
            }
        }
        return out;
    }

    // Updates many rows (every non-key column) in one transaction, all or nothing: not_found names
    // the first row that is not there. Pipelined in batches on PostgreSQL. Returns the row count.
    template <std::ranges::input_range Range>
        requires valid_model<std::ranges::range_value_t<Range>> && std::is_lvalue_reference_v<std::ranges::range_reference_t<Range>>
    std::size_t update_many(Range&& rows) {
        using T = std::ranges::range_value_t<Range>;
        using layout = detail::row_layout<T>;
        static_assert(layout::values.size() > 0, "tabula: update_many() needs a column outside the primary key");
        tabula::transaction<session> scope(*this, transaction_options{});
        std::size_t count = 0;
        auto statement = model_statement<T, sql::detail::model_statement::update>();
        auto bind = [&](const T& row) {
            const int next = detail::bind_fields<T, layout::values>(*statement, row, 1, scratch_, logged_values());
            detail::bind_fields<T, layout::key>(*statement, row, next, scratch_, logged_values());
        };
        if constexpr (detail::pipelining<connection_type>) {
            std::array<const T*, pipeline_batch> in_flight{};
            const T* missing = nullptr;
            pipelined(
                statement, rows,
                [&](const T& row, std::size_t k) {
                    bind(row);
                    in_flight[k] = &row;
                },
                [&](statement_type& result, std::size_t k) {
                    if (result.affected_rows() == 0 && !missing) missing = in_flight[k];
                    ++count;
                });
            if (missing) throw missing_row<T>("update", *missing);
        } else {
            for (const T& row : rows) {
                bind(row);
                while (write_step<T>(statement)) {
                }
                if ((*statement).affected_rows() == 0) throw missing_row<T>("update", row);
                statement.reset();
                ++count;
            }
        }
        scope.commit();
        return count;
    }

    // Writes every non-key column of the row with the same key; not_found if there is none.
    template <valid_model T>
    void update(const T& row) {
        using layout = detail::row_layout<T>;
        static_assert(layout::values.size() > 0, "tabula: update() needs a column outside the primary key");
        auto statement = model_statement<T, sql::detail::model_statement::update>();
        const int next = detail::bind_fields<T, layout::values>(*statement, row, 1, scratch_, logged_values());
        detail::bind_fields<T, layout::key>(*statement, row, next, scratch_, logged_values());
        while (write_step<T>(statement)) {
        }
        if ((*statement).affected_rows() == 0) throw missing_row<T>("update", row);
    }

    // Writes only the named columns: db.update<&User::name, &User::email>(user).
    template <auto... Members, valid_model T>
        requires(sizeof...(Members) > 0 && (std::is_same_v<reflect::member_owner<Members>, T> && ...))
    void update(const T& row) {
        using layout = detail::row_layout<T>;
        static_assert(((!table_of<T>.columns[reflect::field_index<Members>].primary_key) && ...),
                      "tabula: update<...>() cannot change primary key columns");
        using render = sql::detail::update_columns_render<T, dialect, reflect::field_index<Members>...>;
        auto statement = cached_statement(detail::statement_slot<render>(), sql::static_text<render>, layout::table.name);
        static constexpr std::array<std::size_t, sizeof...(Members)> chosen{reflect::field_index<Members>...};
        const int next = detail::bind_fields<T, chosen>(*statement, row, 1, scratch_, logged_values());
        detail::bind_fields<T, layout::key>(*statement, row, next, scratch_, logged_values());
        while (write_step<T>(statement)) {
        }
        if ((*statement).affected_rows() == 0) throw missing_row<T>("update", row);
    }

    // Inserts the row, or overwrites the row with the same key, and returns the key. A row whose
    // generated key is unset (0) has no row to overwrite: it is inserted with a new key.
    template <valid_model T>
    auto upsert(const T& row) {
        using layout = detail::row_layout<T>;
        if constexpr (layout::generated_key) {
            if (reflect::get<layout::key[0]>(row) == 0) return insert_row(row);
        }
        auto statement = model_statement<T, sql::detail::model_statement::upsert>();
        detail::bind_fields<T, layout::all>(*statement, row, 1, scratch_, logged_values());
        while (write_step<T>(statement)) {
        }
        return key_type<T>(key_of(row));
    }

    // The same, and a generated key is written into the row.
    template <class T>
        requires(!std::is_const_v<T>) && valid_model<T>
    auto upsert(T& row) {
        auto key = upsert(std::as_const(row));
        write_key(row, key);
        return key;
    }

    // Inserts the row unless another row holds its primary key or the values of one of its unique
    // constraints; true when it inserted. Other errors are thrown as insert() throws them.
    // PostgreSQL runs INSERT ... ON CONFLICT DO NOTHING; SQLite and MySQL run the INSERT and take a
    // unique or primary-key violation as the answer (a failed statement leaves their transactions
    // usable).
    template <valid_model T>
    bool insert_or_ignore(const T& row) {
        return insert_or_ignore_row(row).has_value();
    }

    // The same, and when it inserted, a generated key is written into the row.
    template <class T>
        requires(!std::is_const_v<T>) && valid_model<T>
    bool insert_or_ignore(T& row) {
        const auto key = insert_or_ignore_row(std::as_const(row));
        if (key) write_key(row, *key);
        return key.has_value();
    }

    // Inserts the row, or updates the row that holds the same values in the Target columns, which
    // must be the primary key, a unique constraint or a unique index (checked at compile time):
    //   db.upsert_on<&Post::author_id, &Post::slug>(post);
    // Every column outside the target and the primary key is written; the key of the row written
    // is returned (PostgreSQL: RETURNING; elsewhere read back by the target's values). MySQL names
    // no target: the row any of the table's unique keys matches is updated.
    template <auto... Target, valid_model T>
        requires(sizeof...(Target) > 0 && (std::is_same_v<reflect::member_owner<Target>, T> && ...))
    auto upsert_on(const T& row) {
        constexpr bool unique = sql::unique_key<T, reflect::field_index<Target>...>();
        constexpr std::string_view first = detail::member_path<std::get<0>(std::tuple{Target...})>;
        static_assert(query_report<T, unique ? query_problem::none : query_problem::conflict_target_not_unique,
                                   to_fixed_string<first.size()>(first)>::ok);
        using layout = detail::row_layout<T>;
        if constexpr (layout::generated_key) {
            if (reflect::get<layout::key[0]>(row) != 0) return upsert_on_row<true, reflect::field_index<Target>...>(row);
        }
        return upsert_on_row<false, reflect::field_index<Target>...>(row);
    }

    // Deletes the row with this row's key; false if there was none.
    template <valid_model T>
    bool remove(const T& row) {
        auto statement = model_statement<T, sql::detail::model_statement::remove>();
        detail::bind_fields<T, detail::row_layout<T>::key>(*statement, row, 1, scratch_, logged_values());
        while (write_step<T>(statement)) {
        }
        return (*statement).affected_rows() > 0;
    }

    // Deletes the row with this key: db.remove<User>(5).
    template <valid_model T, class... Key>
        requires(sizeof...(Key) == detail::row_layout<T>::key.size() && !(sizeof...(Key) == 1 && (std::is_same_v<Key, T> && ...)))
    bool remove(const Key&... key) {
        auto statement = model_statement<T, sql::detail::model_statement::remove>();
        bind_key<T>(*statement, key...);
        while (write_step<T>(statement)) {
        }
        return (*statement).affected_rows() > 0;
    }

    // ---- queries ------------------------------------------------------------------------------

    template <valid_model T>
    select_query<session, T> query() {
        return select_query<session, T>(*this);
    }

    template <valid_model T>
    std::int64_t count() {
        return query<T>().count();
    }

    // ---- raw SQL ------------------------------------------------------------------------------

    // Runs a statement with bound parameters and returns the number of rows it changed.
    // ---- invalid models ---------------------------------------------------------------------------
    // Each entry point above is constrained on valid_model, and each has a twin here for the models
    // that fail diagnose<T>(): its one statement is the static_assert whose requirement names the
    // model, the problem and the field, so that is the user's first and only error (not "no
    // matching function"), in under ten lines with GCC and Clang. The twins return what the real
    // entry points return, so that the calling code raises no second error.
    template <class... Models>
        requires(!(valid_model<Models> && ...))
    void create_all() {
        static_assert(detail::first_failed_check<Models...>::type::passed, "tabula: this model cannot be mapped; the requirement names the model, the problem and the field");
    }
    template <class... Models>
        requires(!(valid_model<Models> && ...))
    void drop_all() {
        static_assert(detail::first_failed_check<Models...>::type::passed, "tabula: this model cannot be mapped; the requirement names the model, the problem and the field");
    }
    template <class T>
        requires(!valid_model<T>)
    std::int64_t insert(const T&) {
        static_assert(detail::model_check_of<T>::passed, "tabula: this model cannot be mapped; the requirement names the model, the problem and the field");
        return 0;
    }
    template <auto... Defaulted, class T>
        requires(!valid_model<T>)
    T insert_returning(const T& row) {
        static_assert(detail::model_check_of<T>::passed, "tabula: this model cannot be mapped; the requirement names the model, the problem and the field");
        return row;
    }
    template <std::ranges::input_range Range>
        requires(!valid_model<std::ranges::range_value_t<Range>>)
    std::size_t insert_many(Range&&) {
        static_assert(detail::model_check_of<std::ranges::range_value_t<Range>>::passed, "tabula: this model cannot be mapped; the requirement names the model, the problem and the field");
        return 0;
    }
    template <class T, class... Key>
        requires(!valid_model<T>)
    std::optional<T> get(const Key&...) {
        static_assert(detail::model_check_of<T>::passed, "tabula: this model cannot be mapped; the requirement names the model, the problem and the field");
        return std::nullopt;
    }
    template <class T, std::ranges::input_range Keys>
        requires(!valid_model<T>)
    std::vector<std::optional<T>> get_many(const Keys&) {
        static_assert(detail::model_check_of<T>::passed, "tabula: this model cannot be mapped; the requirement names the model, the problem and the field");
        return {};
    }
    template <std::ranges::input_range Range>
        requires(!valid_model<std::ranges::range_value_t<Range>>)
    std::size_t update_many(Range&&) {
        static_assert(detail::model_check_of<std::ranges::range_value_t<Range>>::passed, "tabula: this model cannot be mapped; the requirement names the model, the problem and the field");
        return 0;
    }
    template <auto... Members, class T>
        requires(!valid_model<T>)
    void update(const T&) {
        static_assert(detail::model_check_of<T>::passed, "tabula: this model cannot be mapped; the requirement names the model, the problem and the field");
    }
    template <class T>
        requires(!valid_model<T>)
    bool insert_or_ignore(const T&) {
        static_assert(detail::model_check_of<T>::passed, "tabula: this model cannot be mapped; the requirement names the model, the problem and the field");
        return false;
    }
    template <auto... Target, class T>
        requires(!valid_model<T>)
    std::int64_t upsert_on(const T&) {
        static_assert(detail::model_check_of<T>::passed, "tabula: this model cannot be mapped; the requirement names the model, the problem and the field");
        return 0;
    }
    template <class T>
        requires(!valid_model<T>)
    void upsert(const T&) {
        static_assert(detail::model_check_of<T>::passed, "tabula: this model cannot be mapped; the requirement names the model, the problem and the field");
    }
    template <class T>
        requires(!valid_model<T>)
    bool remove(const T&) {
        static_assert(detail::model_check_of<T>::passed, "tabula: this model cannot be mapped; the requirement names the model, the problem and the field");
        return false;
    }
    template <class T, class... Key>
        requires(!valid_model<T> && !(sizeof...(Key) == 1 && (std::is_same_v<Key, T> && ...)))
    bool remove(const Key&...) {
        static_assert(detail::model_check_of<T>::passed, "tabula: this model cannot be mapped; the requirement names the model, the problem and the field");
        return false;
    }
    template <class T>
        requires(!valid_model<T>)
    detail::rejected_query<T> query() {
        static_assert(detail::model_check_of<T>::passed, "tabula: this model cannot be mapped; the requirement names the model, the problem and the field");
        return {};
    }
    template <class T>
        requires(!valid_model<T>)
    std::int64_t count() {
        static_assert(detail::model_check_of<T>::passed, "tabula: this model cannot be mapped; the requirement names the model, the problem and the field");
        return 0;
    }

    template <class... Args>
    std::int64_t execute(std::string_view sql, const Args&... args) {
        auto statement = raw_statement(sql);
        bind_arguments(*statement, args...);
        while (statement.step()) {
        }
        return (*statement).affected_rows();
    }

    // Runs a query with bound parameters; each result row maps by position onto Row's fields
    // (or onto Row itself when it is a single value such as std::int64_t).
    template <class Row, class... Args>
    std::vector<Row> raw(std::string_view sql, const Args&... args) {
        auto statement = raw_statement(sql);
        bind_arguments(*statement, args...);
        bool more = statement.step();
        check_raw_shape<Row>(*statement);  // every backend knows the result's columns once it has run
        std::vector<Row> rows;
        for (; more; more = statement.step()) {
            if constexpr (std::is_same_v<Row, bool>) {  // std::vector<bool> hands out proxies
                bool value = false;
                detail::read_raw_row(*statement, value);
                rows.push_back(value);
            } else {
                rows.emplace_back();
                detail::read_raw_row(*statement, rows.back());
            }
        }
        return rows;
    }

    // Like raw(), but calls f(row) for each row without collecting them.
    template <class Row, class F, class... Args>
    void raw_each(std::string_view sql, F&& f, const Args&... args) {
        auto statement = raw_statement(sql);
        bind_arguments(*statement, args...);
        (*statement).stream();
        bool more = statement.step();
        check_raw_shape<Row>(*statement);
        Row row{};
        for (; more; more = statement.step()) {
            detail::read_raw_row(*statement, row);
            f(std::as_const(row));
        }
    }

    connection_type& connection() noexcept { return connection_; }

    // Runs SQL without parameters (DDL; several statements where the backend allows it).
    void execute_script(std::string_view sql) {
        logged_text(sql, [&] { connection_.execute(sql); });
    }

    // ---- the SQL log --------------------------------------------------------------------------

    // Calls `logger` after every statement this session runs, with its text, duration and row
    // count; with `with_values`, also the values bound to it. An empty logger turns the log off.
    void log_statements(statement_logger logger, bool with_values = false) {
        if (!logger) {
            log_.reset();
            return;
        }
        if (!log_) log_ = std::make_unique<detail::statement_log>();
        log_->callback = std::move(logger);
        log_->with_values = with_values;
    }

    // ---- used by select_query and transaction -------------------------------------------------

    statement_lease cached_statement(std::size_t slot, std::string_view sql, std::string_view table) {
        // The common case builds nothing: the texts reach a function only when one is prepared.
        if (auto* idle = cache_.idle(slot)) [[likely]]
            return statement_lease(idle, log_.get());
        return prepare_cached(slot, sql, table);
    }
    [[gnu::noinline]] statement_lease prepare_cached(std::size_t slot, std::string_view sql, std::string_view table) {
        return cache_.get(slot, [&] { return prepare(sql, table); }, log_.get());
    }
    statement_lease dynamic_statement(std::string_view sql, std::string_view table) {
        return cache_.get(sql, [&] { return prepare(sql, table); }, log_.get());
    }
    // Application SQL with `?` placeholders, in the dialect's form (sql/placeholders.hpp).
    statement_lease raw_statement(std::string_view sql) {
        return cache_.get(sql, [&] { return prepare(sql::raw_sql(dialect, sql), {}); }, log_.get());
    }

    // Where bound values are recorded for the SQL log: only when it asked for them.
    std::vector<std::string>* logged_values() noexcept { return log_ && log_->with_values ? &log_->pending_values : nullptr; }

    struct parameter_binder {
        statement_type& statement;
        std::vector<std::string>& scratch;
        std::string_view table;
        std::vector<std::string>* logged = nullptr;
        int next = 1;
        template <class V>
        void operator()(const V& value) {
            const auto slot = static_cast<std::size_t>(next);
            if (scratch.size() <= slot) scratch.resize(slot + 1);
            try {
                detail::bind_value(statement, next, value, scratch[slot]);
            } catch (const detail::value_error& e) {
                detail::rethrow_value_error(e, table.empty() ? "(raw query)" : table, "parameter " + std::to_string(next), {}, false);
            }
            if (logged) [[unlikely]] logged->push_back(detail::value_text(value));
            ++next;
        }
    };
    parameter_binder binder(statement_type& statement, std::string_view table) { return {statement, scratch_, table, logged_values()}; }

    void check_innermost(int level, const char* what) const {
        if (level != depth_)
            throw transaction_error("tabula: cannot " + std::string(what) + " transaction scope " + std::to_string(level) +
                                    " while scope " + std::to_string(depth_) + " inside it is still open (scopes end innermost first)");
    }

    int begin_scope(const transaction_options& options) {
        const int level = depth_ + 1;
        if (level == 1) logged([&](auto& w) { sql::begin_transaction(w, options); }, [&] { connection_.begin(options); });
        else logged([&](auto& w) { sql::savepoint(w, savepoint_name(level)); }, [&] { connection_.savepoint(savepoint_name(level)); });
        depth_ = level;
        return level;
    }
    void commit_scope(int level) {
        check_innermost(level, "commit");
        if (level == 1) {
            try {
                logged([](auto& w) { sql::commit_transaction(w); }, [&] { connection_.commit(); });
            } catch (...) {
                rollback_scope_noexcept(1);
                throw;
            }
        } else {
            release_savepoint(level);
        }
        depth_ = level - 1;
    }
    void rollback_scope(int level) {
        check_innermost(level, "roll back");
        if (level == 1) {
            depth_ = 0;
            logged([](auto& w) { sql::rollback_transaction(w); }, [&] { connection_.rollback(); });
        } else {
            rollback_to_savepoint(level);
            depth_ = level - 1;
        }
    }
    // Used while unwinding: rolls back `level` and anything opened inside it, never throws.
    void rollback_scope_noexcept(int level) noexcept {
        try {
            if (level <= 1) {
                depth_ = 0;
                logged([](auto& w) { sql::rollback_transaction(w); }, [&] { connection_.rollback(); });
            } else if (level <= depth_) {
                rollback_to_savepoint(level);
                depth_ = level - 1;
            }
        } catch (...) {
            // The connection reports the failure on its next use; there is nothing to add here.
        }
    }

    // Rows per multi-row INSERT in insert_many. Measured on SQLite (100,000 rows of 5 columns,
    // time relative to a hand-written prepared loop): 1 row 0.98, 8 rows 0.76, 16 rows 0.74,
    // 32 rows 0.71, 64 rows 0.67, 128 rows 0.68.
    static constexpr std::size_t bulk_insert_rows = 64;
    // Executions per pipelined batch (get_many, update_many): enough to hide the round trip, few
    // enough that results never fill the socket buffers while requests are still being sent.
    static constexpr std::size_t pipeline_batch = 256;
    // Parameters one statement may carry on every backend (SQLite 32766, PostgreSQL 65535).
    static constexpr std::size_t max_parameters = 32766;

private:
    // What create_all() runs: one copy for every list of models.
    [[gnu::noinline]] void create_tables(std::span<const table_descriptor* const> tables, std::span<const std::string_view> creates,
                                         std::span<const std::span<const std::string_view>> indexes) {
        tabula::transaction<session> scope(*this, transaction_options{});
        for (std::size_t i : detail::dependency_order(tables)) {
            execute_script(creates[i]);
            for (std::string_view create_index : indexes[i]) execute_script(create_index);
        }
        scope.commit();
    }

    // What drop_all() runs: one copy for every list of models.
    [[gnu::noinline]] void drop_tables(std::span<const table_descriptor* const> tables) {
        const auto order = detail::dependency_order(tables);
        tabula::transaction<session> scope(*this, transaction_options{});
        for (std::size_t k = tables.size(); k-- > 0;)
            execute_script(sql::text(dialect, [&](auto& w) { sql::drop_table(w, tables[order[k]]->name, true); }));
        scope.commit();
    }

    // Steps a statement reading rows.
    static bool step_row(statement_lease& statement) { return statement.step(); }

    statement_type prepare(std::string_view sql, std::string_view table) {
        statement_type statement = connection_.prepare(sql);
        statement.set_table(table);
        return statement;
    }

    // Steps a statement writing rows of T; a constraint violation learns the constraint's name and
    // columns from T's declarations.
    template <class T>
    bool write_step(statement_lease& statement) {
        return write_step(statement, table_of<T>);
    }
    // Not a template of the model. Inlined: out of line it cost 18 instructions a row (insert per
    // row 1.0195 -> 1.0231 of hand-written under callgrind); SQLite's lock wait behind it is out of line.
    static bool write_step(statement_lease& statement, const table_descriptor& table) {
        try {
            return statement.step();
        } catch (constraint_violation& violation) {
            detail::identify_constraint(violation, table);
            throw;
        }
    }
    template <class T, class F>
    decltype(auto) identify_violations(F&& run) {
        try {
            return run();
        } catch (constraint_violation& violation) {
            detail::identify_constraint(violation, table_of<T>);
            throw;
        }
    }

    template <class T>
    key_type<T> insert_row(const T& row) {
        using layout = detail::row_layout<T>;
        if constexpr (layout::generated_key) {
            if (reflect::get<layout::key[0]>(row) != 0) [[unlikely]]
                return insert_with_key(row);
            auto statement = model_statement<T, sql::detail::model_statement::insert>();
            detail::bind_fields<T, layout::inserted>(*statement, row, 1, scratch_, logged_values());
            std::int64_t generated = 0;
            if constexpr (Backend::insert_returns_key) {
                write_step<T>(statement);
                generated = (*statement).column(0).as_int64();
                while (write_step<T>(statement)) {
                }
            } else {
                while (write_step<T>(statement)) {
                }
                generated = (*statement).last_insert_id();
            }
            return generated_key<T>(generated);
        } else {
            auto statement = model_statement<T, sql::detail::model_statement::insert>();
            detail::bind_fields<T, layout::inserted>(*statement, row, 1, scratch_, logged_values());
            while (write_step<T>(statement)) {
            }
            return key_type<T>(key_of(row));
        }
    }

    // A column insert_returning() leaves to the database: one with a server default, outside the key.
    template <class T, auto Member>
    static constexpr bool defaulted_checked() {
        constexpr const column_descriptor& column = table_of<T>.columns[reflect::field_index<Member>];
        constexpr bool ok = !column.server_default.empty() && !column.primary_key;
        constexpr std::string_view field = detail::member_path<Member>;
        return query_report<T, ok ? query_problem::none : query_problem::defaulted_column_without_default,
                            to_fixed_string<field.size()>(field)>::ok;
    }

    template <bool WithKey, std::size_t... Defaulted, class T>
    T insert_returning_row(const T& row) {
        using layout = detail::row_layout<T>;
        static constexpr auto written = [] {
            constexpr std::array<std::size_t, sizeof...(Defaulted)> skipped{Defaulted...};
            constexpr auto& candidates = detail::written_fields<T, WithKey>::value;
            std::array<std::size_t, candidates.size() - sizeof...(Defaulted)> out{};
            std::size_t next = 0;
            for (std::size_t field : candidates)
                if (std::find(skipped.begin(), skipped.end(), field) == skipped.end()) out[next++] = field;
            return out;
        }();
        using render = sql::detail::insert_returning_render<T, dialect, WithKey, Defaulted...>;
        auto statement = cached_statement(detail::statement_slot<render>(), sql::static_text<render>, layout::table.name);
        detail::bind_fields<T, written>(*statement, row, 1, scratch_, logged_values());
        T stored{};
        if (!write_step<T>(statement))
            throw error("tabula: the insert into table '" + std::string(layout::table.name) + "' returned no row");
        detail::read_row(*statement, stored);
        while (write_step<T>(statement)) {
        }
        return stored;
    }

    // A row whose generated key the caller set: every column written as given.
    template <class T>
    key_type<T> insert_with_key(const T& row) {
        auto statement = model_statement<T, sql::detail::model_statement::insert_with_key>();
        detail::bind_fields_erased<T, detail::row_layout<T>::all>(*statement, row, 1, scratch_, logged_values());
        while (write_step<T>(statement)) {
        }
        return key_type<T>(key_of(row));
    }

    template <class T>
    std::optional<key_type<T>> insert_or_ignore_row(const T& row) {
        using layout = detail::row_layout<T>;
        if constexpr (dialect == sql::dialect::postgres) {
            if constexpr (layout::generated_key) {
                if (reflect::get<layout::key[0]>(row) != 0) return insert_or_ignore_statement<true>(row);
            }
            return insert_or_ignore_statement<false>(row);
        } else {
            try {
                return insert_row(row);
            } catch (const constraint_violation& violation) {
                if (violation.kind() == constraint_kind::unique || violation.kind() == constraint_kind::primary_key) return std::nullopt;
                throw;
            }
        }
    }

    template <bool WithKey, class T>
    std::optional<key_type<T>> insert_or_ignore_statement(const T& row) {
        using layout = detail::row_layout<T>;
        using render = sql::detail::insert_or_ignore_render<T, dialect, WithKey>;
        auto statement = cached_statement(detail::statement_slot<render>(), sql::static_text<render>, layout::table.name);
        if constexpr (WithKey) detail::bind_fields<T, layout::all>(*statement, row, 1, scratch_, logged_values());
        else detail::bind_fields<T, layout::inserted>(*statement, row, 1, scratch_, logged_values());
        if constexpr (layout::generated_key) {
            // A row comes back for the row written, with its key first.
            if (!write_step<T>(statement)) return std::nullopt;
            const std::int64_t key = (*statement).column(0).as_int64();
            while (write_step<T>(statement)) {
            }
            return generated_key<T>(key);
        } else {
            while (write_step<T>(statement)) {
            }
            if ((*statement).affected_rows() == 0) return std::nullopt;
            return key_type<T>(key_of(row));
        }
    }

    template <bool WithKey, std::size_t... Target, class T>
    key_type<T> upsert_on_row(const T& row) {
        using layout = detail::row_layout<T>;
        using render = sql::detail::upsert_on_render<T, dialect, WithKey, Target...>;
        auto statement = cached_statement(detail::statement_slot<render>(), sql::static_text<render>, layout::table.name);
        if constexpr (WithKey) detail::bind_fields<T, layout::all>(*statement, row, 1, scratch_, logged_values());
        else detail::bind_fields<T, layout::inserted>(*statement, row, 1, scratch_, logged_values());
        if constexpr (dialect == sql::dialect::postgres) {
            if (!write_step<T>(statement))
                throw error("tabula: the upsert into table '" + std::string(layout::table.name) + "' returned no key");
            key_type<T> key = read_key<T>(*statement);
            while (write_step<T>(statement)) {
            }
            return key;
        } else {
            while (write_step<T>(statement)) {
            }
            const std::int64_t inserted = [&] {
                if constexpr (layout::generated_key) return (*statement).last_insert_id();
                else return std::int64_t{0};
            }();
            statement.reset();
            static constexpr std::array<std::size_t, sizeof...(Target)> target{Target...};
            using select = sql::detail::select_key_where_render<T, dialect, Target...>;
            auto lookup = cached_statement(detail::statement_slot<select>(), sql::static_text<select>, layout::table.name);
            detail::bind_fields<T, target>(*lookup, row, 1, scratch_, logged_values());
            if (lookup.step()) return read_key<T>(*lookup);
            // A target holding NULL matches no row: the row was inserted.
            if constexpr (layout::generated_key) return generated_key<T>(WithKey ? reflect::get<layout::key[0]>(row) : inserted);
            else return key_type<T>(key_of(row));
        }
    }

    // The key columns at the start of the current result row.
    template <class T>
    static key_type<T> read_key(statement_type& statement) {
        using layout = detail::row_layout<T>;
        key_type<T> key{};
        try {
            if constexpr (layout::key.size() == 1) {
                detail::read_value(statement.column(0), key);
            } else {
                [&]<std::size_t... K>(std::index_sequence<K...>) {
                    (detail::read_value(statement.column(static_cast<int>(K)), std::get<K>(key)), ...);
                }(std::make_index_sequence<layout::key.size()>{});
            }
        } catch (const detail::value_error& e) {
            detail::rethrow_value_error(e, layout::table.name, layout::table.primary_key[0], {}, true);
        }
        return key;
    }

    template <class T>
    static void write_key(T& row, const key_type<T>& key) {
        using layout = detail::row_layout<T>;
        if constexpr (layout::generated_key) reflect::get<layout::key[0]>(row) = key;
    }

    template <class T, class Range>
    static bool any_key_set(Range& rows) {
        for (const T& row : rows)
            if (reflect::get<detail::row_layout<T>::key[0]>(row) != 0) return true;
        return false;
    }

    enum class keys_set_by_rows : std::uint8_t { none, all, some };
    template <class T, class Range>
    static keys_set_by_rows keys_set(Range& rows) {
        std::size_t set = 0, unset = 0;
        for (const T& row : rows) {
            if (reflect::get<detail::row_layout<T>::key[0]>(row) != 0) ++set;
            else ++unset;
            if (set && unset) return keys_set_by_rows::some;
        }
        return set ? keys_set_by_rows::all : keys_set_by_rows::none;
    }

    // After rows were written with keys they chose: PostgreSQL's key sequence moves past them.
    template <class T>
    void advance_key_sequence() {
        if constexpr (dialect == sql::dialect::postgres) {
            auto statement = model_statement<T, sql::detail::model_statement::advance_key_sequence>();
            while (statement.step()) {
            }
        }
    }

    // One insert() per row: each key generated or written as given, and written back into rows
    // that can take it.
    template <class Range>
    std::size_t insert_each(Range& rows) {
        std::size_t count = 0;
        for (auto&& row : rows) {
            insert(row);
            ++count;
        }
        return count;
    }

    // Rows that receive their generated keys. On PostgreSQL, rows that all leave their keys unset
    // go through the single-row INSERT ... RETURNING in pipelined batches: one round trip per batch.
    template <class T, class Range>
    std::size_t insert_writing_keys(Range& rows) {
        if constexpr (detail::pipelining<connection_type> && Backend::insert_returns_key && std::ranges::forward_range<Range>) {
            if (!any_key_set<T>(rows)) {
                using layout = detail::row_layout<T>;
                auto statement = model_statement<T, sql::detail::model_statement::insert>();
                std::array<T*, pipeline_batch> in_flight{};
                std::size_t count = 0;
                identify_violations<T>([&] {
                    pipelined(
                        statement, rows,
                        [&](T& row, std::size_t k) {
                            detail::bind_fields<T, layout::inserted>(*statement, row, 1, scratch_, logged_values());
                            in_flight[k] = &row;
                        },
                        [&](statement_type& result, std::size_t k) {
                            result.step();
                            write_key(*in_flight[k], generated_key<T>(result.column(0).as_int64()));
                            ++count;
                        });
                });
                return count;
            }
        }
        return insert_each(rows);
    }

    // The bulk path. WithKeys: every row sets its generated key, written as given.
    template <class T, bool WithKeys, class Range>
    std::size_t insert_rows(Range& rows) {
        using layout = detail::row_layout<T>;
        static constexpr const auto& fields = detail::written_fields<T, WithKeys>::value;
        constexpr std::string_view copy_sql = WithKeys ? sql::copy_in_with_keys_sql<T, dialect> : sql::copy_in_sql<T, dialect>;
        std::size_t count = 0;
        auto it = std::ranges::begin(rows);
        const auto end = std::ranges::end(rows);
        if constexpr (detail::bulk_copy<connection_type>) {
            // One COPY streams every row; a row that fails to encode aborts it (copy's destructor).
            detail::statement_log::timing timing;
            if (log_) timing.start(*log_);
            try {
                auto copy = connection_.copy_in(copy_sql);
                for (; it != end; ++it, ++count) {
                    detail::bind_fields<T, fields>(copy, *it, 1, scratch_);
                    copy.end_row();
                }
                identify_violations<T>([&] { return copy.finish(); });
            } catch (const std::exception& failure) {
                timing.emit(copy_sql, 0, failure.what());
                throw;
            }
            timing.emit(copy_sql, static_cast<std::int64_t>(count));
        } else {
            constexpr std::size_t per_row = fields.size();
            constexpr std::size_t batch = std::max<std::size_t>(1, std::min(bulk_insert_rows, max_parameters / std::max<std::size_t>(per_row, 1)));
            if constexpr (batch > 1 && std::ranges::sized_range<Range>) {
                std::size_t remaining = std::ranges::size(rows);
                // An SQLite built with a lower parameter limit (999 before 3.32) takes rows one by one.
                bool fits = true;
                if constexpr (requires { connection_.max_parameters(); })
                    fits = batch * per_row <= static_cast<std::size_t>(connection_.max_parameters());
                if (fits && remaining >= batch) {
                    using render = sql::detail::insert_rows_render<T, dialect, batch, WithKeys>;
                    auto statement = cached_statement(detail::statement_slot<render>(), sql::static_text<render>, layout::table.name);
                    // Every text a batch binds stays where it is until the batch runs (SQLite and
                    // MariaDB keep its address): size the scratch for the whole batch first, so that
                    // no row's binding moves the strings of the rows before it.
                    if (scratch_.size() < batch * per_row + 1) scratch_.resize(batch * per_row + 1);
                    while (remaining >= batch) {
                        int next = 1;
                        for (std::size_t r = 0; r < batch; ++r, ++it)
                            next = detail::bind_fields<T, fields>(*statement, *it, next, scratch_, logged_values());
                        while (write_step<T>(statement)) {
                        }
                        statement.reset();
                        remaining -= batch;
                        count += batch;
                    }
                }
            }
            if (it != end) {
                auto statement = model_statement<T, WithKeys ? sql::detail::model_statement::insert_with_key : sql::detail::model_statement::insert>();
                for (; it != end; ++it) {
                    detail::bind_fields<T, fields>(*statement, *it, 1, scratch_, logged_values());
                    while (write_step<T>(statement)) {
                    }
                    statement.reset();
                    ++count;
                }
            }
        }
        return count;
    }

    template <class T, sql::detail::model_statement S>
    statement_lease model_statement() {
        using render = sql::detail::model_statement_render<T, dialect, S>;
        return cached_statement(detail::statement_slot<render>(), sql::static_text<render>, table_of<T>.name);
    }

    // A key as get_many receives it: a value, or a tuple for a composite key.
    template <class T, class Key>
    void bind_key_value(statement_type& statement, const Key& key) {
        if constexpr (detail::row_layout<T>::key.size() > 1)
            std::apply([&](const auto&... part) { bind_key<T>(statement, part...); }, key);
        else
            bind_key<T>(statement, key);
    }

    // Runs `statement` once per item of `items` in pipelined batches: bind(item, k) binds the k-th
    // of a batch, and receive(statement, k) reads its result. Logged as one event per batch.
    template <class Items, class Bind, class Receive>
    void pipelined(statement_lease& statement, Items& items, Bind&& bind, Receive&& receive) {
        auto it = std::ranges::begin(items);
        const auto end = std::ranges::end(items);
        while (it != end) {
            detail::statement_log::timing timing;
            if (log_) timing.start(*log_);
            std::size_t sent = 0;
            try {
                auto pipe = connection_.start_pipeline();
                for (; it != end && sent < pipeline_batch; ++it, ++sent) {
                    bind(*it, sent);
                    pipe.send(*statement);
                }
                pipe.sync();
                for (std::size_t k = 0; k < sent; ++k) {
                    pipe.receive(*statement);
                    receive(*statement, k);
                }
                pipe.end_batch();
            } catch (const std::exception& failure) {
                timing.emit((*statement).sql(), 0, failure.what());
                throw;
            }
            timing.emit((*statement).sql(), static_cast<std::int64_t>(sent));
        }
    }

    template <class T, class... Key>
    void bind_key(statement_type& statement, const Key&... key) {
        using layout = detail::row_layout<T>;
        [&]<std::size_t... K>(std::index_sequence<K...>) {
            (bind_key_part<T, layout::key[K]>(statement, static_cast<int>(K) + 1, key), ...);
        }(std::index_sequence_for<Key...>{});
    }

    template <class T, std::size_t Field, class Arg>
    void bind_key_part(statement_type& statement, int index, const Arg& value) {
        using field = reflect::field_type<Field, T>;
        static_assert(detail::key_argument<field, Arg>, "tabula: a key argument does not convert to the key column's type");
        if constexpr (std::is_same_v<field, std::string> && !std::is_same_v<Arg, std::string>) {
            statement.bind_text(index, std::string_view(value));
        } else {
            constexpr auto bind = detail::bind_table<T, statement_type>[Field];
            if constexpr (std::is_same_v<Arg, field>) {
                detail::bind_key_column(statement, index, bind, std::addressof(value), scratch_, table_of<T>, Field);
            } else {
                const field converted = static_cast<field>(value);
                detail::bind_key_column(statement, index, bind, std::addressof(converted), scratch_, table_of<T>, Field);
            }
        }
        if (auto* logged = logged_values()) [[unlikely]] logged->push_back(detail::shown_value(value));
    }

    template <class... Args>
    void bind_arguments(statement_type& statement, const Args&... args) {
        [[maybe_unused]] parameter_binder bind{statement, scratch_, {}, logged_values()};
        (bind(args), ...);
    }

    template <class Row>
    static void check_raw_shape(statement_type& statement) {
        const std::size_t columns = static_cast<std::size_t>(statement.column_count());
        if (columns != detail::raw_field_count<Row>())
            throw type_mismatch("tabula: the query returns " + std::to_string(columns) + " columns but " +
                                    std::string(reflect::qualified_type_name<Row>) + " has " +
                                    std::to_string(detail::raw_field_count<Row>()) + " (raw rows map by position): " + statement.sql(),
                                "(raw query)", {}, {});
    }

    template <class T>
    static key_type<T> generated_key(std::int64_t generated) {
        using field = key_type<T>;
        if constexpr (std::is_unsigned_v<field>) {
            if (generated < 0 || static_cast<std::uint64_t>(generated) > std::numeric_limits<field>::max())
                throw type_mismatch("tabula: generated key " + std::to_string(generated) + " of table '" +
                                        std::string(table_of<T>.name) + "' does not fit its key field",
                                    std::string(table_of<T>.name), std::string(table_of<T>.primary_key[0]), {});
        } else {
            if (generated < std::numeric_limits<field>::min() || generated > std::numeric_limits<field>::max())
                throw type_mismatch("tabula: generated key " + std::to_string(generated) + " of table '" +
                                        std::string(table_of<T>.name) + "' does not fit its key field",
                                    std::string(table_of<T>.name), std::string(table_of<T>.primary_key[0]), {});
        }
        return static_cast<field>(generated);
    }

    template <class T>
    static key_type<T> key_of(const T& row) {
        using layout = detail::row_layout<T>;
        if constexpr (layout::key.size() == 1) {
            return reflect::get<layout::key[0]>(row);
        } else {
            return [&]<std::size_t... K>(std::index_sequence<K...>) {
                return key_type<T>(reflect::get<layout::key[K]>(row)...);
            }(std::make_index_sequence<layout::key.size()>{});
        }
    }

    template <class T>
    static not_found missing_row(std::string_view operation, const T& row) {
        std::string key = detail::key_text(row);
        return not_found("tabula: " + std::string(operation) + " found no row in table '" + std::string(table_of<T>.name) +
                             "' with " + key,
                         std::string(table_of<T>.name), key);
    }

    static std::string savepoint_name(int level) { return "tabula_savepoint_" + std::to_string(level); }

    void release_savepoint(int level) {
        const std::string name = savepoint_name(level);
        logged([&](auto& w) { sql::release_savepoint(w, name); }, [&] { connection_.release(name); });
    }
    void rollback_to_savepoint(int level) {
        const std::string name = savepoint_name(level);
        logged([&](auto& w) { sql::rollback_to_savepoint(w, name); }, [&] { connection_.rollback_to(name); });
        logged([&](auto& w) { sql::release_savepoint(w, name); }, [&] { connection_.release(name); });
    }

    // Runs `run`, logging the text `render` gives when the SQL log is on (rendered only then).
    // Only the test for a log is compiled per call site; the logging is compiled once.
    template <class Render, class Run>
    void logged(Render&& render, Run&& run) {
        if (!log_) return run();
        logged_erased(detail::callback_ref<sql::statement_writer<sql::string_sink>&>(render), detail::callback_ref<>(run));
    }
    template <class Run>
    void logged_text(std::string_view text, Run&& run) {
        if (!log_) return run();
        logged_text_erased(text, detail::callback_ref<>(run));
    }
    void logged_erased(detail::callback_ref<sql::statement_writer<sql::string_sink>&> render, detail::callback_ref<> run) {
        logged_text_erased(sql::text(dialect, render), run);
    }
    void logged_text_erased(std::string_view text, detail::callback_ref<> run) {
        detail::statement_log::timing timing;
        timing.start(*log_);
        try {
            run();
        } catch (const std::exception& failure) {
            timing.emit(text, 0, failure.what());
            throw;
        }
        timing.emit(text, 0);
    }

    // Declared first so it is destroyed last, after the statements prepared on it.
    connection_type connection_;
    detail::statement_cache<statement_type> cache_;
    std::vector<std::string> scratch_;
    int depth_ = 0;
    // On the heap: statement leases point at it, and the session may move.
    std::unique_ptr<detail::statement_log> log_;
};

}  // namespace tabula
