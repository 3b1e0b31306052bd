// The PostgreSQL C API the backend is built on: libpq's <libpq-fe.h>, and what tabula needs of
// its version. Pipeline mode (get_many, update_many) came with libpq 14; single-row mode, COPY
// and prepared statements are older. The server may be older than the client: libpq speaks the
// same protocol to PostgreSQL 10 and later.
#pragma once

#include <libpq-fe.h>

// LIBPQ_HAS_PIPELINING is defined by libpq 14's header, with PQenterPipelineMode.
#ifndef LIBPQ_HAS_PIPELINING
#error "tabula: the PostgreSQL backend needs libpq 14 or later (pipeline mode); install a newer libpq-dev"
#endif

namespace tabula::postgres_backend {

// The version of the libpq running (150018 for 15.18), for messages and tests.
inline int library_version() noexcept { return PQlibVersion(); }

}  // namespace tabula::postgres_backend
