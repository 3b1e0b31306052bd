// The backend chosen at run time, from the URL, among those the program is compiled with:
//
//   using db_session = tabula::any_session<tabula::sqlite, tabula::postgres>;
//   auto db = db_session::open(config.url);     // sqlite:// or postgresql://
//   db.insert(user);                            // the same API as session<Backend>
//   db.visit([](auto& s) { ... });              // the concrete session<Backend>, for anything else
//
// Every compiled-in backend's statements are still compile-time text; a call dispatches once on
// the backend (one switch over a std::variant) and then runs the concrete session's code, so rows
// are read and bound with no dispatch at all. any_pool<Backends...> is the pooled form.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <ranges>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <tabula/backend/config.hpp>
#include <tabula/backend/url.hpp>
#include <tabula/error.hpp>
#include <tabula/session/connection_pool.hpp>
#include <tabula/session/detail/rejected_query.hpp>
#include <tabula/session/select.hpp>
#include <tabula/session/session.hpp>

namespace tabula {

namespace detail {

// The index of the backend whose name is the URL's scheme, or configuration_error.
template <class... Backends>
std::size_t backend_for(std::string_view url) {
    const std::string scheme = parse_database_url(url).scheme;
    std::size_t index = 0;
    std::size_t found = sizeof...(Backends);
    ((Backends::name == scheme ? void(found = index) : void(), ++index), ...);
    if (found == sizeof...(Backends)) {
        std::string compiled;
        ((compiled += (compiled.empty() ? "" : ", ") + std::string(Backends::name)), ...);
        throw configuration_error("tabula: this program has no backend for '" + scheme + "' in '" + redact(url) + "' (compiled in: " +
                                  compiled + ")");
    }
    return found;
}

template <class Variant, std::size_t... I>
Variant make_alternative(std::size_t index, std::string_view url, std::index_sequence<I...>) {
    std::optional<Variant> out;
    ((index == I ? void(out.emplace(std::in_place_index<I>, url)) : void()), ...);
    return std::move(*out);
}

// f(alternative) for the alternative a variant holds: an if-chain on index(), not std::visit.
// Clang 16 (with libstdc++) leaves out the definitions of functions instantiated only below a
// generic visitor that std::visit reaches through its constant-evaluated table of function
// pointers (virtual members of nlohmann::json's output adapter, from a JSON column's dump(), went
// missing at link time); a plain chain of calls has no such table, and one predictable branch
// costs less than the indirect call.
template <std::size_t I = 0, class Variant, class F>
decltype(auto) visit_alternative(Variant& v, F&& f) {
    constexpr std::size_t size = std::variant_size_v<std::remove_const_t<Variant>>;
    if constexpr (I == 0)
        if (v.valueless_by_exception()) throw std::bad_variant_access();
    if constexpr (I + 1 == size) {
        return f(*std::get_if<I>(&v));
    } else {
        if (v.index() == I) return f(*std::get_if<I>(&v));
        return visit_alternative<I + 1>(v, f);
    }
}

// The calls any_session and any_pool's leases share, each dispatching once to the concrete
// session. Derived provides visit(f), calling f(session<B>&).
template <class Derived>
class dispatching_session {
public:
    using is_any_session = void;

