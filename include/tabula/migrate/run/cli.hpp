// The migration commands for an application's own command line, like Alembic's:
//
//   int main(int argc, char** argv) {
//       if (argc > 1 && std::string_view(argv[1]) == "db")
//           return tabula::migration_command<migrations, tabula::sqlite, tabula::schema<User, Note>>(database_url, argc - 2, argv + 2);
//       ...
//   }
//
//   app db upgrade [head|REV|+N]      app db downgrade base|REV|-N     app db current [-v]
//   app db history [-v] [-r A:B]      app db heads [-v]                 app db branches
//   app db show REV                   app db stamp [--purge] REV...     app db check
//   app db sql upgrade|downgrade FROM:TO          (FROM, TO: base, REV, or REV,REV,... for several heads)
//   app db revision [-m MSG] [--autogenerate] [--rev-id ID]
//   app db merge [-m MSG] [--rev-id ID] [heads|REV...]
//
// The third template argument, the application's models (a tabula::schema<...>), is needed only by
// `revision --autogenerate`. `revision` and `merge` print C++ to paste into the migrations and
// need no database. A chain with several heads compiles here (not in the migrator): `heads` and
// `merge` then work and the other commands say to merge first.
//
// Exit codes: 0 done, 1 failed (the message says why), 2 wrong usage. `check` exits 1 when the
// database differs from the models.
#pragma once

#include <algorithm>
#include <cstdio>
#include <exception>
#include <iostream>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <unistd.h>

#include <tabula/error.hpp>
#include <tabula/migrate/plan/autogenerate.hpp>
#include <tabula/migrate/run/migrator.hpp>

