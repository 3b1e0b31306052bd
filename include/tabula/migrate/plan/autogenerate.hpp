// New revisions as C++ text, for the `db` commands that write code: `revision` (a skeleton after
// the head), `merge` (a revision joining several heads) and `revision --autogenerate` (the
// schema_from edits and the revision that lead from the head to the application's models, read
// from the compile-time diff; no database involved). Models are named by their C++ types; nothing
// here is instantiated unless one of these is called.
//
//   std::optional<std::string> code = tabula::autogenerate<migrations, tabula::schema<User, Note>>("add notes");
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include <tabula/error.hpp>
#include <tabula/migrate/plan/chain.hpp>
#include <tabula/migrate/plan/diff.hpp>
#include <tabula/migrate/plan/schema_version.hpp>
#include <tabula/migrate/plan/step.hpp>
#include <tabula/reflect/type_name.hpp>

namespace tabula {

// A new revision id as Alembic makes them: 12 hexadecimal digits from the system's random source.
inline std::string new_revision_id() {
    constexpr std::string_view digits = "0123456789abcdef";
    std::random_device source;
    std::string id;
    while (id.size() < 12)
        for (unsigned value = source(), k = 0; k < 8 && id.size() < 12; ++k, value >>= 4) id += digits[value & 15u];
    return id;
}

namespace detail {

// The C++ name of a model beside its table descriptor; matched by address, at run time.
struct named_model {
    const table_descriptor* table = nullptr;
    std::string_view name;
};
using model_names = std::vector<named_model>;

inline void add_model(model_names& out, const table_descriptor& table, std::string_view name) {
    for (const named_model& m : out)
        if (m.table == &table) return;
    out.push_back({&table, name});
}

// The models a version and its ancestors name, through their edits. A version type tabula does
// not know (anything with a ::view) names none.
template <class Edit>
struct edit_models {
    static void collect(model_names&) {}
};
template <class M>
struct edit_models<add_table<M>> {
    static void collect(model_names& out) { add_model(out, table_of<M>, reflect::qualified_type_name<M>); }
};
template <class M>
struct edit_models<replace_table<M>> : edit_models<add_table<M>> {};
template <class M>
struct edit_models<drop_table<M>> : edit_models<add_table<M>> {};
template <class Old, class New>
struct edit_models<rename_table<Old, New>> {
    static void collect(model_names& out) {
        edit_models<add_table<Old>>::collect(out);
        edit_models<add_table<New>>::collect(out);
    }
};
template <auto Old, auto New>
struct edit_models<rename_column<Old, New>> : edit_models<rename_table<reflect::member_owner<Old>, reflect::member_owner<New>>> {};

template <class Version>
struct version_models {
    static void collect(model_names&) {}
};
template <class... Models>
struct version_models<schema<Models...>> {
    static void collect(model_names& out) { (edit_models<add_table<Models>>::collect(out), ...); }
};
template <class Parent, class... Edits>
struct version_models<schema_from<Parent, Edits...>> {
    static void collect(model_names& out) {
        version_models<Parent>::collect(out);
        (edit_models<Edits>::collect(out), ...);
    }
};

inline std::string model_name(const model_names& names, const table_descriptor& table) {
    for (const named_model& m : names)
        if (m.table == &table) return std::string(m.name);
    return "/* the model of table " + std::string(table.name) + " */";
}
inline std::string member_name(const model_names& names, const table_descriptor& table, const column_descriptor& column) {
    return "&" + model_name(names, table) + "::" + std::string(column.field);
}

inline bool is_cpp_keyword(std::string_view word) {
    constexpr std::array<std::string_view, 97> keywords{
        "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break", "case", "catch", "char",
        "char8_t", "char16_t", "char32_t", "class", "compl", "concept", "const", "consteval", "constexpr", "constinit",
        "const_cast", "continue", "co_await", "co_return", "co_yield", "decltype", "default", "delete", "do", "double",
        "dynamic_cast", "else", "enum", "explicit", "export", "extern", "false", "float", "for", "friend", "goto", "if",
        "inline", "int", "long", "mutable", "namespace", "new", "noexcept", "not", "not_eq", "nullptr", "operator", "or",
        "or_eq", "private", "protected", "public", "register", "reinterpret_cast", "requires", "return", "short", "signed",
        "sizeof", "static", "static_assert", "static_cast", "struct", "switch", "template", "this", "thread_local", "throw",
        "true", "try", "typedef", "typeid", "typename", "union", "unsigned", "using", "virtual", "void", "volatile",
        "wchar_t", "while", "xor", "xor_eq", "final", "override", "import", "module", "main"};
    return std::find(keywords.begin(), keywords.end(), word) != keywords.end();
}

// The struct name of a new revision, from its message: "Add user email" -> add_user_email; a
// message that gives no identifier (empty, a keyword, a leading digit) -> revision_<id>_...
inline std::string revision_identifier(std::string_view message, std::string_view id) {
    std::string out;
    for (char c : message) {
        const bool digit = c >= '0' && c <= '9';
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (digit || letter) out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        else if (!out.empty() && out.back() != '_') out += '_';
        if (out.size() >= 48) break;
    }
    while (!out.empty() && out.back() == '_') out.pop_back();
    if (out.empty() || (out[0] >= '0' && out[0] <= '9') || is_cpp_keyword(out))
        return "revision_" + std::string(id) + (out.empty() ? "" : "_" + out);
    return out;
}

// `text` as a C++ string literal.
inline std::string cpp_string(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') (out += '\\') += c;
        else if (c == '\n') out += "\\n";
        else if (c == '\t') out += "\\t";
        else out += c;
    }
    return out += '"';
}

// A value for existing rows of a new NOT NULL column: a placeholder of the column's kind, which
// the user replaces (the generated code says so).
inline std::string_view fill_placeholder(value_kind kind) {
    switch (kind) {
        case value_kind::text:
        case value_kind::blob: return "''";
        case value_kind::json: return "'null'";
        default: return "0";
    }
}

// A revision to be written out: what the commands fill in, rendered by one function.
struct revision_text {
    std::vector<std::string> notes;      // comment lines at the top
    std::string name;                    // the struct's name
    std::string id;
    std::vector<std::string> parents;    // ids; none for a base revision
    std::string version;                 // "tabula::schema_from<parent::schema" or "tabula::schema<"
    std::vector<std::string> edits;      // template arguments, each maybe after comment lines
    std::string message;
    std::vector<std::string> data_loss;  // "table", "table.column"
    std::vector<std::string> fills;      // fill_column<...>(...) expressions
};

inline std::string render(const revision_text& r) {
    std::string out;
    for (const std::string& note : r.notes) (out += "// ") += note + "\n";
    out += "using " + r.name + "_schema = " + r.version;
    for (std::size_t k = 0; k < r.edits.size(); ++k) {
        if (!r.version.ends_with('<') || k > 0) out += ",";
        (out += "\n    ") += r.edits[k];
    }
    out += ">;\n\n";
    out += "struct " + r.name + " : tabula::revision<" + cpp_string(r.id) + ", ";
    if (r.parents.empty()) out += "tabula::base";
    else {
        out += "tabula::after<";
        for (std::size_t k = 0; k < r.parents.size(); ++k) (out += k ? ", " : "") += cpp_string(r.parents[k]);
        out += ">";
    }
    out += ", " + r.name + "_schema> {\n";
    out += "    static constexpr std::string_view message = " + cpp_string(r.message) + ";\n";
    if (!r.data_loss.empty()) {
        out += "    // Destroys data: keep each entry only if that is intended.\n    using data_loss = tabula::data_loss<";
        for (std::size_t k = 0; k < r.data_loss.size(); ++k) (out += k ? ", " : "") += cpp_string(r.data_loss[k]);
        out += ">;\n";
    }
    if (!r.fills.empty()) {
        out += "    // TODO: the value existing rows get in each new NOT NULL column, an SQL expression.\n";
        out += "    static constexpr std::array fills = {";
        for (std::size_t k = 0; k < r.fills.size(); ++k) (out += k ? ",\n                                         " : "") += r.fills[k];
        out += "};\n";
    }
    out += "};\n";
    return out;
}

// The C++ names of a chain's revision types, and the models each one's version names.
template <class Chain>
inline std::string_view revision_type_name(std::size_t i) {
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
        constexpr std::array<std::string_view, sizeof...(I)> names{
            reflect::qualified_type_name<std::tuple_element_t<I, typename Chain::revision_types>>...};
        return names[i];
    }(std::make_index_sequence<Chain::size>{});
}
template <class Chain>
inline std::string_view head_revision_name() {
    return reflect::qualified_type_name<std::tuple_element_t<Chain::graph.head, typename Chain::revision_types>>;
}
template <class Chain>
inline void collect_revision_models(std::size_t i, model_names& out) {
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        ((I == i ? version_models<typename std::tuple_element_t<I, typename Chain::revision_types>::schema>::collect(out) : void()), ...);
    }(std::make_index_sequence<Chain::size>{});
}

