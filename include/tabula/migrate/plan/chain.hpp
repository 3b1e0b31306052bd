// A revision chain: every revision of an application, checked at compile time.
//
//   using migrations = tabula::revision_chain<r01_init, r02_config, r03_files, ...>;
//   static_assert(tabula::head_matches<migrations, tabula::schema<User, Chat, ...>>);
//
// Unknown or duplicate ids, cycles, a missing base, several heads without a merge, conflicting
// branches, destructive steps without consent and NOT NULL columns without a value are compile
// errors whose instantiation names the revision (or the ids) and the table or column.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string_view>
#include <tuple>

#include <tabula/migrate/plan/diff.hpp>
#include <tabula/migrate/plan/revision.hpp>
#include <tabula/migrate/plan/schema_version.hpp>
#include <tabula/reflect/fixed_string.hpp>

namespace tabula {

enum class chain_problem : std::uint8_t {
    none,
    invalid_id,
    duplicate_id,
    unknown_parent,
    cycle,
    no_base,
    several_heads,
    too_many_parents,
    duplicate_branch_label,
    merge_conflict,
    unacknowledged_data_loss,
    drop_looks_like_rename,
    not_null_without_value,
    stale_data_loss,
    head_differs_from_models,
};

// A problem and its subject, built in a fixed buffer so it can become a template argument.
struct chain_diagnosis {
    chain_problem problem = chain_problem::none;
    std::array<char, 240> text{};
    std::size_t size = 0;

    constexpr bool ok() const noexcept { return problem == chain_problem::none; }
    constexpr std::string_view subject() const noexcept { return {text.data(), size}; }
    // Records the first problem only.
    constexpr void set(chain_problem p, std::initializer_list<std::string_view> parts) {
        if (!ok()) return;
        problem = p;
        append(parts);
    }
    constexpr void append(std::initializer_list<std::string_view> parts) {
        for (std::string_view part : parts)
            for (char c : part)
                if (size < text.size()) text[size++] = c;
    }
};

template <chain_problem Problem, fixed_string Subject>
struct chain_report {
    static_assert(Problem != chain_problem::invalid_id, "tabula: a revision id must be 1 to 32 characters of [0-9A-Za-z_-]");
    static_assert(Problem != chain_problem::duplicate_id, "tabula: two revisions have the same id");
    static_assert(Problem != chain_problem::unknown_parent, "tabula: a revision names a parent that is not in the chain");
    static_assert(Problem != chain_problem::cycle, "tabula: the revisions form a cycle");
    static_assert(Problem != chain_problem::no_base, "tabula: no revision is a base (tabula::base)");
    static_assert(Problem != chain_problem::several_heads,
                  "tabula: the chain has several heads: add a merge revision (tabula::after<\"head1\", \"head2\">), "
                  "which `db merge` prints");
    static_assert(Problem != chain_problem::too_many_parents, "tabula: a revision has more than 8 parents");
    static_assert(Problem != chain_problem::duplicate_branch_label, "tabula: two revisions declare the same branch label");
    static constexpr bool ok = Problem == chain_problem::none;
};

template <class Revision, chain_problem Problem, fixed_string Subject>
struct revision_report {
    static_assert(Problem != chain_problem::merge_conflict,
                  "tabula: the merged branches change the same table differently; give the merge revision a schema that "
                  "resolves it, based on one branch");
    static_assert(Problem != chain_problem::unacknowledged_data_loss,
                  "tabula: this revision destroys data; if intended, list it in `using data_loss = tabula::data_loss<...>`");
    static_assert(Problem != chain_problem::drop_looks_like_rename,
                  "tabula: this revision drops a column (or table) and adds one of the same type: if it is a rename, declare "
                  "tabula::rename_column (or rename_table) in the schema version; if not, list the drop in data_loss");
    static_assert(Problem != chain_problem::not_null_without_value,
                  "tabula: this revision adds a NOT NULL column without a server default to an existing table: declare a "
                  "server_default, a tabula::fill_column in `fills`, or an upgrade_data function that fills it");
    static_assert(Problem != chain_problem::stale_data_loss, "tabula: data_loss names something this revision does not destroy");
    static constexpr bool ok = Problem == chain_problem::none;
};

template <class Models, chain_problem Problem, fixed_string Subject>
struct head_report {
    static_assert(Problem != chain_problem::head_differs_from_models,
                  "tabula: the head revision's schema differs from the application's models; add a revision (the subject "
                  "is the first step it needs)");
    static constexpr bool ok = Problem == chain_problem::none;
};

namespace detail {

inline constexpr std::size_t max_parents = 8;
inline constexpr diff_context no_renames{};

constexpr bool valid_revision_id(std::string_view id) {
    if (id.empty() || id.size() > 32) return false;
    for (char c : id)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-')) return false;
    return true;
}

template <std::size_t N>
struct graph {
    std::array<std::string_view, N> ids{};
    std::array<std::array<std::size_t, max_parents>, N> parents{};
    std::array<std::size_t, N> parent_count{};
    std::array<std::size_t, N> order{};             // topological: parents first
    std::array<std::array<bool, N>, N> ancestor{};  // ancestor[i][j]: j is an ancestor of i (or i itself)
    std::size_t head = N;                            // the first head (the only one of a checked chain)
    std::array<std::size_t, N> heads{};             // revisions without children, in chain order
    std::size_t head_count = 0;
    chain_diagnosis diagnosis{};

