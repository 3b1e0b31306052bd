// Models and their table descriptors: declarations, type traits, compile-time checks.
#pragma once

#include <tabula/schema/declarations.hpp>
#include <tabula/schema/descriptor.hpp>
#include <tabula/schema/diagnostics.hpp>
#include <tabula/schema/table.hpp>
#include <tabula/schema/value_kind.hpp>
#include <tabula/schema/value_traits.hpp>
