// PostgreSQL: puts a table's columns in their declared order. ADD COLUMN only appends, so a column
// a model declares before others (or a dropped one a downgrade brings back) is placed by
// rebuilding the table: create it anew with the columns in order, copy the rows, drop the old
// one, rename, and re-create what belongs to it, read from the catalogs as it is at that moment:
// constraints (with their names), other tables' foreign keys to it, indexes, triggers, identity
// and owned sequences (with their positions), comments, grants, owner, storage options, row
// security and replica identity settings.
//
// The statement is one DO block, so that it runs the same from the migrator and from an offline
// script fed to psql. It does nothing when the declared columns are already in order. Where
// something it cannot carry over depends on the table (a view, a rule, a policy, a publication,
// extended statistics, inheritance), it leaves the order as it is and raises a WARNING naming it:
// the columns, data and constraints stay exact, only their order differs.
#pragma once

#include <span>
#include <string_view>

#include <tabula/sql/dml.hpp>
#include <tabula/sql/writer.hpp>

namespace tabula::sql {

namespace detail {

// The body reads `table_name` and `declared`, declared before it.
inline constexpr std::string_view reorder_columns_body = R"sql(
    target oid;
    temporary text := left('_tabula_reorder_' || table_name, 63);
    current_order text[];
    wanted text[];
    blocker text;
    definitions text := '';
    copied text := '';
    before_drop text[] := '{}';
    after_rename text[] := '{}';
    identities text[] := '{}';
    identity_sequences text[] := '{}';
    identity_names text[] := '{}';
    identity_values bigint[] := '{}';
    identity_called boolean[] := '{}';
    table_state record;
    sequence_state record;
    r record;
    statement text;
    last_value bigint;
    is_called boolean;
BEGIN
    SELECT c.oid INTO target FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relname = table_name AND c.relkind = 'r';
    IF target IS NULL THEN
        RAISE EXCEPTION 'tabula: cannot order the columns of table %: it is not in schema %', table_name, current_schema();
    END IF;
    EXECUTE format('LOCK TABLE %I IN ACCESS EXCLUSIVE MODE', table_name);
    current_order := ARRAY(SELECT a.attname::text FROM pg_catalog.pg_attribute a
                            WHERE a.attrelid = target AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum);
    wanted := ARRAY(SELECT d FROM unnest(declared) WITH ORDINALITY o(d, n) WHERE d = ANY(current_order) ORDER BY n);
    IF ARRAY(SELECT c FROM unnest(current_order) WITH ORDINALITY o(c, n) WHERE c = ANY(declared) ORDER BY n) = wanted THEN
        RETURN;
    END IF;
    -- Columns the model does not declare (about to be dropped, or not tabula's) go last.
    wanted := wanted || ARRAY(SELECT c FROM unnest(current_order) WITH ORDINALITY o(c, n) WHERE NOT c = ANY(declared) ORDER BY n);

    SELECT pg_catalog.pg_describe_object(d.classid, d.objid, d.objsubid) INTO blocker FROM pg_catalog.pg_depend d
     WHERE (d.refclassid = 'pg_catalog.pg_class'::regclass AND d.refobjid = target
            AND d.classid NOT IN ('pg_catalog.pg_class'::regclass, 'pg_catalog.pg_constraint'::regclass,
                                  'pg_catalog.pg_attrdef'::regclass, 'pg_catalog.pg_type'::regclass, 'pg_catalog.pg_trigger'::regclass))
        OR (d.refclassid = 'pg_catalog.pg_type'::regclass AND d.classid <> 'pg_catalog.pg_type'::regclass
            AND d.refobjid = (SELECT c.reltype FROM pg_catalog.pg_class c WHERE c.oid = target))
     ORDER BY 1 LIMIT 1;
    IF blocker IS NULL THEN
        SELECT 'the inheritance of ' || i.inhrelid::regclass::text || ' from ' || i.inhparent::regclass::text INTO blocker
          FROM pg_catalog.pg_inherits i WHERE i.inhrelid = target OR i.inhparent = target LIMIT 1;
    END IF;
    IF blocker IS NOT NULL THEN
        RAISE WARNING 'tabula: the columns of table % stay in the order (%), not the declared (%): % depends on the table, and rebuilding it would lose that',
            table_name, array_to_string(current_order, ', '), array_to_string(wanted, ', '), blocker;
        RETURN;
    END IF;

    SELECT pg_catalog.pg_get_userbyid(c.relowner) AS owner, c.relpersistence, c.reloptions, c.reltablespace, c.relrowsecurity,
           c.relforcerowsecurity, c.relreplident INTO table_state
      FROM pg_catalog.pg_class c WHERE c.oid = target;

    -- The new table's columns, in order.
    FOR r IN
        SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod) AS type_name, a.attnotnull, a.attidentity, a.attgenerated,
               pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) AS expression,
               (SELECT format('%I.%I', cn.nspname, co.collname) FROM pg_catalog.pg_collation co
                  JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
                 WHERE co.oid = a.attcollation AND a.attcollation <> t.typcollation) AS collation_name,
               pg_catalog.pg_get_serial_sequence(format('%I.%I', current_schema(), table_name), a.attname) AS sequence_name
          FROM unnest(wanted) WITH ORDINALITY o(name, position)
          JOIN pg_catalog.pg_attribute a ON a.attrelid = target AND a.attname = o.name
          JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
          LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
         ORDER BY o.position
    LOOP
        IF definitions <> '' THEN definitions := definitions || ', '; END IF;
        definitions := definitions || format('%I %s', r.attname, r.type_name);
        IF r.collation_name IS NOT NULL THEN definitions := definitions || ' COLLATE ' || r.collation_name; END IF;
        IF r.attgenerated = 's' THEN
            definitions := definitions || format(' GENERATED ALWAYS AS (%s) STORED', r.expression);
        ELSE
            IF r.expression IS NOT NULL THEN definitions := definitions || ' DEFAULT ' || r.expression; END IF;
            IF copied <> '' THEN copied := copied || ', '; END IF;
            copied := copied || format('%I', r.attname);
        END IF;
        IF r.attidentity IN ('a', 'd') THEN
            SELECT s.* INTO sequence_state FROM pg_catalog.pg_sequence s WHERE s.seqrelid = r.sequence_name::regclass;
            definitions := definitions || format(' GENERATED %s AS IDENTITY (START WITH %s INCREMENT BY %s MINVALUE %s MAXVALUE %s CACHE %s %s)',
                CASE r.attidentity WHEN 'a' THEN 'ALWAYS' ELSE 'BY DEFAULT' END, sequence_state.seqstart, sequence_state.seqincrement,
                sequence_state.seqmin, sequence_state.seqmax, sequence_state.seqcache,
                CASE WHEN sequence_state.seqcycle THEN 'CYCLE' ELSE 'NO CYCLE' END);
            EXECUTE format('SELECT last_value, is_called FROM %s', r.sequence_name) INTO last_value, is_called;
            identities := identities || r.attname::text;
            identity_sequences := identity_sequences || r.sequence_name;
            identity_names := identity_names || (SELECT c.relname::text FROM pg_catalog.pg_class c WHERE c.oid = r.sequence_name::regclass);
            identity_values := identity_values || last_value;
            identity_called := identity_called || is_called;
        END IF;
        IF r.attnotnull THEN definitions := definitions || ' NOT NULL'; END IF;
    END LOOP;

