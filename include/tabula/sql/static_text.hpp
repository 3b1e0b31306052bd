// Text computed at compile time by a render function, into a fixed_string of exactly its size. No
// allocation happens during constant evaluation, which keeps it cheap and portable (Clang 16
// cannot evaluate libstdc++'s std::string in constexpr).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <tabula/reflect/fixed_string.hpp>

namespace tabula::sql {

// Writes into a buffer known to be large enough.
struct buffer_sink {
    char* out;
    std::size_t length = 0;
    constexpr void put(std::string_view text) noexcept {
        for (char c : text) out[length++] = c;
    }
    constexpr void put(char c) noexcept { out[length++] = c; }
};

// Appends to a std::string: the run-time path for statements whose shape is known only at run
// time (an IN list of a run-time length).
struct string_sink {
    std::string& out;
    void put(std::string_view text) { out.append(text); }
    void put(char c) { out.push_back(c); }
};

template <class Sink>
constexpr void put_number(Sink& sink, std::size_t value) {
    char digits[20]{};
    std::size_t count = 0;
    do {
        digits[count++] = static_cast<char>('0' + value % 10);
        value /= 10;
    } while (value != 0);
    while (count > 0) sink.put(digits[--count]);
}

// Writes into a buffer of fixed capacity, counting what does not fit.
template <std::size_t Capacity>
struct draft {
    char chars[Capacity]{};
    std::size_t length = 0;
};
template <std::size_t Capacity>
struct draft_sink {
    draft<Capacity>& out;
    constexpr void put(std::string_view text) noexcept {
        for (char c : text) put(c);
    }
    constexpr void put(char c) noexcept {
        if (out.length < Capacity) out.chars[out.length] = c;
        ++out.length;
    }
};

// Most statements fit this: rendered once into it and copied to their exact size.
inline constexpr std::size_t draft_capacity = 1024;

// One rendering pass into a draft with static storage of its own (only read at compile time, so
// never emitted), then a copy to the exact size. The draft is a variable rather than a local of
// the copying function: Clang then evaluates it once, where a consteval function with the draft
// as a constexpr local was evaluated twice and cost about three times as much per statement.
// A lambda, not a function of its own: a Render whose class failed a static_assert then reports
// that assertion alone (tests/compile_fail/mysql_*).
template <class Render>
inline constexpr draft<draft_capacity> static_draft = [] {
    draft<draft_capacity> out;
    draft_sink<draft_capacity> sink{out};
    Render{}(sink);
    return out;
}();

template <class Render, std::size_t Length>
constexpr fixed_string<Length> exact_text() {
    fixed_string<Length> text;
    if constexpr (Length <= draft_capacity) {
        for (std::size_t i = 0; i < Length; ++i) text.chars[i] = static_draft<Render>.chars[i];
    } else {  // longer than the draft: rendered again, straight into its exact size
        buffer_sink sink{text.chars};
        Render{}(sink);
    }
    return text;
}

template <class Render>
inline constexpr auto static_text_storage = exact_text<Render, static_draft<Render>.length>();

// The text a Render produces, as a compile-time constant with static storage.
template <class Render>
inline constexpr std::string_view static_text = static_text_storage<Render>.view();

}  // namespace tabula::sql
