// The messages of a chat's history as revision 8452d01d26d7 (data_migrations.md #31) copies them
// into chat_message rows, read from the chat's JSON text.
//
// Two readers give the same rows:
//   read_history_document  parses the text into a document (nlohmann::ordered_json), as the rest of
//                          the chain's data migrations do: the reference;
//   read_history           scans the text in place. Parsing builds a node and allocates for every
//                          value of every message, which was 44% of the backfill's instructions;
//                          the scan validates the text as strictly as the parser, looks only at
//                          the members the rows need, and copies a value only to write it. It
//                          hands the rare cases it does not scan (a double-encoded chat, one
//                          message key twice, numbers or containers that json.dumps rewrites) to
//                          the document reader or to python_dumps.
// tests/openwebui/chat_history.cpp and the chat_history fuzzer check that both agree on any text.
#pragma once

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "python_json.hpp"
#include "utf8.hpp"

namespace openwebui::data {

// One chat_message row, less the ids the chat gives it.
struct history_message {
    std::string key;  // the message's key in history.messages
    std::string role;
    std::optional<std::string> parent_id, model;
    std::string content, output, files, sources, embeds, status_history, error, usage;  // JSON text, as json.dumps writes it
    std::optional<bool> done;
    std::int64_t time = 0;  // created_at and updated_at

