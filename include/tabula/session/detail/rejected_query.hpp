// What session::query<T>() returns for a model that fails diagnose<T>(), after its static_assert
// has named the model, the problem and the field: a query that accepts every call of the real
// one and compiles nothing, so that `db.query<Bad>().where(...).all()` gives the user that one
// error rather than a cascade from rendering SQL for a model that has none.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tabula::detail {

template <class T>
struct rejected_query {
    template <class... Arguments>
    rejected_query where(Arguments&&...) && {
        return {};
    }
    template <class... Arguments>
    rejected_query order_by(Arguments&&...) && {
        return {};
    }
    template <class... Arguments>
    rejected_query having(Arguments&&...) && {
        return {};
    }
    template <class... Arguments>
    rejected_query group_by(Arguments&&...) && {
        return {};
    }
    template <class... Arguments>
    rejected_query select(Arguments&&...) && {
        return {};
    }
    template <class Struct, class... Arguments>
    rejected_query select_as(Arguments&&...) && {
        return {};
    }
    template <class Model, class... Arguments>
    rejected_query join(Arguments&&...) && {
        return {};
    }
    template <class Model, class... Arguments>
    rejected_query left_join(Arguments&&...) && {
        return {};
    }
    rejected_query distinct() && { return {}; }
    template <class... Arguments>
    std::int64_t set(Arguments&&...) {
        return 0;
    }
    template <class Column>
    std::optional<std::int64_t> sum(Column) {
        return std::nullopt;
    }
    template <class Column>
    std::optional<std::int64_t> min(Column) {
        return std::nullopt;
    }
    template <class Column>
    std::optional<std::int64_t> max(Column) {
        return std::nullopt;
    }
    template <class Column>
    std::optional<double> avg(Column) {
        return std::nullopt;
    }
    rejected_query limit(std::int64_t) && { return {}; }
    rejected_query offset(std::int64_t) && { return {}; }
    std::vector<T> all() { return {}; }
    std::optional<T> first() { return std::nullopt; }
    std::int64_t count() { return 0; }
    bool exists() { return false; }
    std::int64_t remove() { return 0; }
    std::vector<T> stream() { return {}; }
    template <class F>
    void each(F&&) {}
    std::string sql() const { return {}; }
};

}  // namespace tabula::detail
