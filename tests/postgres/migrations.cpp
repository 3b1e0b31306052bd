// Migrations on PostgreSQL that place columns: ADD COLUMN appends, so a column brought back in
// the middle of a table by a downgrade (or added there by a model) is placed by rebuilding the
// table, which must carry over everything that belongs to it, online and in an offline script.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <tabula/migrate.hpp>
#include <tabula/sql/column_order.hpp>

#include "../support/database.hpp"
#include "../support/migration_models.hpp"

namespace placed {
namespace v1 {
struct Item {
    std::int64_t id = 0;
    std::optional<std::string> code{};
    std::string label{};
    std::optional<std::string> note{};
};
struct Part {
    std::int64_t id = 0;
    std::int64_t item_id = 0;
    std::string name{};
};
}  // namespace v1
namespace v2 {
struct Item {
    std::int64_t id = 0;
    std::string label{};
    std::optional<std::string> note{};
};
}  // namespace v2
}  // namespace placed
template <>
struct tabula::model<placed::v1::Part> {
    static constexpr auto foreign_keys = std::tuple{tabula::foreign_key<&placed::v1::Part::item_id, &placed::v1::Item::id>{}};
};
namespace placed {
using s1 = tabula::schema<v1::Item, v1::Part>;
using s2 = tabula::schema_from<s1, tabula::replace_table<v2::Item>>;
struct q1 : tabula::revision<"q1", tabula::base, s1> {};
struct q2 : tabula::revision<"q2", tabula::after<"q1">, s2> {
    using data_loss = tabula::data_loss<"item.code">;
    template <class Session>
    static void downgrade_data(Session& db) {
        db.execute("UPDATE item SET code = label");
    }
};
using chain = tabula::revision_chain<q1, q2>;
}  // namespace placed

