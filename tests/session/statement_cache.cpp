// The statement cache without a database: statements with compile-time texts stay, run-time texts
// are kept least-recently-used first within a bound on their number and text size.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include <tabula/session/statement_cache.hpp>

namespace {

int live_statements = 0;

// Stands in for a backend's prepared statement; counts how many exist.
class fake_statement {
public:
    explicit fake_statement(std::string sql) : sql_(std::move(sql)) { ++live_statements; }
    fake_statement(fake_statement&& other) noexcept : sql_(std::move(other.sql_)), live_(std::exchange(other.live_, false)) {}
    fake_statement& operator=(fake_statement&&) = delete;
    ~fake_statement() {
        if (live_) --live_statements;
    }
    bool step() { return false; }
    void reset() {}
    std::string_view sql() const noexcept { return sql_; }
    std::int64_t affected_rows() const noexcept { return 0; }

private:
    std::string sql_;
    bool live_ = true;
};

using cache_type = tabula::detail::statement_cache<fake_statement>;

int prepared = 0;
auto get(cache_type& cache, const std::string& sql) {
    return cache.get(std::string_view(sql), [&] { ++prepared; return fake_statement(sql); }, nullptr);
}
std::string in_list(std::size_t length) {
    std::string sql = "SELECT * FROM t WHERE id IN (";
    for (std::size_t i = 0; i < length; ++i) sql += i ? ", ?" : "?";
    return sql + ")";
}

}  // namespace

TEST_CASE("run-time statements are bounded in number and text size, least recently used evicted first") {
    cache_type cache;
    prepared = 0;
    live_statements = 0;
    // IN lists of 3,000 lengths: the cache stays within its bounds all along.
    std::size_t most = 0;
    for (std::size_t length = 1; length <= 3000; ++length) {
        get(cache, in_list(length));
        most = std::max(most, cache.dynamic_statements());
        CHECK(cache.dynamic_text_bytes() <= cache_type::max_dynamic_text_bytes);
    }
    CHECK(most <= cache_type::max_dynamic_statements);
    CHECK(live_statements == static_cast<int>(cache.dynamic_statements()));

    // A statement used again is kept ahead of ones used less recently.
    cache.clear();
    CHECK(live_statements == 0);
    prepared = 0;
    const std::string hot = "SELECT 1";
    get(cache, hot);
    for (std::size_t i = 0; i < 10 * cache_type::max_dynamic_statements; ++i) {
        get(cache, "SELECT " + std::to_string(i + 2));
        get(cache, hot);
    }
    CHECK(prepared == static_cast<int>(10 * cache_type::max_dynamic_statements) + 1);  // "SELECT 1" prepared once
    CHECK(cache.dynamic_statements() == cache_type::max_dynamic_statements);
}

TEST_CASE("a statement in use is never evicted nor shared; a text too long to keep runs on its own") {
    cache_type cache;
    prepared = 0;
    live_statements = 0;
    {
        auto held = get(cache, "SELECT held");
        for (std::size_t i = 0; i < 2 * cache_type::max_dynamic_statements; ++i) get(cache, "SELECT " + std::to_string(i));
        CHECK((*held).sql() == "SELECT held");                   // still alive, still the cache's
        auto nested = get(cache, "SELECT held");                 // a nested use gets its own
        CHECK(&*nested != &*held);
    }
    CHECK(cache.dynamic_statements() <= cache_type::max_dynamic_statements);
    const int before = live_statements;
    {
        auto huge = get(cache, in_list(cache_type::max_dynamic_text_bytes));  // 3 bytes per value
        CHECK(live_statements == before + 1);
    }
    CHECK(live_statements == before);  // not kept
}

TEST_CASE("statements with compile-time texts are kept whatever the run-time ones do") {
    cache_type cache;
    prepared = 0;
    auto by_slot = [&](std::size_t slot) { return cache.get(slot, [&] { ++prepared; return fake_statement("static"); }, nullptr); };
    for (std::size_t slot = 0; slot < 50; ++slot) by_slot(slot);
    for (std::size_t length = 1; length <= 1000; ++length) get(cache, in_list(length));
    const int after_dynamic = prepared;
    for (std::size_t slot = 0; slot < 50; ++slot) by_slot(slot);
    CHECK(prepared == after_dynamic);
}