    constexpr std::size_t index_of(std::string_view id) const {
        for (std::size_t i = 0; i < N; ++i)
            if (ids[i] == id) return i;
        return N;
    }
    constexpr bool has_child(std::size_t i) const {
        for (std::size_t c = 0; c < N; ++c)
            for (std::size_t k = 0; k < parent_count[c]; ++k)
                if (parents[c][k] == i) return true;
        return false;
    }
};

template <class... Revisions>
constexpr auto build_graph() {
    constexpr std::size_t n = sizeof...(Revisions);
    graph<n> g;
    g.ids = {Revisions::id...};
    const std::array<std::span<const std::string_view>, n> parent_ids{std::span<const std::string_view>(Revisions::down_revisions)...};
    const std::array<std::span<const std::string_view>, n> labels{std::span<const std::string_view>(Revisions::branches::labels)...};

    for (std::size_t i = 0; i < n; ++i) {
        if (!valid_revision_id(g.ids[i])) g.diagnosis.set(chain_problem::invalid_id, {"'", g.ids[i], "'"});
        for (std::size_t j = i + 1; j < n; ++j)
            if (g.ids[i] == g.ids[j]) g.diagnosis.set(chain_problem::duplicate_id, {g.ids[i]});
        if (parent_ids[i].size() > max_parents) g.diagnosis.set(chain_problem::too_many_parents, {g.ids[i]});
        for (std::string_view label : labels[i])
            for (std::size_t j = i + 1; j < n; ++j)
                for (std::string_view other : labels[j])
                    if (label == other) g.diagnosis.set(chain_problem::duplicate_branch_label, {label});
    }
    if (!g.diagnosis.ok()) return g;
    for (std::size_t i = 0; i < n; ++i) {
        for (std::string_view parent : parent_ids[i]) {
            const std::size_t p = g.index_of(parent);
            if (p == n) g.diagnosis.set(chain_problem::unknown_parent, {g.ids[i], " -> ", parent});
            else g.parents[i][g.parent_count[i]++] = p;
        }
    }
    if (!g.diagnosis.ok()) return g;

    // Kahn's algorithm: whatever cannot be placed sits on a cycle.
    std::array<bool, n> placed{};
    std::size_t count = 0;
    bool progress = true;
    while (count < n && progress) {
        progress = false;
        for (std::size_t i = 0; i < n; ++i) {
            if (placed[i]) continue;
            bool ready = true;
            for (std::size_t k = 0; k < g.parent_count[i]; ++k) ready = ready && placed[g.parents[i][k]];
            if (!ready) continue;
            placed[i] = true;
            g.order[count++] = i;
            progress = true;
        }
    }
    if (count < n) {
        for (std::size_t i = 0; i < n; ++i)
            if (!placed[i]) {
                g.diagnosis.set(chain_problem::cycle, {g.ids[i]});
                break;
            }
        return g;
    }
    bool any_base = false;
    for (std::size_t i = 0; i < n; ++i) any_base = any_base || g.parent_count[i] == 0;
    if (n > 0 && !any_base) g.diagnosis.set(chain_problem::no_base, {});

    for (std::size_t position = 0; position < n; ++position) {
        const std::size_t i = g.order[position];
        g.ancestor[i][i] = true;
        for (std::size_t k = 0; k < g.parent_count[i]; ++k)
            for (std::size_t j = 0; j < n; ++j) g.ancestor[i][j] = g.ancestor[i][j] || g.ancestor[g.parents[i][k]][j];
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (g.has_child(i)) continue;
        if (g.head_count == 0) g.head = i;
        g.heads[g.head_count++] = i;
    }
    if (g.head_count > 1) {
        for (std::size_t i = 0; i < n; ++i) {
            if (g.has_child(i)) continue;
            if (g.diagnosis.ok()) g.diagnosis.set(chain_problem::several_heads, {g.ids[i]});
            else g.diagnosis.append({", ", g.ids[i]});
        }
    }
    return g;
}

// The table set a merge revision starts from: the common ancestor's tables, with each branch's
// table-level changes applied. Two branches changing one table differently is a conflict.
template <std::size_t N, std::size_t Capacity>
struct merged_tables {
    std::array<const table_descriptor*, Capacity> tables{};
    std::size_t count = 0;
    chain_diagnosis diagnosis{};
};

// `parents`: the revisions merged (a merge revision's parents, or the heads `db merge` joins).
template <std::size_t Capacity, std::size_t N>
constexpr merged_tables<N, Capacity> merge_parents(const graph<N>& g, std::span<const std::size_t> parents,
                                                   const std::array<const schema_view*, N>& views) {
    merged_tables<N, Capacity> out;
    // The lowest common ancestor: common to every parent, with no common descendant.
    std::array<bool, N> common{};
    for (std::size_t j = 0; j < N; ++j) {
        bool all = true;
        for (std::size_t p : parents) all = all && g.ancestor[p][j];
        common[j] = all;
    }
    std::size_t lca = N;
    for (std::size_t j = 0; j < N; ++j) {
        if (!common[j]) continue;
        bool lowest = true;
        for (std::size_t other = 0; other < N; ++other)
            if (other != j && common[other] && g.ancestor[other][j]) lowest = false;
        if (lowest) lca = j;
    }
    const schema_view empty{};
    const schema_view& ancestor = lca == N ? empty : *views[lca];
    auto put = [&](const table_descriptor* t) {
        for (std::size_t i = 0; i < out.count; ++i)
            if (out.tables[i]->name == t->name) {
                out.tables[i] = t;
                return;
            }
        out.tables[out.count++] = t;
    };
    auto remove = [&](std::string_view name) {
        for (std::size_t i = 0; i < out.count; ++i)
            if (out.tables[i]->name == name) {
                for (std::size_t j = i; j + 1 < out.count; ++j) out.tables[j] = out.tables[j + 1];
                --out.count;
                return;
            }
    };
    for (const table_descriptor* t : ancestor.tables) put(t);
    // Per table name: the outcome chosen by the first branch that changed it (a table, or removed).
    std::array<std::string_view, Capacity> changed{};
    std::array<const table_descriptor*, Capacity> outcome{};
    std::array<bool, Capacity> removed{};
    std::array<std::size_t, Capacity> changed_by{};
    std::size_t changes = 0;
    for (std::size_t p : parents) {
        const schema_view& branch = *views[p];
        auto record = [&](std::string_view name, const table_descriptor* result, bool gone) {
            for (std::size_t c = 0; c < changes; ++c) {
                if (changed[c] != name) continue;
                const bool same = removed[c] == gone && (gone || same_definition(*outcome[c], *result));
                if (!same)
                    out.diagnosis.set(chain_problem::merge_conflict, {"table ", name, " differs between ", g.ids[changed_by[c]], " and ", g.ids[p]});
                return;
            }
            changed[changes] = name;
            outcome[changes] = result;
            removed[changes] = gone;
            changed_by[changes] = p;
            ++changes;
        };
        for (const table_descriptor* t : branch.tables) {
            const std::size_t at = ancestor.position(t->name);
            if (at == schema_view::npos || !same_definition(*ancestor.tables[at], *t)) record(t->name, t, false);
        }
        for (const table_descriptor* t : ancestor.tables)
            if (!branch.contains(t->name)) record(t->name, t, true);
    }
    for (std::size_t c = 0; c < changes; ++c) {
        if (removed[c]) remove(changed[c]);
        else put(outcome[c]);
    }
    return out;
}

}  // namespace detail

// Several heads are reported where the chain is checked or run (chain_checked, head_matches,
// migrator), not here: a program that only lists the chain (`db heads`, `db merge`) still compiles,
// so that the merge revision can be generated.
template <class... Revisions>
struct revision_chain {
    static constexpr std::size_t size = sizeof...(Revisions);
    using revision_types = std::tuple<Revisions...>;
    static constexpr auto graph = detail::build_graph<Revisions...>();
    static_assert(chain_report<graph.diagnosis.problem == chain_problem::several_heads ? chain_problem::none : graph.diagnosis.problem,
                               to_fixed_string<graph.diagnosis.size>(graph.diagnosis.subject())>::ok);
    static constexpr std::array<const schema_view*, size> views{&Revisions::schema::view...};
    static constexpr std::size_t table_capacity = (std::size_t{0} + ... + Revisions::schema::tables.size());
    static constexpr std::string_view head = size ? graph.ids[graph.head] : std::string_view{};
};

namespace detail {

template <class Chain, std::size_t I>
struct merge_storage {
    static constexpr auto merged = merge_parents<Chain::table_capacity>(
        Chain::graph, std::span<const std::size_t>(Chain::graph.parents[I].data(), Chain::graph.parent_count[I]), Chain::views);
    static constexpr auto tables = [] {
        std::array<const table_descriptor*, merged.count> out{};
        for (std::size_t i = 0; i < out.size(); ++i) out[i] = merged.tables[i];
        return out;
    }();
    static constexpr schema_view view{tables, {}};
};

template <class Chain, std::size_t I>
constexpr const schema_view& parent_view() {
    if constexpr (Chain::graph.parent_count[I] == 0) return empty_schema::view;
    else if constexpr (Chain::graph.parent_count[I] == 1) return *Chain::views[Chain::graph.parents[I][0]];
    else return merge_storage<Chain, I>::view;
}

template <class Chain, std::size_t I>
constexpr chain_diagnosis merge_diagnosis() {
    if constexpr (Chain::graph.parent_count[I] > 1) return merge_storage<Chain, I>::merged.diagnosis;
    else return {};
}

constexpr std::string_view loss_table(const migration_step& s) { return s.kind == step_kind::drop_table ? s.before->name : s.table_name(); }

constexpr bool names_loss(std::string_view subject, const migration_step& s) {
    if (s.kind == step_kind::drop_table) return subject == s.before->name;
    const std::string_view table = s.table_name();
    const std::string_view column = s.has_old_column() ? s.old_column->name : s.column_name();
    return subject.size() == table.size() + 1 + column.size() && subject.substr(0, table.size()) == table &&
           subject[table.size()] == '.' && subject.substr(table.size() + 1) == column;
}

constexpr bool same_column_kinds(const table_descriptor& a, const table_descriptor& b) {
    if (a.columns.size() != b.columns.size()) return false;
    for (std::size_t i = 0; i < a.columns.size(); ++i)
        if (a.columns[i].kind != b.columns[i].kind) return false;
    return true;
}

template <std::size_t N, std::size_t L>
constexpr chain_diagnosis check_steps(const std::array<migration_step, N>& steps, const std::array<std::string_view, L>& acknowledged) {
    chain_diagnosis d;
    for (const migration_step& s : steps) {
        if (!s.destroys_data) continue;
        bool consented = false;
        for (std::string_view subject : acknowledged) consented = consented || names_loss(subject, s);
        if (consented) continue;
        // A drop with an add of the same kind beside it may be an undeclared rename.
        for (const migration_step& other : steps) {
            if (s.kind == step_kind::drop_column && other.kind == step_kind::add_column && other.after->name == s.after->name &&
                other.new_column->kind == s.old_column->kind)
                d.set(chain_problem::drop_looks_like_rename,
                      {s.table_name(), ".", s.old_column->name, " -> ", other.after->name, ".", other.new_column->name});
            if (s.kind == step_kind::drop_table && other.kind == step_kind::create_table && same_column_kinds(*s.before, *other.after))
                d.set(chain_problem::drop_looks_like_rename, {s.before->name, " -> ", other.after->name});
        }
        if (s.kind == step_kind::drop_table) d.set(chain_problem::unacknowledged_data_loss, {"drop table ", s.before->name});
        else if (s.kind == step_kind::drop_column)
            d.set(chain_problem::unacknowledged_data_loss, {"drop column ", s.table_name(), ".", s.old_column->name});
        else d.set(chain_problem::unacknowledged_data_loss, {"narrowing type change of ", s.table_name(), ".", s.old_column->name});
    }
    for (const migration_step& s : steps)
        if (s.kind == step_kind::add_column && !s.new_column->nullable && s.new_column->server_default.empty() && s.fill.empty() && s.fill_on.empty() &&
            !s.nullable_until_filled)
            d.set(chain_problem::not_null_without_value, {s.table_name(), ".", s.new_column->name});
    for (std::string_view subject : acknowledged) {
        bool used = false;
        for (const migration_step& s : steps) used = used || (s.destroys_data && names_loss(subject, s));
        if (!used) d.set(chain_problem::stale_data_loss, {subject});
    }
    return d;
}

}  // namespace detail

// Everything the migrator runs for revision I of Chain: its steps up and down, computed once.
template <class Chain, std::size_t I>
struct revision_plan {
    using revision = std::tuple_element_t<I, typename Chain::revision_types>;
    static constexpr const schema_view& parent = detail::parent_view<Chain, I>();
    static constexpr const schema_view& own = revision::schema::view;

