package dev.datamigration.platform.http;

import dev.datamigration.platform.PlatformException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP layer every adapter shares: JDK HttpClient, connect and per-attempt timeouts, bounded retries with
 * exponential backoff and jitter for transient failures only (connect errors, timeouts, 5xx, 429 honouring
 * Retry-After), one re-authentication after a 401, and {@link PlatformException}s whose messages name the
 * platform, method, path (no query) and status, never a credential.
 */
public final class PlatformHttp {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformHttp.class);

    private final String platformName;
    private final String metricTag;
    private final String baseUrl;
    private final Authenticator authenticator;
    private final HttpSettings settings;
    private final CallObserver observer;
    private final HttpClient client;
    private final Backoff backoff;
    private final Clock clock;

    /**
     * @param platformName name used in messages ("LifeTime", "ODC")
     * @param metricTag    platform tag for the {@link CallObserver} ("lifetime", "odc")
     * @param baseUrl      URL that request paths are appended to
     * @param authenticator source of the Authorization header; may be null when every request is unauthenticated
     */
    public PlatformHttp(String platformName, String metricTag, String baseUrl, Authenticator authenticator,
            HttpSettings settings, CallObserver observer) {
        this.platformName = Objects.requireNonNull(platformName, "platformName");
        this.metricTag = Objects.requireNonNull(metricTag, "metricTag");
        this.baseUrl = stripTrailingSlash(Objects.requireNonNull(baseUrl, "baseUrl"));
        this.authenticator = authenticator;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
        this.clock = Clock.systemUTC();
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String platformName() {
        return platformName;
    }

    /** Sends a request to {@code baseUrl + path}. */
    public ApiResponse send(ApiRequest request) {
        return sendTo(URI.create(baseUrl + request.pathAndQuery()), request);
    }

    /** Sends a request to an absolute URL (e.g. a token endpoint found through discovery). */
    public ApiResponse sendTo(URI uri, ApiRequest request) {
        long started = System.nanoTime();
        boolean reauthenticated = false;
        int attempt = 0;
        while (true) {
            attempt++;
            long attemptStart = System.nanoTime();
            Failure failure;
            String authorization = request.authenticated() && authenticator != null
                    ? authenticator.authorizationHeader() : null;
            try {
                HttpResponse<byte[]> response = client.send(build(uri, request, authorization),
                        HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    observe(request, CallObserver.Outcome.SUCCESS, attemptStart);
                    return new ApiResponse(status, response.body());
                }
                if (status == 401 && authorization != null && !reauthenticated
                        && authenticator.renewAfterUnauthorized(authorization)) {
                    reauthenticated = true;
                    observe(request, CallObserver.Outcome.RETRY, attemptStart);
                    LOG.debug("{} {}: 401, retrying once with a renewed credential", platformName,
                            request.describe());
                    attempt--; // a renewed credential does not use up an attempt
                    continue;
                }
                failure = Failure.of(status, response, request.idempotent(), clock);
            } catch (HttpConnectTimeoutException | ConnectException e) {
                failure = Failure.unreachable(uri, e);
            } catch (HttpTimeoutException e) {
                failure = Failure.timedOut(settings.requestTimeout(), request.idempotent());
            } catch (IOException e) {
                failure = Failure.io(e, request.idempotent());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                observe(request, CallObserver.Outcome.FAILURE, attemptStart);
                throw new PlatformException(prefix(request) + " was interrupted", 0, true, e);
            }

            Duration wait = failure.serverWait != null ? backoff.serverRequested(failure.serverWait)
                    : backoff.beforeRetry(attempt);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            boolean retry = failure.retryable && attempt < settings.maxAttempts()
                    && elapsed.plus(wait).compareTo(settings.callDeadline()) < 0;
            if (!retry) {
                observe(request, CallObserver.Outcome.FAILURE, attemptStart);
                throw failure.toException(this, request, attempt);
            }
            observe(request, CallObserver.Outcome.RETRY, attemptStart);
            LOG.info("{} {}: {} (attempt {}/{}), retrying in {} ms", platformName, request.describe(),
                    failure.summary, attempt, settings.maxAttempts(), wait.toMillis());
            sleep(wait, request);
        }
    }

    private HttpRequest build(URI uri, ApiRequest request, String authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Accept", "application/json");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (request.body() != null) {
            builder.header("Content-Type", request.contentType());
            builder.method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
        } else {
            builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
        }
        return builder.build();
    }

    private void sleep(Duration wait, ApiRequest request) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException(prefix(request) + " was interrupted while waiting to retry", 0, true, e);
        }
    }

    private void observe(ApiRequest request, CallObserver.Outcome outcome, long attemptStartNanos) {
        observer.attempt(metricTag, request.operation(), outcome,
                Duration.ofNanos(System.nanoTime() - attemptStartNanos));
    }

    String prefix(ApiRequest request) {
        return platformName + " " + request.describe();
    }

    String credentialHint() {
        return authenticator == null ? "the configured credentials" : authenticator.credentialHint();
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Why one attempt failed, whether it may be retried, and the message if it is the last. */
    private record Failure(int status, String summary, boolean retryable, Duration serverWait, Throwable cause) {

        static Failure of(int status, HttpResponse<byte[]> response, boolean idempotent, Clock clock) {
            String body = ErrorBodies.summary(response.body());
            String summary = "HTTP " + status + (body.isEmpty() ? "" : ": " + body);
            if (status == 429) {
                Optional<Duration> wait = RetryAfter.parse(
                        response.headers().firstValue("Retry-After").orElse(null), clock);
                return new Failure(status, summary, true, wait.orElse(null), null);
            }
            if (status >= 500) {
                return new Failure(status, summary, idempotent, null, null);
            }
            return new Failure(status, summary, false, null, null);
        }

        static Failure unreachable(URI uri, IOException e) {
            String where = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
            // the request never reached the server, so even a POST may be sent again
            return new Failure(0, "cannot connect to " + where + " (" + e.getClass().getSimpleName() + ")",
                    true, null, e);
        }

        static Failure timedOut(Duration timeout, boolean idempotent) {
            return new Failure(0, "no response within " + timeout.toMillis() + " ms", idempotent, null, null);
        }

        static Failure io(IOException e, boolean idempotent) {
            return new Failure(0, "connection failed (" + e.getClass().getSimpleName() + ")", idempotent, null, e);
        }

        boolean isTransient() {
            return status == 0 || status == 429 || status >= 500;
        }

        PlatformException toException(PlatformHttp http, ApiRequest request, int attempts) {
            StringBuilder message = new StringBuilder(http.prefix(request)).append(" failed: ").append(summary);
            if (attempts > 1) {
                message.append(" (after ").append(attempts).append(" attempts)");
            }
            if (status == 401) {
                message.append(". The platform rejected the credentials: check ").append(http.credentialHint());
            } else if (status == 403) {
                message.append(". The credentials lack the permission for this call: check the role or permissions"
                        + " of ").append(http.credentialHint());
            }
            return new PlatformException(message.toString(), status, isTransient(), cause);
        }
    }
}
