// What `db check` reports for a database against Open WebUI's head models (models.hpp), as the
// messages a user reads; alembic_version is the migrator's table, not a model.
#pragma once

#include <string>
#include <vector>

#include <tabula/migrate.hpp>

#include "../../examples/openwebui/models.hpp"

namespace openwebui_tests {

using head = openwebui::all_models<tabula::schema>;

template <class Backend, class Session>
std::vector<std::string> check_messages(Session& db) {
    const tabula::live_schema live = tabula::migration_support<Backend>::read_schema(db.connection());
    std::vector<std::string> out;
    for (const tabula::schema_difference& d : tabula::compare_schemas(live, head::view, Backend::dialect, {"alembic_version"}))
        out.push_back(d.message);
    return out;
}

}  // namespace openwebui_tests
