// Control of the test servers from inside a test: restart one, find a closed port.
#pragma once

#include <sys/socket.h>
#include <netinet/in.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>

#include "database.hpp"

namespace test_support {

// Stops and starts one server (scripts/test-servers restart), waiting until it answers again.
inline void restart_server(std::string_view server) {
    const char* script = std::getenv("TABULA_TEST_SERVERS_SCRIPT");
    if (!script || !*script) throw std::runtime_error("TABULA_TEST_SERVERS_SCRIPT is not set: run the server suites through ctest");
    const std::string command = "'" + std::string(script) + "' restart '" + servers_directory().string() + "' " + std::string(server);
    if (std::system(command.c_str()) != 0) throw std::runtime_error("could not restart the " + std::string(server) + " test server");
}

// A port on 127.0.0.1 that nothing listens on: bound, then closed, by the kernel's choice.
inline int closed_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0)
        throw std::runtime_error("cannot find a free port");
    ::close(fd);
    return ntohs(address.sin_port);
}

}  // namespace test_support