    bool operator==(const history_message&) const = default;
};

// The timestamp rule of #31 on a number or on the text of a string: seconds (milliseconds
// divided), or now when missing or implausible.
inline std::int64_t plausible_seconds(double value, std::int64_t now) {
    if (!std::isfinite(value)) return now;
    std::int64_t seconds = static_cast<std::int64_t>(value);
    if (seconds > 10'000'000'000) seconds /= 1000;
    if (seconds < 1'577'836'800 || seconds > now + 86'400) return now;
    return seconds;
}
inline std::int64_t seconds_from_text(const std::string& text, std::int64_t now) {
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    while (end && *end && std::isspace(static_cast<unsigned char>(*end))) ++end;
    if (text.empty() || !end || *end) return now;
    return plausible_seconds(value, now);
}

// ---- the reference: a parsed document ---------------------------------------------------------

inline std::int64_t message_time(const nlohmann::ordered_json& m, std::int64_t now) {
    if (!m.contains("timestamp")) return now;
    const nlohmann::ordered_json& t = m["timestamp"];
    if (t.is_boolean()) return plausible_seconds(t.get<bool>() ? 1.0 : 0.0, now);
    if (t.is_number()) return plausible_seconds(t.get<double>(), now);
    if (t.is_string()) return seconds_from_text(t.get<std::string>(), now);
    return now;
}

// Calls emit(const history_message&) for each message #31 copies. Where Open WebUI aborts on a
// chat that is a JSON array or scalar, such a chat has no messages; a message whose insert fails
// in Open WebUI (done not a boolean) is left out.
template <class Emit>
void read_history_document(std::string_view text, std::int64_t now, Emit&& emit) {
    nlohmann::ordered_json chat = nlohmann::ordered_json::parse(text, nullptr, false);
    if (chat.is_string()) chat = nlohmann::ordered_json::parse(chat.get<std::string>(), nullptr, false);  // double-encoded
    if (chat.is_discarded() || !chat.is_object() || chat.empty() || !chat.contains("history")) return;
    const nlohmann::ordered_json& history = chat["history"];
    if (!history.is_object() || !history.contains("messages") || !history["messages"].is_object()) return;
    history_message row;
    for (auto entry = history["messages"].begin(); entry != history["messages"].end(); ++entry) {
        const nlohmann::ordered_json& m = entry.value();
        if (!m.is_object() || !m.contains("role") || !truthy(m["role"])) continue;
        row.done = true;
        if (m.contains("done")) {
            if (m["done"].is_null()) row.done.reset();
            else if (m["done"].is_boolean()) row.done = m["done"].get<bool>();
            else continue;
        }
        row.key = entry.key();
        row.role = text_member(m, "role").value_or("");
        row.parent_id = text_member(m, "parentId");
        row.model = text_member(m, "model");
        row.content = json_member(m, "content");
        row.output = json_member(m, "output");
        row.files = json_member(m, "files");
        row.sources = json_member(m, "sources");
        row.embeds = json_member(m, "embeds");
        row.status_history = json_member(m, "statusHistory");
        row.error = json_member(m, "error");
        row.usage = json_member(m, "usage");
        row.time = message_time(m, now);
        emit(static_cast<const history_message&>(row));
    }
}

// ---- the scan ---------------------------------------------------------------------------------

namespace json_scan {

enum class kind : unsigned char { object, array, string, number, true_value, false_value, null };

// A value in the text: what it is and all of its characters.
struct value {
    kind type = kind::null;
    std::string_view text;
};

inline kind kind_of(char first) {
    switch (first) {
        case '{': return kind::object;
        case '[': return kind::array;
        case '"': return kind::string;
        case 't': return kind::true_value;
        case 'f': return kind::false_value;
        case 'n': return kind::null;
        default: return kind::number;
    }
}

inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
inline void skip_space(std::string_view s, std::size_t& i) {
    while (i < s.size() && is_space(s[i])) ++i;
}
inline int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}
inline long hex4(std::string_view s, std::size_t i) {
    if (i + 4 > s.size()) return -1;
    long v = 0;
    for (std::size_t k = 0; k < 4; ++k) {
        const int d = hex_digit(s[i + k]);
        if (d < 0) return -1;
        v = v * 16 + d;
    }
    return v;
}

// A string starting at s[i] == '"', checked as the parser checks it (escapes, surrogate pairs,
// UTF-8 without overlong forms or surrogates, no control characters); i ends past the quote.
inline bool scan_string(std::string_view s, std::size_t& i) {
    ++i;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == '"') {
            ++i;
            return true;
        }
        if (c < 0x20) return false;
        if (c == '\\') {
            if (i + 1 >= s.size()) return false;
            const char e = s[i + 1];
            if (e == '"' || e == '\\' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') {
                i += 2;
                continue;
            }
            if (e == '/') {
                i += 2;
                continue;
            }
            if (e != 'u') return false;
            const long unit = hex4(s, i + 2);
            if (unit < 0 || (unit >= 0xDC00 && unit <= 0xDFFF)) return false;
            i += 6;
            if (unit >= 0xD800 && unit <= 0xDBFF) {
                if (i + 1 >= s.size() || s[i] != '\\' || s[i + 1] != 'u') return false;
                const long low = hex4(s, i + 2);
                if (low < 0xDC00 || low > 0xDFFF) return false;
                i += 6;
            }
            continue;
        }
        if (c < 0x7F) {
            ++i;
            continue;
        }
        // UTF-8 (RFC 3629): the second byte's range depends on the first.
        std::size_t length = 0;
        unsigned char low = 0x80, high = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) length = 2;
        else if (c == 0xE0) length = 3, low = 0xA0;
        else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) length = 3;
        else if (c == 0xED) length = 3, high = 0x9F;
        else if (c == 0xF0) length = 4, low = 0x90;
        else if (c >= 0xF1 && c <= 0xF3) length = 4;
        else if (c == 0xF4) length = 4, high = 0x8F;
        else if (c != 0x7F) return false;
        if (c == 0x7F) {
            ++i;
            continue;
        }
        if (i + length > s.size()) return false;
        const auto second = static_cast<unsigned char>(s[i + 1]);
        if (second < low || second > high) return false;
        for (std::size_t k = 2; k < length; ++k) {
            const auto next = static_cast<unsigned char>(s[i + k]);
            if (next < 0x80 || next > 0xBF) return false;
        }
        i += length;
    }
    return false;
}

// A number as JSON writes it; one that would overflow to infinity is refused, as the parser
// refuses it.
inline bool scan_number(std::string_view s, std::size_t& i) {
    const std::size_t start = i;
    if (s[i] == '-') ++i;
    if (i >= s.size()) return false;
    if (s[i] == '0') ++i;
    else if (s[i] >= '1' && s[i] <= '9')
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    else return false;
    bool integer = true;
    if (i < s.size() && s[i] == '.') {
        integer = false;
        ++i;
        if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    }
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        integer = false;
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
        if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    }
    const std::string_view text = s.substr(start, i - start);
    const std::size_t digits = text.size() - (text[0] == '-');
    return (integer && digits <= 18) || std::isfinite(std::strtod(std::string(text).c_str(), nullptr));
}

inline bool scan_word(std::string_view s, std::size_t& i, std::string_view word) {
    if (s.substr(i, word.size()) != word) return false;
    i += word.size();
    return true;
}

