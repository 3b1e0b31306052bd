// The difference between two schema versions as ordered migration steps, computed at compile
// time. Renames come only from declarations; everything else is compared by name:
//
//   constexpr auto steps = tabula::schema_diff<v1, v2>;   // std::array<migration_step, N>
//
// Steps are sorted by step_kind, which orders them so dependencies hold: constraints are dropped
// before the columns they cover, created tables come in foreign-key order, dropped tables in the
// reverse order, and destructive steps come last.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string_view>

#include <tabula/migrate/plan/schema_version.hpp>
#include <tabula/migrate/plan/step.hpp>
#include <tabula/schema/descriptor.hpp>

namespace tabula {

// A value for existing rows of a NOT NULL column added without a server default, or the
// conversion of a column whose type changes: an SQL expression over the table's columns as they
// were, e.g. "created_at", "'member'" or "CAST(\"count\" AS BIGINT)".
struct fill_declaration {
    std::string_view table;
    std::string_view column;
    std::string_view expression;
    per_dialect expression_on{};  // where a dialect needs other words (a conversion, mostly)
    // A type conversion that keeps the column where it is on dialects that change a type in place
    // (PostgreSQL's ALTER ... TYPE ... USING), whatever position the new model declares; the
    // declared position holds where a table is rebuilt (SQLite).
    bool in_place = false;
};

// Whether a conversion keeps the column's position (see fill_declaration::in_place).
enum class conversion_position : bool { declared, in_place };

template <auto Member>
    requires reflect::data_member_pointer<Member>
constexpr fill_declaration fill_column(std::string_view expression, per_dialect expression_on = {},
                                       conversion_position position = conversion_position::declared) {
    return {table_name_of<reflect::member_owner<Member>>, column_name<Member>, expression, expression_on,
            position == conversion_position::in_place};
}

struct diff_context {
    std::span<const rename_declaration> renames;  // old names -> new names
    std::span<const fill_declaration> fills;
    // New NOT NULL columns may be filled by the revision's data function: they are added
    // nullable, and NOT NULL is required after the function ran.
    bool data_function_fills = false;
};

namespace detail {

constexpr int integer_width(value_kind kind) {
    switch (kind) {
        case value_kind::int8: case value_kind::uint8: return 8;
        case value_kind::int16: case value_kind::uint16: return 16;
        case value_kind::int32: case value_kind::uint32: return 32;
        case value_kind::int64: case value_kind::uint64: return 64;
        default: return 0;
    }
}
constexpr bool is_signed_integer(value_kind kind) { return kind >= value_kind::int8 && kind <= value_kind::int64; }

// "VARCHAR(50)" -> 50; 0 when the text is not VARCHAR(n).
constexpr std::size_t varchar_length(std::string_view type) {
    constexpr std::string_view prefix = "VARCHAR(";
    if (type.size() <= prefix.size() + 1 || type.back() != ')') return 0;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        char c = type[i];
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (c != prefix[i]) return 0;
    }
    std::size_t n = 0;
    for (std::size_t i = prefix.size(); i + 1 < type.size(); ++i) {
        if (type[i] < '0' || type[i] > '9') return 0;
        n = n * 10 + static_cast<std::size_t>(type[i] - '0');
    }
    return n;
}

// True when every value of column `from` fits column `to` unchanged.
constexpr bool widens(const column_descriptor& from, const column_descriptor& to) {
    if (from.kind == to.kind && from.type_override == to.type_override && from.type_on == to.type_on) return true;
    if (!from.type_override.empty() || !to.type_override.empty()) {
        if (from.kind != to.kind) return false;
        const std::size_t a = varchar_length(from.type_override);
        const std::size_t b = varchar_length(to.type_override);
        if (a && b) return b >= a;
        return a && to.type_override.empty() && to.kind == value_kind::text;  // VARCHAR(n) -> TEXT
    }
    if (is_integer_kind(from.kind) && is_integer_kind(to.kind)) {
        const bool from_signed = is_signed_integer(from.kind);
        const bool to_signed = is_signed_integer(to.kind);
        if (from_signed == to_signed) return integer_width(to.kind) >= integer_width(from.kind);
        return !from_signed && to_signed && integer_width(to.kind) > integer_width(from.kind);
    }
    if (from.kind == value_kind::boolean && is_integer_kind(to.kind)) return true;
    if (from.kind == value_kind::float32 && to.kind == value_kind::float64) return true;
    // Numbers and booleans have exact text forms.
    if (to.kind == value_kind::text && (is_integer_kind(from.kind) || from.kind == value_kind::boolean)) return true;
    return false;
}

struct diff_names {
    std::span<const rename_declaration> renames;

