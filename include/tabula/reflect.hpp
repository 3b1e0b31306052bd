// Compile-time reflection of aggregates: field count, names and types, struct names, enumerators.
#pragma once

#include <tabula/reflect/enum_names.hpp>
#include <tabula/reflect/fields.hpp>
#include <tabula/reflect/fixed_string.hpp>
#include <tabula/reflect/naming.hpp>
#include <tabula/reflect/type_name.hpp>
