// Reflection of aggregates at compile time: every result is a constant, checked by static_assert.
#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include <tabula/reflect.hpp>

namespace reflected {
struct UserProfile {
    std::int64_t id;
    std::string display_name;
    std::optional<double> score;
    int x2;
};
struct HTTPRequestLog {
    int id;
};
struct chat_message {
    int id;
};
struct Single {
    char value;
};
template <class T>
struct Box {
    T inner;
};
struct Mixed {
    std::optional<std::string> maybe;
    std::vector<std::byte> bytes;
    std::optional<int> number;
    std::string text;
    bool flag;
};
struct Wide40 {
    int f00, f01, f02, f03, f04, f05, f06, f07, f08, f09, f10, f11, f12, f13, f14, f15, f16, f17, f18, f19;
    int f20, f21, f22, f23, f24, f25, f26, f27, f28, f29, f30, f31, f32, f33, f34, f35, f36, f37, f38, f39;
};
// The most fields reflect/detail/field_tie.hpp binds (scripts/generate-field-tie).
struct Wide100 {
    int f00, f01, f02, f03, f04, f05, f06, f07, f08, f09, f10, f11, f12, f13, f14, f15, f16, f17, f18, f19;
    int f20, f21, f22, f23, f24, f25, f26, f27, f28, f29, f30, f31, f32, f33, f34, f35, f36, f37, f38, f39;
    int f40, f41, f42, f43, f44, f45, f46, f47, f48, f49, f50, f51, f52, f53, f54, f55, f56, f57, f58, f59;
    int f60, f61, f62, f63, f64, f65, f66, f67, f68, f69, f70, f71, f72, f73, f74, f75, f76, f77, f78, f79;
    int f80, f81, f82, f83, f84, f85, f86, f87, f88, f89, f90, f91, f92, f93, f94, f95, f96, f97, f98, f99;
};
struct Pair {
    int number;
    char label;
};
enum class Color : std::uint8_t { red, green, blue = 9 };
enum Legacy : int { alpha = 2, beta = 3 };
enum class Wide : std::int32_t { low = -5, high = 300 };
// Fields that empty braces cannot initialize end the cheap count early (reflect/fields.hpp); the
// count must still be exact, or the struct refused as before.
struct NoDefault {
    explicit NoDefault(int) {}
};
struct ExplicitDefault {
    explicit ExplicitDefault() = default;
};
struct Point {
    int x;
    int y;
};
struct WithoutDefaultField {
    int before;
    NoDefault value = NoDefault(1);
    int after;
};
struct WithReference {
    int& target;
    int other;
};
struct NestedAndArray {
    Point at;
    int grid[3];
    std::optional<std::string> label;
};
struct WithExplicitDefault {
    int before;
    ExplicitDefault value;
    int after;
};
struct Empty {};
}  // namespace reflected

template <>
struct tabula::enum_range<reflected::Wide> {
    static constexpr long long min = -10;
    static constexpr long long max = 310;
};

using namespace tabula::reflect;
using reflected::UserProfile;

static_assert(field_count<UserProfile> == 4);
static_assert(field_count<reflected::Single> == 1);
static_assert(field_count<reflected::Mixed> == 5);
static_assert(field_count<reflected::Wide40> == 40);
static_assert(field_count<reflected::WithoutDefaultField> == 3);
static_assert(field_count<reflected::WithReference> == 2);
static_assert(field_count<reflected::Empty> == 0);
// Counted by braces and by initializers converting to any type alike.
// An array field is one field (initializers converting to any type counted its elements, through
// brace elision, and the struct could not be bound).
static_assert(field_count<reflected::NestedAndArray> == 3);
static_assert(field_count<reflected::WithExplicitDefault> ==
              tabula::reflect::detail::count_fields_converting<reflected::WithExplicitDefault>());
static_assert(field_count<reflected::Wide100> == tabula::reflect::detail::count_fields_converting<reflected::Wide100>());
static_assert(field_name<reflected::Wide40, 39> == "f39");
static_assert(std::is_same_v<field_type<0, reflected::Mixed>, std::optional<std::string>>);
static_assert(field_name<UserProfile, 0> == "id");
static_assert(field_name<UserProfile, 1> == "display_name");
static_assert(field_name<UserProfile, 3> == "x2");
static_assert(field_names<UserProfile>[2] == "score");
static_assert(field_name<reflected::Box<int>, 0> == "inner");
static_assert(std::is_same_v<field_type<1, UserProfile>, std::string>);
static_assert(std::is_same_v<field_type<2, UserProfile>, std::optional<double>>);
static_assert(field_index<&UserProfile::id> == 0);
static_assert(field_index<&UserProfile::score> == 2);
static_assert(field_index<&UserProfile::x2> == 3);
static_assert(std::is_same_v<member_owner<&UserProfile::score>, UserProfile>);

// get<I> is a reference into the object, const through a const object.
static_assert(std::is_same_v<decltype(get<0>(std::declval<reflected::Single&>())), char&>);
static_assert(std::is_same_v<decltype(get<0>(std::declval<const reflected::Single&>())), const char&>);
static_assert([] {
    reflected::Pair value{1, 'a'};
    get<0>(value) = 20;
    get<1>(value) = 'b';
    const auto& view = value;
    return value.number == 20 && get<0>(view) == 20 && get<1>(view) == 'b';
}());
static_assert(field_count<reflected::Wide100> == 100 && field_name<reflected::Wide100, 99> == "f99");
static_assert([] {
    reflected::Wide100 value{};
    get<99>(value) = 7;
    return value.f99 == 7 && get<0>(value) == 0;
}());

static_assert(type_name<UserProfile> == "UserProfile");
static_assert(qualified_type_name<UserProfile> == "reflected::UserProfile");
static_assert(type_name<reflected::Box<int>> == "Box");
static_assert(snake_case_type_name<UserProfile> == "user_profile");
static_assert(snake_case_type_name<reflected::HTTPRequestLog> == "http_request_log");
static_assert(snake_case_type_name<reflected::chat_message> == "chat_message");

static_assert(enumerators<reflected::Color>.size() == 3);
static_assert(enumerators<reflected::Color>[0].name == "red");
static_assert(enumerators<reflected::Color>[2].name == "blue" && enumerators<reflected::Color>[2].value == reflected::Color::blue);
static_assert(enumerators<reflected::Legacy>.size() == 2 && enumerators<reflected::Legacy>[1].name == "beta");
static_assert(enumerators<reflected::Wide>.size() == 2 && enumerators<reflected::Wide>[0].name == "low");
static_assert(fixed_underlying_enum<reflected::Color>);

TEST_CASE("reflection results are usable at run time too") {
    const auto& names = field_names<UserProfile>;
    CHECK(names.size() == 4);
    CHECK(std::string(names[1]) == "display_name");
    CHECK(std::string(type_name<UserProfile>) == "UserProfile");
    CHECK(std::string(snake_case_type_name<reflected::HTTPRequestLog>) == "http_request_log");
}

TEST_CASE("every field of a wide struct is named") {
    struct local_check {
        static constexpr bool all_named() {
            for (auto n : field_names<UserProfile>)
                if (n.empty()) return false;
            return true;
        }
    };
    static_assert(local_check::all_named());
    CHECK(local_check::all_named());
}