    template <class... Models>
    void create_all() {
        self().visit([](auto& s) { s.template create_all<Models...>(); });
    }
    template <class... Models>
    void drop_all() {
        self().visit([](auto& s) { s.template drop_all<Models...>(); });
    }
    template <valid_model T>
    key_type<T> insert(const T& row) {
        return self().visit([&](auto& s) -> key_type<T> { return s.insert(row); });
    }
    template <class T>
        requires(!std::is_const_v<T>) && valid_model<T>
    auto insert(T& row) {
        return self().visit([&](auto& s) -> key_type<T> { return s.insert(row); });
    }
    // A backend whose dialect has no INSERT ... RETURNING refuses it when it runs.
    template <auto... Defaulted, valid_model T>
    T insert_returning(const T& row) {
        return self().visit([&](auto& s) -> T {
            if constexpr (!sql::has_returning(std::remove_reference_t<decltype(s)>::dialect, sql::returning_statement::insert))
                throw unsupported_statement("tabula: insert_returning() into table '" + std::string(table_of<T>.name) + "': dialect " +
                                            std::string(sql::to_string(s.dialect)) + " has no INSERT ... RETURNING");
            else return s.template insert_returning<Defaulted...>(row);
        });
    }
    template <std::ranges::input_range Range>
    std::size_t insert_many(Range&& rows) {
        return self().visit([&](auto& s) { return s.insert_many(std::forward<Range>(rows)); });
    }
    template <valid_model T, class... Key>
    std::optional<T> get(const Key&... key) {
        return self().visit([&](auto& s) { return s.template get<T>(key...); });
    }
    template <valid_model T>
    void update(const T& row) {
        self().visit([&](auto& s) { s.update(row); });
    }
    template <auto... Members, valid_model T>
        requires(sizeof...(Members) > 0)
    void update(const T& row) {
        self().visit([&](auto& s) { s.template update<Members...>(row); });
    }
    template <valid_model T>
    key_type<T> upsert(const T& row) {
        return self().visit([&](auto& s) -> key_type<T> { return s.upsert(row); });
    }
    template <class T>
        requires(!std::is_const_v<T>) && valid_model<T>
    auto upsert(T& row) {
        return self().visit([&](auto& s) -> key_type<T> { return s.upsert(row); });
    }
    template <valid_model T>
    bool insert_or_ignore(const T& row) {
        return self().visit([&](auto& s) { return s.insert_or_ignore(row); });
    }
    template <class T>
        requires(!std::is_const_v<T>) && valid_model<T>
    bool insert_or_ignore(T& row) {
        return self().visit([&](auto& s) { return s.insert_or_ignore(row); });
    }
    template <auto... Target, valid_model T>
        requires(sizeof...(Target) > 0)
    key_type<T> upsert_on(const T& row) {
        return self().visit([&](auto& s) -> key_type<T> { return s.template upsert_on<Target...>(row); });
    }
    template <valid_model T>
    bool remove(const T& row) {
        return self().visit([&](auto& s) { return s.remove(row); });
    }
    template <valid_model T, class... Key>
        requires(!(sizeof...(Key) == 1 && (std::is_same_v<Key, T> && ...)))
    bool remove(const Key&... key) {
        return self().visit([&](auto& s) { return s.template remove<T>(key...); });
    }
    template <valid_model T>
    select_query<Derived, T> query() {
        return select_query<Derived, T>(self());
    }
    template <valid_model T>
    std::int64_t count() {
        return self().visit([](auto& s) { return s.template count<T>(); });
    }
    // Twins of the calls above for models that fail diagnose<T>(), as session has them: the one
    // error is the static_assert naming model, problem and field.
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
        return self().visit([&](auto& s) { return s.execute(sql, args...); });
    }
    template <class Row, class... Args>
    std::vector<Row> raw(std::string_view sql, const Args&... args) {
        return self().visit([&](auto& s) { return s.template raw<Row>(sql, args...); });
    }
    template <class Row, class F, class... Args>
    void raw_each(std::string_view sql, F&& f, const Args&... args) {
        self().visit([&](auto& s) { s.template raw_each<Row>(sql, f, args...); });
    }
    void execute_script(std::string_view sql) {
        self().visit([&](auto& s) { s.execute_script(sql); });
    }
    // Runs f(*this) in a transaction scope and returns its result.
    template <class F>
    decltype(auto) transact(F&& f, const transaction_options& options = {}) {
        return self().visit([&](auto& s) -> decltype(auto) { return s.transact([&](auto&) -> decltype(auto) { return f(self()); }, options); });
    }
    bool in_transaction() {
        return self().visit([](auto& s) { return s.in_transaction(); });
    }
    void log_statements(statement_logger logger, bool with_values = false) {
        self().visit([&](auto& s) { s.log_statements(logger, with_values); });
    }
    sql::dialect dialect() {
        return self().visit([](auto& s) { return std::remove_reference_t<decltype(s)>::dialect; });
    }
    std::string_view backend_name() {
        return self().visit([](auto& s) { return std::remove_reference_t<decltype(s)>::backend_type::name; });
    }

private:
    Derived& self() noexcept { return static_cast<Derived&>(*this); }
};

}  // namespace detail

