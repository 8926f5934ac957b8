package dev.datamigration.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class OperatorCommandTest {

    private static OperatorCommand parse(String... args) {
        OperatorCommand command = new OperatorCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    @DisplayName("Flags become the operator's namespaces, Job settings and Lease")
    void flags() {
        OperatorCommand command = parse("--watch-namespaces", " refresh, qa ,,refresh", "--copier-image",
                "registry.example/datamigration:1.0", "--copier-service-account", "dm-jobs", "--copier-user",
                "2000", "--metrics-port", "9090", "--lease-name", "dm-lease", "--lease-namespace", "dm-system",
                "--identity", "datamigration-operator-7c9f-abcde");
        assertThat(command.problem()).isEmpty();
        assertThat(command.namespaces()).containsExactly("refresh", "qa");
        assertThat(command.settings().copierImage()).isEqualTo("registry.example/datamigration:1.0");
        assertThat(command.settings().copierServiceAccount()).isEqualTo("dm-jobs");
        assertThat(command.settings().copierUser()).isEqualTo(2000L);
        assertThat(command.metricsPort).isEqualTo(9090);
        var lease = command.leaderElectionConfiguration().orElseThrow();
        assertThat(lease.getLeaseName()).isEqualTo("dm-lease");
        assertThat(lease.getLeaseNamespace()).contains("dm-system");
        assertThat(lease.getIdentity()).contains("datamigration-operator-7c9f-abcde");
    }

    @Test
    @DisplayName("Without flags: all namespaces, default service account, and leader election can be switched off")
    void defaults() {
        OperatorCommand command = parse("--copier-image", "img:1", "--leader-election=false");
        assertThat(command.namespaces()).isEmpty();
        assertThat(command.settings().copierServiceAccount()).isEqualTo("datamigration-copier");
        assertThat(command.settings().copierUser()).isEqualTo(10001L);
        assertThat(command.leaderElectionConfiguration()).isEmpty();
        assertThat(command.problem()).isEmpty();
    }

    @Test
    @DisplayName("Configuration mistakes are refused with exit code 2 and a plain message, before any connection")
    void mistakes() {
        assertThat(parse("--leader-election=false").problem()).contains(
                "--copier-image (or env COPIER_IMAGE) is required: the image of the plan and copy Jobs");
        assertThat(parse("--copier-image", "img:1", "--copier-user", "0", "--leader-election=false").problem())
                .contains("--copier-user must be a non-root numeric user id, was 0");
        assertThat(parse("--copier-image", "img:1", "--metrics-port", "70000", "--leader-election=false").problem())
                .contains("--metrics-port must be between 0 and 65535, was 70000");
        if (System.getenv("POD_NAME") == null) {
            assertThat(parse("--copier-image", "img:1").problem()).isEqualTo(Optional.of(
                    "leader election needs an identity: set --identity or env POD_NAME (or --leader-election=false)"));
        }

        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new Main()).setErr(new PrintWriter(err));
        int exit = commandLine.execute("operator", "--metrics-port", "-1", "--copier-image", "img:1",
                "--leader-election=false");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("--metrics-port must be between 0 and 65535, was -1"
                + System.lineSeparator());
    }
}
