package dev.datamigration.engine.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The exact SQL the PostgreSQL dialect sends where it asks the engine's own catalog functions. */
class PostgresSqlTest {

    @Test
    void privilegeQueryAsksTheEnginesOwnPrivilegeFunctions() {
        assertThat(PostgresDialect.RIGHTS_SQL).isEqualTo("SELECT has_table_privilege(t.oid, 'SELECT'),"
                + " has_table_privilege(t.oid, 'INSERT'), has_table_privilege(t.oid, 'UPDATE'),"
                + " has_table_privilege(t.oid, 'DELETE'), s.name, has_sequence_privilege(s.name, 'UPDATE')"
                + " FROM (SELECT to_regclass(?) AS oid) t CROSS JOIN (SELECT pg_get_serial_sequence(?, ?) AS name) s");
    }
}