namespace {

using session = tabula::session<tabula::postgres>;

std::vector<std::string> strings(session& db, std::string_view sql) { return db.raw<std::string>(sql); }

std::string column_order(session& db, std::string_view table) {
    std::string out;
    for (const std::string& c : db.raw<std::string>(
             "SELECT attname::text FROM pg_attribute WHERE attrelid = to_regclass(?) AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
             std::string(table)))
        out += (out.empty() ? "" : ", ") + c;
    return out;
}

// Everything a rebuild must carry over, as one text: constraints of the table and to it, indexes,
// triggers, comments, grants, owner, the identity sequence's name and position.
std::string belongings(session& db) {
    std::string out;
    auto add = [&](std::string_view sql) {
        for (const std::string& line : db.raw<std::string>(sql)) out += line + "\n";
    };
    add("SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = 'item'::regclass OR confrelid = 'item'::regclass ORDER BY 1");
    add("SELECT pg_get_indexdef(indexrelid) || CASE WHEN indisclustered THEN ' clustered' ELSE '' END FROM pg_index "
        "WHERE indrelid = 'item'::regclass ORDER BY 1");
    add("SELECT pg_get_triggerdef(oid) || ' ' || tgenabled::text FROM pg_trigger WHERE tgrelid = 'item'::regclass AND NOT tgisinternal ORDER BY 1");
    add("SELECT objsubid::text || ' ' || description FROM pg_description WHERE objoid = 'item'::regclass ORDER BY 1");
    add("SELECT coalesce(relacl::text, '') || ' ' || pg_get_userbyid(relowner) || ' ' || relpersistence::text || ' ' || "
        "coalesce(reloptions::text, '') FROM pg_class WHERE oid = 'item'::regclass");
    add("SELECT attname || ' ' || attacl::text FROM pg_attribute WHERE attrelid = 'item'::regclass AND attacl IS NOT NULL ORDER BY 1");
    add("SELECT pg_get_serial_sequence('item', 'id') || ' ' || last_value::text FROM item_id_seq");
    return out;
}

// Rows, keys, a table with a foreign key to item, and what tabula does not manage but a rebuild
// must keep: an expression index, a check constraint, a trigger, comments, grants.
void populate(session& db) {
    db.execute("INSERT INTO item (code, label, note) VALUES ('a', 'first', NULL), ('b', 'second', 'n'), ('c', 'third', NULL)");
    db.execute("DELETE FROM item WHERE code = 'c'");  // the sequence is ahead of the largest key
    db.execute("INSERT INTO part (id, item_id, name) VALUES (10, 1, 'bolt'), (11, 2, 'nut')");
    db.execute("CREATE INDEX item_label_lower ON item (lower(label))");
    db.execute("ALTER TABLE item ADD CONSTRAINT item_label_not_empty CHECK (label <> '')");
    db.execute("CLUSTER item USING item_pkey");
    db.execute(
        "CREATE FUNCTION item_touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.note := coalesce(NEW.note, 'touched'); "
        "RETURN NEW; END $$");
    db.execute("CREATE TRIGGER item_touch BEFORE INSERT ON item FOR EACH ROW EXECUTE FUNCTION item_touch()");
    db.execute("COMMENT ON TABLE item IS 'things'");
    db.execute("COMMENT ON COLUMN item.label IS 'shown'");
    db.execute("DO $$ BEGIN CREATE ROLE tabula_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
    db.execute("GRANT SELECT ON item TO tabula_reader");
    db.execute("GRANT UPDATE (label) ON item TO tabula_reader");
    db.execute("ALTER TABLE item SET (fillfactor = 80)");
}

void check_after_rebuild(session& db, const std::string& before) {
    CHECK(column_order(db, "item") == "id, code, label, note");
    CHECK(strings(db, "SELECT code FROM item ORDER BY id") == std::vector<std::string>{"first", "second"});
    CHECK(strings(db, "SELECT coalesce(note, '-') FROM item ORDER BY id") == std::vector<std::string>{"-", "n"});
    CHECK(belongings(db) == before);
    // The sequence goes on after the deleted key, the trigger fires, the foreign key holds.
    db.execute("INSERT INTO item (code, label) VALUES ('d', 'fourth')");
    CHECK(strings(db, "SELECT id::text || ' ' || note FROM item WHERE code = 'd'") == std::vector<std::string>{"4 touched"});
    CHECK_THROWS_AS(static_cast<void>(db.execute("INSERT INTO part (id, item_id, name) VALUES (12, 99, 'washer')")),
                    tabula::constraint_violation);
    CHECK_THROWS_AS(static_cast<void>(db.execute("DELETE FROM item WHERE id = 1")), tabula::constraint_violation);
    CHECK(strings(db, "SELECT name FROM part ORDER BY id") == std::vector<std::string>{"bolt", "nut"});
}

std::string run_psql(const test_support::database<tabula::postgres>& database, const std::string& script) {
    const test_support::temp_directory directory;
    const std::string file = (directory.path() / "script.sql").string();
    const std::string output = (directory.path() / "psql.out").string();
    std::ofstream(file) << script;
    const std::string command = "psql -q '" + test_support::server_url("postgres-tcp") + "?options=-csearch_path%3D" + database.schema() +
                                "' < '" + file + "' > '" + output + "' 2>&1";
    CHECK(std::system(command.c_str()) == 0);
    std::ifstream in(output);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("PostgreSQL: a column brought back in the middle is placed by a rebuild that keeps all that belongs to the table") {
    test_support::database<tabula::postgres> database;
    auto db = database.open();
    tabula::migrator<placed::chain, tabula::postgres> migrate(db);
    migrate.upgrade("q1");
    populate(db);
    const std::string before = belongings(db);
    migrate.upgrade();
    CHECK(column_order(db, "item") == "id, label, note");
    migrate.downgrade("q1");
    check_after_rebuild(db, before);
    // Already in order: a second flush of the same table finds nothing to do.
    const std::string order_text = tabula::sql::text(tabula::sql::dialect::postgres, [](auto& w) {
        const std::string_view declared[] = {"id", "code", "label", "note"};
        tabula::sql::reorder_columns(w, "item", declared);
    });
    const std::string oid = strings(db, "SELECT 'item'::regclass::oid::text")[0];
    db.execute(order_text);
    CHECK(strings(db, "SELECT 'item'::regclass::oid::text")[0] == oid);
}

TEST_CASE("PostgreSQL: the offline script places the column the same way, through psql") {
    test_support::database<tabula::postgres> database;
    auto db = database.open();
    tabula::migrator<placed::chain, tabula::postgres> migrate(db);
    migrate.upgrade("q1");
    populate(db);
    const std::string before = belongings(db);
    migrate.upgrade();
    const std::string script =
        tabula::migrator<placed::chain, tabula::postgres>::offline_script(tabula::migration_direction::downgrade, "q2", "q1");
    CHECK(script.find("DO $tabula$") != std::string::npos);
    const std::string said = run_psql(database, script);
    CAPTURE(said);
    CHECK(migrate.current() == std::vector<std::string>{"q1"});
    db.execute("UPDATE item SET code = label");  // what the data function does online: it cannot run offline
    check_after_rebuild(db, before);
}

TEST_CASE("PostgreSQL: a view on the table keeps the column last, with a warning, and loses nothing") {
    test_support::database<tabula::postgres> database;
    auto db = database.open();
    tabula::migrator<placed::chain, tabula::postgres> migrate(db);
    migrate.upgrade("q1");
    db.execute("INSERT INTO item (code, label) VALUES ('a', 'first'), ('b', 'second')");
    migrate.upgrade();
    db.execute("CREATE VIEW item_labels AS SELECT id, label FROM item");
    std::vector<std::string> warnings;
    tabula::migration_options options;
    options.on_warning = [&](std::string_view id, std::string_view warning) { warnings.push_back(std::string(id) + ": " + std::string(warning)); };
    tabula::migrator<placed::chain, tabula::postgres> warned(db, options);
    warned.downgrade("q1");
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0] == "q2: tabula: the columns of table item stay in the order (id, label, note, code), not the declared (id, code, label, note): "
                         "rule _RETURN on view item_labels depends on the table, and rebuilding it would lose that");
    CHECK(column_order(db, "item") == "id, label, note, code");
    CHECK(strings(db, "SELECT code FROM item ORDER BY id") == std::vector<std::string>{"first", "second"});
    CHECK(strings(db, "SELECT label FROM item_labels ORDER BY id") == std::vector<std::string>{"first", "second"});
    // The types, keys and constraints are exact; only the order differs, which check reports.
    std::string differences;
    const auto live = tabula::migration_support<tabula::postgres>::read_schema(db.connection());
    for (const auto& d : tabula::compare_schemas(live, placed::s1::view, tabula::sql::dialect::postgres, {"alembic_version"}))
        differences += d.message + "\n";
    CHECK(differences == "");

    // `db downgrade` prints it.
    migrate.upgrade();
    std::ostringstream out;
    std::ostringstream err;
    const std::string_view args[] = {"downgrade", "q1"};
    CHECK(tabula::migration_command<placed::chain, tabula::postgres>(database.url(), args, {out, err, false}) == 0);
    CHECK(err.str() == "db: warning: revision q2: " + warnings[0].substr(4) + "\n");

    // psql shows the warning that names the view.
    migrate.upgrade();
    const std::string said =
        run_psql(database, tabula::migrator<placed::chain, tabula::postgres>::offline_script(tabula::migration_direction::downgrade, "q2", "q1"));
    CHECK(said.find("WARNING:  tabula: the columns of table item stay in the order (id, label, note, code), not the declared "
                    "(id, code, label, note): rule _RETURN on view item_labels depends on the table") != std::string::npos);
}

// A default that only PostgreSQL spells differently (default_on) is what the migration sets and
// removes: the editor reads defaults as PostgreSQL gets them, not the portable server_default.
namespace defaults {
namespace v1 {
struct Setting {
    std::int64_t id = 0;
    std::string label{};
};
}  // namespace v1
namespace v2 {
struct Setting {
    std::int64_t id = 0;
    std::string label{};
};
}  // namespace v2
}  // namespace defaults
template <>
struct tabula::model<defaults::v1::Setting> {
    static constexpr auto columns = std::tuple{tabula::column<&defaults::v1::Setting::label>{.server_default = "'plain'"}};
};
template <>
struct tabula::model<defaults::v2::Setting> {
    static constexpr auto columns =
        std::tuple{tabula::column<&defaults::v2::Setting::label>{.server_default = "'plain'", .default_on = {.postgres = "'pg'"}}};
};
namespace defaults {
using s1 = tabula::schema<v1::Setting>;
using s2 = tabula::schema_from<s1, tabula::replace_table<v2::Setting>>;
struct d1 : tabula::revision<"d1", tabula::base, s1> {};
struct d2 : tabula::revision<"d2", tabula::after<"d1">, s2> {};
using chain = tabula::revision_chain<d1, d2>;
}  // namespace defaults

TEST_CASE("PostgreSQL: a default changed on PostgreSQL only is set by the upgrade and restored by the downgrade") {
    test_support::database<tabula::postgres> database;
    auto db = database.open();
    tabula::migrator<defaults::chain, tabula::postgres> migrate(db);
    auto stored_default = [&] {
        return strings(db, "SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid "
                           "AND a.attnum = d.adnum WHERE d.adrelid = 'setting'::regclass AND a.attname = 'label'");
    };
    migrate.upgrade("d1");
    CHECK(stored_default() == std::vector<std::string>{"'plain'::text"});
    migrate.upgrade();
    CHECK(stored_default() == std::vector<std::string>{"'pg'::text"});
    CHECK(migrate.check().empty());
    migrate.downgrade("d1");
    CHECK(stored_default() == std::vector<std::string>{"'plain'::text"});
}

// A conversion declared in place keeps the column where PostgreSQL's ALTER ... TYPE leaves it,
// with columns added by the same revision appended after it; the model's order (value last) is
// SQLite's, whose rebuild places it.
TEST_CASE("PostgreSQL: a type change converted in place keeps the column's position") {
    test_support::database<tabula::postgres> database;
    auto db = database.open();
    tabula::migrator<keep::chain, tabula::postgres> migrate(db);
    auto columns = [&] {
        return strings(db, "SELECT attname FROM pg_attribute WHERE attrelid = 'reading'::regclass AND attnum > 0 AND NOT attisdropped "
                           "ORDER BY attnum");
    };
    migrate.upgrade("k1");
    db.execute("INSERT INTO reading (id, value, unit) VALUES (1, '42', 'kg')");
    migrate.upgrade();
    CHECK(columns() == std::vector<std::string>{"id", "value", "unit", "note"});
    CHECK(db.raw<std::int64_t>("SELECT value FROM reading") == std::vector<std::int64_t>{42});
    migrate.downgrade("k1");
    CHECK(columns() == std::vector<std::string>{"id", "value", "unit"});
    // Another statement text: the cached plan of the first one returns a number.
    CHECK(strings(db, "SELECT value FROM reading WHERE id = 1") == std::vector<std::string>{"42"});
}
