// Progress of long migration work, reported through a callback: a table rebuild copying rows, or
// a data function going through its pages. And the data function's side of it: the checkpoint
// through which it reports, commits finished pages and learns where an interrupted run stopped.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

namespace tabula {

struct migration_progress {
    enum class source { rebuild, data_function };
    std::string_view revision;
    std::string_view table;   // the table being rebuilt; for a data function, what it says it works on
    std::int64_t done = 0;    // rows copied, or the data function's own units (chats, users...)
    std::int64_t total = 0;   // of this many; 0 when a data function cannot tell
    source from = source::rebuild;
};

using progress_callback = std::function<void(const migration_progress&)>;

// Handed to a data function declared with a second parameter,
//   template <class Session> static void upgrade_data(Session& db, tabula::data_checkpoint& at);
// which makes it resumable: each `commit` makes the work so far durable together with a position
// of the function's choosing (the last key of a page); a run interrupted after it (an error, a
// lost server, kill -9) leaves the revision partway, and the next upgrade calls the function
// again with `resume_from()` returning that position, so it continues after the last committed
// page instead of starting over. The revision's schema steps before the data function are
// committed with the first page; those after it, and the version table, when it returns.
// Without commits the function is one transaction with the rest of its revision.
class data_checkpoint {
public:
    using commit_hook = std::function<void(std::string_view position)>;

    data_checkpoint(std::string resume_from, commit_hook commit, progress_callback progress, std::string_view revision)
        : resume_from_(std::move(resume_from)), commit_(std::move(commit)), progress_(std::move(progress)), revision_(revision) {}

    // Where an interrupted run committed last; empty on a first run.
    const std::string& resume_from() const noexcept { return resume_from_; }

    // Commits the work so far and records `position` (not empty) as where a rerun resumes.
    void commit(std::string_view position) {
        commit_(position);
        resume_from_ = position;
    }

    // Reports progress to migration_options::progress: `done` of `total` units of `what`.
    void report(std::string_view what, std::int64_t done, std::int64_t total = 0) const {
        if (progress_) progress_({revision_, what, done, total, migration_progress::source::data_function});
    }

private:
    std::string resume_from_;
    commit_hook commit_;
    progress_callback progress_;
    std::string_view revision_;
};

}  // namespace tabula
