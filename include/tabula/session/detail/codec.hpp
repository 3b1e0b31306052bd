// Conversions between field values and a backend's bind calls and result cells. Reads check the
// stored storage class first, so 'abc' never silently becomes 0 and 300 never silently becomes an
// int8; a value that cannot be stored exactly (a uint64 above INT64_MAX, an enum value with no
// name) is refused. Failures throw value_error, which the row mapper rethrows with the table,
// column and row key attached.
#pragma once

#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>


#include <tabula/backend/storage_class.hpp>
#include <tabula/error.hpp>
#include <tabula/reflect/enum_names.hpp>
#include <tabula/reflect/type_name.hpp>
#include <tabula/schema/value_traits.hpp>

namespace tabula::detail {

[[noreturn, gnu::cold, gnu::noinline]] inline void mismatch(std::string_view expected, storage_class found) {
    throw value_error{false, "expected " + std::string(expected) + ", found " + std::string(to_string(found))};
}

template <class T>
using without_optional = std::remove_cvref_t<decltype(*std::declval<std::optional<T>>())>;

template <class T>
inline constexpr value_kind stored_kind = value_traits<T>::kind;

// ---- binding ---------------------------------------------------------------------------------

[[noreturn, gnu::cold, gnu::noinline]] inline void refuse_nan() {
    throw value_error{false, "NaN cannot be stored: this database would store NULL instead"};
}

template <class Integer>
std::int64_t to_stored_integer(Integer value) {
    if constexpr (std::is_unsigned_v<Integer> && sizeof(Integer) == 8) {
        if (value > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            throw value_error{false, "value " + std::to_string(value) +
                                         " exceeds the largest integer a database column stores (9223372036854775807)"};
    }
    return static_cast<std::int64_t>(value);
}

template <class E>
std::string_view enum_text(E value) {
    for (const auto& e : reflect::enumerators<E>)
        if (e.value == value) return e.name;
    throw value_error{false, "value " + std::to_string(static_cast<long long>(value)) + " of enum " +
                                 std::string(reflect::qualified_type_name<E>) + " has no enumerator name to store"};
}

// The JSON text of a value. nlohmann::json refuses to write a string holding invalid UTF-8 (and a
// to_json may refuse a value): a value_error, which the caller names with table and column.
template <class T>
std::string json_text(const T& value) {
    try {
        if constexpr (detail::is_nlohmann_json<T>) return value.dump();
        else return detail::json_document<T>(value).dump();
    } catch (const typename detail::json_document<T>::exception& e) {
        // 316: nlohmann::json's "invalid UTF-8 byte" and "incomplete UTF-8 string".
        throw value_error{false, std::string(e.id == 316 ? "the JSON document holds invalid UTF-8" : "the value cannot be written as JSON") +
                                     " (" + e.what() + ")"};
    }
}

// What a value that needs no scratch string is bound with (any but JSON).
struct no_scratch {};

// Binds one non-null value. `scratch` holds the JSON text until the statement has run (a
// std::string; no_scratch for values of other kinds).
template <class T, class Statement, class Scratch>
void bind_value(Statement& statement, int index, const T& value, Scratch& scratch) {
    if constexpr (detail::is_optional<T>) {
        if (value) bind_value(statement, index, *value, scratch);
        else statement.bind_null(index);
    } else if constexpr (std::is_same_v<T, bool>) {
        statement.bind_bool(index, value);
    } else if constexpr (detail::is_plain_integer<T>) {
        statement.bind_int64(index, to_stored_integer(value));
    } else if constexpr (std::is_floating_point_v<T>) {
        if constexpr (!Statement::stores_nan) {
            if (std::isnan(value)) [[unlikely]]
                refuse_nan();
        }
        statement.bind_double(index, static_cast<double>(value));
    } else if constexpr (std::is_same_v<T, std::string>) {
        statement.bind_text(index, value);
    } else if constexpr (std::is_same_v<T, blob>) {
        statement.bind_blob(index, std::span<const std::byte>{value});
    } else if constexpr (stored_kind<T> == value_kind::json) {
        scratch = json_text(value);
        statement.bind_json(index, scratch);
    } else if constexpr (std::is_enum_v<T>) {
        if constexpr (enum_storage_of<T> == enum_storage::text) statement.bind_text(index, enum_text(value));
        else statement.bind_int64(index, to_stored_integer(static_cast<std::underlying_type_t<T>>(value)));
    } else if constexpr (detail::is_system_time_point<T>) {
        statement.bind_int64(index, static_cast<std::int64_t>(value.time_since_epoch().count()));
    } else if constexpr (detail::is_duration<T>) {
        statement.bind_int64(index, to_stored_integer(value.count()));
    } else {
        static_assert(sizeof(T) == 0, "tabula: this type cannot be bound as a parameter");
    }
}

// Run-time parameters of raw SQL and conditions may be string literals and string_views.
template <class Statement>
void bind_value(Statement& statement, int index, std::string_view value, std::string&) {
    statement.bind_text(index, value);
}
template <class Statement>
void bind_value(Statement& statement, int index, const char* value, std::string&) {
    statement.bind_text(index, std::string_view(value));
}
template <class Statement>
void bind_value(Statement& statement, int index, std::nullopt_t, std::string&) {
    statement.bind_null(index);
}

// ---- reading ---------------------------------------------------------------------------------

template <class Integer, class Cell>
Integer read_integer(const Cell& cell) {
    const storage_class storage = cell.storage();
    if (storage != storage_class::integer) mismatch("an integer", storage);
    const std::int64_t stored = cell.as_int64();
    if constexpr (std::is_unsigned_v<Integer>) {
        if (stored < 0 || static_cast<std::uint64_t>(stored) > std::numeric_limits<Integer>::max())
            throw value_error{false, "stored integer " + std::to_string(stored) + " does not fit " +
                                         std::string(reflect::type_name<Integer>)};
    } else if constexpr (sizeof(Integer) < 8) {
        if (stored < std::numeric_limits<Integer>::min() || stored > std::numeric_limits<Integer>::max())
            throw value_error{false, "stored integer " + std::to_string(stored) + " does not fit " +
                                         std::string(reflect::type_name<Integer>)};
    }
    return static_cast<Integer>(stored);
}

template <class T>
T parse_json(std::string_view text) {
    using document_type = detail::json_document<T>;
    document_type document = document_type::parse(text.begin(), text.end(), nullptr, false);
    if (document.is_discarded()) {
        std::string shown{text.substr(0, 80)};
        if (text.size() > 80) shown += "...";
        throw value_error{true, "stored text is not valid JSON: '" + shown + "'"};
    }
    if constexpr (detail::is_nlohmann_json<T>) {
        return T(std::move(document));
    } else {
        try {
            return document.template get<T>();
        } catch (const typename document_type::exception& e) {
            throw value_error{true, "JSON does not convert to " + std::string(reflect::qualified_type_name<T>) + ": " + e.what()};
        }
    }
}

// Reads one cell into a field. A NULL only fits std::optional.
template <class T, class Cell>
void read_value(const Cell& cell, T& out) {
    if constexpr (detail::is_optional<T>) {
        if (cell.is_null()) {
            out.reset();
        } else {
            if (!out) out.emplace();
            read_value(cell, *out);
        }
    } else if constexpr (std::is_same_v<T, bool>) {
        const storage_class storage = cell.storage();
        if (storage != storage_class::integer) mismatch("a boolean (0 or 1)", storage);
        const std::int64_t stored = cell.as_int64();
        if (stored != 0 && stored != 1) throw value_error{false, "stored integer " + std::to_string(stored) + " is not a boolean (0 or 1)"};
        out = stored == 1;
    } else if constexpr (detail::is_plain_integer<T>) {
        out = read_integer<T>(cell);
    } else if constexpr (std::is_floating_point_v<T>) {
        const storage_class storage = cell.storage();
        if (storage != storage_class::real && storage != storage_class::integer) mismatch("a number", storage);
        const double stored = cell.as_double();
        if constexpr (std::is_same_v<T, float>) {
            if (std::isfinite(stored) && std::fabs(stored) > static_cast<double>(std::numeric_limits<float>::max()))
                throw value_error{false, "stored number " + std::to_string(stored) + " does not fit a float"};
        }
        out = static_cast<T>(stored);
    } else if constexpr (std::is_same_v<T, std::string>) {
        const storage_class storage = cell.storage();
        if (storage == storage_class::null || storage == storage_class::bytes) mismatch("text", storage);
        out.assign(cell.as_text());
    } else if constexpr (std::is_same_v<T, blob>) {
        const storage_class storage = cell.storage();
        // Text is not bytes: SQLite keeps the TEXT another program wrote into a BLOB column, and
        // reading it as bytes would be the silent coercion this file refuses everywhere else.
        if (storage != storage_class::bytes) mismatch("a blob", storage);
        const auto bytes = cell.as_blob();
        out.assign(bytes.begin(), bytes.end());
    } else if constexpr (stored_kind<T> == value_kind::json) {
        const storage_class storage = cell.storage();
        // A column declared JSON has NUMERIC affinity in SQLite: bare numbers come back as numbers.
        if (storage == storage_class::null || storage == storage_class::bytes) mismatch("JSON text", storage);
        out = parse_json<T>(cell.as_text());
    } else if constexpr (std::is_enum_v<T>) {
        if constexpr (enum_storage_of<T> == enum_storage::text) {
            const storage_class storage = cell.storage();
            if (storage != storage_class::text) mismatch("an enumerator name", storage);
            const std::string_view text = cell.as_text();
            for (const auto& e : reflect::enumerators<T>) {
                if (e.name == text) {
                    out = e.value;
                    return;
                }
            }
            throw value_error{false, "stored text '" + std::string(text.substr(0, 80)) + "' names no enumerator of " +
                                         std::string(reflect::qualified_type_name<T>)};
        } else {
            out = static_cast<T>(read_integer<std::underlying_type_t<T>>(cell));
        }
    } else if constexpr (detail::is_system_time_point<T>) {
        out = T(typename T::duration(read_integer<std::int64_t>(cell)));
    } else if constexpr (detail::is_duration<T>) {
        out = T(read_integer<typename T::rep>(cell));
    } else {
        static_assert(sizeof(T) == 0, "tabula: this type cannot be read from a column");
    }
}

}  // namespace tabula::detail
