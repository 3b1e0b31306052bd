// Fuzzes revision targets and `db` command arguments on two chains: mv's six revisions
// (tests/support/migration_models.hpp: every kind of step, data functions, an irreversible head)
// and a forked one with two branches off its first revision, one labelled, and a merge.
//
// Properties, besides "no crash, nothing but a tabula::error thrown":
//   - after upgrade or downgrade, done or refused, the schema is exactly the one of the revisions
//     the version table records (each revision commits on its own, so a command that fails at its
//     third revision keeps the first two); a refused stamp changes nothing;
//   - migration_command never throws: it answers with an exit code and a message.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz.hpp"
#include "support/migration_models.hpp"
#include "support/bare_identifiers.hpp"

namespace fuzz_revisions {
struct Extra {
    std::string id{};
};
struct Nickname {
    std::int64_t id = 0;
    std::string name{};
    std::optional<std::string> email{};
    std::optional<std::string> nickname{};
};
}  // namespace fuzz_revisions

template <>
struct tabula::model<fuzz_revisions::Nickname> {
    static constexpr std::string_view table = "user";
};

namespace fuzz_revisions {

using sa = tabula::schema_from<mv::s1, tabula::add_table<Extra>>;
using sb = tabula::schema_from<mv::s1, tabula::replace_table<Nickname>>;
using sm = tabula::schema_from<sa, tabula::replace_table<Nickname>>;
struct ra : tabula::revision<"a1a1a1a1", tabula::after<"1a0000000001">, sa> {
    using branches = tabula::branch_labels<"extra">;
};
struct rb : tabula::revision<"b2b2b2b2", tabula::after<"1a0000000001">, sb> {};
struct rm : tabula::revision<"c3c3c3c3", tabula::after<"a1a1a1a1", "b2b2b2b2">, sm> {};
using forked = tabula::revision_chain<mv::r1, ra, rb, rm>;

using session = tabula::session<tabula::sqlite>;

// The schema (the version table's own definition aside) and the revisions recorded. SQLite keeps a
// renamed table's name quoted in its SQL: compared without quotes a name does not need, as tabula
// writes it (test_support::bare_identifiers).
std::string state(session& db) {
    std::string out;
    for (const std::string& sql :
         db.raw<std::string>("SELECT coalesce(sql, name) FROM sqlite_master WHERE tbl_name <> 'alembic_version' ORDER BY name"))
        out += test_support::bare_identifiers(sql) + "\n";
    if (db.raw<std::int64_t>("SELECT count(*) FROM sqlite_master WHERE name = 'alembic_version'").at(0) == 1)
        for (const std::string& v : db.raw<std::string>("SELECT * FROM alembic_version ORDER BY 1")) out += "at " + v + "\n";
    return out;
}

// The state of a new database upgraded to the same revisions.
template <class Chain>
std::string state_at(const std::vector<std::string>& revisions) {
    auto fresh = session::open("sqlite://");
    tabula::migrator<Chain, tabula::sqlite> migrate(fresh);
    for (const std::string& id : revisions) migrate.upgrade(id);
    return state(fresh);
}

constexpr std::string_view known_targets[] = {"head", "heads", "base", "+1", "-1", "+2", "-2", "1a00", "2b0000000002", "3c", "4d0000000004",
                                              "5e", "6f0000000006", "a1a1", "b2b2b2b2", "c3c3c3c3", "extra@head", "extra@+1", "extra",
                                              "1a0000000001", "c3c3c3c3@head", "6f"};

std::string target(FuzzedDataProvider& input) {
    if (input.ConsumeBool()) return std::string(known_targets[input.ConsumeIntegralInRange<std::size_t>(0, std::size(known_targets) - 1)]);
    return input.ConsumeRandomLengthString(24);
}

template <class Chain>
void operations(FuzzedDataProvider& input) {
    auto db = session::open("sqlite://");
    tabula::migrator<Chain, tabula::sqlite> migrate(db);
    bool stamped = false;  // a stamp records revisions without running them: the schema may differ
    for (int n = 0; n < 4 && input.remaining_bytes() > 0; ++n) {
        const int operation = input.ConsumeIntegralInRange<int>(0, 3);
        const char* name = operation == 0 ? "upgrade" : operation == 1 ? "downgrade" : operation == 2 ? "stamp" : "current";
        const std::string to = target(input);
        const std::string before = state(db);
        if (std::getenv("TABULA_FUZZ_VERBOSE")) std::fprintf(stderr, "%s '%s' on:\n%s\n", name, fuzz::printable(to).c_str(), before.c_str());
        std::string message;
        const bool done = fuzz::returns_or_throws_tabula_error(
            [&] {
                switch (operation) {
                    case 0: migrate.upgrade(to); break;
                    case 1: migrate.downgrade(to); break;
                    case 2: migrate.stamp(to); break;
                    default: migrate.current(); break;
                }
            },
            &message);
        const std::string what = std::string(name) + " '" + fuzz::printable(to) + "'" + (done ? "" : " (refused: " + message + ")");
        if (operation == 2) {
            if (!done) fuzz::require(state(db) == before, "a refused " + what + " changed the database");
            stamped = stamped || done;
        }
        // Each revision commits on its own: whatever the command did or refused, the schema is the
        // one the recorded revisions give.
        if (!stamped)
            fuzz::require(state(db) == state_at<Chain>(migrate.current()),
                          "after " + what + " the schema is not the one of the revisions recorded:\n" + state(db));
    }
}

}  // namespace fuzz_revisions

using namespace fuzz_revisions;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider input(data, size);
    switch (input.ConsumeIntegralInRange<int>(0, 2)) {
        case 0: operations<mv::chain>(input); break;
        case 1: operations<forked>(input); break;
        default: {
            // `db <words>`: the words are the rest of the input, split at NUL bytes.
            const std::string rest = input.ConsumeRemainingBytesAsString();
            std::vector<std::string> words;
            std::size_t start = 0;
            for (std::size_t i = 0; i <= rest.size(); ++i)
                if (i == rest.size() || rest[i] == '\0') {
                    words.push_back(rest.substr(start, i - start));
                    start = i + 1;
                }
            std::vector<std::string_view> args(words.begin(), words.end());
            std::ostringstream out;
            std::ostringstream err;
            try {
                tabula::migration_command<forked, tabula::sqlite>("sqlite://", args, {out, err, false});
            } catch (const std::exception& e) {
                fuzz::fail(std::string("migration_command threw instead of answering with an exit code: ") + e.what());
            }
        }
    }
    return 0;
}
