// The shell command that feeds a file to a test database's own client (sqlite3, psql, mariadb)
// with its default options: for offline scripts.
#pragma once

#include <string>

#include "database.hpp"

namespace test_support {

template <class Backend>
inline std::string client_command(const test_support::database<Backend>& database) {
    if constexpr (Backend::dialect == tabula::sql::dialect::sqlite) {
        return "sqlite3 '" + (database.directory() / "test.db").string() + "'";
    } else if constexpr (Backend::dialect == tabula::sql::dialect::postgres) {
        return "psql -q '" + test_support::server_url("postgres-tcp") + "?options=-csearch_path%3D" + database.schema() + "'";
    } else {
        // mysql://user:password@host:port/db
        const std::string url = test_support::server_url("mysql-tcp");
        const std::string credentials = url.substr(8, url.find('@') - 8);
        const std::string address = url.substr(url.find('@') + 1, url.rfind('/') - url.find('@') - 1);
        const std::string name = database.url().substr(database.url().rfind('/') + 1);
        return "mariadb -h " + address.substr(0, address.find(':')) + " -P " + address.substr(address.find(':') + 1) + " -u " +
               credentials.substr(0, credentials.find(':')) + " -p'" + credentials.substr(credentials.find(':') + 1) + "' " + name;
    }
}

}  // namespace test_support