    constexpr std::string_view old_table(std::string_view new_name) const {
        for (const rename_declaration& r : renames)
            if (r.is_table() && r.new_table == new_name) return r.old_table;
        return new_name;
    }
    constexpr std::string_view new_table(std::string_view old_name) const {
        for (const rename_declaration& r : renames)
            if (r.is_table() && r.old_table == old_name) return r.new_table;
        return old_name;
    }
    constexpr std::string_view old_column(std::string_view new_table_name, std::string_view new_column) const {
        for (const rename_declaration& r : renames)
            if (!r.is_table() && r.new_table == new_table_name && r.new_column == new_column) return r.old_column;
        return new_column;
    }
    constexpr std::string_view new_column(std::string_view new_table_name, std::string_view old_column) const {
        for (const rename_declaration& r : renames)
            if (!r.is_table() && r.new_table == new_table_name && r.old_column == old_column) return r.new_column;
        return old_column;
    }
    // Old column names of a list, translated to the new table's names.
    constexpr name_list translated(std::string_view new_table_name, const name_list& old_names) const {
        name_list out;
        for (std::string_view n : old_names) out.push_back(new_column(new_table_name, n));
        return out;
    }
};

constexpr bool same_index(const index_descriptor& a, const index_descriptor& b, std::string_view table, const diff_names& names) {
    return a.name == b.name && a.unique == b.unique && names.translated(table, a.columns) == b.columns &&
           a.json_path == b.json_path && a.json_type == b.json_type && a.expression == b.expression && a.where == b.where;
}
constexpr bool same_unique(const unique_descriptor& a, const unique_descriptor& b, std::string_view table, const diff_names& names) {
    return a.name == b.name && names.translated(table, a.columns) == b.columns;
}
constexpr bool same_foreign_key(const foreign_key_descriptor& a, const foreign_key_descriptor& b, std::string_view table,
                                const diff_names& names) {
    const std::string_view referenced = names.new_table(a.referenced_table);
    return a.name == b.name && names.translated(table, a.columns) == b.columns && referenced == b.referenced_table &&
           names.translated(referenced, a.referenced_columns) == b.referenced_columns && a.on_delete == b.on_delete &&
           a.on_update == b.on_update;
}

constexpr bool references(const table_descriptor& table, std::string_view other) {
    for (const foreign_key_descriptor& fk : table.foreign_keys)
        if (fk.referenced_table == other && other != table.name) return true;
    return false;
}

constexpr std::string_view find_fill(std::span<const fill_declaration> fills, std::string_view table, std::string_view column) {
    for (const fill_declaration& f : fills)
        if (f.table == table && f.column == column) return f.expression;
    return {};
}
constexpr per_dialect find_fill_on(std::span<const fill_declaration> fills, std::string_view table, std::string_view column) {
    for (const fill_declaration& f : fills)
        if (f.table == table && f.column == column) return f.expression_on;
    return {};
}
constexpr bool find_in_place(std::span<const fill_declaration> fills, std::string_view table, std::string_view column) {
    for (const fill_declaration& f : fills)
        if (f.table == table && f.column == column) return f.in_place;
    return false;
}

}  // namespace detail