    static constexpr diff_context upgrade_context{revision::schema::renames, revision::fills, has_upgrade_data<revision>};
    static constexpr auto upgrade_steps = diff_steps<parent, own, upgrade_context>;

    static constexpr auto downgrade_renames = detail::inverted<revision::schema::renames.size()>(revision::schema::renames);
    static constexpr diff_context downgrade_context{downgrade_renames, revision::downgrade_fills, has_downgrade_data<revision>};
    static constexpr auto downgrade_steps = diff_steps<own, parent, downgrade_context>;

    static constexpr bool destroys_data = [] {
        for (const migration_step& s : upgrade_steps)
            if (s.destroys_data) return true;
        return false;
    }();
    // A downgrade must be able to put back what the upgrade took, and give re-added NOT NULL
    // columns a value.
    // Destroyed data the downgrade gives back by itself: type changes with a conversion back.
    static constexpr bool converted_back = [] {
        for (const migration_step& s : upgrade_steps)
            if (s.destroys_data && (s.kind != step_kind::alter_column ||
                                    (detail::find_fill(revision::downgrade_fills, s.before->name, s.old_column->name).empty() &&
                                     detail::find_fill_on(revision::downgrade_fills, s.before->name, s.old_column->name).empty())))
                return false;
        return true;
    }();
    static constexpr bool reversible = [] {
        if (revision::irreversible || (destroys_data && !has_downgrade_data<revision> && !converted_back)) return false;
        for (const migration_step& s : downgrade_steps)
            if (s.kind == step_kind::add_column && !s.new_column->nullable && s.new_column->server_default.empty() && !s.nullable_until_filled)
                return false;
        return true;
    }();

