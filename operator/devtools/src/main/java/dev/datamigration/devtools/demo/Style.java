package dev.datamigration.devtools.demo;

/**
 * How the demo draws: ANSI colours or none, Unicode block characters or plain ASCII. A terminal gets Unicode (and
 * colours unless turned off); a pipe or CI log gets ASCII without escape codes, so it reads well in any viewer.
 */
public record Style(boolean color, boolean unicode) {

    private static final String RESET = "\u001b[0m";

    /** Plain ASCII, no escape codes: CI logs, pipes, tests. */
    public static Style plain() {
        return new Style(false, false);
    }

    /** A terminal: Unicode, colours when {@code color}. */
    public static Style terminal(boolean color) {
        return new Style(color, true);
    }

    public String bold(String text) {
        return paint("1", text);
    }

    public String dim(String text) {
        return paint("2", text);
    }

    public String green(String text) {
        return paint("32", text);
    }

    public String red(String text) {
        return paint("31", text);
    }

    public String yellow(String text) {
        return paint("33", text);
    }

    public String cyan(String text) {
        return paint("36", text);
    }

    private String paint(String code, String text) {
        return color && !text.isEmpty() ? "\u001b[" + code + "m" + text + RESET : text;
    }

    /** A bar of {@code width} cells, {@code done} of {@code total} filled (an empty bar when total is 0). */
    public String bar(long done, long total, int width) {
        int filled = total <= 0 ? 0 : (int) Math.min(width, done * width / total);
        String full = (unicode ? "\u2588" : "#").repeat(filled);
        String empty = (unicode ? "\u2591" : ".").repeat(width - filled);
        return green(full) + dim(empty);
    }

    public String arrow() {
        return unicode ? "\u2192" : "->";
    }

    public String check() {
        return unicode ? "\u2713" : "ok";
    }

    public String cross() {
        return unicode ? "\u2717" : "FAILED";
    }

    public String separator() {
        return unicode ? "\u00b7" : "|";
    }
}