// Emits the steps from `from` to `to` into sink.push(step), in execution order. Tables and columns
// are matched by position and name only (see step.hpp on why addresses are never compared).
template <class Sink>
constexpr void diff(const schema_view& from, const schema_view& to, const diff_context& context, Sink& sink) {
    constexpr std::size_t npos = schema_view::npos;
    const detail::diff_names names{context.renames};
    const std::size_t count = to.tables.size();

    // The position in `from` of the table each new table continues, or npos for a created table;
    // computed once, as constant evaluation is slow and the loops below consult it often.
    std::array<std::size_t, 256> sources{};
    std::array<bool, 256> continued_tables{};
    for (std::size_t b = 0; b < count && b < sources.size(); ++b) {
        // A table renamed away frees its name: a new table of that name is created, not continued.
        const std::string_view old_name = names.old_table(to.tables[b]->name);
        sources[b] = names.new_table(old_name) == to.tables[b]->name ? from.position(old_name) : npos;
        if (sources[b] != npos && sources[b] < continued_tables.size()) continued_tables[sources[b]] = true;
    }
    auto source = [&](std::size_t b) { return sources[b]; };
    auto continued = [&](std::size_t a) { return continued_tables[a]; };
    // The old column a new column continues, as a position in the old table (or its size). A
    // column renamed away frees its name: a new column of that name is added, not continued.
    auto old_column_position = [&](const table_descriptor& a, const table_descriptor& b, std::string_view new_column) {
        const std::string_view old_name = names.old_column(b.name, new_column);
        if (names.new_column(b.name, old_name) != new_column) return a.columns.size();
        return a.column_position(old_name);
    };
    auto emit = [&](migration_step step) { sink.push(step); };
    // Tables that exist in both versions and differ; most tables of a revision are unchanged, and
    // one linear comparison spares them the quadratic per-column matching below.
    std::array<std::size_t, 256> pair_from{};
    std::array<std::size_t, 256> pair_to{};
    std::size_t pairs = 0;
    for (std::size_t b = 0; b < count && pairs < pair_from.size(); ++b) {
        const std::size_t a = source(b);
        if (a != npos && !same_definition(*from.tables[a], *to.tables[b])) {
            pair_from[pairs] = a;
            pair_to[pairs++] = b;
        }
    }
    // Calls f(a, b) for every table that exists in both versions with a different definition.
    auto for_each_pair = [&](auto&& f) {
        for (std::size_t k = 0; k < pairs; ++k) f(*from.tables[pair_from[k]], *to.tables[pair_to[k]]);
    };

    // Emits `kind` for every constraint of `list` that one side has and the other lacks: dropped
    // constraints are the old table's without an equal in the new one, added ones the reverse.
    auto unmatched = [&](const table_descriptor& a, const table_descriptor& b, auto list, auto same, step_kind kind, auto slot, bool dropped) {
        for (const auto& item : (dropped ? a : b).*list) {
            bool matched = false;
            for (const auto& other : (dropped ? b : a).*list)
                matched = matched || (dropped ? same(item, other, b.name, names) : same(other, item, b.name, names));
            if (matched) continue;
            migration_step step{.kind = kind, .before = &a, .after = &b};
            step.*slot = &item;
            emit(step);
        }
    };
    for_each_pair([&](const table_descriptor& a, const table_descriptor& b) {
        unmatched(a, b, &table_descriptor::foreign_keys, detail::same_foreign_key, step_kind::drop_foreign_key, &migration_step::foreign_key, true);
    });
    for_each_pair([&](const table_descriptor& a, const table_descriptor& b) {
        unmatched(a, b, &table_descriptor::uniques, detail::same_unique, step_kind::drop_unique, &migration_step::unique, true);
    });
    for_each_pair([&](const table_descriptor& a, const table_descriptor& b) {
        unmatched(a, b, &table_descriptor::indexes, detail::same_index, step_kind::drop_index, &migration_step::index, true);
    });
    // A dropped table whose name a renamed table takes goes first, before its data would run: the
    // rename needs the name (e.g. a downgrade renaming config_old back to config).
    std::array<bool, 256> dropped_early{};
    for (std::size_t a = 0; a < from.tables.size() && a < dropped_early.size(); ++a) {
        if (continued(a)) continue;
        for (std::size_t b = 0; b < count; ++b)
            if (source(b) != npos && from.tables[source(b)]->name != to.tables[b]->name && to.tables[b]->name == from.tables[a]->name) {
                dropped_early[a] = true;
                emit({.kind = step_kind::drop_table, .before = from.tables[a], .destroys_data = true, .frees_name = true});
                break;
            }
    }
    for_each_pair([&](const table_descriptor& a, const table_descriptor& b) {
        if (a.name != b.name) emit({.kind = step_kind::rename_table, .before = &a, .after = &b});
    });
    // Whether old column `ca` goes on in the new table, under its name or another.
    auto kept_column = [&](const table_descriptor& a, const table_descriptor& b, const column_descriptor& ca) {
        for (const column_descriptor& cb : b.columns)
            if (old_column_position(a, b, cb.name) < a.columns.size() && names.old_column(b.name, cb.name) == ca.name) return true;
        return false;
    };
    // A dropped column whose name a renamed column takes goes first, like a table (a downgrade
    // renaming c2 back to c1 where the revision had added a new c1).
    auto frees_column_name = [&](const table_descriptor& a, const table_descriptor& b, const column_descriptor& ca) {
        return !kept_column(a, b, ca) && names.old_column(b.name, ca.name) != ca.name && b.column_position(ca.name) < b.columns.size();
    };
    for_each_pair([&](const table_descriptor& a, const table_descriptor& b) {
        for (const column_descriptor& cb : b.columns) {
            const std::string_view old_name = names.old_column(b.name, cb.name);
            const std::size_t ca = a.column_position(old_name);
            if (old_name == cb.name || ca == a.columns.size()) continue;
            if (const std::size_t taken = a.column_position(cb.name); taken < a.columns.size() && frees_column_name(a, b, a.columns[taken]))
                emit({.kind = step_kind::drop_column, .before = &a, .after = &b, .old_column = &a.columns[taken], .destroys_data = true,
                      .frees_name = true});
            emit({.kind = step_kind::rename_column, .before = &a, .after = &b, .old_column = &a.columns[ca], .new_column = &cb});
        }
    });
    // Created tables, each after the created tables it references (a cycle takes table order).
    {
        std::array<bool, 256> placed{};
        std::size_t created = 0;
        for (std::size_t b = 0; b < count && b < placed.size(); ++b) created += source(b) == npos;
        auto ready = [&](std::size_t b) {
            for (std::size_t other = 0; other < count && other < placed.size(); ++other)
                if (other != b && source(other) == npos && !placed[other] && detail::references(*to.tables[b], to.tables[other]->name))
                    return false;
            return true;
        };
        auto place = [&](std::size_t b) {
            placed[b] = true;
            emit({.kind = step_kind::create_table, .after = to.tables[b]});
        };
        for (std::size_t done = 0; done < created;) {
            bool progress = false;
            for (std::size_t b = 0; b < count && b < placed.size(); ++b)
                if (source(b) == npos && !placed[b] && ready(b)) place(b), ++done, progress = true;
            if (progress) continue;
            for (std::size_t b = 0; b < count && b < placed.size(); ++b)
                if (source(b) == npos && !placed[b]) {
                    place(b), ++done;
                    break;
                }
        }
    }
    for_each_pair([&](const table_descriptor& a, const table_descriptor& b) {
        for (const column_descriptor& cb : b.columns) {
            if (old_column_position(a, b, cb.name) < a.columns.size()) continue;
            migration_step step{.kind = step_kind::add_column, .before = &a, .after = &b, .new_column = &cb};
            if (!cb.nullable && cb.server_default.empty()) {
                step.fill = detail::find_fill(context.fills, b.name, cb.name);
                step.fill_on = detail::find_fill_on(context.fills, b.name, cb.name);
                step.nullable_until_filled = step.fill.empty() && context.data_function_fills;
            }
            emit(step);
        }
    });
    for_each_pair([&](const table_descriptor& a, const table_descriptor& b) {
        for (const column_descriptor& cb : b.columns) {
            const std::size_t position = old_column_position(a, b, cb.name);
            if (position == a.columns.size()) continue;
            const column_descriptor& ca = a.columns[position];
            const bool same_type = ca.kind == cb.kind && ca.type_override == cb.type_override && ca.type_on == cb.type_on;
            if (same_type && ca.nullable == cb.nullable && ca.server_default == cb.server_default && ca.default_on == cb.default_on &&
                ca.key_nullable == cb.key_nullable)
                continue;
            // A type change may come with its conversion: the fill declared for the column.
            emit({.kind = step_kind::alter_column, .before = &a, .after = &b, .old_column = &ca, .new_column = &cb,
                  .fill = same_type ? std::string_view{} : detail::find_fill(context.fills, b.name, cb.name),
                  .fill_on = same_type ? per_dialect{} : detail::find_fill_on(context.fills, b.name, cb.name),
                  .destroys_data = !detail::widens(ca, cb),
                  .in_place = !same_type && detail::find_in_place(context.fills, b.name, cb.name)});
        }
    });
    for_each_pair([&](const table_descriptor& a, const table_descriptor& b) {
        if (names.translated(b.name, a.primary_key) != b.primary_key) emit({.kind = step_kind::alter_primary_key, .before = &a, .after = &b});
    });
    for (std::size_t b = 0; b < count; ++b) {
        const std::size_t a = source(b);
        for (const index_descriptor& i : to.tables[b]->indexes) {
            bool existed = false;
            if (a != npos)
                for (const index_descriptor& old : from.tables[a]->indexes)
                    existed = existed || detail::same_index(old, i, to.tables[b]->name, names);
            if (existed) continue;
            // A created table's indexes follow its creation: `before` names the new table itself.
            // Where a data function fills it, its non-unique ones follow the data (a unique one
            // may be what the function's inserts rely on, ON CONFLICT say).
            emit({.kind = step_kind::create_index, .before = a != npos ? from.tables[a] : to.tables[b], .after = to.tables[b], .index = &i,
                  .after_data = a == npos && !i.unique && context.data_function_fills});
        }
    }
    // A created table has its constraints in CREATE TABLE: only tables in both versions add them.
    for_each_pair([&](const table_descriptor& a, const table_descriptor& b) {
        unmatched(a, b, &table_descriptor::uniques, detail::same_unique, step_kind::add_unique, &migration_step::unique, false);
    });
    for_each_pair([&](const table_descriptor& a, const table_descriptor& b) {
        unmatched(a, b, &table_descriptor::foreign_keys, detail::same_foreign_key, step_kind::add_foreign_key, &migration_step::foreign_key, false);
    });
    for_each_pair([&](const table_descriptor& a, const table_descriptor& b) {
        for (const column_descriptor& ca : a.columns)
            if (!kept_column(a, b, ca) && !frees_column_name(a, b, ca))
                emit({.kind = step_kind::drop_column, .before = &a, .after = &b, .old_column = &ca, .destroys_data = true});
    });
    // Dropped tables, each before the dropped tables it references.
    {
        std::array<std::size_t, 256> dropped{};
        std::size_t dropped_count = 0;
        for (std::size_t a = 0; a < from.tables.size(); ++a)
            if (!continued(a) && !(a < dropped_early.size() && dropped_early[a]) && dropped_count < dropped.size()) dropped[dropped_count++] = a;
        std::array<bool, 256> emitted{};
        for (std::size_t round = 0; round < dropped_count; ++round) {
            for (std::size_t i = 0; i < dropped_count; ++i) {
                if (emitted[i]) continue;
                bool referenced = false;
                for (std::size_t j = 0; j < dropped_count; ++j)
                    if (!emitted[j] && j != i && detail::references(*from.tables[dropped[j]], from.tables[dropped[i]]->name)) referenced = true;
                if (referenced && round + 1 < dropped_count) continue;
                emitted[i] = true;
                emit({.kind = step_kind::drop_table, .before = from.tables[dropped[i]], .destroys_data = true});
            }
        }
    }
    for_each_pair([&](const table_descriptor& a, const table_descriptor& b) {
        for (const column_descriptor& cb : b.columns) {
            if (old_column_position(a, b, cb.name) < a.columns.size()) continue;
            if (!cb.nullable && cb.server_default.empty() && detail::find_fill(context.fills, b.name, cb.name).empty() && context.data_function_fills)
                emit({.kind = step_kind::require_not_null, .before = &a, .after = &b, .new_column = &cb});
        }
    });
}

