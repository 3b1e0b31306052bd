// Whether the two readers of a chat's history (examples/openwebui/chat_history.hpp) give the same
// rows for a text: the document reader is the reference, the scan must agree with it everywhere.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "../../examples/openwebui/chat_history.hpp"

namespace chat_history_check {

inline std::string describe(const openwebui::data::history_message& m) {
    std::string out = "key=" + m.key + " role=" + m.role + " parent=" + m.parent_id.value_or("<null>") + " model=" + m.model.value_or("<null>");
    for (const std::string* json : {&m.content, &m.output, &m.files, &m.sources, &m.embeds, &m.status_history, &m.error, &m.usage})
        out += " | " + *json;
    out += " done=" + std::string(m.done ? (*m.done ? "true" : "false") : "null") + " time=" + std::to_string(m.time);
    return out;
}

// Empty when both readers give the same rows in the same order; otherwise what differs. An
// exception from either reader is a difference too.
inline std::string disagreement(std::string_view text, std::int64_t now = 1'750'000'000) {
    std::vector<openwebui::data::history_message> expected, scanned;
    try {
        openwebui::data::read_history_document(text, now, [&](const auto& m) { expected.push_back(m); });
    } catch (const std::exception& e) {
        return std::string("the document reader threw: ") + e.what();
    }
    try {
        openwebui::data::history_reader reader;
        reader.read(text, now, [&](const auto& m) { scanned.push_back(m); });
        // A reader used again gives the same rows (it reuses its buffers).
        std::vector<openwebui::data::history_message> again;
        reader.read(text, now, [&](const auto& m) { again.push_back(m); });
        if (again != scanned) return "the scan gave other rows the second time";
    } catch (const std::exception& e) {
        return std::string("the scan threw: ") + e.what();
    }
    if (expected == scanned) return {};
    std::string out = "document reader: " + std::to_string(expected.size()) + " rows, scan: " + std::to_string(scanned.size()) + " rows\n";
    for (std::size_t i = 0; i < std::max(expected.size(), scanned.size()); ++i) {
        const std::string a = i < expected.size() ? describe(expected[i]) : "<none>";
        const std::string b = i < scanned.size() ? describe(scanned[i]) : "<none>";
        if (a != b) out += "row " + std::to_string(i) + ":\n  document: " + a + "\n  scan:     " + b + "\n";
    }
    return out;
}

}  // namespace chat_history_check
