// Opt-in reflection of Boost.Hana Structs: a model that is no aggregate (a base class, a
// user-declared constructor, private members) is mapped when adapted with BOOST_HANA_DEFINE_STRUCT
// or BOOST_HANA_ADAPT_STRUCT; its field names are Hana's keys. Only programs including this header
// compile Hana.
#pragma once

#include <cstddef>
#include <string_view>

#include <boost/hana/accessors.hpp>
#include <boost/hana/adapt_struct.hpp>
#include <boost/hana/at.hpp>
#include <boost/hana/concept/struct.hpp>
#include <boost/hana/define_struct.hpp>
#include <boost/hana/first.hpp>
#include <boost/hana/length.hpp>
#include <boost/hana/second.hpp>
#include <boost/hana/string.hpp>

#include <tabula/reflect/fields.hpp>

namespace tabula::reflect {

template <class T>
    requires boost::hana::Struct<T>::value
struct struct_adapter<T> {
    // A tuple of (key, accessor) pairs; both are empty types, so the constant costs nothing.
    static constexpr auto accessors = boost::hana::accessors<T>();

    static constexpr std::size_t field_count = decltype(boost::hana::length(accessors))::value;

    template <std::size_t I, class U>
    static constexpr auto& get(U& value) noexcept {
        return boost::hana::second(boost::hana::at_c<I>(accessors))(value);
    }

    template <std::size_t I>
    static constexpr std::string_view field_name{
        boost::hana::to<const char*>(boost::hana::first(boost::hana::at_c<I>(accessors))),
        decltype(boost::hana::length(boost::hana::first(boost::hana::at_c<I>(accessors))))::value};
};

}  // namespace tabula::reflect
