// Progress of long migration work (a table rebuild copying rows), reported through a callback.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

namespace tabula {

struct rebuild_progress {
    std::string_view revision;
    std::string_view table;
    std::int64_t rows_copied = 0;
    std::int64_t rows_total = 0;
};

using progress_callback = std::function<void(const rebuild_progress&)>;

}  // namespace tabula