// One whole value starting at s[i] (no space before it), nested containers included, without
// recursion; i ends past it.
inline bool scan_value(std::string_view s, std::size_t& i, value& out) {
    const std::size_t start = i;
    std::string open;  // the containers entered and not yet closed, innermost last
    for (;;) {
        // A value.
        skip_space(s, i);
        if (i >= s.size()) return false;
        const char c = s[i];
        if (c == '{' || c == '[') {
            ++i;
            skip_space(s, i);
            if (i < s.size() && s[i] == (c == '{' ? '}' : ']')) {
                ++i;
            } else {
                open += c;
                if (c == '{') {
                    // The first key.
                    if (i >= s.size() || s[i] != '"' || !scan_string(s, i)) return false;
                    skip_space(s, i);
                    if (i >= s.size() || s[i] != ':') return false;
                    ++i;
                }
                continue;
            }
        } else if (c == '"') {
            if (!scan_string(s, i)) return false;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            if (!scan_number(s, i)) return false;
        } else if (c == 't') {
            if (!scan_word(s, i, "true")) return false;
        } else if (c == 'f') {
            if (!scan_word(s, i, "false")) return false;
        } else if (c == 'n') {
            if (!scan_word(s, i, "null")) return false;
        } else {
            return false;
        }
        // After a value: the end, the next member or element, or closing brackets.
        for (;;) {
            if (open.empty()) {
                out = {kind_of(s[start]), s.substr(start, i - start)};
                return true;
            }
            skip_space(s, i);
            if (i >= s.size()) return false;
            if (s[i] == ',') {
                ++i;
                if (open.back() == '{') {
                    skip_space(s, i);
                    if (i >= s.size() || s[i] != '"' || !scan_string(s, i)) return false;
                    skip_space(s, i);
                    if (i >= s.size() || s[i] != ':') return false;
                    ++i;
                }
                break;
            }
            if (s[i] != (open.back() == '{' ? '}' : ']')) return false;
            ++i;
            open.pop_back();
        }
    }
}

// ---- on text scan_value has accepted: no more checks, only the ends of values ----

// Past the closing quote of a string whose characters start at i.
inline std::size_t end_of_string(std::string_view s, std::size_t i) {
    for (;;) {
        const std::size_t quote = s.find('"', i);
        std::size_t escapes = quote;
        while (escapes > i && s[escapes - 1] == '\\') --escapes;
        if ((quote - escapes) % 2 == 0) return quote + 1;
        i = quote + 1;
    }
}

// Past the value that starts at s[i].
inline std::size_t end_of_value(std::string_view s, std::size_t i) {
    int depth = 0;
    do {
        const char c = s[i];
        if (c == '"') {
            i = end_of_string(s, i + 1);
        } else if (c == '{' || c == '[') {
            ++depth, ++i;
        } else if (c == '}' || c == ']') {
            --depth, ++i;
        } else if (depth == 0) {
            while (i < s.size() && s[i] != ',' && s[i] != '}' && s[i] != ']' && !is_space(s[i])) ++i;
        } else {
            ++i;
        }
    } while (depth > 0);
    return i;
}

// The members of an object scan_value has accepted: f(key as written, without quotes, value).
template <class F>
void each_member(std::string_view object, F&& f) {
    std::size_t i = 1;
    skip_space(object, i);
    if (object[i] == '}') return;
    for (;;) {
        skip_space(object, i);
        const std::size_t key_end = end_of_string(object, i + 1);
        const std::string_view key = object.substr(i + 1, key_end - i - 2);
        i = key_end;
        skip_space(object, i);
        ++i;  // ':'
        skip_space(object, i);
        const std::size_t end = end_of_value(object, i);
        f(key, value{kind_of(object[i]), object.substr(i, end - i)});
        i = end;
        skip_space(object, i);
        if (object[i] == '}') return;
        ++i;  // ','
    }
}

// Whether json.dumps writes an accepted string or number as it is written: a string of printable
// ASCII with only short escapes, an integer within int64 other than -0.
inline bool plain_text(const value& v) {
    if (v.type == kind::string) {
        for (std::size_t i = 1; i + 1 < v.text.size(); ++i) {
            const char c = v.text[i];
            if (c < 0x20 || c > 0x7E) return false;
            if (c == '\\') {
                const char e = v.text[++i];
                if (e == '/' || e == 'u') return false;
            }
        }
        return true;
    }
    if (v.type == kind::number) {
        const std::size_t digits = v.text.size() - (v.text[0] == '-');
        return digits <= 18 && v.text != "-0" && v.text.find_first_of(".eE") == std::string_view::npos;
    }
    return false;
}

