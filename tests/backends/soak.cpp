// Concurrency soak: 2 and 8 processes on one database for a bounded time, each doing a random mix
// of reads, single-row writes, updates and transactions with savepoints that commit or roll back,
// while one more process migrates the table they write up and down (a column and an index added
// and dropped, a table created and dropped). Each writer logs what it committed and what it
// rolled back; afterwards every committed row is there exactly once with its last committed
// value, no rolled-back row is, nothing else is, the schema checks clean at head and the database
// passes its integrity check. The only errors allowed are busy and timeout errors (the
// transaction is then rolled back and logged so).
//   TABULA_SOAK_SECONDS  how long each round runs (default 2)
//   TABULA_SOAK_SEED     the seed of the random mixes (default: fresh, printed)
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <tabula/migrate.hpp>

#include "../support/database.hpp"

namespace soak {

struct Ledger {
    std::string id{};
    std::int64_t process = 0;
    std::int64_t amount = 0;
    std::string note{};
};
struct LedgerWithMemo {
    std::string id{};
    std::int64_t process = 0;
    std::int64_t amount = 0;
    std::string note{};
    std::optional<std::string> memo{};
};
struct SoakAudit {
    std::int64_t id = 0;
    std::string what{};
};

}  // namespace soak

template <>
struct tabula::model<soak::LedgerWithMemo> {
    static constexpr std::string_view table = "ledger";
    static constexpr auto columns = std::tuple{tabula::column<&soak::LedgerWithMemo::process>{.index = true}};
};

