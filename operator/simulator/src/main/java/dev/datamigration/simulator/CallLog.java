package dev.datamigration.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Every call the simulator received, in arrival order, kept in memory. */
public final class CallLog {

    private static final Pattern CLIENT_SECRET = Pattern.compile("(client_secret=)[^&]*");

    private final List<RecordedCall> calls = new ArrayList<>();

    synchronized void add(RecordedCall call) {
        calls.add(call);
    }

    public synchronized List<RecordedCall> all() {
        return List.copyOf(calls);
    }

    /** Calls with this method whose path matches the regular expression. */
    public synchronized List<RecordedCall> matching(String method, String pathRegex) {
        Pattern pattern = Pattern.compile(pathRegex);
        return calls.stream()
                .filter(c -> c.method().equals(method) && pattern.matcher(c.path()).matches())
                .toList();
    }

    public synchronized void clear() {
        calls.clear();
    }

    /** The body as it may be shown: secrets in form bodies masked. */
    static String redact(String body) {
        return body == null ? "" : CLIENT_SECRET.matcher(body).replaceAll("$1***");
    }

}
