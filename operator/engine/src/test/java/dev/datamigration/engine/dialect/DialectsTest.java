package dev.datamigration.engine.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datamigration.engine.MigrationException;
import dev.datamigration.engine.dialect.oracle.OracleDialect;
import dev.datamigration.engine.dialect.postgres.PostgresDialect;
import dev.datamigration.engine.dialect.sqlserver.SqlServerDialect;
import org.junit.jupiter.api.Test;

/** The registry of dialects: each registered dialect picks the URLs it handles; what every dialect says of itself. */
class DialectsTest {

    @Test
    void dialectsArePickedByUrl() {
        assertThat(Dialects.forUrl("jdbc:sqlserver://db:1433;databaseName=os;encrypt=true"))
                .isInstanceOf(SqlServerDialect.class);
        assertThat(Dialects.forUrl("jdbc:oracle:thin:@tcps://db:2484/OS")).isInstanceOf(OracleDialect.class);
        assertThat(Dialects.forUrl("jdbc:postgresql://db/os")).isInstanceOf(PostgresDialect.class);
        assertThatThrownBy(() -> Dialects.forUrl("jdbc:mysql://db/os"))
                .isInstanceOf(MigrationException.class)
                .hasMessage("no copy dialect for jdbc:mysql: supported are jdbc:postgresql, jdbc:sqlserver and"
                        + " jdbc:oracle");
    }

    @Test
    void eachDialectSaysWhichUrlsItHandles() {
        assertThat(new PostgresDialect().handles("jdbc:postgresql://db/os")).isTrue();
        assertThat(new PostgresDialect().handles("jdbc:postgresql:os")).isTrue();
        assertThat(new PostgresDialect().handles("jdbc:postgres://db/os")).isFalse();
        assertThat(new PostgresDialect().handles("jdbc:sqlserver://db")).isFalse();
        assertThat(new SqlServerDialect().handles("jdbc:sqlserver://db:1433;databaseName=os")).isTrue();
        assertThat(new SqlServerDialect().handles("jdbc:oracle:thin:@db:1521/OS")).isFalse();
        assertThat(new OracleDialect().handles("jdbc:oracle:thin:@db:1521/OS")).isTrue();
        assertThat(new OracleDialect().handles(null)).isFalse();
        assertThatThrownBy(() -> Dialects.forUrl(null))
                .isInstanceOf(MigrationException.class)
                .hasMessage("no copy dialect for (none): supported are jdbc:postgresql, jdbc:sqlserver and"
                        + " jdbc:oracle");
    }

    @Test
    void onlyPostgreSqlToPostgreSqlHasAFastPath() {
        PostgresDialect pg = new PostgresDialect();
        assertThat(pg.fastPathTo(new PostgresDialect())).isPresent();
        assertThat(pg.fastPathTo(new SqlServerDialect())).isEmpty();
        assertThat(pg.fastPathTo(new OracleDialect())).isEmpty();
        assertThat(new SqlServerDialect().fastPathTo(pg)).isEmpty();
        assertThat(new SqlServerDialect().fastPathTo(new SqlServerDialect())).isEmpty();
        assertThat(new OracleDialect().fastPathTo(pg)).isEmpty();
        assertThat(new OracleDialect().fastPathTo(new OracleDialect())).isEmpty();
    }

    @Test
    void onlyPostgreSqlTakesSeveralLoadsOfOneTableAtOnce() {
        assertThat(new PostgresDialect().loadsOneTableConcurrently()).isTrue();
        // SQL Server may escalate a stream's row locks to a table lock while the others wait for the common commit;
        // Oracle has not run against a real server. Both get one writer per entity.
        assertThat(new SqlServerDialect().loadsOneTableConcurrently()).isFalse();
        assertThat(new OracleDialect().loadsOneTableConcurrently()).isFalse();
    }
}