// A scanned string's characters, escapes decoded, as UTF-8.
inline void decode_string(std::string_view quoted, std::string& out) {
    out.clear();
    const std::string_view s = quoted.substr(1, quoted.size() - 2);
    for (std::size_t i = 0; i < s.size();) {
        if (s[i] != '\\') {
            const std::size_t next = s.find('\\', i);
            const std::size_t end = next == std::string_view::npos ? s.size() : next;
            out.append(s.substr(i, end - i));
            i = end;
            continue;
        }
        const char e = s[i + 1];
        i += 2;
        switch (e) {
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'u': {
                long point = hex4(s, i);
                i += 4;
                if (point >= 0xD800 && point <= 0xDBFF) {
                    point = 0x10000 + ((point - 0xD800) << 10) + (hex4(s, i + 2) - 0xDC00);
                    i += 6;
                }
                append_utf8(out, static_cast<char32_t>(point));
                break;
            }
            default: out += e; break;  // " \ /
        }
    }
}

// A string as json.dumps writes it (ensure_ascii): short escapes, other control characters and
// everything past ASCII as \uxxxx, beyond the BMP as a surrogate pair.
inline void python_string(std::string_view quoted, std::string& out, std::string& scratch) {
    decode_string(quoted, scratch);
    static constexpr char digits[] = "0123456789abcdef";
    auto unit = [&](unsigned long u) {
        out += "\\u";
        for (int shift = 12; shift >= 0; shift -= 4) out += digits[(u >> shift) & 0xF];
    };
    out += '"';
    for (std::size_t i = 0; i < scratch.size();) {
        const auto c = static_cast<unsigned char>(scratch[i]);
        if (c < 0x80) {
            switch (c) {
                case '"': out += "\\\""; break;
                case '\\': out += "\\\\"; break;
                case '\b': out += "\\b"; break;
                case '\f': out += "\\f"; break;
                case '\n': out += "\\n"; break;
                case '\r': out += "\\r"; break;
                case '\t': out += "\\t"; break;
                default:
                    if (c < 0x20 || c == 0x7F) unit(c);
                    else out += static_cast<char>(c);
            }
            ++i;
            continue;
        }
        const std::size_t length = utf8_length(c);
        const unsigned long point = utf8_point(scratch, i, length);
        if (point >= 0x10000) {
            unit(0xD800 + ((point - 0x10000) >> 10));
            unit(0xDC00 + ((point - 0x10000) & 0x3FF));
        } else {
            unit(point);
        }
        i += length;
    }
    out += '"';
}

}  // namespace json_scan

// Reads messages by scanning the text (see the top of this file); the same rows, in the same
// order, as read_history_document.
class history_reader {
public:
    template <class Emit>
    void read(std::string_view text, std::int64_t now, Emit&& emit) {
        using json_scan::kind;
        std::size_t i = 0;
        if (text.substr(0, 3) == "\xEF\xBB\xBF") i = 3;  // the parser skips a byte order mark
        json_scan::skip_space(text, i);
        json_scan::value chat;
        if (!json_scan::scan_value(text, i, chat)) return;
        json_scan::skip_space(text, i);
        if (i != text.size() && text[i] != '\0') return;  // the parser ends its input at a NUL byte
        if (chat.type == kind::string) return read_history_document(text, now, emit);  // double-encoded
        if (chat.type != kind::object) return;
        json_scan::value history, messages;
        if (!last_member(chat.text, "history", history) || history.type != kind::object) return;
        if (!last_member(history.text, "messages", messages) || messages.type != kind::object) return;

        // Message keys in the order the parser keeps them; a key given twice (first place, last
        // value) is left to it.
        entries_.clear();
        json_scan::each_member(messages.text, [&](std::string_view key, const json_scan::value& v) {
            entries_.push_back({std::string(key_text(key)), v});
        });
        keys_.clear();
        for (const entry& e : entries_) keys_.push_back(e.key);
        std::sort(keys_.begin(), keys_.end());
        if (std::adjacent_find(keys_.begin(), keys_.end()) != keys_.end()) return read_history_document(text, now, emit);

        for (const entry& e : entries_) {
            if (e.message.type != kind::object) continue;
            found_.fill({});
            json_scan::each_member(e.message.text, [&](std::string_view key, const json_scan::value& v) {
                const std::string_view name = key_text(key);
                for (std::size_t f = 0; f < fields.size(); ++f)
                    if (name == fields[f]) found_[f] = v;  // the last one given counts
            });
            const auto& role = found_[0];
            if (!role || !truthy(*role)) continue;
            row_.done = true;
            if (const auto& done = found_[1]) {
                if (done->type == kind::null) row_.done.reset();
                else if (done->type == kind::true_value || done->type == kind::false_value) row_.done = done->type == kind::true_value;
                else continue;
            }
            row_.key = e.key;
            row_.role = text_of(found_[0]).value_or("");
            row_.parent_id = text_of(found_[2]);
            row_.model = text_of(found_[3]);
            json_of(found_[4], row_.content);
            json_of(found_[5], row_.output);
            json_of(found_[6], row_.files);
            json_of(found_[7], row_.sources);
            json_of(found_[8], row_.embeds);
            json_of(found_[9], row_.status_history);
            json_of(found_[10], row_.error);
            json_of(found_[11], row_.usage);
            row_.time = time_of(found_[12], now);
            emit(static_cast<const history_message&>(row_));
        }
    }

private:
    static constexpr std::array<std::string_view, 13> fields = {"role",    "done",    "parentId",      "model", "content", "output", "files",
                                                                "sources", "embeds",  "statusHistory", "error", "usage",   "timestamp"};
    struct entry {
        std::string key;
        json_scan::value message;
    };

