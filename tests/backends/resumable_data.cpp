// Data functions that commit page by page (tabula::data_checkpoint), on every backend: progress
// is reported; a failure after a committed page leaves the revision partway, recorded with the
// position, `check` says so, a downgrade refuses to guess, and the next upgrade resumes after the
// position, doing no page twice; a failure before any commit rolls the revision back whole; a
// process killed (SIGKILL) between pages is resumed the same way; processes upgrading at once
// wait for the one paging through, and the data is written once.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <tabula/migrate.hpp>

#include "../support/database.hpp"
#include "../support/processes.hpp"

namespace resumable {

struct Item {
    std::int64_t id = 0;
    std::int64_t n = 0;
    std::optional<std::string> legacy{};
};
struct Doubled {
    std::int64_t id = 0;
    std::int64_t value = 0;
};
namespace v2 {
struct Item {
    std::int64_t id = 0;
    std::int64_t n = 0;
};
}  // namespace v2

}  // namespace resumable

template <>
struct tabula::model<resumable::v2::Item> {
    static constexpr std::string_view table = "item";
};

namespace resumable {

// What the tests steer and watch; a forked process has its own copy.
inline int fail_at_page = 0;       // the data function throws after reading this page (1-based), 0: never
inline int page_delay_ms = 0;      // a slow page, to hold concurrent upgraders off
inline std::vector<std::string> resumed_from;
constexpr std::int64_t page = 10;

using s1 = tabula::schema<Item>;
using s2 = tabula::schema_from<s1, tabula::add_table<Doubled>, tabula::replace_table<v2::Item>>;
struct r1 : tabula::revision<"7e0000000001", tabula::base, s1> {};
// Doubles every item into a new table, ten items a page; item.legacy is dropped after the data.
struct r2 : tabula::revision<"7e0000000002", tabula::after<"7e0000000001">, s2> {
    static constexpr std::string_view message = "double the items, page by page";
    using data_loss = tabula::data_loss<"item.legacy">;
    template <class Session>
    static void upgrade_data(Session& db, tabula::data_checkpoint& at) {
        resumed_from.push_back(at.resume_from());
        std::int64_t after = at.resume_from().empty() ? 0 : std::stoll(at.resume_from());
        const std::int64_t total = db.template query<v2::Item>().count();
        std::int64_t done = db.template query<v2::Item>().where(tabula::col<&v2::Item::id> <= after).count();
        at.report("items", done, total);
        for (int pages = 1;; ++pages) {
            const auto items =
                db.template query<v2::Item>().where(tabula::col<&v2::Item::id> > after).order_by(tabula::col<&v2::Item::id>).limit(page).all();
            if (items.empty()) break;
            for (const v2::Item& item : items) db.insert(Doubled{item.id, item.n * 2});
            if (pages == fail_at_page) throw std::runtime_error("the data function gave up on page " + std::to_string(pages));
            if (page_delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(page_delay_ms));
            after = items.back().id;
            done += static_cast<std::int64_t>(items.size());
            at.commit(std::to_string(after));
            at.report("items", done, total);
        }
    }
    template <class Session>
    static void downgrade_data(Session&) {}  // item.legacy comes back empty; doubled goes
};
using chain = tabula::revision_chain<r1, r2>;

// A data function that gives no position to resume from.
struct r2_empty_position : tabula::revision<"7e0000000002", tabula::after<"7e0000000001">, s2> {
    using data_loss = tabula::data_loss<"item.legacy">;
    template <class Session>
    static void upgrade_data(Session&, tabula::data_checkpoint& at) {
        at.commit("");
    }
};
using chain_empty_position = tabula::revision_chain<r1, r2_empty_position>;

template <class Session>
void seed(Session& db, int items = 50) {
    tabula::migrator<chain, typename Session::backend_type>(db).upgrade("7e0000000001");
    auto tx = db.transaction();
    for (int i = 1; i <= items; ++i) db.insert(Item{0, i, "old " + std::to_string(i)});
    tx.commit();
}

template <class Session>
std::int64_t sum_of_doubled(Session& db) {
    std::int64_t sum = 0;
    for (const Doubled& d : db.template query<Doubled>().all()) sum += d.value;
    return sum;
}

struct progress_seen {
    std::vector<std::int64_t> done;
    std::int64_t total = -1;
    tabula::migration_options options() {
        tabula::migration_options out;
        out.progress = [this](const tabula::migration_progress& p) {
            if (p.from != tabula::migration_progress::source::data_function) return;
            CHECK(p.table == "items");
            CHECK(p.revision == "7e0000000002");
            done.push_back(p.done);
            total = p.total;
        };
        return out;
    }
};

void reset() {
    fail_at_page = 0;
    page_delay_ms = 0;
    resumed_from.clear();
}

}  // namespace resumable

