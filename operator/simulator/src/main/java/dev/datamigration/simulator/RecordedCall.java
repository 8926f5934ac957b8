package dev.datamigration.simulator;

import java.time.Instant;

/**
 * One call the simulator received. {@code body} is the request body as text with any {@code client_secret} value
 * replaced by {@code ***}; the Authorization header is never kept, only whether one was sent.
 *
 * @param status the status the simulator answered (a fault's status when one was injected)
 * @param fault  the injected fault kind, or null
 */
public record RecordedCall(Instant at, String method, String path, String query, String body, boolean authorization,
        int status, String fault) {
}