    -- Sequences a column owns (serial) move to the new column; its default already names them.
    FOR r IN
        SELECT d.objid::regclass::text AS sequence_name, a.attname FROM pg_catalog.pg_depend d
          JOIN pg_catalog.pg_class s ON s.oid = d.objid AND s.relkind = 'S'
          JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
         WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.refobjid = target AND d.deptype = 'a'
    LOOP
        before_drop := before_drop || format('ALTER SEQUENCE %s OWNED BY %I.%I', r.sequence_name, temporary, r.attname);
    END LOOP;
    -- Other tables' foreign keys to this one are dropped first and added back last.
    FOR r IN
        SELECT c.conrelid::regclass::text AS owner_table, c.conname, pg_catalog.pg_get_constraintdef(c.oid) AS definition
          FROM pg_catalog.pg_constraint c WHERE c.confrelid = target AND c.conrelid <> target AND c.contype = 'f' ORDER BY 1, 2
    LOOP
        before_drop := before_drop || format('ALTER TABLE %s DROP CONSTRAINT %I', r.owner_table, r.conname);
    END LOOP;
    -- Keys before the constraints and foreign keys that may need them.
    FOR r IN
        SELECT c.conname, pg_catalog.pg_get_constraintdef(c.oid) AS definition FROM pg_catalog.pg_constraint c
         WHERE c.conrelid = target AND c.contype IN ('p', 'u', 'x', 'c', 'f') ORDER BY position(c.contype::text IN 'puxcf'), c.conname
    LOOP
        after_rename := after_rename || format('ALTER TABLE %I ADD CONSTRAINT %I %s', table_name, r.conname, r.definition);
    END LOOP;
    FOR r IN
        SELECT c.conrelid::regclass::text AS owner_table, c.conname, pg_catalog.pg_get_constraintdef(c.oid) AS definition
          FROM pg_catalog.pg_constraint c WHERE c.confrelid = target AND c.conrelid <> target AND c.contype = 'f' ORDER BY 1, 2
    LOOP
        after_rename := after_rename || format('ALTER TABLE %s ADD CONSTRAINT %I %s', r.owner_table, r.conname, r.definition);
    END LOOP;
    FOR r IN
        SELECT pg_catalog.pg_get_indexdef(i.indexrelid) AS definition FROM pg_catalog.pg_index i
          JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
         WHERE i.indrelid = target AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint c
                                                    WHERE c.conrelid = target AND c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'))
         ORDER BY ic.relname
    LOOP
        after_rename := after_rename || r.definition;
    END LOOP;
    FOR r IN
        SELECT ic.relname, i.indisclustered, i.indisreplident FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
         WHERE i.indrelid = target AND (i.indisclustered OR i.indisreplident)
    LOOP
        IF r.indisclustered THEN after_rename := after_rename || format('ALTER TABLE %I CLUSTER ON %I', table_name, r.relname); END IF;
        IF r.indisreplident THEN
            after_rename := after_rename || format('ALTER TABLE %I REPLICA IDENTITY USING INDEX %I', table_name, r.relname);
        END IF;
    END LOOP;
    IF table_state.relreplident IN ('f', 'n') THEN
        after_rename := after_rename || format('ALTER TABLE %I REPLICA IDENTITY %s', table_name,
                                               CASE table_state.relreplident WHEN 'f' THEN 'FULL' ELSE 'NOTHING' END);
    END IF;
    FOR r IN
        SELECT pg_catalog.pg_get_triggerdef(t.oid) AS definition, t.tgname, t.tgenabled FROM pg_catalog.pg_trigger t
         WHERE t.tgrelid = target AND NOT t.tgisinternal ORDER BY t.tgname
    LOOP
        after_rename := after_rename || r.definition;
        IF r.tgenabled <> 'O' THEN
            after_rename := after_rename || format('ALTER TABLE %I %s TRIGGER %I', table_name,
                CASE r.tgenabled WHEN 'D' THEN 'DISABLE' WHEN 'R' THEN 'ENABLE REPLICA' ELSE 'ENABLE ALWAYS' END, r.tgname);
        END IF;
    END LOOP;
    FOR r IN
        SELECT d.objsubid, a.attname, d.description FROM pg_catalog.pg_description d
          LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = d.objoid AND a.attnum = d.objsubid
         WHERE d.objoid = target AND d.classoid = 'pg_catalog.pg_class'::regclass
    LOOP
        IF r.objsubid = 0 THEN after_rename := after_rename || format('COMMENT ON TABLE %I IS %L', table_name, r.description);
        ELSE after_rename := after_rename || format('COMMENT ON COLUMN %I.%I IS %L', table_name, r.attname, r.description);
        END IF;
    END LOOP;
    IF table_state.relrowsecurity THEN after_rename := after_rename || format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', table_name); END IF;
    IF table_state.relforcerowsecurity THEN after_rename := after_rename || format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', table_name); END IF;
    FOR r IN
        SELECT NULL::text AS column_name, p.privilege_type, p.is_grantable, p.grantee FROM pg_catalog.pg_class c, aclexplode(c.relacl) p
         WHERE c.oid = target AND p.grantee <> c.relowner
        UNION ALL
        SELECT a.attname::text, p.privilege_type, p.is_grantable, p.grantee FROM pg_catalog.pg_attribute a, aclexplode(a.attacl) p
         WHERE a.attrelid = target AND a.attnum > 0 AND NOT a.attisdropped
    LOOP
        after_rename := after_rename || format('GRANT %s%s ON TABLE %I TO %s%s', r.privilege_type,
            CASE WHEN r.column_name IS NULL THEN '' ELSE format(' (%I)', r.column_name) END, table_name,
            CASE WHEN r.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_catalog.pg_get_userbyid(r.grantee)) END,
            CASE WHEN r.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END);
    END LOOP;
    IF table_state.owner <> current_user THEN
        after_rename := after_rename || format('ALTER TABLE %I OWNER TO %I', table_name, table_state.owner);
    END IF;

    EXECUTE format('CREATE %sTABLE %I (%s)%s%s', CASE WHEN table_state.relpersistence = 'u' THEN 'UNLOGGED ' ELSE '' END, temporary, definitions,
        CASE WHEN table_state.reloptions IS NULL THEN '' ELSE ' WITH (' || array_to_string(table_state.reloptions, ', ') || ')' END,
        CASE WHEN table_state.reltablespace = 0 THEN ''
             ELSE format(' TABLESPACE %I', (SELECT s.spcname FROM pg_catalog.pg_tablespace s WHERE s.oid = table_state.reltablespace)) END);
    EXECUTE format('INSERT INTO %I (%s) OVERRIDING SYSTEM VALUE SELECT %s FROM %I', temporary, copied, copied, table_name);
    FOREACH statement IN ARRAY before_drop LOOP EXECUTE statement; END LOOP;
    EXECUTE format('DROP TABLE %I', table_name);
    EXECUTE format('ALTER TABLE %I RENAME TO %I', temporary, table_name);
    -- Identity sequences take their old names and positions.
    FOR i IN 1 .. coalesce(array_length(identities, 1), 0) LOOP
        EXECUTE format('ALTER SEQUENCE %s RENAME TO %I',
                       pg_catalog.pg_get_serial_sequence(format('%I.%I', current_schema(), table_name), identities[i]), identity_names[i]);
        PERFORM pg_catalog.setval(identity_sequences[i], identity_values[i], identity_called[i]);
    END LOOP;
    FOREACH statement IN ARRAY after_rename LOOP EXECUTE statement; END LOOP;
END
)sql";

}  // namespace detail

// DO $tabula$ DECLARE table_name text := 't'; declared text[] := ARRAY['a', 'b']::text[]; ... $tabula$
// `declared` lists the table's columns as its model declares them. Names holding "$tabula$"
// would end the block early: schema editors refuse them before rendering.
template <class Sink>
constexpr void reorder_columns(statement_writer<Sink>& w, std::string_view table, std::span<const std::string_view> declared) {
    w.put("DO $tabula$\nDECLARE\n    table_name text := ");
    string_literal(w, table);
    w.put(";\n    declared text[] := ARRAY[");
    for (std::size_t i = 0; i < declared.size(); ++i) {
        if (i) w.put(", ");
        string_literal(w, declared[i]);
    }
    w.put("]::text[];");
    w.put(detail::reorder_columns_body);
    w.put("$tabula$");
}

}  // namespace tabula::sql
