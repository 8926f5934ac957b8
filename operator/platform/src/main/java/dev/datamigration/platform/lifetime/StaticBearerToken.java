package dev.datamigration.platform.lifetime;

import dev.datamigration.platform.http.Authenticator;
import java.util.Objects;

/**
 * A LifeTime service-account token. It cannot be renewed from here (a new one is generated in LifeTime and put into
 * the Secret), so a 401 is final.
 */
final class StaticBearerToken implements Authenticator {

    private final String header;
    private final String hint;

    StaticBearerToken(String token, String hint) {
        this.header = "Bearer " + Objects.requireNonNull(token, "token");
        this.hint = hint;
    }

    @Override
    public String authorizationHeader() {
        return header;
    }

    @Override
    public boolean renewAfterUnauthorized(String rejectedHeader) {
        return false;
    }

    @Override
    public String credentialHint() {
        return hint;
    }

    @Override
    public String toString() {
        return "StaticBearerToken[" + hint + "]";
    }
}
