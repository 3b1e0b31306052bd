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

// ---- revision, merge, autogenerate: C++ to paste, no database -----------------------------------
//
// Each printed revision is pinned as text and also written below as code, compiled and checked, so
// that generation cannot drift from code that compiles and does what it says.

namespace forked {
using split = tabula::revision_chain<mv::r1, ra, rb>;  // two heads nothing merges yet

template <class Chain, class Models = void>
int run_chain(std::vector<std::string_view> args, std::string& out, std::string& err) {
    std::ostringstream o;
    std::ostringstream e;
    const int code = tabula::migration_command<Chain, tabula::sqlite, Models>("sqlite:///nonexistent/never-opened.db", args, {o, e, false});
    out = o.str();
    err = e.str();
    return code;
}
}  // namespace forked

// The application's next models, against forked's head c3c3c3c3 (user, note, extra): user.email
// becomes NOT NULL, user.nickname gives way to user.nick (a rename or a drop?), user.score is a new
// NOT NULL column; note.title narrows to VARCHAR(80), note.body goes, note.views comes, note's
// foreign key goes; extra goes; tag is new.
namespace gen {
struct User {
    std::int64_t id = 0;
    std::string name{};
    std::string email{};
    std::optional<std::string> nick{};
    std::int64_t score = 0;
};
struct Note {
    std::string id{};
    std::string title{};
    std::int64_t user_id = 0;
    std::optional<std::int64_t> views{};
};
struct Tag {
    std::string id{};
    std::string label{};
};
// Against mv's head 6f0000000006 (user, memo, audit): audit's columns under another table name.
struct Journal {
    std::int64_t id = 0;
    std::string what{};
};
}  // namespace gen
template <>
struct tabula::model<gen::Note> {
    static constexpr auto columns = std::tuple{tabula::column<&gen::Note::title>{.type = "VARCHAR(80)"}};
};
namespace gen {
using models = tabula::schema<User, Note, Tag>;
using renamed_audit = tabula::schema<mv5::User, mv5::Memo, Journal>;
}  // namespace gen

// What the commands print, as code.
namespace printed {
// tabula revision d4d4d4d4d4d4: add add_user_phone to the revision_chain, and the version's edits to schema_from:
// add_table<M>, replace_table<M>, drop_table<M>, rename_table<Old, New>, rename_column<&Old::a, &New::b>.
using add_user_phone_schema = tabula::schema_from<forked::rm::schema>;

struct add_user_phone : tabula::revision<"d4d4d4d4d4d4", tabula::after<"c3c3c3c3">, add_user_phone_schema> {
    static constexpr std::string_view message = "Add user phone";
};

// tabula merge revision c4c4c4c4: add join_branches to the revision_chain.
using join_branches_schema = tabula::schema_from<forked::ra::schema,
    tabula::replace_table<forked::User>>;

struct join_branches : tabula::revision<"c4c4c4c4", tabula::after<"a1a1a1a1", "b2b2b2b2">, join_branches_schema> {
    static constexpr std::string_view message = "join branches";
};

// tabula revision ab12cd34ef56: from head c3c3c3c3 to the application's models.
// Add tags_scores_more to the revision_chain.
using tags_scores_more_schema = tabula::schema_from<forked::rm::schema,
    // Ambiguous: column user.nickname is gone and user.nick (the same type) is new. Choose:
    // a rename, which keeps the data (as written), or a drop and an add, which loses it: then write
    // tabula::replace_table<gen::User> instead of the table's rename_column lines, list "user.nickname" in data_loss.
    tabula::rename_column<&forked::User::nickname, &gen::User::nick>,
    tabula::replace_table<gen::Note>,
    tabula::add_table<gen::Tag>,
    tabula::drop_table<forked::Extra>>;

struct tags_scores_more : tabula::revision<"ab12cd34ef56", tabula::after<"c3c3c3c3">, tags_scores_more_schema> {
    static constexpr std::string_view message = "Tags, scores & more";
    // Destroys data: keep each entry only if that is intended.
    using data_loss = tabula::data_loss<"note.title", "note.body", "extra">;
    // TODO: the value existing rows get in each new NOT NULL column, an SQL expression.
    static constexpr std::array fills = {tabula::fill_column<&gen::User::score>("0")};
};

// tabula revision 0a0b0c0d0e0f: from head 6f0000000006 to the application's models.
// Add journal_to_audit to the revision_chain.
using journal_to_audit_schema = tabula::schema_from<mv::r6::schema,
    // Ambiguous: table audit is gone and table journal (the same columns) is new. Choose:
    // a rename, which keeps the rows (as written), or a drop and an add, which loses them: then write
    // tabula::drop_table<mv6::Audit>, tabula::add_table<gen::Journal> instead, and list "audit" in data_loss.
    tabula::rename_table<mv6::Audit, gen::Journal>>;

struct journal_to_audit : tabula::revision<"0a0b0c0d0e0f", tabula::after<"6f0000000006">, journal_to_audit_schema> {
    static constexpr std::string_view message = "journal to audit";
};
}  // namespace printed