namespace soak {

using s1 = tabula::schema<Ledger>;
using s2 = tabula::schema_from<s1, tabula::add_table<SoakAudit>>;
using s3 = tabula::schema_from<s2, tabula::replace_table<LedgerWithMemo>>;
struct r1 : tabula::revision<"5a0000000001", tabula::base, s1> {};
struct r2 : tabula::revision<"5a0000000002", tabula::after<"5a0000000001">, s2> {};
struct r3 : tabula::revision<"5a0000000003", tabula::after<"5a0000000002">, s3> {};
using chain = tabula::revision_chain<r1, r2, r3>;

double seconds() {
    const char* s = std::getenv("TABULA_SOAK_SECONDS");
    return s && *s ? std::atof(s) : 2.0;
}

std::uint64_t seed() {
    if (const char* s = std::getenv("TABULA_SOAK_SEED"); s && *s) return std::strtoull(s, nullptr, 10);
    return std::random_device{}();
}

// What one writer did, written to its log file: "C id amount" for a row committed with that
// amount last, "R id" for a row whose insert was rolled back, "E text" for an error not allowed.
struct writer_log {
    std::map<std::string, std::int64_t> committed;
    std::set<std::string> rolled_back;
    std::vector<std::string> errors;
    long transactions = 0;
    long busy = 0;
};

template <class Session>
void write_randomly(Session& db, int process, std::mt19937_64& random, std::chrono::steady_clock::time_point until, writer_log& log) {
    long next = 0;
    auto new_row = [&] {
        Ledger row{"p" + std::to_string(process) + "-" + std::to_string(next++), process, static_cast<std::int64_t>(random() % 1000), "x"};
        return row;
    };
    while (std::chrono::steady_clock::now() < until) {
        std::vector<std::string> pending;                    // inserted in the open transaction
        std::map<std::string, std::int64_t> pending_amounts; // committed rows updated in it
        try {
            switch (random() % 4) {
                case 0: {  // a single row, committed on its own
                    const Ledger row = new_row();
                    pending.push_back(row.id);
                    db.insert(row);
                    log.committed[row.id] = row.amount;
                    pending.clear();
                    break;
                }
                case 1: {  // a read of a row this process committed: it is there, as committed
                    if (log.committed.empty()) break;
                    auto it = log.committed.begin();
                    std::advance(it, static_cast<long>(random() % log.committed.size()));
                    const auto row = db.template get<Ledger>(it->first);
                    if (!row || row->amount != it->second)
                        log.errors.push_back("read " + it->first + ": " + (row ? std::to_string(row->amount) : std::string("missing")) +
                                             ", committed " + std::to_string(it->second));
                    break;
                }
                default: {  // a transaction: rows, a savepoint, an update, commit or rollback
                    ++log.transactions;
                    auto insert_rows = [&](std::size_t count, std::vector<std::string>& ids) {
                        for (; count > 0; --count) {
                            const Ledger row = new_row();
                            ids.push_back(row.id);
                            pending_amounts[row.id] = row.amount;
                            db.insert(row);
                        }
                    };
                    auto tx = db.transaction();
                    insert_rows(1 + random() % 3, pending);
                    {
                        std::vector<std::string> inner;
                        auto savepoint = db.transaction();
                        insert_rows(1 + random() % 2, inner);
                        if (random() % 2 == 0) {
                            savepoint.rollback();
                            for (const std::string& id : inner) {
                                log.rolled_back.insert(id);
                                pending_amounts.erase(id);
                            }
                        } else {
                            savepoint.commit();
                            pending.insert(pending.end(), inner.begin(), inner.end());
                        }
                    }
                    if (!log.committed.empty() && random() % 2 == 0) {
                        auto it = log.committed.begin();
                        std::advance(it, static_cast<long>(random() % log.committed.size()));
                        const std::int64_t amount = it->second + 1;
                        if (db.template query<Ledger>().where(tabula::col<&Ledger::id> == it->first).set(tabula::col<&Ledger::amount> = amount) != 1)
                            log.errors.push_back("update of committed row " + it->first + " found no row");
                        pending_amounts[it->first] = amount;
                    }
                    if (random() % 3 == 0) {
                        tx.rollback();
                        for (const std::string& id : pending) log.rolled_back.insert(id);
                    } else {
                        tx.commit();
                        for (const auto& [id, amount] : pending_amounts) log.committed[id] = amount;
                    }
                    pending.clear();
                    break;
                }
            }
        } catch (const std::exception& e) {
            // Busy and timeout errors are allowed; the transaction is rolled back either way.
            if (dynamic_cast<const tabula::busy_error*>(&e) || dynamic_cast<const tabula::timeout_error*>(&e)) ++log.busy;
            else log.errors.push_back(std::string("process ") + std::to_string(process) + ": " + e.what());
            for (const std::string& id : pending) log.rolled_back.insert(id);
        }
    }
}

void save(const writer_log& log, const std::string& file) {
    std::ofstream out(file);
    for (const auto& [id, amount] : log.committed) out << "C " << id << ' ' << amount << '\n';
    for (const std::string& id : log.rolled_back) out << "R " << id << '\n';
    for (const std::string& e : log.errors) out << "E " << e << '\n';
    out << "T " << log.transactions << '\n' << "B " << log.busy << '\n';
}

template <class Backend>
void run_round(const test_support::database<Backend>& database, int writers, std::uint64_t round_seed) {
    test_support::temp_directory logs;
    {
        auto db = database.open();
        tabula::migrator<chain, Backend>(db).upgrade("5a0000000001");
    }
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(static_cast<long>(seconds() * 1000));
    std::vector<pid_t> children;
    for (int p = 0; p <= writers; ++p) {
        const pid_t child = fork();
        REQUIRE(child >= 0);
        if (child != 0) {
            children.push_back(child);
            continue;
        }
        int code = 0;
        const std::string file = (logs.path() / ("process-" + std::to_string(p))).string();
        try {
            auto db = database.open();
            std::mt19937_64 random(round_seed + static_cast<std::uint64_t>(p));
            if (p == writers) {  // the migrating process: head, back to the first revision, again
                writer_log log;
                tabula::migrator<chain, Backend> migrate(db);
                // At least one whole cycle, even when it cannot finish within the round (9
                // processes under the sanitizers on 2 cores): the writers stop at `until`, so it
                // finishes soon after, and its first steps ran among them.
                const auto last_chance = until + std::chrono::seconds(120);
                while (std::chrono::steady_clock::now() < until || (log.transactions == 0 && std::chrono::steady_clock::now() < last_chance)) {
                    try {
                        migrate.upgrade("head");
                        migrate.downgrade("5a0000000001");
                        ++log.transactions;
                    } catch (const tabula::migration_error& e) {
                        ++log.busy;  // a revision that met a lock it could not get within its timeout rolled back
                        const std::string text = e.what();
                        if (text.find("busy") == std::string::npos && text.find("lock") == std::string::npos &&
                            text.find("timeout") == std::string::npos)
                            log.errors.push_back(std::string("migrating process: ") + e.what());
                    }
                }
                save(log, file);
            } else {
                writer_log log;
                write_randomly(db, p, random, until, log);
                save(log, file);
            }
        } catch (const std::exception& e) {
            std::ofstream(file) << "E process " << p << " stopped: " << e.what() << '\n';
            code = 1;
        }
        _exit(code);
    }
    for (pid_t child : children) {
        int status = 0;
        REQUIRE(waitpid(child, &status, 0) == child);
        CHECK(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 0);
    }

    std::map<std::string, std::int64_t> committed;
    std::set<std::string> rolled_back;
    long transactions = 0, busy = 0, cycles = 0;
    for (int p = 0; p <= writers; ++p) {
        std::ifstream in(logs.path() / ("process-" + std::to_string(p)));
        for (std::string line; std::getline(in, line);) {
            std::istringstream fields(line.substr(2));
            if (line[0] == 'C') {
                std::string id;
                std::int64_t amount = 0;
                fields >> id >> amount;
                committed[id] = amount;
            } else if (line[0] == 'R') {
                rolled_back.insert(line.substr(2));
            } else if (line[0] == 'E') {
                FAIL_CHECK(line.substr(2));
            } else if (line[0] == 'T') {
                (p == writers ? cycles : transactions) += std::atol(line.c_str() + 2);
            } else if (line[0] == 'B') {
                busy += std::atol(line.c_str() + 2);
            }
        }
    }
    MESSAGE(writers << " writers and a migrating process, " << seconds() << " s: " << committed.size() << " rows committed, "
                    << rolled_back.size() << " rolled back, " << transactions << " transactions, " << cycles
                    << " migration cycles, " << busy << " busy or timed out");
    CHECK(cycles > 0);

    auto db = database.open();
    tabula::migrator<chain, Backend> migrate(db);
    migrate.upgrade("head");
    CHECK(migrate.check().empty());
    std::map<std::string, std::int64_t> stored;
    for (const soak::Ledger& row : db.template query<soak::Ledger>().all()) stored[row.id] = row.amount;
    CHECK(stored.size() == committed.size());
    for (const auto& [id, amount] : committed) {
        const auto it = stored.find(id);
        if (it == stored.end()) FAIL_CHECK("committed row " << id << " is lost");
        else if (it->second != amount) FAIL_CHECK("committed row " << id << " has amount " << it->second << ", committed " << amount);
    }
    for (const std::string& id : rolled_back)
        if (stored.contains(id)) FAIL_CHECK("rolled-back row " << id << " is in the table");
    if constexpr (std::is_same_v<Backend, tabula::sqlite>) {
        CHECK(db.template raw<std::string>("PRAGMA integrity_check") == std::vector<std::string>{"ok"});
    }
}

}  // namespace soak

TEST_CASE_TEMPLATE("soak: 2 and 8 processes reading, writing and rolling back while one migrates lose nothing and keep nothing rolled back",
                   Backend, TABULA_TEST_BACKENDS) {
    const std::uint64_t seed = soak::seed();
    INFO("TABULA_SOAK_SEED=" << seed);
    for (const int writers : {2, 8}) {
        CAPTURE(writers);
        test_support::database<Backend> database;
        soak::run_round(database, writers, seed);
    }
}
