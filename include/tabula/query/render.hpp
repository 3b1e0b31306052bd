// The SQL text of a condition on its own: a compile-time constant for static shapes, a string
// built at run time for the rest. The session renders whole statements the same way.
#pragma once

#include <string>
#include <string_view>
#include <type_traits>

#include <tabula/query/expression.hpp>
#include <tabula/sql/static_text.hpp>
#include <tabula/sql/writer.hpp>

namespace tabula {

namespace query_detail {
template <class E, sql::dialect D>
struct condition_render {
    template <class Sink>
    constexpr void operator()(Sink& sink) const {
        sql::statement_writer<Sink> w{sink, D};
        E::render(w, nullptr);
    }
};
}  // namespace query_detail

// condition_sql<decltype(col<&User::age> > 1), dialect::postgres> == R"("age" > $1)"
template <static_expression E, sql::dialect D>
inline constexpr std::string_view condition_sql = sql::static_text<query_detail::condition_render<std::remove_cvref_t<E>, D>>;

template <sql::dialect D, expression E>
std::string render_condition(const E& condition) {
    std::string out;
    sql::string_sink sink{out};
    sql::statement_writer<sql::string_sink> w{sink, D};
    std::remove_cvref_t<E>::render(w, &condition);
    return out;
}

}  // namespace tabula