template <class Chain>
std::string ids_of_heads() {
    std::string out;
    for (std::size_t k = 0; k < Chain::graph.head_count; ++k) (out += k ? ", " : "") += Chain::graph.ids[Chain::graph.heads[k]];
    return out;
}

}  // namespace detail

// A new revision after the head with no edits yet: the version names its parent's, so the code
// compiles as printed; the edits go into schema_from.
template <class Chain>
std::string revision_skeleton(std::string_view message, std::string_view id) {
    if (Chain::graph.head_count > 1)
        throw migration_error("tabula: the chain has several heads (" + detail::ids_of_heads<Chain>() +
                                  "): merge them first (db merge prints the merge revision)",
                              {});
    detail::revision_text r;
    r.name = detail::revision_identifier(message, id);
    r.id = id;
    r.message = message;
    r.notes.push_back("tabula revision " + r.id + ": add " + r.name + " to the revision_chain, and the version's edits to schema_from:");
    r.notes.push_back("add_table<M>, replace_table<M>, drop_table<M>, rename_table<Old, New>, rename_column<&Old::a, &New::b>.");
    if constexpr (Chain::size == 0) {
        r.version = "tabula::schema<";
    } else {
        r.parents.emplace_back(Chain::head);
        r.version = "tabula::schema_from<" + std::string(detail::head_revision_name<Chain>()) + "::schema";
    }
    return detail::render(r);
}

