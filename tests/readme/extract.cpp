// Turns the C++ blocks of README.md into translation units, so that the README compiles in CI and
// cannot drift from the code. Each ```cpp block is preceded by a marker saying how it compiles:
//   <!-- snippet: file -->      a complete translation unit of its own
//   <!-- snippet: models -->    namespace-scope models, written to readme_models.hpp, which the
//                               context includes; starts a unit that includes the context
//   <!-- snippet: mixed -->     a new unit: the declarations up to the first blank line at
//                               namespace scope, the rest as a function body
//   <!-- snippet: continue -->  more namespace-scope code for the current unit
//   <!-- snippet: function -->  statements: a function of the current unit, with the variables
//                               of tests/readme/context.hpp in scope
//   readme_extract README.md OUTDIR UNITS   writes OUTDIR/readme_unit_<n>.cpp for n < UNITS
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct unit {
    std::string text;
    bool has_context = false;
};

std::string with_line(int line, const std::string& readme) { return "#line " + std::to_string(line) + " \"" + readme + "\"\n"; }

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::cerr << "usage: readme_extract README.md OUTDIR UNITS\n";
        return 2;
    }
    const std::string readme = argv[1];
    const std::string out_dir = argv[2];
    const int expected_units = std::stoi(argv[3]);
    std::ifstream in(readme);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);

    std::vector<unit> units;
    std::string models;
    int functions = 0;
    auto fail = [&](std::size_t line, const std::string& what) {
        std::cerr << readme << ":" << line + 1 << ": " << what << "\n";
        return 1;
    };
    auto context = [&](unit& u) {
        if (!u.has_context) u.text += "#include \"context.hpp\"\n";
        u.has_context = true;
    };
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i] != "```cpp") continue;
        const std::string marker = i > 0 ? lines[i - 1] : "";
        const std::string prefix = "<!-- snippet: ";
        if (marker.rfind(prefix, 0) != 0)
            return fail(i, "a C++ block without a <!-- snippet: file|models|mixed|continue|function --> marker above it");
        const std::string kind = marker.substr(prefix.size(), marker.find(" -->") - prefix.size());
        std::vector<std::string> body;
        std::size_t end = i + 1;
        for (; end < lines.size() && lines[end] != "```"; ++end) body.push_back(lines[end]);
        const int first_line = static_cast<int>(i) + 2;  // README lines count from 1
        auto text_of = [&](std::size_t from, std::size_t to) {
            std::string out;
            for (std::size_t k = from; k < to; ++k) out += body[k] + "\n";
            return out;
        };
        auto function_of = [&](std::size_t from, std::size_t to) {
            return "[[maybe_unused]] static void readme_function_" + std::to_string(++functions) +
                   "([[maybe_unused]] readme::context& readme_context) {\n    TABULA_README_CONTEXT\n{\n" +
                   with_line(first_line + static_cast<int>(from), readme) + text_of(from, to) + "}\n}\n";
        };
        if (kind == "file") {
            units.push_back({with_line(first_line, readme) + text_of(0, body.size()), false});
        } else if (kind == "models") {
            if (!models.empty()) return fail(i, "only one models block");
            models = with_line(first_line, readme) + text_of(0, body.size());
            units.emplace_back();
            context(units.back());
        } else if (kind == "mixed") {
            std::size_t split = 0;
            while (split < body.size() && !body[split].empty()) ++split;
            if (split == body.size()) return fail(i, "a mixed block needs a blank line between its declarations and its statements");
            units.emplace_back();
            context(units.back());
            units.back().text += with_line(first_line, readme) + text_of(0, split) + function_of(split + 1, body.size());
        } else if (kind == "continue") {
            if (units.empty()) return fail(i, "continue with no unit before it");
            units.back().text += with_line(first_line, readme) + text_of(0, body.size());
        } else if (kind == "function") {
            if (units.empty()) units.emplace_back();
            context(units.back());
            units.back().text += function_of(0, body.size());
        } else {
            return fail(i, "unknown snippet kind '" + kind + "'");
        }
        i = end;
    }
    if (static_cast<int>(units.size()) != expected_units)
        return fail(0, "found " + std::to_string(units.size()) + " units, the build expects " + std::to_string(expected_units) +
                           " (re-run cmake)");
    std::ofstream(out_dir + "/readme_models.hpp") << "#pragma once\n" << models;
    for (std::size_t n = 0; n < units.size(); ++n) std::ofstream(out_dir + "/readme_unit_" + std::to_string(n) + ".cpp") << units[n].text;
    return 0;
}