namespace detail {

struct step_counter {
    std::size_t count = 0;
    constexpr void push(const migration_step&) { ++count; }
};
template <std::size_t N>
struct step_array {
    std::array<migration_step, N> steps{};
    std::size_t count = 0;
    constexpr void push(const migration_step& step) { steps[count++] = step; }
};

// Renames of `to` read backwards: the downgrade's renames.
template <std::size_t N>
constexpr std::array<rename_declaration, N> inverted(std::span<const rename_declaration> renames) {
    std::array<rename_declaration, N> out{};
    for (std::size_t i = 0; i < N; ++i)
        out[i] = {renames[i].new_table, renames[i].old_table, renames[i].new_column, renames[i].old_column};
    return out;
}

}  // namespace detail

// All steps as an array, for constexpr views whose storage is static (version views, chain data).
template <const schema_view& From, const schema_view& To, const diff_context& Context>
inline constexpr auto diff_steps = [] {
    constexpr std::size_t count = [] {
        detail::step_counter counter;
        diff(From, To, Context, counter);
        return counter.count;
    }();
    detail::step_array<count> out;
    diff(From, To, Context, out);
    return out.steps;
}();

namespace detail {
template <class Version>
inline constexpr diff_context upgrade_context{Version::renames, {}, false};
}  // namespace detail

// The steps from version From to version To (To's renames apply): tabula::schema_diff<v1, v2>.
template <schema_version From, schema_version To>
inline constexpr auto schema_diff = diff_steps<From::view, To::view, detail::upgrade_context<To>>;

}  // namespace tabula
