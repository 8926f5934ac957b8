package dev.datamigration.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datamigration.engine.copy.CopyOptions;
import dev.datamigration.engine.copy.InMemoryCheckpointStore;
import dev.datamigration.engine.copy.ProgressListener;
import dev.datamigration.engine.dialect.postgres.PostgresDialect;
import dev.datamigration.engine.testing.H2Dialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link CopyRequest}: its defaults, what each {@code with...} changes, and the refusal of a missing part. */
class CopyRequestTest {

    private Connection source;
    private Connection target;

    @BeforeEach
    void open() throws Exception {
        source = DriverManager.getConnection("jdbc:h2:mem:request-source");
        target = DriverManager.getConnection("jdbc:h2:mem:request-target");
    }

    @AfterEach
    void close() throws Exception {
        source.close();
        target.close();
    }

    @Test
    void ofHoldsTheDefaults() {
        CopyRequest request = CopyRequest.of(source, target, List.of("Sales", "Crm"), "Sales");
        assertThat(request.source()).isSameAs(source);
        assertThat(request.target()).isSameAs(target);
        assertThat(request.scope()).containsExactly("Sales", "Crm");
        assertThat(request.app()).isEqualTo("Sales");
        assertThat(request.sourceDialect()).isNull();
        assertThat(request.targetDialect()).isNull();
        assertThat(request.options()).isEqualTo(CopyOptions.defaults());
        assertThat(request.checkpoints()).isInstanceOf(InMemoryCheckpointStore.class);
        assertThat(request.listener()).isSameAs(ProgressListener.NONE);
        assertThat(request.sourceConnections()).isSameAs(ConnectionFactory.NONE);
        assertThat(request.targetConnections()).isSameAs(ConnectionFactory.NONE);
        assertThat(CopyRequest.of(source, target, List.of("Sales"), "Sales").checkpoints())
                .isNotSameAs(request.checkpoints());
    }

    @Test
    void eachWithChangesOnlyItsOwnPart() {
        CopyRequest base = CopyRequest.of(source, target, List.of("Sales"), "Sales");
        H2Dialect h2 = new H2Dialect();
        PostgresDialect pg = new PostgresDialect();
        CopyOptions options = CopyOptions.defaults().withStreams(2);
        InMemoryCheckpointStore store = new InMemoryCheckpointStore();
        ProgressListener listener = new ProgressListener() {
        };
        ConnectionFactory sources = () -> source;
        ConnectionFactory targets = () -> target;
        CopyRequest request = base.withDialects(h2, pg).withOptions(options).withCheckpoints(store)
                .withListener(listener).withConnections(sources, targets);
        assertThat(request).isEqualTo(new CopyRequest(source, h2, target, pg, List.of("Sales"), "Sales", options,
                store, listener, sources, targets));
        assertThat(base.withOptions(options)).isEqualTo(new CopyRequest(source, null, target, null, List.of("Sales"),
                "Sales", options, base.checkpoints(), ProgressListener.NONE, ConnectionFactory.NONE,
                ConnectionFactory.NONE));
    }

    @Test
    void aMissingPartIsRefusedByName() {
        CopyRequest ok = CopyRequest.of(source, target, List.of("Sales"), "Sales");
        assertThatThrownBy(() -> CopyRequest.of(null, target, List.of("Sales"), "Sales"))
                .isInstanceOf(NullPointerException.class).hasMessage("a copy needs a source connection");
        assertThatThrownBy(() -> CopyRequest.of(source, null, List.of("Sales"), "Sales"))
                .isInstanceOf(NullPointerException.class).hasMessage("a copy needs a target connection");
        assertThatThrownBy(() -> CopyRequest.of(source, target, null, "Sales"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("a copy needs the migration's scope (its applications)");
        assertThatThrownBy(() -> CopyRequest.of(source, target, List.of("Sales"), null))
                .isInstanceOf(NullPointerException.class).hasMessage("a copy needs the application to copy");
        assertThatThrownBy(() -> ok.withOptions(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("a copy needs options (CopyOptions.defaults() when none are set)");
        assertThatThrownBy(() -> ok.withCheckpoints(null))
                .isInstanceOf(NullPointerException.class).hasMessage("a copy needs a checkpoint store");
        assertThatThrownBy(() -> ok.withListener(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("a copy needs a listener (ProgressListener.NONE when nothing listens)");
        assertThatThrownBy(() -> ok.withConnections(null, ConnectionFactory.NONE))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("a copy needs a source connection factory (ConnectionFactory.NONE when there is none)");
        assertThatThrownBy(() -> ok.withConnections(ConnectionFactory.NONE, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("a copy needs a target connection factory (ConnectionFactory.NONE when there is none)");
    }

    @Test
    void withoutDialectsTheConnectionsUrlsPickThem() {
        // H2 is no registered dialect: the URL is asked, and refused before anything is read.
        assertThatThrownBy(() -> Engine.copy(CopyRequest.of(source, target, List.of("Sales"), "Sales")))
                .isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.permanent()).isTrue())
                .hasMessage("no copy dialect for jdbc:h2: supported are jdbc:postgresql, jdbc:sqlserver and"
                        + " jdbc:oracle");
    }
}