namespace tabula {

struct command_streams {
    std::ostream& out = std::cout;
    std::ostream& err = std::cerr;
    bool terminal = ::isatty(STDOUT_FILENO) != 0;  // draws a progress bar for rebuilds
};

inline constexpr std::string_view migration_command_help =
    "usage: db <command> [arguments]\n"
    "\n"
    "commands:\n"
    "  upgrade [head|REV|+N]         apply revisions up to head (the default), REV, or N more\n"
    "  downgrade base|REV|-N         revert revisions down to base, to REV (kept), or N of them\n"
    "  current [-v]                  the revision(s) the database is at; -v shows each in full\n"
    "  history [-v] [-r A:B]         revisions newest first (from A through B); -v shows each in full,\n"
    "                                its steps in the order they run\n"
    "  heads [-v]                    the head revision(s); -v shows each in full\n"
    "  branches                      revisions with more than one child\n"
    "  show REV                      one revision: id, parents, message and steps\n"
    "  stamp [--purge] REV...        record revisions (or base, head) without running anything; each\n"
    "                                replaces the recorded revisions on its line; --purge replaces all,\n"
    "                                also a version the chain does not know\n"
    "  check                         compare the database with the head revision's schema\n"
    "  sql upgrade|downgrade FROM:TO print the SQL of a range without touching the database; FROM and\n"
    "                                TO are base, REV or REV,REV,... (a database at several heads)\n"
    "  revision [-m MSG] [--autogenerate] [--rev-id ID]\n"
    "                                print a new revision after the head, as C++ to paste; with\n"
    "                                --autogenerate, the edits that lead to the application's models\n"
    "  merge [-m MSG] [--rev-id ID] [heads|REV...]\n"
    "                                print a revision merging the heads (all of them by default)\n"
    "\n"
    "REV is a revision id, a unique prefix of one (4+ characters), a branch label or LABEL@head.\n";

namespace detail {

inline void draw_progress(std::ostream& out, const migration_progress& p) {
    const bool data = p.from == migration_progress::source::data_function;
    if (p.total <= 0) {  // a data function that cannot tell how much is left
        out << "\r  " << p.table << ": " << p.done << " done";
        out.flush();
        return;
    }
    constexpr int width = 30;
    const double fraction = std::min(1.0, static_cast<double>(p.done) / static_cast<double>(p.total));
    const int filled = static_cast<int>(fraction * width);
    out << "\r  " << (data ? "" : "rebuilding ") << p.table << " [" << std::string(static_cast<std::size_t>(filled), '#')
        << std::string(static_cast<std::size_t>(width - filled), '-') << "] " << static_cast<int>(fraction * 100) << "% " << p.done << "/"
        << p.total << (data ? "" : " rows");
    if (p.done >= p.total) out << "\n";
    out.flush();
}

// The options of `revision` and `merge`: -m MSG, --rev-id ID, --autogenerate, and the rest.
struct revision_arguments {
    std::string_view message;
    std::string id;
    bool autogenerate = false;
    std::vector<std::string_view> revisions;
    std::string problem;  // a usage error
};

template <class Chain>
revision_arguments parse_revision_arguments(std::string_view command, std::span<const std::string_view> rest) {
    revision_arguments out;
    for (std::size_t k = 0; k < rest.size(); ++k) {
        const std::string_view word = rest[k];
        const bool has_value = k + 1 < rest.size();
        if ((word == "-m" || word == "--message") && has_value) out.message = rest[++k];
        else if (word == "--rev-id" && has_value) out.id = rest[++k];
        else if (word == "--autogenerate" && command == "revision") out.autogenerate = true;
        else if (command == "merge" && !word.starts_with("-")) out.revisions.push_back(word);
        else {
            out.problem = command == "merge" ? "merge takes -m MSG, --rev-id ID and heads or revisions, not '"
                                             : "revision takes -m MSG, --autogenerate and --rev-id ID, not '";
            out.problem += std::string(word) + "'";
            return out;
        }
    }
    if (out.revisions.size() == 1 && out.revisions[0] == "heads") out.revisions.clear();
    if (!out.id.empty() && !valid_revision_id(out.id))
        out.problem = "--rev-id '" + out.id + "' is not a revision id (1 to 32 characters of [0-9A-Za-z_-])";
    for (std::size_t i = 0; i < Chain::size; ++i)
        if (Chain::graph.ids[i] == out.id) out.problem = "--rev-id " + out.id + " is taken: the chain has a revision of that id";
    if (out.id.empty())
        do out.id = new_revision_id();
        while (Chain::graph.index_of(out.id) != Chain::size);
    return out;
}

// `revision` and `merge`: C++ to paste, no database. Returns the exit code.
template <class Chain, class Models>
int print_new_revision(std::string_view command, const revision_arguments& a, command_streams& io) {
    if (command == "merge") {
        io.out << merge_revision<Chain>(a.message, a.id, a.revisions);
        return 0;
    }
    if (!a.autogenerate) {
        io.out << revision_skeleton<Chain>(a.message, a.id);
        return 0;
    }
    if constexpr (std::is_void_v<Models>) {
        io.err << "db revision: --autogenerate needs the application's models: give them to the command as "
                  "migration_command<Chain, Backend, tabula::schema<Models...>>\n";
        return 1;
    } else {
        const std::optional<std::string> code = autogenerate<Chain, Models>(a.message, a.id);
        if (!code) io.out << "No changes: head " << Chain::head << " matches the application's models.\n";
        else io.out << *code;
        return 0;
    }
}

}  // namespace detail

template <class Chain, class Backend, class Models = void>
int migration_command(std::string_view database_url, std::span<const std::string_view> args, command_streams io = {},
                      migration_options options = {}) {
    auto usage = [&](std::string_view problem) {
        if (!problem.empty()) io.err << "db: " << problem << "\n\n";
        io.err << migration_command_help;
        return 2;
    };
    if (args.empty()) return usage("a command is required");
    const std::string_view command = args[0];
    const std::span<const std::string_view> rest = args.subspan(1);
    if (command == "help" || command == "-h" || command == "--help") {
        io.out << migration_command_help;
        return 0;
    }
    try {
        // Commands that write code, and what works while the chain has several heads.
        if (command == "revision" || command == "merge") {
            const auto arguments = detail::parse_revision_arguments<Chain>(command, rest);
            if (!arguments.problem.empty()) return usage(arguments.problem);
            return detail::print_new_revision<Chain, Models>(command, arguments, io);
        }
        if constexpr (Chain::graph.head_count > 1) {
            if (command == "heads") {
                for (std::size_t k = 0; k < Chain::graph.head_count; ++k) io.out << Chain::graph.ids[Chain::graph.heads[k]] << " (head)\n";
                return 0;
            }
            io.err << "db " << command << ": tabula: the revision chain has several heads (" << detail::ids_of_heads<Chain>()
                   << "): add the revision `db merge` prints, which joins them\n";
            return 1;
        } else {
            using migrator_type = migrator<Chain, Backend>;
            // Commands that need no database.
            auto verbose_flag = [](std::string_view word) { return word == "-v" || word == "--verbose"; };
            if (command == "history") {
                bool verbose = false;
                std::string_view range;
                for (std::size_t k = 0; k < rest.size(); ++k) {
                    if (verbose_flag(rest[k])) verbose = true;
                    else if ((rest[k] == "-r" || rest[k] == "--rev-range") && k + 1 < rest.size()) range = rest[++k];
                    else if (rest[k].starts_with("-r") && rest[k].size() > 2) range = rest[k].substr(2);
                    else return usage("history takes -v and -r A:B, not '" + std::string(rest[k]) + "'");
                }
                io.out << migrator_type::history(verbose, range);
                return 0;
            }
            if (command == "show") {
                if (rest.size() != 1) return usage("show takes one revision");
                io.out << migrator_type::show(rest[0]);
                return 0;
            }
            if (command == "heads") {
                if (rest.size() > 1 || (rest.size() == 1 && !verbose_flag(rest[0]))) return usage("heads takes only -v");
                for (std::string_view head : migrator_type::heads())
                    io.out << (rest.empty() ? std::string(head) + " (head)\n" : migrator_type::show(head));
                return 0;
            }
            if (command == "branches") {
                if (!rest.empty()) return usage("branches takes no arguments");
                for (const std::string& line : migrator_type::branches()) io.out << line << "\n";
                return 0;
            }
            if (command == "sql") {
                if (rest.size() != 2 || (rest[0] != "upgrade" && rest[0] != "downgrade"))
                    return usage("sql takes upgrade|downgrade and a range FROM:TO");
                const std::string_view range = rest[1];
                const std::size_t colon = range.find(':');
                const bool up = rest[0] == "upgrade";
                if (colon == std::string_view::npos && !up) return usage("sql downgrade needs a range FROM:TO");
                const std::string_view from = colon == std::string_view::npos ? std::string_view("base") : range.substr(0, colon);
                const std::string_view to = colon == std::string_view::npos ? range : range.substr(colon + 1);
                std::vector<std::string> warnings;
                io.out << migrator_type::offline_script(up ? migration_direction::upgrade : migration_direction::downgrade, from, to,
                                                        options.version_table, &warnings);
                for (const std::string& warning : warnings) io.err << "db: warning: " << warning << "\n";
                return 0;
            }

            const bool known = command == "upgrade" || command == "downgrade" || command == "current" || command == "stamp" || command == "check";
            if (!known) return usage("unknown command '" + std::string(command) + "'");
            if (command == "downgrade" && rest.size() != 1) return usage("downgrade takes one target: base, REV or -N");
            const bool purge = command == "stamp" && !rest.empty() && rest[0] == "--purge";
            if (command == "stamp" && rest.size() < (purge ? 2u : 1u)) return usage("stamp takes revisions, after --purge if given");
            if (command == "upgrade" && rest.size() > 1) return usage("upgrade takes at most one target");
            if (command == "check" && !rest.empty()) return usage("check takes no arguments");
            if (command == "current" && (rest.size() > 1 || (rest.size() == 1 && !verbose_flag(rest[0])))) return usage("current takes only -v");

            if (io.terminal && !options.progress) options.progress = [&](const migration_progress& p) { detail::draw_progress(io.out, p); };
            if (!options.on_revision)
                options.on_revision = [&](migration_direction direction, std::string_view id, std::string_view message) {
                    // create_head ran no revision from the head's parent: from nothing to the head.
                    const bool created = message.ends_with(migrator_type::created_at_head_note);
                    io.out << "Running " << (direction == migration_direction::upgrade ? "upgrade " : "downgrade ")
                           << (created ? "<base> -> " + std::string(id) : migrator_type::transition(direction, id)) << ", " << message << "\n";
                };
            if (!options.on_warning)
                options.on_warning = [&](std::string_view id, std::string_view warning) {
                    io.err << "db: warning: revision " << id << ": " << warning << "\n";
                };
            session<Backend> db(database_url);
            migrator_type migrate(db, options);
            if (command == "upgrade") {
                const auto applied = migrate.upgrade(rest.empty() ? std::string_view("head") : rest[0]);
                if (applied.empty()) io.out << "Nothing to upgrade: the database is already there.\n";
                return 0;
            }
            if (command == "downgrade") {
                const auto reverted = migrate.downgrade(rest[0]);
                if (reverted.empty()) io.out << "Nothing to downgrade.\n";
                return 0;
            }
            if (command == "current") {
                const auto current = migrate.current();
                if (current.empty()) io.out << "(no revision: the database is not under migration control)\n";
                for (const std::string& id : current)
                    io.out << (rest.empty() ? id + (id == Chain::head ? " (head)" : "") + "\n" : migrator_type::show(id));
                return 0;
            }
            if (command == "stamp") {
                const stamp_result stamped = migrate.stamp(rest.subspan(purge ? 1 : 0), purge);
                auto list = [](const std::vector<std::string>& ids) {
                    std::string text;
                    for (const std::string& id : ids) (text += text.empty() ? "" : ", ") += id;
                    return text;
                };
                io.out << "Stamped " << (stamped.recorded.empty() ? std::string("base") : list(stamped.recorded));
                if (!stamped.replaced.empty()) io.out << " (replacing " << list(stamped.replaced) << ")";
                io.out << ".\n";
                return 0;
            }
            const auto differences = migrate.check();
            if (differences.empty()) {
                io.out << "No differences: the database matches head " << Chain::head << ".\n";
                return 0;
            }
            io.out << differences.size() << " difference(s) between the database and head " << Chain::head << ":\n";
            for (const schema_difference& d : differences) io.out << "  - " << d.message << "\n";
            return 1;
        }
    } catch (const error& e) {
        io.err << "db " << command << ": " << e.what() << "\n";
        return 1;
    }
}

// argv-style: the words after "db".
template <class Chain, class Backend, class Models = void>
int migration_command(std::string_view database_url, int argc, const char* const* argv, command_streams io = {},
                      migration_options options = {}) {
    std::vector<std::string_view> args(argv, argv + (argc > 0 ? argc : 0));
    return migration_command<Chain, Backend, Models>(database_url, args, io, std::move(options));
}

}  // namespace tabula
