package dev.datamigration.platform.http;

import java.nio.charset.StandardCharsets;

/** A successful (2xx) platform response. */
public record ApiResponse(int status, byte[] body) {

    public boolean hasBody() {
        return status != 204 && body != null && body.length > 0;
    }

    public String text() {
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }
}
