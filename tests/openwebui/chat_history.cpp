// The chat_message backfill's scan of chat histories (examples/openwebui/chat_history.hpp) against
// the document reader it replaces: hand-picked texts for each rule, then random chats written as
// text (duplicate keys, every escape, numbers json.dumps rewrites, broken bytes), each also
// mutated byte by byte. TABULA_PROPERTY_CASES / TABULA_PROPERTY_SEED as for the other properties.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "../support/property.hpp"
#include "chat_history_agreement.hpp"

namespace {

// A chat's JSON as text, drawn so that the rules of both readers are exercised.
struct chat_writer {
    std::mt19937_64 random;

    std::size_t below(std::size_t n) { return static_cast<std::size_t>(random() % n); }
    bool chance(int percent) { return static_cast<int>(random() % 100) < percent; }
    template <std::size_t N>
    const char* pick(const char* const (&options)[N]) {
        return options[below(N)];
    }

    std::string space() { return pick({"", "", "", " ", "\n  ", "\t", "\r\n"}); }

    std::string string_text() {
        static const char* const pieces[] = {"a",      "hello",  " ",        "it's",       "\\\"",         "\\\\",         "\\/",
                                             "\\n",    "\\t",    "\\b\\f\\r", "\\u0041",     "\\u00e9",      "\\u20ac",      "\\ud83d\\ude00",
                                             "\\u0000", "\\u001f", "\x7f",     "\xc3\xa9",   "\xe2\x82\xac", "\xf0\x9f\x98\x80", "1733000000",
                                             "12.5",   " 42 ",   "",         "\\ud800",    "\\udc00",      "\xc0\xaf",     "\xed\xa0\x80"};
        std::string out = "\"";
        for (std::size_t n = below(4); n > 0; --n) out += pick(pieces);
        return out + "\"";
    }

    std::string number() {
        return pick({"0", "-0", "7", "-5", "1733000001", "1733000002123", "99999999999999999", "999999999999999999", "9999999999999999999",
                     "18446744073709551616", "1.5", "1.0", "-0.0", "1e3", "1733000000.9", "-2.5E-3", "1e400", "1e-400", "0.1", "01", "1.", "-"});
    }

    std::string value(int depth) {
        switch (below(depth > 2 ? 5 : 7)) {
            case 0: return string_text();
            case 1: return number();
            case 2: return pick({"true", "false"});
            case 3: return "null";
            case 4: return chance(50) ? string_text() : number();
            case 5: {
                std::string out = "[" + space();
                for (std::size_t n = below(4); n > 0; --n) out += value(depth + 1) + space() + (n > 1 ? "," + space() : "");
                return out + "]";
            }
            default: {
                std::string out = "{" + space();
                for (std::size_t n = below(4); n > 0; --n)
                    out += string_text() + space() + ":" + space() + value(depth + 1) + (n > 1 ? "," + space() : "");
                return out + space() + "}";
            }
        }
    }

    std::string key(const char* name) {
        if (chance(5)) return std::string("\"") + name[0] + "\\u00" + "6" + "1" + (name + 1) + "\"";  // another key, written with an escape
        if (chance(3)) return "\"" + std::string(name) + "\\u0000\"";
        return "\"" + std::string(name) + "\"";
    }

    std::string message(int index) {
        static const char* const fields[] = {"id",    "role",          "done",  "parentId", "model",    "content", "output", "files",
                                             "sources", "embeds", "statusHistory", "error", "usage",    "timestamp", "other"};
        std::string out = "{" + space();
        bool first = true;
        auto member = [&](const std::string& k, const std::string& v) {
            out += (first ? "" : "," + space()) + k + space() + ":" + space() + v;
            first = false;
        };
        member("\"id\"", "\"m" + std::to_string(index) + "\"");
        if (chance(90)) member(key("role"), chance(80) ? std::string(pick({"\"user\"", "\"assistant\"", "\"\"", "\"system\""})) : value(1));
        if (chance(80)) member(key("content"), chance(70) ? string_text() : value(1));
        if (chance(80)) member(key("timestamp"), chance(70) ? std::string(pick({"1733000000", "1733000000123", "\"1733000000\"", "0"})) : value(1));
        for (std::size_t n = below(5); n > 0; --n) {
            const char* name = pick(fields);
            member(key(name), std::string(name) == "done" && chance(60) ? std::string(pick({"true", "false", "null"})) : value(1));
        }
        return out + space() + "}";
    }

    std::string chat() {
        std::string messages = "{" + space();
        const std::size_t count = below(6);
        for (std::size_t i = 0; i < count; ++i) {
            // Keys repeat now and then: the parser keeps the first place and the last value.
            const std::size_t index = chance(10) && i > 0 ? below(i) : i;
            std::string k = chance(5) ? "\"m\\u0030" + std::to_string(index) + "\"" : "\"m" + std::to_string(index) + "\"";
            messages += (i ? "," + space() : "") + k + space() + ":" + space() + (chance(95) ? message(static_cast<int>(index)) : value(1));
        }
        messages += space() + "}";
        std::string history = "{" + space() + "\"currentId\": \"m0\"," + space() + "\"messages\"" + space() + ":" + space() +
                              (chance(95) ? messages : value(1)) + (chance(5) ? ", \"messages\": {}" : "") + space() + "}";
        std::string text = space() + "{" + space() + "\"title\": " + string_text() + "," + space() + "\"history\"" + space() + ":" + space() +
                           (chance(95) ? history : value(1)) + space() + "}" + space();
        if (chance(3)) text = "\xEF\xBB\xBF" + text;
        if (chance(5)) {
            // Double-encoded: the chat's text as a JSON string.
            std::string quoted = "\"";
            for (const char c : text) quoted += c == '"' || c == '\\' ? std::string("\\") + c : c == '\n' ? std::string("\\n") : std::string(1, c);
            text = quoted + "\"";
        }
        if (chance(3)) text = "[" + text + "]";
        return text;
    }

