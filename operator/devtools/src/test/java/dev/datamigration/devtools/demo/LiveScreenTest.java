package dev.datamigration.devtools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The live screen overwrites its last frame in place and gives the cursor back at the end. */
class LiveScreenTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final LiveScreen screen = new LiveScreen(new PrintStream(bytes, true, StandardCharsets.UTF_8),
            new Dashboard(Style.plain()));

    @Test
    void eachFrameMovesUpOverThePreviousOneAndClearsWhatIsLeftBelow() {
        assertThat(screen.frame(List.of("one", "two"))).isEqualTo(
                "\u001b[?25l\r\u001b[2Kone\n\r\u001b[2Ktwo\n\u001b[J");
        assertThat(screen.frame(List.of("three"))).isEqualTo("\u001b[2A\r\u001b[2Kthree\n\u001b[J");
        assertThat(screen.frame(List.of("four", "five"))).isEqualTo(
                "\u001b[1A\r\u001b[2Kfour\n\r\u001b[2Kfive\n\u001b[J");
    }

    @Test
    void afterAStopNothingIsDrawnOverWhatComesNext() {
        screen.draw(Samples.copying(), Duration.ofSeconds(42), 2558);
        screen.stop();
        int written = bytes.size();

        screen.draw(Samples.copying(), Duration.ofSeconds(43), 2600);
        screen.end(Samples.succeeded(), Duration.ofSeconds(60), 0);

        assertThat(bytes.toString(StandardCharsets.UTF_8)).endsWith("\u001b[J\u001b[?25h");
        assertThat(bytes.size()).isEqualTo(written);
    }

    @Test
    void endDrawsTheLastFrameAndShowsTheCursorAgainOnce() {
        screen.draw(Samples.copying(), Duration.ofSeconds(42), 2558);
        screen.end(Samples.succeeded(), Duration.ofSeconds(60), 0);
        screen.stop();

        String written = bytes.toString(StandardCharsets.UTF_8);
        assertThat(written).startsWith("\u001b[?25l\r\u001b[2Kprod-to-qa  Production -> QA");
        assertThat(written).contains("\u001b[7A\r\u001b[2Kprod-to-qa");
        assertThat(written).endsWith("\u001b[J\u001b[?25h\n");
        assertThat(written.split("\u001b\\[\\?25h", -1)).hasSize(2);
    }
}
