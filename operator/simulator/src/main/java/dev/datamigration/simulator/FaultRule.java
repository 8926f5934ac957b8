package dev.datamigration.simulator;

import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A fault the simulator injects into calls whose path matches {@code path} (a regular expression over the whole
 * path, without query) and, when given, whose method is {@code method}.
 *
 * @param kind   {@code ERROR}: answer {@code status} (default 503) without handling the call; {@code LATENCY}: wait
 *               {@code millis}, then handle it; {@code TIMEOUT}: hold the call {@code millis} (default 60 000) and
 *               answer 504, longer than a client's timeout
 * @param times  how many matching calls the fault affects; null = every call until cleared
 */
public record FaultRule(String method, String path, Kind kind, Integer status, Long millis, Integer times) {

    /** What the fault does to a call. */
    public enum Kind {
        ERROR,
        LATENCY,
        TIMEOUT
    }

    public FaultRule {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("a fault needs a path pattern");
        }
        try {
            Pattern.compile(path);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("fault path '" + path + "' is not a regular expression: "
                    + e.getDescription(), e);
        }
        if (kind == null) {
            throw new IllegalArgumentException("fault for '" + path + "' needs a kind (ERROR, LATENCY or TIMEOUT)");
        }
        method = method == null ? null : method.toUpperCase(Locale.ROOT);
        if (kind == Kind.ERROR) {
            status = status == null ? 503 : status;
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("fault status must be 4xx or 5xx, was " + status);
            }
        }
        if (kind == Kind.LATENCY && (millis == null || millis < 0)) {
            throw new IllegalArgumentException("a LATENCY fault needs millis >= 0");
        }
        if (kind == Kind.TIMEOUT) {
            millis = millis == null ? 60_000L : millis;
        }
        if (times != null && times < 1) {
            throw new IllegalArgumentException("fault times must be at least 1 (leave it out for every call)");
        }
    }

    /** {@code status} for the next {@code times} calls matching {@code path}. */
    public static FaultRule error(String path, int status, Integer times) {
        return new FaultRule(null, path, Kind.ERROR, status, null, times);
    }

    /** A delay of {@code millis} before each of the next {@code times} matching calls. */
    public static FaultRule latency(String path, long millis, Integer times) {
        return new FaultRule(null, path, Kind.LATENCY, null, millis, times);
    }

    /** Holds the next {@code times} matching calls for {@code millis}, then answers 504. */
    public static FaultRule timeout(String path, long millis, Integer times) {
        return new FaultRule(null, path, Kind.TIMEOUT, null, millis, times);
    }

    /** The same fault, only for calls with this HTTP method. */
    public FaultRule forMethod(String httpMethod) {
        return new FaultRule(httpMethod, path, kind, status, millis, times);
    }

    boolean matches(String requestMethod, String requestPath) {
        return (method == null || method.equals(requestMethod)) && Pattern.matches(path, requestPath);
    }
}