// A merge revision joining `revisions` (heads of the chain, by id or unique prefix; all heads when
// empty). Its version is the first head's with the table changes of the others, so the merge
// itself has no steps. Refused when fewer than two heads are named.
template <class Chain>
std::string merge_revision(std::string_view message, std::string_view id, std::span<const std::string_view> revisions = {}) {
    constexpr auto& g = Chain::graph;
    std::vector<std::size_t> parents;
    for (std::string_view named : revisions) {
        std::size_t found = Chain::size;
        for (std::size_t k = 0; k < g.head_count; ++k) {
            const std::string_view head = g.ids[g.heads[k]];
            if (head == named || (named.size() >= 4 && head.starts_with(named))) found = g.heads[k];
        }
        if (found == Chain::size)
            throw migration_error("tabula: cannot merge '" + std::string(named) + "': not a head of the chain (heads: " +
                                      detail::ids_of_heads<Chain>() + ")",
                                  std::string(named));
        if (std::find(parents.begin(), parents.end(), found) == parents.end()) parents.push_back(found);
    }
    if (revisions.empty())
        for (std::size_t k = 0; k < g.head_count; ++k) parents.push_back(g.heads[k]);
    if (parents.size() < 2)
        throw migration_error("tabula: nothing to merge: " +
                                  (revisions.empty() ? "the chain has one head (" + detail::ids_of_heads<Chain>() + ")"
                                                     : std::string("a merge joins two heads or more")),
                              {});
    // Only a chain with several heads gets here: one with a single head instantiates none of this.
    if constexpr (g.head_count > 1) {
        const auto merged = detail::merge_parents<Chain::table_capacity>(g, parents, Chain::views);
        detail::model_names names;
        for (std::size_t p : parents) detail::collect_revision_models<Chain>(p, names);

        detail::revision_text r;
        r.name = detail::revision_identifier(message, id);
        r.id = id;
        r.message = message;
        r.notes.push_back("tabula merge revision " + r.id + ": add " + r.name + " to the revision_chain.");
        if (!merged.diagnosis.ok())
            r.notes.push_back("CONFLICT: " + std::string(merged.diagnosis.subject()) +
                              "; the chain refuses this merge until the branches agree on that table.");
        for (std::size_t p : parents) r.parents.emplace_back(g.ids[p]);
        r.version = "tabula::schema_from<" + std::string(detail::revision_type_name<Chain>(parents[0])) + "::schema";
        const schema_view& first = *Chain::views[parents[0]];
        for (std::size_t k = 0; k < merged.count; ++k) {
            const table_descriptor& t = *merged.tables[k];
            const std::size_t at = first.position(t.name);
            if (at == schema_view::npos) r.edits.push_back("tabula::add_table<" + detail::model_name(names, t) + ">");
            else if (first.tables[at] != &t && !same_definition(*first.tables[at], t))
                r.edits.push_back("tabula::replace_table<" + detail::model_name(names, t) + ">");
        }
        for (const table_descriptor* t : first.tables) {
            bool kept = false;
            for (std::size_t k = 0; k < merged.count; ++k) kept = kept || merged.tables[k]->name == t->name;
            if (!kept) r.edits.push_back("tabula::drop_table<" + detail::model_name(names, *t) + ">");
        }
        return detail::render(r);
    } else {
        return {};
    }
}

