package dev.datamigration.devtools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code simulator --state FILE}: serves the state file over HTTP until interrupted; bad input exits 2. */
class SimulatorCommandTest {

    private static final Pattern LIFETIME_URL = Pattern.compile("O11 LifeTime API url: (\\S+)");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandLine command() {
        CommandLine cli = new CommandLine(new SimulatorCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli;
    }

    @Test
    void servesTheStateFileAndPrintsItsUrlsUntilInterrupted() throws Exception {
        Path state = dir.resolve("state.yaml");
        Files.writeString(state, """
                lifetime:
                  tokens: [cli-token]
                  environments: [{name: Production}, {name: QA}]
                """, StandardCharsets.UTF_8);
        AtomicInteger exit = new AtomicInteger(-1);
        Thread runner = new Thread(() -> exit.set(command().execute("--state", state.toString())));
        runner.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> LIFETIME_URL.matcher(out.toString()).find());
            Matcher m = LIFETIME_URL.matcher(out.toString());
            assertThat(m.find()).isTrue();
            String lifeTimeUrl = m.group(1);
            assertThat(lifeTimeUrl).matches("http://127\\.0\\.0\\.1:\\d+/lifetimeapi/rest/v2");
            assertThat(out.toString()).contains("ODC portal url:       " + lifeTimeUrl.replace("/lifetimeapi/rest/v2",
                    ""));

            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(lifeTimeUrl + "/environments/"))
                            .header("Authorization", "Bearer cli-token").build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"Name\":\"Production\"", "\"Name\":\"QA\"");
        } finally {
            runner.interrupt();
            runner.join(Duration.ofSeconds(30).toMillis());
        }
        assertThat(runner.isAlive()).isFalse();
        assertThat(exit.get()).isZero();
    }

    @Test
    void missingStateFileExits2WithAClearMessage() {
        int code = command().execute("--state", dir.resolve("nope.yaml").toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("state file " + dir.resolve("nope.yaml")
                + " does not exist or is not a file" + System.lineSeparator());
    }

    @Test
    void invalidStateFileExits2NamingTheProblem() throws Exception {
        Path state = dir.resolve("bad.yaml");
        Files.writeString(state, "lifetime: {tokens: [t], environmentz: []}\n", StandardCharsets.UTF_8);

        int code = command().execute("--state", state.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("cannot read state file " + state + ": Unrecognized field"
                + " \"environmentz\"");
    }

    @Test
    void stateOptionIsRequiredAndTheCommandIsRegistered() {
        assertThat(command().execute()).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--state=FILE'");
        assertThat(new CommandLine(new DevToolsMain()).getSubcommands()).containsKey("simulator");
    }
}
