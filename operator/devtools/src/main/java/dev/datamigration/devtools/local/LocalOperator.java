package dev.datamigration.devtools.local;

import dev.datamigration.controller.DataMigrationOperator;
import dev.datamigration.controller.OperatorSettings;
import dev.datamigration.platform.PlatformClients;
import dev.datamigration.platform.http.HttpSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** The real operator, configured for local mode: every namespace, no leader election, quick polling. */
public final class LocalOperator {

    /** The image name local Jobs carry; the Job runner runs this program instead of pulling an image. */
    public static final String LOCAL_IMAGE = "datamigration:local";

    private LocalOperator() {
    }

    public static OperatorLauncher launcher() {
        return launcher(OperatorSettings.defaults(LOCAL_IMAGE)
                .withPacing(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(5), 6));
    }

    public static OperatorLauncher launcher(OperatorSettings settings) {
        return client -> {
            DataMigrationOperator operator = new DataMigrationOperator(client, Set.of(), settings,
                    connection -> PlatformClients.create(connection.platform().name(), connection.url(),
                            connection.credentials()),
                    Clock.systemUTC(), new SimpleMeterRegistry(), Optional.empty());
            operator.start();
            return operator;
        };
    }

    /**
     * The operator with the real HTTP platform clients built from {@code http} (timeouts, attempts per call), whose
     * attempts are counted in the operator's metrics as in a cluster.
     */
    public static OperatorLauncher launcher(OperatorSettings settings, HttpSettings http) {
        return client -> {
            DataMigrationOperator operator = DataMigrationOperator.withHttpPlatforms(client, Set.of(), settings, http,
                    new SimpleMeterRegistry(), Optional.empty());
            operator.start();
            return operator;
        };
    }
}