static_assert(tabula::chain_checked<tabula::revision_chain<mv::r1, forked::ra, forked::rb, forked::rm, printed::add_user_phone>>);
static_assert(tabula::head_matches<tabula::revision_chain<mv::r1, forked::ra, forked::rb, printed::join_branches>,
                                   tabula::schema<forked::User, mv1::Note, forked::Extra>>);
static_assert(tabula::revision_plan<tabula::revision_chain<mv::r1, forked::ra, forked::rb, printed::join_branches>, 3>::upgrade_steps.empty());
static_assert(tabula::head_matches<tabula::revision_chain<mv::r1, forked::ra, forked::rb, forked::rm, printed::tags_scores_more>, gen::models>);
static_assert(tabula::head_matches<tabula::revision_chain<mv::r1, mv::r2, mv::r3, mv::r4, mv::r5, mv::r6, printed::journal_to_audit>,
                                   gen::renamed_audit>);

TEST_CASE("revision prints a revision after the head, with a new random id, that compiles as printed") {
    std::string out;
    std::string err;
    auto id_in = [](const std::string& text) {
        const std::size_t at = text.find("tabula::revision<\"");
        return at == std::string::npos ? std::string() : text.substr(at + 18, text.find('"', at + 18) - at - 18);
    };
    CHECK(forked::run({"revision", "-m", "Add user phone"}, out, err) == 0);
    const std::string first = id_in(out);
    CHECK(first.size() == 12);
    CHECK(first.find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(forked::run({"revision", "-m", "Add user phone"}, out, err) == 0);
    CHECK(id_in(out).size() == 12);
    CHECK(id_in(out) != first);
    CHECK(forked::run({"revision", "-m", "Add user phone", "--rev-id", "d4d4d4d4d4d4"}, out, err) == 0);
    CHECK(out == R"(// tabula revision d4d4d4d4d4d4: add add_user_phone to the revision_chain, and the version's edits to schema_from:
// add_table<M>, replace_table<M>, drop_table<M>, rename_table<Old, New>, rename_column<&Old::a, &New::b>.
using add_user_phone_schema = tabula::schema_from<forked::rm::schema>;

struct add_user_phone : tabula::revision<"d4d4d4d4d4d4", tabula::after<"c3c3c3c3">, add_user_phone_schema> {
    static constexpr std::string_view message = "Add user phone";
};
)");
    // A message that gives no identifier names the struct after the id; quotes are escaped.
    CHECK(forked::run({"revision", "-m", "Delete", "--rev-id", "e5e5"}, out, err) == 0);
    CHECK(out.find("struct revision_e5e5_delete : tabula::revision<\"e5e5\"") != std::string::npos);
    CHECK(forked::run({"revision", "-m", "say \"hi\"", "--rev-id", "e5e5"}, out, err) == 0);
    CHECK(out.find("struct say_hi : tabula::revision<\"e5e5\"") != std::string::npos);
    CHECK(out.find("message = \"say \\\"hi\\\"\";") != std::string::npos);
    CHECK(forked::run({"revision", "-m", "x", "--rev-id", "c3c3c3c3"}, out, err) == 2);
    CHECK(err.rfind("db: --rev-id c3c3c3c3 is taken: the chain has a revision of that id\n", 0) == 0);
    CHECK(forked::run({"revision", "-m", "x", "--rev-id", "no spaces"}, out, err) == 2);
    CHECK(forked::run({"revision", "--frobnicate"}, out, err) == 2);
    CHECK(err.rfind("db: revision takes -m MSG, --autogenerate and --rev-id ID, not '--frobnicate'\n", 0) == 0);
    // --autogenerate needs the models, which this command was not given.
    CHECK(forked::run({"revision", "--autogenerate", "-m", "x"}, out, err) == 1);
    CHECK(err == "db revision: --autogenerate needs the application's models: give them to the command as "
                 "migration_command<Chain, Backend, tabula::schema<Models...>>\n");
}

TEST_CASE("merge prints the revision joining the heads; a chain with several heads runs nothing else") {
    std::string out;
    std::string err;
    CHECK(forked::run_chain<forked::split>({"heads"}, out, err) == 0);
    CHECK(out == "a1a1a1a1 (head)\nb2b2b2b2 (head)\n");
    CHECK(forked::run_chain<forked::split>({"merge", "-m", "join branches", "--rev-id", "c4c4c4c4"}, out, err) == 0);
    CHECK(out == R"(// tabula merge revision c4c4c4c4: add join_branches to the revision_chain.
using join_branches_schema = tabula::schema_from<forked::ra::schema,
    tabula::replace_table<forked::User>>;

struct join_branches : tabula::revision<"c4c4c4c4", tabula::after<"a1a1a1a1", "b2b2b2b2">, join_branches_schema> {
    static constexpr std::string_view message = "join branches";
};
)");
    // Named heads (prefixes), the first one's version as the base.
    CHECK(forked::run_chain<forked::split>({"merge", "-m", "join", "--rev-id", "c4c4c4c4", "b2b2", "a1a1a1a1"}, out, err) == 0);
    CHECK(out.find("using join_schema = tabula::schema_from<forked::rb::schema,\n    tabula::add_table<forked::Extra>>;\n") != std::string::npos);
    CHECK(out.find("tabula::after<\"b2b2b2b2\", \"a1a1a1a1\">") != std::string::npos);
    CHECK(forked::run_chain<forked::split>({"merge", "1a0000000001", "a1a1a1a1"}, out, err) == 1);
    CHECK(err == "db merge: tabula: cannot merge '1a0000000001': not a head of the chain (heads: a1a1a1a1, b2b2b2b2)\n");
    CHECK(forked::run_chain<forked::split>({"merge", "a1a1a1a1"}, out, err) == 1);
    CHECK(err == "db merge: tabula: nothing to merge: a merge joins two heads or more\n");
    CHECK(forked::run_chain<forked::split>({"upgrade"}, out, err) == 1);
    CHECK(err == "db upgrade: tabula: the revision chain has several heads (a1a1a1a1, b2b2b2b2): add the revision `db merge` prints, "
                 "which joins them\n");
    CHECK(forked::run_chain<forked::split>({"revision", "-m", "x"}, out, err) == 1);
    CHECK(err.find("several heads (a1a1a1a1, b2b2b2b2): merge them first") != std::string::npos);
    // One head: nothing to merge.
    CHECK(forked::run({"merge", "-m", "x"}, out, err) == 1);
    CHECK(err == "db merge: tabula: nothing to merge: the chain has one head (c3c3c3c3)\n");
}

TEST_CASE("revision --autogenerate prints the edits and the revision from the head to the models") {
    std::string out;
    std::string err;
    CHECK(forked::run_chain<forked::chain, gen::models>({"revision", "--autogenerate", "-m", "Tags, scores & more", "--rev-id", "ab12cd34ef56"},
                                                        out, err) == 0);
    CHECK(out == R"(// tabula revision ab12cd34ef56: from head c3c3c3c3 to the application's models.
// Add tags_scores_more to the revision_chain.
using tags_scores_more_schema = tabula::schema_from<forked::rm::schema,
    // Ambiguous: column user.nickname is gone and user.nick (the same type) is new. Choose:
    // a rename, which keeps the data (as written), or a drop and an add, which loses it: then write
    // tabula::replace_table<gen::User> instead of the table's rename_column lines, list "user.nickname" in data_loss.
    tabula::rename_column<&forked::User::nickname, &gen::User::nick>,
    tabula::replace_table<gen::Note>,
    tabula::add_table<gen::Tag>,
    tabula::drop_table<forked::Extra>>;

struct tags_scores_more : tabula::revision<"ab12cd34ef56", tabula::after<"c3c3c3c3">, tags_scores_more_schema> {
    static constexpr std::string_view message = "Tags, scores & more";
    // Destroys data: keep each entry only if that is intended.
    using data_loss = tabula::data_loss<"note.title", "note.body", "extra">;
    // TODO: the value existing rows get in each new NOT NULL column, an SQL expression.
    static constexpr std::array fills = {tabula::fill_column<&gen::User::score>("0")};
};
)");
    CHECK(tabula::autogenerate<mv::chain, gen::renamed_audit>("journal to audit", "0a0b0c0d0e0f") ==
          R"(// tabula revision 0a0b0c0d0e0f: from head 6f0000000006 to the application's models.
// Add journal_to_audit to the revision_chain.
using journal_to_audit_schema = tabula::schema_from<mv::r6::schema,
    // Ambiguous: table audit is gone and table journal (the same columns) is new. Choose:
    // a rename, which keeps the rows (as written), or a drop and an add, which loses them: then write
    // tabula::drop_table<mv6::Audit>, tabula::add_table<gen::Journal> instead, and list "audit" in data_loss.
    tabula::rename_table<mv6::Audit, gen::Journal>>;

struct journal_to_audit : tabula::revision<"0a0b0c0d0e0f", tabula::after<"6f0000000006">, journal_to_audit_schema> {
    static constexpr std::string_view message = "journal to audit";
};
)");
    // The head matches the models: nothing to write.
    CHECK(forked::run_chain<forked::chain, tabula::schema<forked::User, mv1::Note, forked::Extra>>({"revision", "--autogenerate"}, out, err) == 0);
    CHECK(out == "No changes: head c3c3c3c3 matches the application's models.\n");
    // An empty chain: the first revision lists every model.
    CHECK(tabula::autogenerate<tabula::revision_chain<>, tabula::schema<gen::Tag, gen::Journal>>("init", "0001") ==
          R"(// tabula revision 0001: the first revision, with the application's models.
// Add init to the revision_chain.
using init_schema = tabula::schema<
    gen::Tag,
    gen::Journal>;

struct init : tabula::revision<"0001", tabula::base, init_schema> {
    static constexpr std::string_view message = "init";
};
)");
}

TEST_CASE("sql upgrade from a database at several heads goes through their merge") {
    using tabula::migration_direction;
    const std::string script = forked::migrator::offline_script(migration_direction::upgrade, "a1a1a1a1,b2b2b2b2", "head");
    CHECK(script.find("Running upgrade 1a0000000001 ->") == std::string::npos);  // both branches are there already
    CHECK(script.find("-- Running upgrade (a1a1a1a1, b2b2b2b2) -> c3c3c3c3, merge\nBEGIN;\n"
                      "DELETE FROM alembic_version WHERE version_num = 'a1a1a1a1';\n"
                      "DELETE FROM alembic_version WHERE version_num = 'b2b2b2b2';\n"
                      "INSERT INTO alembic_version (version_num) VALUES ('c3c3c3c3');\n") != std::string::npos);
    // From base: each branch in turn, one version row per head until the merge replaces both.
    const std::string all = forked::migrator::offline_script(migration_direction::upgrade, "base", "head");
    const std::size_t a = all.find("-- Running upgrade 1a0000000001 -> a1a1a1a1, extra\n");
    const std::size_t b = all.find("-- Running upgrade 1a0000000001 -> b2b2b2b2, nickname\n");
    const std::size_t m = all.find("-- Running upgrade (a1a1a1a1, b2b2b2b2) -> c3c3c3c3, merge\n");
    CHECK(a < b);
    CHECK(b < m);
    CHECK(m != std::string::npos);
    CHECK(all.find("DELETE FROM alembic_version WHERE version_num = '1a0000000001';", a) < b);
    CHECK(all.substr(b, m - b).find("DELETE FROM alembic_version") == std::string::npos);  // a1a1a1a1 stays a head beside b2b2b2b2
    CHECK(all.substr(b, m - b).find("IS 'a1a1a1a1,b2b2b2b2'") != std::string::npos);
    // Down to two heads, and through the command line.
    const std::string down = forked::migrator::offline_script(migration_direction::downgrade, "head", "a1a1a1a1,b2b2b2b2");
    CHECK(down.find("INSERT INTO alembic_version (version_num) VALUES ('a1a1a1a1');\n"
                    "INSERT INTO alembic_version (version_num) VALUES ('b2b2b2b2');\n") != std::string::npos);
    std::string out;
    std::string err;
    CHECK(forked::run({"sql", "upgrade", "a1a1,b2b2:head"}, out, err) == 0);
    CHECK(out.find("-- tabula upgrade a1a1,b2b2 -> head (sqlite)\n") == 0);
    CHECK(forked::run({"sql", "upgrade", "a1a1,,b2b2:head"}, out, err) == 1);
    CHECK(err == "db sql: tabula: 'a1a1,,b2b2' is not base or a list of revisions separated by commas\n");
}
