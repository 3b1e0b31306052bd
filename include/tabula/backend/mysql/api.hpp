// The MySQL/MariaDB C API the backend is built on: MariaDB Connector/C's <mysql.h>
// (libmariadb-dev), and what tabula needs of its version. Connector/C 3 brought
// MYSQL_OPT_SSL_ENFORCE (tls=required) and MARIADB_PACKAGE_VERSION_ID; prepared statements,
// read-only cursors and CLIENT_FOUND_ROWS are older. The same client speaks to MariaDB 10.x and
// to MySQL 5.7 and 8.
#pragma once

#include <mysql.h>

// MARIADB_PACKAGE_VERSION_ID (30320 for 3.3.20) is defined by Connector/C 3 and later; Oracle's
// libmysqlclient does not define it and has no MYSQL_OPT_SSL_ENFORCE.
#if !defined(MARIADB_PACKAGE_VERSION_ID) || MARIADB_PACKAGE_VERSION_ID < 30000
#error "tabula: the MySQL backend needs MariaDB Connector/C 3 or later (libmariadb-dev); install it"
#endif

namespace tabula::mysql_backend {

// The version of the client library running, as mysql_get_client_version() counts (for messages
// and tests; Connector/C reports the server version it was released with, 101119 for 10.11.19).
inline unsigned long library_version() noexcept { return mysql_get_client_version(); }

}  // namespace tabula::mysql_backend
