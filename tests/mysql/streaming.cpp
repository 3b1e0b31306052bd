// Streams read through a server-side cursor: client memory stays bounded by the prefetch batch,
// and the connection stays free for other statements while a stream is open.
#include <doctest/doctest.h>

#include <malloc.h>

#include <cstddef>
#include <string>
#include <vector>

#include "../support/database.hpp"
#include "../support/models.hpp"

using namespace testing_models;

namespace {
// Bytes the C heap has handed out (libmariadb allocates with malloc).
std::size_t heap_in_use() {
    const struct mallinfo2 info = mallinfo2();
    return info.uordblks + info.hblkhd;
}
}  // namespace

TEST_CASE("MySQL: a stream reads 60 MB in bounded memory while other statements run") {
    test_support::database<tabula::mysql> database;
    auto db = database.open();
    db.create_all<Note>();
    constexpr int rows = 12'000;
    const std::string body(5'000, 'x');
    {
        std::vector<Note> batch;
        for (int i = 0; i < rows; ++i) {
            batch.push_back(Note{"n" + std::to_string(i), body + std::to_string(i), i});
            if (batch.size() == 1000) db.insert_many(batch), batch.clear();
        }
    }
    const std::size_t before = heap_in_use();
    std::size_t peak = before;
    std::int64_t seen = 0;
    std::int64_t sum = 0;
    for (const Note& note : db.query<Note>().order_by(tabula::col<&Note::updated_at>).stream()) {
        sum += note.updated_at;
        if (++seen % 1000 == 0) {
            // The connection is free while the cursor is open: a write and a count in between.
            db.insert(Note{"during-" + std::to_string(seen), "x", -1});
            CHECK(db.count<Note>() == rows + seen / 1000);
            const std::size_t now = heap_in_use();
            if (now > peak) peak = now;
        }
    }
    CHECK(seen == rows);  // a cursor reads the result as it was when the stream started
    CHECK(sum == static_cast<std::int64_t>(rows) * (rows - 1) / 2);
    // 60 MB went through; at most a prefetch batch (256 rows of 5 kB) and buffers stay in memory.
    CHECK(peak - before < 8u * 1024 * 1024);
}

TEST_CASE("MySQL: long values of any length are read whole, in whole results and in streams") {
    test_support::database<tabula::mysql> database;
    auto db = database.open();
    db.create_all<Note>();
    std::vector<std::size_t> lengths = {0, 1, 255, 256, 257, 1000, 65'535, 65'536, 1'000'000, 3};
    for (std::size_t i = 0; i < lengths.size(); ++i) db.insert(Note{"n" + std::to_string(i), std::string(lengths[i], static_cast<char>('a' + i)), static_cast<std::int64_t>(i)});
    std::size_t i = 0;
    for (const Note& note : db.query<Note>().order_by(tabula::col<&Note::updated_at>).stream()) {
        CHECK(note.title == std::string(lengths[i], static_cast<char>('a' + i)));
        ++i;
    }
    CHECK(i == lengths.size());
    const auto all = db.query<Note>().order_by(tabula::col<&Note::updated_at>).all();
    REQUIRE(all.size() == lengths.size());
    for (std::size_t k = 0; k < all.size(); ++k) CHECK(all[k].title.size() == lengths[k]);
}