// A transaction scope of whichever backend the session has.
template <class... Backends>
class any_transaction {
public:
    template <class Transaction>
    explicit any_transaction(Transaction&& scope) : scope_(std::forward<Transaction>(scope)) {}
    void commit() {
        detail::visit_alternative(scope_, [](auto& s) { s.commit(); });
    }
    void rollback() {
        detail::visit_alternative(scope_, [](auto& s) { s.rollback(); });
    }
    bool active() const noexcept {
        return detail::visit_alternative(scope_, [](const auto& s) { return s.active(); });
    }

private:
    std::variant<transaction<session<Backends>>...> scope_;
};

template <class... Backends>
class any_session : public detail::dispatching_session<any_session<Backends...>> {
    static_assert(sizeof...(Backends) > 0, "tabula: any_session needs at least one backend");

public:
    explicit any_session(std::string_view url)
        : sessions_(detail::make_alternative<std::variant<session<Backends>...>>(detail::backend_for<Backends...>(url), url,
                                                                                 std::index_sequence_for<Backends...>{})) {}
    static any_session open(std::string_view url) { return any_session(url); }
    template <class Backend>
    explicit any_session(session<Backend>&& concrete) : sessions_(std::move(concrete)) {}

    // f(session<B>&) for the backend in use.
    template <class F>
    decltype(auto) visit(F&& f) {
        return detail::visit_alternative(sessions_, f);
    }

    any_transaction<Backends...> transaction(const transaction_options& options = {}) {
        return detail::visit_alternative(sessions_, [&](auto& s) { return any_transaction<Backends...>(s.transaction(options)); });
    }

    // The concrete session, when the caller knows the backend.
    template <class Backend>
    session<Backend>* get_if() noexcept {
        return std::get_if<session<Backend>>(&sessions_);
    }

private:
    std::variant<session<Backends>...> sessions_;
};

// A pool for whichever backend the URL names; its leases have any_session's API.
template <class... Backends>
class any_pool {
public:
    class lease : public detail::dispatching_session<lease> {
    public:
        template <class F>
        decltype(auto) visit(F&& f) {
            auto call = [&](auto& l) -> decltype(auto) { return f(*l); };
            return detail::visit_alternative(leases_, call);
        }
        any_transaction<Backends...> transaction(const transaction_options& options = {}) {
            return detail::visit_alternative(leases_, [&](auto& l) { return any_transaction<Backends...>(l->transaction(options)); });
        }

    private:
        friend class any_pool;
        template <class Lease>
        explicit lease(Lease&& l) : leases_(std::forward<Lease>(l)) {}
        std::variant<typename connection_pool<Backends>::lease...> leases_;
    };

    explicit any_pool(const database_config& config)
        : pools_(make(detail::backend_for<Backends...>(config.url), config, std::index_sequence_for<Backends...>{})) {}
    any_pool(std::string url, pool_options options = {}) : any_pool(database_config{std::move(url), options}) {}

    lease acquire() {
        return detail::visit_alternative(pools_, [](auto& pool) { return lease(pool->acquire()); });
    }
    pool_statistics statistics() const {
        return detail::visit_alternative(pools_, [](const auto& pool) { return pool->statistics(); });
    }
    void log_statements(statement_logger logger, bool with_values = false) {
        detail::visit_alternative(pools_, [&](auto& pool) { pool->log_statements(logger, with_values); });
    }

private:
    using pools = std::variant<std::unique_ptr<connection_pool<Backends>>...>;
    template <std::size_t... I>
    static pools make(std::size_t index, const database_config& config, std::index_sequence<I...>) {
        std::optional<pools> out;
        ((index == I ? void(out.emplace(std::in_place_index<I>,
                                        std::make_unique<connection_pool<std::tuple_element_t<I, std::tuple<Backends...>>>>(config)))
                     : void()),
         ...);
        return std::move(*out);
    }
    pools pools_;
};

}  // namespace tabula