    // A few bytes changed: JSON's punctuation, escapes' letters, bytes past ASCII.
    std::string mutated(std::string text) {
        static const char alphabet[] = "{}[],:\"\\ u0dDe.-+1\x80\xff\xc3\xed\x7f";
        for (std::size_t n = 1 + below(3); n > 0 && !text.empty(); --n) {
            const std::size_t at = below(text.size());
            switch (below(3)) {
                case 0: text[at] = alphabet[below(sizeof alphabet - 1)]; break;
                case 1: text.erase(at, 1); break;
                default: text.insert(at, 1, alphabet[below(sizeof alphabet - 1)]); break;
            }
        }
        return text;
    }
};

}  // namespace

TEST_CASE("Open WebUI chat histories: the scan gives the document reader's rows, rule by rule") {
    const std::vector<std::string> texts = {
        R"({"history": {"messages": {"a": {"role": "user", "content": "hi", "timestamp": 1733000000}}}})",
        // Escapes written back as json.dumps writes them; keys with escapes; the last of a repeated member.
        R"({"history": {"messages": {"a\u0062": {"role": "user", "content": "caf\u00e9 \/ \ud83d\ude00", "rol\u0065": "assistant"}}}})",
        // A message key given twice: first place, last value.
        R"({"history": {"messages": {"x": {"role": "user"}, "y": {"role": "user"}, "x": {"role": "assistant", "done": false}}}})",
        // done: null, a boolean, or anything else (the row is left out).
        R"({"history": {"messages": {"a": {"role": "user", "done": null}, "b": {"role": "u", "done": 1}, "c": {"role": "u", "done": true}}}})",
        // Falsy roles, containers and numbers json.dumps rewrites.
        R"({"history": {"messages": {"a": {"role": ""}, "b": {"role": 0}, "c": {"role": [1], "files": [ {"b":1 ,"a" : 2.50} ], "usage": 1E3}}}})",
        R"({"history": {"messages": {"a": {"role": "u", "content": -0, "output": 12345678901234567890, "error": 1.0, "usage": 123456789012345678}}}})",
        "{\"history\": {\"messages\": {\"a\": {\"role\": \"u\", \"content\": \"\x7f\\u007f\\u0001\"}}}}",
        // Timestamps: milliseconds, text, implausible, overflowing.
        R"({"history": {"messages": {"a": {"role": "u", "timestamp": 1733000000123}, "b": {"role": "u", "timestamp": " 1733000000 "}, "c": {"role": "u", "timestamp": 1e300}}}})",
        // A double-encoded chat, a chat that is an array, an invalid one, a number overflowing.
        R"("{\"history\": {\"messages\": {\"a\": {\"role\": \"user\"}}}}")",
        R"([{"history": {"messages": {"a": {"role": "user"}}}}])",
        R"({"history": {"messages": {"a": {"role": "user"}}}})" "x",
        R"({"history": {"messages": {"a": {"role": "user", "x": 1e400}}}})",
        // Invalid UTF-8 and lone surrogates make the whole text unreadable.
        "{\"history\": {\"messages\": {\"a\": {\"role\": \"user\", \"content\": \"\xc0\xaf\"}}}}",
        R"({"history": {"messages": {"a": {"role": "user", "content": "\ud800"}}}})",
        "\xEF\xBB\xBF{\"history\": {\"messages\": {\"a\": {\"role\": \"user\"}}}}",
        // The parser takes a NUL byte after the value for the end of its input (found by the fuzzer).
        std::string("{\"history\": {\"messages\": {\"a\": {\"role\": \"user\"}}}}\0\0x{", 54),
        std::string("{\"history\": {\"messages\": {\"a\": {\"role\": \"user\"}}}} \0", 52),
    };
    for (const std::string& text : texts) {
        INFO(text);
        CHECK(chat_history_check::disagreement(text) == "");
    }
    // Each reader does find the rows (a reader that found none would agree with a broken one).
    std::vector<openwebui::data::history_message> rows;
    openwebui::data::history_reader().read(texts[1], 1'750'000'000, [&](const auto& m) { rows.push_back(m); });
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].key == "ab");
    CHECK(rows[0].role == "assistant");
    CHECK(rows[0].content == R"("caf\u00e9 / \ud83d\ude00")");
    rows.clear();
    openwebui::data::history_reader().read(texts[2], 1'750'000'000, [&](const auto& m) { rows.push_back(m); });
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].key == "x");
    CHECK(rows[0].role == "assistant");
    CHECK(rows[0].done == false);
}

TEST_CASE("property: the scan of random chat texts, whole and mutated, gives the document reader's rows") {
    for (const std::uint64_t seed : test_support::property_seeds(1000)) {
        INFO("seed " << seed << " (rerun: TABULA_PROPERTY_SEED=" << seed << ")");
        chat_writer writer{std::mt19937_64(seed)};
        const std::string text = writer.chat();
        INFO("text: " << text);
        CHECK(chat_history_check::disagreement(text) == "");
        for (int k = 0; k < 4; ++k) {
            const std::string changed = writer.mutated(text);
            INFO("mutated: " << changed);
            CHECK(chat_history_check::disagreement(changed) == "");
        }
    }
}
