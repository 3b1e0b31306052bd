// Parsing of __PRETTY_FUNCTION__ text, the only portable compile-time source of names in C++20.
// GCC 12 and Clang 16 print template arguments in different shapes; each parser handles both.
#pragma once

#include <cstddef>
#include <string_view>

namespace tabula::reflect::detail {

constexpr bool is_identifier_char(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// "... [with T = app::User; std::string_view = ...]" (GCC) or "... [T = app::User]" (Clang):
// returns "app::User".
constexpr std::string_view template_argument_text(std::string_view pretty, std::string_view parameter) {
    std::string_view marker = parameter;
    std::size_t start = std::string_view::npos;
    for (std::size_t i = pretty.find('['); i < pretty.size(); ++i) {
        if (pretty.substr(i, marker.size()) == marker && pretty.substr(i + marker.size(), 3) == " = ") {
            start = i + marker.size() + 3;
            break;
        }
    }
    if (start == std::string_view::npos) return {};
    int depth = 0;
    std::size_t end = start;
    for (; end < pretty.size(); ++end) {
        const char c = pretty[end];
        if (c == '<' || c == '(' || c == '{') ++depth;
        else if (c == '>' || c == ')' || c == '}') --depth;
        else if (depth == 0 && (c == ';' || c == ']')) break;
        if (depth < 0) break;
    }
    return pretty.substr(start, end - start);
}

// "app::detail::User<int>" -> "User": drops namespaces and template arguments.
constexpr std::string_view unqualified_name(std::string_view qualified) {
    const std::size_t args = qualified.find('<');
    if (args != std::string_view::npos) qualified = qualified.substr(0, args);
    const std::size_t scope = qualified.rfind("::");
    if (scope != std::string_view::npos) qualified = qualified.substr(scope + 2);
    return qualified;
}

// The text of a pointer-to-field template argument ends with the field's identifier:
//   GCC:   wrapper<int>{((const int*)(& fake_object<app::User>.app::User::id))}
//   Clang: wrapper<...>{&fake_object.id}
// The identifier is the run of identifier characters before the closing brackets.
constexpr std::string_view trailing_identifier(std::string_view pretty) {
    std::size_t end = pretty.rfind('}');
    if (end == std::string_view::npos) return {};
    while (end > 0 && pretty[end - 1] == ')') --end;
    std::size_t start = end;
    while (start > 0 && is_identifier_char(pretty[start - 1])) --start;
    return pretty.substr(start, end - start);
}

}  // namespace tabula::reflect::detail