    // A key's characters: as written unless it has escapes.
    std::string_view key_text(std::string_view written) {
        if (written.find('\\') == std::string_view::npos) return written;
        json_scan::decode_string("\"" + std::string(written) + "\"", key_);
        return key_;
    }

    // The last member named `name` (the parser keeps the last value of a repeated key).
    bool last_member(std::string_view object, std::string_view name, json_scan::value& out) {
        bool found = false;
        json_scan::each_member(object, [&](std::string_view key, const json_scan::value& v) {
            if (key_text(key) == name) out = v, found = true;
        });
        return found;
    }

    // Python's truth value.
    static bool truthy(const json_scan::value& v) {
        using json_scan::kind;
        switch (v.type) {
            case kind::null:
            case kind::false_value: return false;
            case kind::true_value: return true;
            case kind::number: return std::strtod(std::string(v.text).c_str(), nullptr) != 0;
            case kind::string: return v.text.size() > 2;
            default: {
                std::size_t i = 1;
                json_scan::skip_space(v.text, i);
                return i + 1 < v.text.size();
            }
        }
    }

    // As json.dumps writes the value; what it would rewrite goes through the parser.
    void json_of(const std::optional<json_scan::value>& v, std::string& out) {
        out.clear();
        if (!v) {
            out = "null";
        } else if (v->type == json_scan::kind::true_value || v->type == json_scan::kind::false_value || v->type == json_scan::kind::null ||
                   json_scan::plain_text(*v)) {
            out.append(v->text);
        } else if (v->type == json_scan::kind::string) {
            json_scan::python_string(v->text, out, scratch_);
        } else {
            python_dumps(nlohmann::ordered_json::parse(v->text), out);
        }
    }

    // A TEXT column's value: a string's characters, null or absent as SQL NULL, else json.dumps.
    std::optional<std::string> text_of(const std::optional<json_scan::value>& v) {
        if (!v || v->type == json_scan::kind::null) return std::nullopt;
        if (v->type == json_scan::kind::string) {
            if (v->text.find('\\') == std::string_view::npos) return std::string(v->text.substr(1, v->text.size() - 2));
            json_scan::decode_string(v->text, scratch_);
            return scratch_;
        }
        std::string out;
        json_of(v, out);
        return out;
    }

    std::int64_t time_of(const std::optional<json_scan::value>& v, std::int64_t now) {
        using json_scan::kind;
        if (!v) return now;
        switch (v->type) {
            case kind::true_value: return plausible_seconds(1.0, now);
            case kind::false_value: return plausible_seconds(0.0, now);
            case kind::number: {
                std::int64_t whole = 0;
                const auto [end, error] = std::from_chars(v->text.data(), v->text.data() + v->text.size(), whole);
                if (error == std::errc{} && end == v->text.data() + v->text.size()) return plausible_seconds(static_cast<double>(whole), now);
                return plausible_seconds(std::strtod(std::string(v->text).c_str(), nullptr), now);
            }
            case kind::string: json_scan::decode_string(v->text, scratch_); return seconds_from_text(scratch_, now);
            default: return now;
        }
    }

    std::vector<entry> entries_;
    std::vector<std::string_view> keys_;
    std::array<std::optional<json_scan::value>, fields.size()> found_;
    history_message row_;
    std::string key_, scratch_;
};

}  // namespace openwebui::data
