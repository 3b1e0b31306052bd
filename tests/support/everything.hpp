// Field-by-field comparison of two testing_models::Everything rows (one field of every supported
// type), each field its own CHECK so a failure names the field: floats by their bytes, so -0.0 and
// the like must come back exactly; maybe_f64 by value (SQLite reads an integral REAL back as an
// integer, so -0.0 comes back as 0.0: a documented limitation).
#pragma once

#include <doctest/doctest.h>

#include <cstring>

#include "models.hpp"

namespace test_support {

using testing_models::Everything;

inline void check_everything_equal(const Everything& a, const Everything& b) {
    CHECK(a.id == b.id);
    CHECK(a.flag == b.flag);
    CHECK(a.i8 == b.i8);
    CHECK(a.i16 == b.i16);
    CHECK(a.i32 == b.i32);
    CHECK(a.i64 == b.i64);
    CHECK(a.u8 == b.u8);
    CHECK(a.u16 == b.u16);
    CHECK(a.u32 == b.u32);
    CHECK(a.u64 == b.u64);
    CHECK(std::memcmp(&a.f32, &b.f32, sizeof(float)) == 0);
    CHECK(std::memcmp(&a.f64, &b.f64, sizeof(double)) == 0);
    CHECK(a.text == b.text);
    CHECK(a.bytes == b.bytes);
    CHECK(a.document == b.document);
    CHECK(a.prefs == b.prefs);
    CHECK(a.level == b.level);
    CHECK(a.state == b.state);
    CHECK(a.at == b.at);
    CHECK(a.at_seconds == b.at_seconds);
    CHECK(a.elapsed == b.elapsed);
    CHECK(a.maybe_flag == b.maybe_flag);
    CHECK(a.maybe_i64 == b.maybe_i64);
    // Compared by value: SQLite stores an integral REAL as an integer, so -0.0 reads back as 0.0
    // (a documented limitation; the two compare equal).
    CHECK(a.maybe_f64 == b.maybe_f64);
    CHECK(a.maybe_text == b.maybe_text);
    CHECK(a.maybe_bytes == b.maybe_bytes);
    CHECK(a.maybe_document == b.maybe_document);
    CHECK(a.maybe_level == b.maybe_level);
}

}  // namespace test_support
