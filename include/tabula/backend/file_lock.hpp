// An exclusive lock on a file beside a database file, held for a whole upgrade or downgrade. It
// serves embedded databases, whose own locks end with each transaction: a revision whose data
// function commits page by page (data_checkpoint) spans many transactions, and no other process
// may start the same revision between them. flock(2) on a separate file, never on the database
// file itself: POSIX record locks on that file belong to the database library, and closing any
// descriptor of it would drop them. The lock goes with the process (kill -9 included); the file
// stays, empty, like the database's journal files.
#pragma once

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <string>
#include <thread>

#include <tabula/error.hpp>

namespace tabula::detail {

class file_lock {
public:
    // Waits up to `timeout_ms` for the lock on `path`, created if missing.
    file_lock(std::string path, int timeout_ms) : path_(std::move(path)) {
        descriptor_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (descriptor_ < 0)
            throw migration_error("tabula: cannot open the migration lock file '" + path_ + "': " + std::strerror(errno) +
                                      " (it lives beside the database file, whose directory must be writable); nothing was changed",
                                  {});
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
        auto wait = std::chrono::milliseconds(20);
        while (::flock(descriptor_, LOCK_EX | LOCK_NB) != 0) {
            const int problem = errno;
            if (problem == EINTR) continue;
            if (problem != EWOULDBLOCK) {
                ::close(descriptor_);
                throw migration_error("tabula: cannot lock the migration lock file '" + path_ + "': " + std::strerror(problem) +
                                          "; nothing was changed",
                                      {});
            }
            if (std::chrono::steady_clock::now() >= deadline) {
                ::close(descriptor_);
                throw migration_error("tabula: another process has held the migration lock '" + path_ + "' for longer than " +
                                          std::to_string(timeout_ms) +
                                          " ms (migration_options::lock_timeout_ms); is a migration stuck? nothing was changed",
                                      {});
            }
            std::this_thread::sleep_for(wait);
            if (wait < std::chrono::milliseconds(500)) wait *= 2;
        }
    }
    file_lock(const file_lock&) = delete;
    file_lock& operator=(const file_lock&) = delete;
    ~file_lock() { ::close(descriptor_); }  // releases the lock

    const std::string& path() const noexcept { return path_; }

private:
    std::string path_;
    int descriptor_ = -1;
};

}  // namespace tabula::detail
