// Mapping between model structs and statement parameters/result columns. Which fields each
// statement binds, and in which order, is fixed at compile time from the table descriptor.
#pragma once

#include <array>
#include <memory>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include <tabula/error.hpp>
#include <tabula/reflect/fields.hpp>
#include <tabula/schema/table.hpp>
#include <tabula/session/detail/codec.hpp>

namespace tabula::detail {

template <class T>
struct row_layout {
    static constexpr const table_descriptor& table = table_of<T>;
    static constexpr std::size_t field_count = reflect::field_count<T>;
    static constexpr auto key = primary_key_fields<T>;
    static constexpr bool generated_key = table.autoincrement;

    static constexpr std::size_t count_if(bool (*keep)(const column_descriptor&)) {
        std::size_t n = 0;
        for (const column_descriptor& c : table.columns) n += keep(c);
        return n;
    }
    template <std::size_t N>
    static constexpr std::array<std::size_t, N> fields_if(bool (*keep)(const column_descriptor&)) {
        std::array<std::size_t, N> out{};
        std::size_t next = 0;
        for (std::size_t i = 0; i < table.columns.size(); ++i)
            if (keep(table.columns[i])) out[next++] = i;
        return out;
    }
    static constexpr bool is_inserted(const column_descriptor& c) { return !c.autoincrement; }
    static constexpr bool is_value(const column_descriptor& c) { return !c.primary_key; }
    static constexpr bool is_any(const column_descriptor&) { return true; }

