package dev.datamigration.platform.http;

/**
 * Supplies the Authorization header of a platform call. Implementations keep the secret to themselves: only
 * {@link #credentialHint()} may appear in a message, and it names where the credential comes from, not its value.
 */
public interface Authenticator {

    /** The full header value, e.g. {@code Bearer ...}. May call the platform (token endpoint). */
    String authorizationHeader();

    /**
     * The platform answered 401 to a request sent with {@code rejectedHeader}. Returns true when a fresh credential
     * can be fetched and the request is worth sending once more (a cached token expired or was revoked).
     */
    boolean renewAfterUnauthorized(String rejectedHeader);

    /** Where the credential comes from, for error messages (e.g. "the token in Secret key 'token'"). */
    String credentialHint();
}
