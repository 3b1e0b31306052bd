// Child processes for the tests that need more than one: a process killed (SIGKILL) at a point of
// its work that it announces, and processes started together whose results are counted.
#pragma once

#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <exception>
#include <functional>
#include <vector>

namespace test_support {

// Runs `work(reached)` in a child process and kills it with SIGKILL as soon as it calls
// `reached()`, which never returns. True when the child got there (rather than ending first).
inline bool kill_when_reached(const std::function<void(const std::function<void()>& reached)>& work) {
    int signal_pipe[2];
    REQUIRE(pipe(signal_pipe) == 0);
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        close(signal_pipe[0]);
        try {
            work([&] {
                [[maybe_unused]] const auto told = write(signal_pipe[1], "x", 1);
                for (;;) pause();  // killed here
            });
        } catch (...) {
        }
        _exit(0);
    }
    close(signal_pipe[1]);
    char byte = 0;
    const bool reached = read(signal_pipe[0], &byte, 1) == 1;
    kill(child, SIGKILL);
    close(signal_pipe[0]);
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    return reached;
}

// Runs `work(p)` in `count` processes at once, p = 0..count-1; each returns a number from 0 to
// 254. Returns their sum; a process that threw (its message on stderr) or died fails the test.
inline int sum_over_processes(int count, const std::function<int(int)>& work) {
    std::vector<pid_t> children;
    for (int p = 0; p < count; ++p) {
        const pid_t child = fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            int result = 255;
            try {
                result = work(p);
            } catch (const std::exception& e) {
                std::fprintf(stderr, "process %d: %s\n", p, e.what());
            }
            _exit(result);
        }
        children.push_back(child);
    }
    int total = 0;
    for (pid_t child : children) {
        int status = 0;
        REQUIRE(waitpid(child, &status, 0) == child);
        REQUIRE(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) != 255);
        total += WEXITSTATUS(status);
    }
    return total;
}

}  // namespace test_support
