// JSON as Open WebUI's Python code reads and writes it: json.dumps's text, Python's truth value,
// and the members its data migrations copy into columns (tests/data/openwebui/data_migrations.md,
// section 0).
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace openwebui::data {

// The text Python's json.dumps writes with default settings (data_migrations.md, section 0):
// ", " and ": " separators, non-ASCII escaped as \uXXXX, keys in insertion order.
inline void python_dumps(const nlohmann::ordered_json& value, std::string& out) {
    switch (value.type()) {
        case nlohmann::ordered_json::value_t::object: {
            out += '{';
            bool first = true;
            for (const auto& [key, member] : value.items()) {
                if (!first) out += ", ";
                first = false;
                out += nlohmann::ordered_json(key).dump(-1, ' ', true);
                out += ": ";
                python_dumps(member, out);
            }
            out += '}';
            break;
        }
        case nlohmann::ordered_json::value_t::array: {
            out += '[';
            bool first = true;
            for (const auto& member : value) {
                if (!first) out += ", ";
                first = false;
                python_dumps(member, out);
            }
            out += ']';
            break;
        }
        default: out += value.dump(-1, ' ', true);
    }
}
inline std::string python_dumps(const nlohmann::ordered_json& value) {
    std::string out;
    python_dumps(value, out);
    return out;
}

// Python's truth value of a parsed JSON value: null, false, 0, "", [] and {} are false.
inline bool truthy(const nlohmann::ordered_json& v) {
    if (v.is_null()) return false;
    if (v.is_boolean()) return v.get<bool>();
    if (v.is_number()) return v != 0;
    // nlohmann's empty() is false for every string: the text decides.
    if (v.is_string()) return !v.get_ref<const std::string&>().empty();
    if (v.is_array() || v.is_object()) return !v.empty();
    return true;
}

// A JSON member as text for a TEXT column: a string as it is, null or absent as SQL NULL, anything
// else as Python writes it.
inline std::optional<std::string> text_member(const nlohmann::ordered_json& object, const char* key) {
    if (!object.contains(key) || object[key].is_null()) return std::nullopt;
    const nlohmann::ordered_json& v = object[key];
    return v.is_string() ? v.get<std::string>() : python_dumps(v);
}

// A JSON member written through a JSON column: absent is JSON null.
inline std::string json_member(const nlohmann::ordered_json& object, const char* key) {
    return object.contains(key) ? python_dumps(object[key]) : std::string("null");
}

}  // namespace openwebui::data