// The revision that leads from the chain's head to Models (a tabula::schema<...> of the
// application's models), or nothing when the head matches them already. Where a column (table)
// disappears while one of the same type (columns) appears, the rename is written and the drop is
// described beside it, for the user to choose.
template <class Chain, schema_version Models>
std::optional<std::string> autogenerate(std::string_view message, std::string_view id = {}) {
    const std::string revision_id = id.empty() ? new_revision_id() : std::string(id);
    detail::model_names models;
    detail::version_models<Models>::collect(models);
    detail::revision_text r;
    r.name = detail::revision_identifier(message, revision_id);
    r.id = revision_id;
    r.message = message;
    if constexpr (Chain::size == 0) {
        if (Models::view.tables.empty()) return std::nullopt;
        r.notes.push_back("tabula revision " + r.id + ": the first revision, with the application's models.");
        r.notes.push_back("Add " + r.name + " to the revision_chain.");
        r.version = "tabula::schema<";
        for (const table_descriptor* t : Models::view.tables) r.edits.push_back(detail::model_name(models, *t));
        return detail::render(r);
    } else {
        if (Chain::graph.head_count > 1)
            throw migration_error("tabula: the chain has several heads (" + detail::ids_of_heads<Chain>() +
                                      "): merge them first (db merge prints the merge revision)",
                                  {});
        // The same steps head_matches computes (one instantiation for both).
        constexpr auto& steps = diff_steps<*Chain::views[Chain::graph.head], Models::view, detail::no_renames>;
        const schema_view& head = *Chain::views[Chain::graph.head];
        if (steps.size() == 0) return std::nullopt;
        detail::model_names old_models;
        detail::version_models<typename std::tuple_element_t<Chain::graph.head, typename Chain::revision_types>::schema>::collect(old_models);
        const schema_view& target = Models::view;

        r.notes.push_back("tabula revision " + r.id + ": from head " + std::string(Chain::head) + " to the application's models.");
        r.notes.push_back("Add " + r.name + " to the revision_chain.");
        r.parents.emplace_back(Chain::head);
        r.version = "tabula::schema_from<" + std::string(detail::head_revision_name<Chain>()) + "::schema";

        // A dropped table whose columns (names and types) a created table has may be a rename; so
        // may a dropped column beside an added one of the same type in one table.
        auto same_columns = [](const table_descriptor& a, const table_descriptor& b) {
            if (a.columns.size() != b.columns.size()) return false;
            for (std::size_t i = 0; i < a.columns.size(); ++i)
                if (a.columns[i].name != b.columns[i].name || a.columns[i].kind != b.columns[i].kind) return false;
            return true;
        };
        std::vector<std::pair<const table_descriptor*, const table_descriptor*>> table_renames;  // old, new
        for (const migration_step& dropped : steps) {
            if (dropped.kind != step_kind::drop_table) continue;
            for (const migration_step& created : steps) {
                if (created.kind != step_kind::create_table || !same_columns(*dropped.before, *created.after)) continue;
                const bool taken = std::any_of(table_renames.begin(), table_renames.end(), [&](const auto& p) { return p.second == created.after; });
                if (taken) continue;
                table_renames.emplace_back(dropped.before, created.after);
                break;
            }
        }
        std::vector<const migration_step*> column_renames;  // pairs: drop_column, add_column
        for (const migration_step& dropped : steps) {
            if (dropped.kind != step_kind::drop_column) continue;
            for (const migration_step& added : steps) {
                if (added.kind != step_kind::add_column || added.table_name() != dropped.table_name() ||
                    added.new_column->kind != dropped.old_column->kind)
                    continue;
                bool taken = false;
                for (std::size_t k = 1; k < column_renames.size(); k += 2) taken = taken || column_renames[k] == &added;
                if (taken) continue;
                column_renames.push_back(&dropped);
                column_renames.push_back(&added);
                break;
            }
        }
        auto renamed_column = [&](const migration_step& s) {
            return std::find(column_renames.begin(), column_renames.end(), &s) != column_renames.end();
        };
        auto renamed_table = [&](const table_descriptor& t) {
            return std::any_of(table_renames.begin(), table_renames.end(), [&](const auto& p) { return p.first == &t || p.second == &t; });
        };

        for (const table_descriptor* t : target.tables) {
            const std::size_t at = head.position(t->name);
            if (at == schema_view::npos) {
                const auto rename = std::find_if(table_renames.begin(), table_renames.end(), [&](const auto& p) { return p.second == t; });
                if (rename == table_renames.end()) {
                    r.edits.push_back("tabula::add_table<" + detail::model_name(models, *t) + ">");
                    continue;
                }
                const std::string old_model = detail::model_name(old_models, *rename->first);
                const std::string new_model = detail::model_name(models, *t);
                r.edits.push_back("// Ambiguous: table " + std::string(rename->first->name) + " is gone and table " + std::string(t->name) +
                                  " (the same columns) is new. Choose:\n    // a rename, which keeps the rows (as written), or a drop "
                                  "and an add, which loses them: then write\n    // tabula::drop_table<" + old_model +
                                  ">, tabula::add_table<" + new_model + "> instead, and list \"" + std::string(rename->first->name) +
                                  "\" in data_loss.\n    tabula::rename_table<" + old_model + ", " + new_model + ">");
                continue;
            }
            if (same_definition(*head.tables[at], *t)) continue;
            const std::string model = detail::model_name(models, *t);
            bool renames = false;
            for (std::size_t k = 0; k < column_renames.size(); k += 2) {
                const migration_step& dropped = *column_renames[k];
                const migration_step& added = *column_renames[k + 1];
                if (added.table_name() != t->name) continue;
                renames = true;
                const std::string table(t->name);
                const bool needs_fill = !added.new_column->nullable && added.new_column->server_default.empty();
                r.edits.push_back("// Ambiguous: column " + table + "." + std::string(dropped.old_column->name) + " is gone and " + table + "." +
                                  std::string(added.new_column->name) + " (the same type) is new. Choose:\n    // a rename, which keeps " +
                                  "the data (as written), or a drop and an add, which loses it: then write\n    // tabula::replace_table<" +
                                  model + "> instead of the table's rename_column lines, list \"" + table + "." +
                                  std::string(dropped.old_column->name) + "\" in data_loss" +
                                  (needs_fill ? ", and fill " + table + "." + std::string(added.new_column->name) : std::string()) +
                                  ".\n    tabula::rename_column<" + detail::member_name(old_models, *dropped.before, *dropped.old_column) + ", " +
                                  detail::member_name(models, *added.after, *added.new_column) + ">");
            }
            if (!renames) r.edits.push_back("tabula::replace_table<" + model + ">");
        }
        for (const table_descriptor* t : head.tables)
            if (!target.contains(t->name) && !renamed_table(*t))
                r.edits.push_back("tabula::drop_table<" + detail::model_name(old_models, *t) + ">");

        for (const migration_step& s : steps) {
            if (renamed_column(s)) continue;
            if (s.kind == step_kind::drop_table && !renamed_table(*s.before)) r.data_loss.emplace_back(s.before->name);
            else if (s.destroys_data && s.kind != step_kind::drop_table)
                r.data_loss.push_back(std::string(s.table_name()) + "." + std::string(s.old_column->name));
            else if (s.kind == step_kind::add_column && !s.new_column->nullable && s.new_column->server_default.empty())
                r.fills.push_back("tabula::fill_column<" + detail::member_name(models, *s.after, *s.new_column) + ">(" +
                                  detail::cpp_string(detail::fill_placeholder(s.new_column->kind)) + ")");
        }
        return detail::render(r);
    }
}

}  // namespace tabula