    static constexpr chain_diagnosis diagnosis = [] {
        chain_diagnosis d = detail::merge_diagnosis<Chain, I>();
        if (d.ok()) d = detail::check_steps(upgrade_steps, revision::data_loss::subjects);
        return d;
    }();
    static constexpr bool checked =
        revision_report<revision, diagnosis.problem, to_fixed_string<diagnosis.size>(diagnosis.subject())>::ok;
};

namespace detail {
template <class Chain, std::size_t... I>
constexpr bool all_revisions_checked(std::index_sequence<I...>) {
    return (revision_plan<Chain, I>::checked && ...);
}

template <class Chain, class Models>
constexpr chain_diagnosis head_diagnosis() {
    chain_diagnosis d;
    if constexpr (Chain::size == 0) {
        return d;
    } else {
        constexpr auto steps = diff_steps<*Chain::views[Chain::graph.head], Models::view, no_renames>;
        if constexpr (steps.size() > 0) {
            const migration_step& s = steps[0];
            d.set(chain_problem::head_differs_from_models, {to_string(s.kind), " ", s.table_name()});
            if (!s.column_name().empty()) d.append({".", s.column_name()});
        }
        return d;
    }
}
}  // namespace detail

// Chain has one head and every revision passes its checks (instantiating this reports the first
// problem).
template <class Chain>
inline constexpr bool chain_checked =
    chain_report<Chain::graph.diagnosis.problem, to_fixed_string<Chain::graph.diagnosis.size>(Chain::graph.diagnosis.subject())>::ok &&
    detail::all_revisions_checked<Chain>(std::make_index_sequence<Chain::size>{});

// The chain's head leads exactly to the application's models.
template <class Chain, schema_version Models>
inline constexpr bool head_matches = chain_checked<Chain> &&
    head_report<Models, detail::head_diagnosis<Chain, Models>().problem,
                to_fixed_string<detail::head_diagnosis<Chain, Models>().size>(detail::head_diagnosis<Chain, Models>().subject())>::ok;

}  // namespace tabula
