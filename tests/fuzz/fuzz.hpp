// What every fuzzer checks besides the sanitizers: only a tabula::error may leave the library, and
// a broken property stops the run with a message that names it (libFuzzer then saves the input).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>
#include <typeinfo>

#include <tabula/error.hpp>

namespace fuzz {

[[noreturn]] inline void fail(std::string_view what) {
    std::fprintf(stderr, "\nfuzz: property broken: %.*s\n", static_cast<int>(what.size()), what.data());
    std::abort();
}

inline void require(bool holds, std::string_view property) {
    if (!holds) fail(property);
}

// Runs `body`; true when it returned, false when it threw a tabula::error. Any other exception is
// a finding: the library promises that what it throws is a tabula::error naming the problem.
template <class Body>
bool returns_or_throws_tabula_error(Body&& body, std::string* message = nullptr) {
    try {
        body();
        return true;
    } catch (const tabula::error& e) {
        if (message) *message = e.what();
        return false;
    } catch (const std::exception& e) {
        fail(std::string("an exception that is not a tabula::error escaped (") + typeid(e).name() + "): " + e.what());
    } catch (...) {
        fail("an exception that is not a std::exception escaped");
    }
}

// Text for messages: bytes outside printable ASCII as \xNN.
inline std::string printable(std::string_view bytes) {
    std::string out;
    for (unsigned char c : bytes) {
        if (c >= 0x20 && c < 0x7f && c != '\\') {
            out.push_back(static_cast<char>(c));
        } else {
            char escaped[5];
            std::snprintf(escaped, sizeof escaped, "\\x%02x", c);
            out += escaped;
        }
    }
    return out;
}

}  // namespace fuzz