using namespace resumable;

TEST_CASE_TEMPLATE("a resumable data function pages through, reporting progress, and its revision completes as one", Backend,
                   TABULA_TEST_BACKENDS) {
    reset();
    test_support::database<Backend> database;
    auto db = database.open();
    seed(db);
    progress_seen seen;
    tabula::migrator<chain, Backend> migrate(db, seen.options());
    CHECK(migrate.upgrade() == std::vector<std::string_view>{"7e0000000002"});
    CHECK(seen.done == std::vector<std::int64_t>{0, 10, 20, 30, 40, 50});
    CHECK(seen.total == 50);
    CHECK(resumed_from == std::vector<std::string>{""});
    CHECK(db.template query<Doubled>().count() == 50);
    CHECK(sum_of_doubled(db) == 2 * (50 * 51 / 2));
    CHECK(migrate.current() == std::vector<std::string>{"7e0000000002"});
    CHECK(migrate.check().empty());  // the progress table is gone, item.legacy too
    migrate.downgrade("7e0000000001");
    for (const auto& d : migrate.check()) CHECK(d.message.find("stopped after") == std::string::npos);  // nothing under way
}

TEST_CASE_TEMPLATE("a data function failing after committed pages leaves its revision partway, and the next upgrade resumes after them",
                   Backend, TABULA_TEST_BACKENDS) {
    reset();
    test_support::database<Backend> database;
    auto db = database.open();
    seed(db);
    tabula::migrator<chain, Backend> migrate(db);
    fail_at_page = 3;
    try {
        migrate.upgrade();
        FAIL("the upgrade did not fail");
    } catch (const tabula::migration_error& e) {
        const std::string message = e.what();
        CAPTURE(message);
        CHECK(message.find("revision 7e0000000002") != std::string::npos);
        CHECK(message.find("the data function gave up on page 3") != std::string::npos);
        CHECK(message.find("committed its work up to '20'") != std::string::npos);
        CHECK(message.find("resumes after '20'") != std::string::npos);
    }
    // The two committed pages are there, the third's rows are not; the revision is not recorded.
    CHECK(db.template query<Doubled>().count() == 20);
    CHECK(migrate.current() == std::vector<std::string>{"7e0000000001"});
    const auto differences = migrate.check();
    REQUIRE(differences.size() >= 2);
    bool reported = false;
    for (const auto& d : differences) reported = reported || d.message.find("its data function at '20'") != std::string::npos;
    CHECK(reported);
    // Going back cannot undo what the data function committed without knowing what it did.
    try {
        migrate.downgrade("base");
        FAIL("the downgrade did not refuse");
    } catch (const tabula::migration_error& e) {
        const std::string message = e.what();
        CAPTURE(message);
        CHECK(message.find("committed up to '20'") != std::string::npos);
        CHECK(message.find("run upgrade again") != std::string::npos);
    }
    CHECK(db.template query<Doubled>().count() == 20);

    fail_at_page = 0;
    progress_seen seen;
    tabula::migrator<chain, Backend> again(db, seen.options());
    CHECK(again.upgrade() == std::vector<std::string_view>{"7e0000000002"});
    CHECK(resumed_from == std::vector<std::string>{"", "20"});
    CHECK(seen.done == std::vector<std::int64_t>{20, 30, 40, 50});
    CHECK(db.template query<Doubled>().count() == 50);  // a page done twice would have met the primary key
    CHECK(sum_of_doubled(db) == 2 * (50 * 51 / 2));
    CHECK(again.check().empty());
    again.downgrade("base");
    CHECK(again.current().empty());
}

