// The `db` commands that need no database, as Alembic's: show, heads -v, history -r A:B with its
// (head), (branchpoint) and (mergepoint) markers, and their usage errors.
#include <doctest/doctest.h>

#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "../support/migration_models.hpp"

namespace forked {
struct Extra {
    std::string id{};
};
struct User {
    std::int64_t id = 0;
    std::string name{};
    std::optional<std::string> email{};
    std::optional<std::string> nickname{};
};
using sa = tabula::schema_from<mv::s1, tabula::add_table<Extra>>;
using sb = tabula::schema_from<mv::s1, tabula::replace_table<User>>;
using sm = tabula::schema_from<sa, tabula::replace_table<User>>;
struct ra : tabula::revision<"a1a1a1a1", tabula::after<"1a0000000001">, sa> {
    static constexpr std::string_view message = "extra";
};
struct rb : tabula::revision<"b2b2b2b2", tabula::after<"1a0000000001">, sb> {
    static constexpr std::string_view message = "nickname";
};
struct rm : tabula::revision<"c3c3c3c3", tabula::after<"a1a1a1a1", "b2b2b2b2">, sm> {
    static constexpr std::string_view message = "merge";
};
using chain = tabula::revision_chain<mv::r1, ra, rb, rm>;
using migrator = tabula::migrator<chain, tabula::sqlite>;

// Runs `db <args>` without a database (the URL is never opened by these commands).
int run(std::vector<std::string_view> args, std::string& out, std::string& err) {
    std::ostringstream o;
    std::ostringstream e;
    const int code = tabula::migration_command<chain, tabula::sqlite>("sqlite:///nonexistent/never-opened.db", args, {o, e, false});
    out = o.str();
    err = e.str();
    return code;
}
}  // namespace forked

TEST_CASE("history marks heads, branch points and merge points, and takes a range A:B") {
    CHECK(forked::migrator::history() == "(a1a1a1a1, b2b2b2b2) -> c3c3c3c3 (head) (mergepoint), merge\n"
                                       "1a0000000001 -> b2b2b2b2, nickname\n"
                                       "1a0000000001 -> a1a1a1a1, extra\n"
                                       "<base> -> 1a0000000001 (branchpoint), init\n");
    std::string out;
    std::string err;
    CHECK(forked::run({"history", "-r", "a1a1:c3c3c3c3"}, out, err) == 0);
    CHECK(out == "(a1a1a1a1, b2b2b2b2) -> c3c3c3c3 (head) (mergepoint), merge\n1a0000000001 -> a1a1a1a1, extra\n");
    CHECK(forked::run({"history", "-r:b2b2b2b2"}, out, err) == 0);
    CHECK(out == "1a0000000001 -> b2b2b2b2, nickname\n<base> -> 1a0000000001 (branchpoint), init\n");
    CHECK(forked::run({"history", "-v", "-r", "b2b2b2b2:"}, out, err) == 0);
    CHECK(out.rfind("Rev: c3c3c3c3 (head) (mergepoint)\nParent: (a1a1a1a1, b2b2b2b2)\n", 0) == 0);
    CHECK(out.find("Rev: b2b2b2b2\nParent: 1a0000000001\n\n    nickname\n") != std::string::npos);
    CHECK(out.find("a1a1a1a1\n") == std::string::npos);  // not on the way from b2 to head
    // A range whose start is not an ancestor of its end, a range without a colon, an unknown id.
    CHECK(forked::run({"history", "-r", "a1a1a1a1:b2b2b2b2"}, out, err) == 1);
    CHECK(err == "db history: tabula: history range 'a1a1a1a1:b2b2b2b2': a1a1a1a1 is not an ancestor of b2b2b2b2\n");
    CHECK(forked::run({"history", "-r", "a1a1a1a1"}, out, err) == 1);
    CHECK(err.find("is not A:B") != std::string::npos);
    CHECK(forked::run({"history", "-r", "ffff:"}, out, err) == 1);
    CHECK(err == "db history: tabula: unknown revision 'ffff'\n");
    CHECK(forked::run({"history", "-x"}, out, err) == 2);
    CHECK(err.rfind("db: history takes -v and -r A:B, not '-x'\n", 0) == 0);
}

TEST_CASE("show and heads -v print a revision in full") {
    std::string out;
    std::string err;
    CHECK(forked::run({"show", "1a00"}, out, err) == 0);
    CHECK(out.rfind("Rev: 1a0000000001 (branchpoint)\nParent: <base>\n\n    init\n\n    upgrade:\n      - create table user\n", 0) == 0);
    CHECK(out.find("    downgrade: ") != std::string::npos);
    CHECK(forked::run({"show", "b2b2b2b2"}, out, err) == 0);
    CHECK(out.find("      - add column user.nickname (text, NULL)\n") != std::string::npos);
    CHECK(forked::run({"heads", "-v"}, out, err) == 0);
    CHECK(out == forked::migrator::show("head"));
    CHECK(out.rfind("Rev: c3c3c3c3 (head) (mergepoint)\n", 0) == 0);
    CHECK(forked::run({"heads"}, out, err) == 0);
    CHECK(out == "c3c3c3c3 (head)\n");
    CHECK(forked::run({"show", "nope"}, out, err) == 1);
    CHECK(err == "db show: tabula: unknown revision 'nope'\n");
    CHECK(forked::run({"show"}, out, err) == 2);
    CHECK(forked::run({"heads", "-x"}, out, err) == 2);
}