    static constexpr auto inserted = fields_if<count_if(is_inserted)>(is_inserted);
    static constexpr auto values = fields_if<count_if(is_value)>(is_value);
    static constexpr auto all = fields_if<field_count>(is_any);
};

// ---- describing rows in error messages -------------------------------------------------------

// A value as a log line or an error message shows it: strings and JSON cut at 60 characters.
template <class V>
std::string value_text(const V& value) {
    // Appended, not "'" + text: GCC 12 at -O3 warns (-Wrestrict, wrongly) on a literal + std::string.
    auto cut = [](const std::string& text) {
        std::string out = "'";
        out.append(text, 0, 60);
        out += text.size() > 60 ? "...'" : "'";
        return out;
    };
    if constexpr (is_optional<V>) {
        return value ? value_text(*value) : std::string("NULL");
    } else if constexpr (std::is_same_v<V, std::nullopt_t>) {
        return "NULL";
    } else if constexpr (std::is_same_v<V, bool>) {
        return value ? "true" : "false";
    } else if constexpr (std::is_integral_v<V>) {
        return std::to_string(value);
    } else if constexpr (std::is_floating_point_v<V>) {
        char digits[32];
        return std::string(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
    } else if constexpr (std::is_same_v<V, std::string>) {
        return cut(value);
    } else if constexpr (std::is_convertible_v<const V&, std::string_view>) {
        return cut(std::string(std::string_view(value)));
    } else if constexpr (std::is_same_v<V, blob>) {
        return "<" + std::to_string(value.size()) + " bytes>";
    } else if constexpr (stored_kind<V> == value_kind::json) {
        // Shown, not stored: invalid UTF-8 is replaced rather than thrown from a log line.
        using document_type = json_document<V>;
        constexpr auto replace = document_type::error_handler_t::replace;
        if constexpr (is_nlohmann_json<V>) {
            return cut(value.dump(-1, ' ', false, replace));
        } else {
            try {
                return cut(document_type(value).dump(-1, ' ', false, replace));
            } catch (const typename document_type::exception&) {
                return "<not writable as JSON>";
            }
        }
    } else if constexpr (std::is_enum_v<V>) {
        return std::to_string(static_cast<long long>(value));
    } else if constexpr (is_system_time_point<V> || is_duration<V>) {
        if constexpr (is_duration<V>) return std::to_string(static_cast<long long>(value.count()));
        else return std::to_string(static_cast<long long>(value.time_since_epoch().count()));
    } else {
        return "?";
    }
}

// ---- the row code's tables ------------------------------------------------------------------
//
// Per model, constant tables: the byte offset of each field within the struct, and per field a
// pointer to the function that binds or shows a value of the field's type (one per field type and
// backend, shared by every model that has a field of that type). The error and log paths of every
// model, and the binding of statements a row rarely takes, walk these tables in loops compiled
// once per backend instead of a copy of their code per model. The hot paths bind and read each
// field inline (see bind_fields).

template <class Statement>
using bind_function = void (*)(Statement&, int, const void*, std::vector<std::string>&);
using show_function = std::string (*)(const void*);

// Only JSON values are bound through a scratch string (their text must outlive the statement's
// run), so that rows without JSON columns leave the scratch vector alone.
template <class Field>
inline constexpr bool binds_through_scratch = stored_kind<std::remove_cvref_t<Field>> == value_kind::json;

template <class Field, class Statement>
void bind_erased(Statement& statement, int index, const void* field, std::vector<std::string>& scratch) {
    if constexpr (binds_through_scratch<Field>) {
        bind_value(statement, index, *static_cast<const Field*>(field), scratch[static_cast<std::size_t>(index)]);
    } else {
        no_scratch none;
        bind_value(statement, index, *static_cast<const Field*>(field), none);
    }
}

// value_text out of line: one copy per field type, shared by every model's error and log paths.
template <class V>
[[gnu::cold, gnu::noinline]] std::string shown_value(const V& value) {
    return value_text(value);
}
template <class Field>
[[gnu::cold]] std::string show_erased(const void* field) {
    return value_text(*static_cast<const Field*>(field));
}

// The byte offset of every field of T within T, taken once from a default-constructed T (a model
// is default-constructible): offsets are not constant expressions.
template <class T>
const std::size_t* field_offsets() {
    static const auto offsets = [] {
        std::array<std::size_t, row_layout<T>::field_count> out{};
        const T probe{};
        const auto* base = reinterpret_cast<const unsigned char*>(std::addressof(probe));
        const auto fields = reflect::tie_all(probe);
        [&]<std::size_t... I>(std::index_sequence<I...>) {
            ((out[I] = static_cast<std::size_t>(reinterpret_cast<const unsigned char*>(std::addressof(reflect::tied<I>(fields))) - base)),
             ...);
        }(std::make_index_sequence<row_layout<T>::field_count>{});
        return out;
    }();
    return offsets.data();
}

// What the loops need of a model, apart from the offsets.
struct row_shape {
    const table_descriptor* table;
    const std::size_t* key;
    std::size_t key_size;
    const show_function* show;
    bool json;  // a field binds through a scratch string
};

template <class T>
struct erased_row {
    static constexpr std::size_t n = row_layout<T>::field_count;
    template <std::size_t... I>
    static constexpr std::array<show_function, n> shows(std::index_sequence<I...>) {
        return {&show_erased<reflect::field_type<I, T>>...};
    }
    template <std::size_t... I>
    static constexpr bool any_json(std::index_sequence<I...>) {
        return (binds_through_scratch<reflect::field_type<I, T>> || ...);
    }
    static constexpr std::array<show_function, n> show = shows(std::make_index_sequence<n>{});
    static constexpr row_shape shape{&row_layout<T>::table, row_layout<T>::key.data(), row_layout<T>::key.size(), show.data(),
                                     any_json(std::make_index_sequence<n>{})};
};

// Per model and backend: the function binding each field.
template <class T, class Statement, std::size_t... I>
constexpr std::array<bind_function<Statement>, sizeof...(I)> bind_functions(std::index_sequence<I...>) {
    return {&bind_erased<reflect::field_type<I, T>, Statement>...};
}
template <class T, class Statement>
inline constexpr auto bind_table = bind_functions<T, Statement>(std::make_index_sequence<row_layout<T>::field_count>{});

// "id=5" or "id='a', user_id='b'" from a row in memory.
[[gnu::cold, gnu::noinline]] inline std::string key_text(const row_shape& shape, const std::size_t* offsets, const void* row) {
    std::string out;
    for (std::size_t k = 0; k < shape.key_size; ++k) {
        const std::size_t field = shape.key[k];
        if (k > 0) out += ", ";
        out += shape.table->columns[field].name;
        out += '=';
        out += shape.show[field](static_cast<const unsigned char*>(row) + offsets[field]);
    }
    return out;
}
template <class T>
std::string key_text(const T& row) {
    return key_text(erased_row<T>::shape, field_offsets<T>(), std::addressof(row));
}

// "id=5" from the current result row (the table's columns starting at `first`), reading key
// columns as text. Not a template of the model: one copy per backend serves every table.
template <class Statement>
[[gnu::cold, gnu::noinline]] std::string key_text_from_result(Statement& statement, const table_descriptor& table,
                                                              std::span<const std::size_t> key, int first) {
    std::string out;
    for (std::size_t position : key) {
        if (!out.empty()) out += ", ";
        const auto cell = statement.column(first + static_cast<int>(position));
        out += std::string(table.columns[position].name) + "=";
        if (cell.is_null()) out += "NULL";
        else if (cell.storage() == storage_class::text) out += "'" + std::string(cell.as_text().substr(0, 60)) + "'";
        else out += std::string(cell.as_text());
    }
    return out;
}

[[noreturn, gnu::cold]] inline void rethrow_value_error(const value_error& e, std::string_view table, std::string_view column, std::string key,
                                             bool reading) {
    std::string message = "tabula: ";
    message += reading ? "cannot read column '" : "cannot store column '";
    message += std::string(column) + "' of table '" + std::string(table) + "'";
    if (!key.empty()) message += " (row " + key + ")";
    message += ": " + e.message;
    if (e.json) throw json_decode_error(std::move(message), std::string(table), std::string(column), std::move(key));
    throw type_mismatch(std::move(message), std::string(table), std::string(column), std::move(key));
}

// ---- binding ---------------------------------------------------------------------------------

[[noreturn, gnu::cold, gnu::noinline]] inline void bind_failed(const value_error& e, const row_shape& shape, std::size_t field,
                                                               const std::size_t* offsets, const void* row) {
    rethrow_value_error(e, shape.table->name, shape.table->columns[field].name, key_text(shape, offsets, row), false);
}

[[gnu::cold, gnu::noinline]] inline void log_values(const row_shape& shape, const std::size_t* offsets, const void* row,
                                                    const std::size_t* fields, std::size_t count, std::vector<std::string>& logged) {
    for (std::size_t k = 0; k < count; ++k)
        logged.push_back(shape.show[fields[k]](static_cast<const unsigned char*>(row) + offsets[fields[k]]));
}

// The loop every model's binding runs: one copy per backend (not inlined into each model's caller).
template <class Statement>
[[gnu::noinline]] int bind_columns(Statement& statement, const row_shape& shape, const bind_function<Statement>* bind, const std::size_t* offsets,
                 const void* row, const std::size_t* fields, std::size_t count, int first, std::vector<std::string>& scratch,
                 std::vector<std::string>* logged) {
    if (shape.json) {
        const auto needed = static_cast<std::size_t>(first) + count;
        if (scratch.size() < needed) scratch.resize(needed);
    }
    const auto* base = static_cast<const unsigned char*>(row);
    std::size_t k = 0;
    try {
        for (; k < count; ++k) {
            const std::size_t field = fields[k];
            bind[field](statement, first + static_cast<int>(k), base + offsets[field], scratch);
        }
    } catch (const value_error& e) {
        bind_failed(e, shape, fields[k], offsets, row);
    }
    if (logged) [[unlikely]]
        log_values(shape, offsets, row, fields, count, *logged);
    return first + static_cast<int>(count);
}

template <bool Used>
decltype(auto) scratch_slot(std::vector<std::string>& scratch, std::size_t slot, no_scratch& none) {
    if constexpr (Used) return (scratch[slot]);
    else return (none);
}

// Binds the listed fields of `row` to parameters first, first + 1, ... and returns the next index.
// `logged`, when given, receives each value as text (the SQL log asked for values).
// The paths every row takes (insert, update, upsert, delete, bulk loads) bind each field inline:
// through the tables above, each column would cost an indirect call and its loop, about 13
// instructions, 3% of a small SQLite row (benchmarks/crud.cpp, under callgrind). Only the
// error and log paths go through the tables (one copy per backend).
template <class T, const auto& Fields, class Statement>
int bind_fields(Statement& statement, const T& row, int first, std::vector<std::string>& scratch,
                std::vector<std::string>* logged = nullptr) {
    const auto first_slot = static_cast<std::size_t>(first);
    constexpr bool any_json = []<std::size_t... K>(std::index_sequence<K...>) {
        return (binds_through_scratch<reflect::field_type<Fields[K], T>> || ...);
    }(std::make_index_sequence<Fields.size()>{});
    if constexpr (any_json) {
        if (scratch.size() < first_slot + Fields.size()) scratch.resize(first_slot + Fields.size());
    }
    no_scratch none;
    std::size_t current = 0;
    try {
        [&]<std::size_t... K>(std::index_sequence<K...>) {
            ((current = K, bind_value(statement, first + static_cast<int>(K), reflect::get<Fields[K]>(row),
                                      scratch_slot<binds_through_scratch<reflect::field_type<Fields[K], T>>>(scratch, first_slot + K, none))),
             ...);
        }(std::make_index_sequence<Fields.size()>{});
    } catch (const value_error& e) {
        bind_failed(e, erased_row<T>::shape, Fields[current], field_offsets<T>(), std::addressof(row));
    }
    if (logged) [[unlikely]]
        log_values(erased_row<T>::shape, field_offsets<T>(), std::addressof(row), Fields.data(), Fields.size(), *logged);
    return first + static_cast<int>(Fields.size());
}

// The same through the tables: for statements a row rarely takes (an insert that sets a generated
// key), where a model's own copy of the binding code would cost compile time for nothing.
template <class T, const auto& Fields, class Statement>
int bind_fields_erased(Statement& statement, const T& row, int first, std::vector<std::string>& scratch,
                       std::vector<std::string>* logged = nullptr) {
    return bind_columns(statement, erased_row<T>::shape, bind_table<T, Statement>.data(), field_offsets<T>(), std::addressof(row),
                        Fields.data(), Fields.size(), first, scratch, logged);
}

// Binds one key argument through its field type's function: one copy per backend.
template <class Statement>
[[gnu::noinline]] void bind_key_column(Statement& statement, int index, bind_function<Statement> bind, const void* value,
                                       std::vector<std::string>& scratch, const table_descriptor& table, std::size_t field) {
    const auto slot = static_cast<std::size_t>(index);
    if (scratch.size() <= slot) scratch.resize(slot + 1);
    try {
        bind(statement, index, value, scratch);
    } catch (const value_error& e) {
        rethrow_value_error(e, table.name, table.columns[field].name, {}, false);
    }
}

// ---- reading ---------------------------------------------------------------------------------

template <class Statement>
[[noreturn, gnu::cold, gnu::noinline]] void read_failed(const value_error& e, const row_shape& shape, std::size_t current,
                                                        Statement& statement, int first) {
    rethrow_value_error(e, shape.table->name, shape.table->columns[current].name,
                        key_text_from_result(statement, *shape.table, std::span<const std::size_t>(shape.key, shape.key_size), first),
                        true);
}

// Reads result columns first..first+N-1 into the fields of T, in declaration order (a joined
// query's row holds several models side by side). Inline per field, as bind_fields is.
template <class T, class Statement>
void read_row(Statement& statement, T& out, int first = 0) {
    std::size_t current = 0;
    try {
        [&]<std::size_t... I>(std::index_sequence<I...>) {
            ((current = I, read_value(statement.column(first + static_cast<int>(I)), reflect::get<I>(out))), ...);
        }(std::make_index_sequence<row_layout<T>::field_count>{});
    } catch (const value_error& e) {
        read_failed(e, erased_row<T>::shape, current, statement, first);
    }
}

// Raw queries map result columns to fields by position; the count must match exactly.
template <class Row, class Statement>
void read_raw_row(Statement& statement, Row& out) {
    std::size_t current = 0;
    try {
        if constexpr (reflect::reflectable<Row> && !is_nlohmann_json<Row>) {
            [&]<std::size_t... I>(std::index_sequence<I...>) {
                ((current = I, read_value(statement.column(static_cast<int>(I)), reflect::get<I>(out))), ...);
            }(std::make_index_sequence<reflect::field_count<Row>>{});
        } else {
            read_value(statement.column(0), out);
        }
    } catch (const value_error& e) {
        rethrow_value_error(e, "(raw query)", statement.column_name(static_cast<int>(current)), {}, true);
    }
}

template <class Row>
constexpr std::size_t raw_field_count() {
    if constexpr (reflect::reflectable<Row> && !is_nlohmann_json<Row>) return reflect::field_count<Row>;
    else return 1;
}

}  // namespace tabula::detail