TEST_CASE_TEMPLATE("a data function failing before its first commit rolls its revision back whole", Backend, TABULA_TEST_BACKENDS) {
    reset();
    test_support::database<Backend> database;
    auto db = database.open();
    seed(db);
    tabula::migrator<chain, Backend> migrate(db);
    fail_at_page = 1;
    try {
        migrate.upgrade();
        FAIL("the upgrade did not fail");
    } catch (const tabula::migration_error& e) {
        const std::string message = e.what();
        CAPTURE(message);
        CHECK(message.find("the data function gave up on page 1") != std::string::npos);
        if constexpr (Backend::dialect != tabula::sql::dialect::mysql)
            CHECK(message.find("the revision was rolled back: the database is at revision 7e0000000001") != std::string::npos);
    }
    CHECK(migrate.current() == std::vector<std::string>{"7e0000000001"});
    // Nothing under way (MySQL committed the new table as it was created, and took it away again).
    for (const auto& d : migrate.check()) CHECK(d.message.find("stopped after") == std::string::npos);
    CHECK(db.template raw<std::int64_t>("SELECT COUNT(*) FROM item WHERE legacy IS NOT NULL").front() == 50);
    fail_at_page = 0;
    migrate.upgrade();
    CHECK(db.template query<Doubled>().count() == 50);
}

TEST_CASE_TEMPLATE("a checkpoint without a position is refused", Backend, TABULA_TEST_BACKENDS) {
    reset();
    test_support::database<Backend> database;
    auto db = database.open();
    seed(db);
    tabula::migrator<chain_empty_position, Backend> migrate(db);
    try {
        migrate.upgrade();
        FAIL("the upgrade did not fail");
    } catch (const tabula::migration_error& e) {
        const std::string message = e.what();
        CAPTURE(message);
        CHECK(message.find("committed an empty checkpoint position") != std::string::npos);
    }
    CHECK(migrate.current() == std::vector<std::string>{"7e0000000001"});
}

TEST_CASE_TEMPLATE("a process killed between pages of a data function is resumed by the next upgrade", Backend, TABULA_TEST_BACKENDS) {
    reset();
    test_support::database<Backend> database;
    {
        auto db = database.open();
        seed(db);
    }
    REQUIRE(test_support::kill_when_reached([&](const std::function<void()>& reached) {
        auto db = database.open();
        tabula::migration_options options;
        options.progress = [&](const tabula::migration_progress& p) {
            if (p.done >= 30) reached();  // killed here, three pages committed
        };
        tabula::migrator<chain, Backend>(db, options).upgrade();
    }));

    auto db = database.open();
    CHECK(db.template query<Doubled>().count() == 30);
    progress_seen seen;
    tabula::migrator<chain, Backend> migrate(db, seen.options());
    CHECK(migrate.upgrade() == std::vector<std::string_view>{"7e0000000002"});
    CHECK(resumed_from == std::vector<std::string>{"30"});
    CHECK(seen.done.front() == 30);
    CHECK(db.template query<Doubled>().count() == 50);
    CHECK(sum_of_doubled(db) == 2 * (50 * 51 / 2));
    CHECK(migrate.check().empty());
}

TEST_CASE_TEMPLATE("processes upgrading at once wait for the one paging through a data function", Backend, TABULA_TEST_BACKENDS) {
    reset();
    test_support::database<Backend> database;
    {
        auto db = database.open();
        seed(db);
    }
    const int applied = test_support::sum_over_processes(3, [&](int) {
        page_delay_ms = 30;  // five pages: the others arrive while it pages
        auto db = database.open();
        return static_cast<int>(tabula::migrator<chain, Backend>(db).upgrade().size());
    });
    CHECK(applied == 1);
    auto db = database.open();
    CHECK(db.template query<Doubled>().count() == 50);
    CHECK(tabula::migrator<chain, Backend>(db).check().empty());
}
