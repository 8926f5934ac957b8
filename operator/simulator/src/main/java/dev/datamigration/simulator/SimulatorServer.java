package dev.datamigration.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.datamigration.platform.EndUserDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform simulator: one HTTP server on 127.0.0.1 serving the LifeTime API v2 (under
 * {@code /lifetimeapi/rest/v2}) and the ODC APIs (OIDC discovery and token endpoint under {@code /identity}, Portfolio
 * v2, Deployments v1, Identity v1 under {@code /api}) with the official paths and shapes, from a
 * {@link SimulatorState}. It checks auth, records every call, changes its state on calls and injects faults.
 */
public final class SimulatorServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorServer.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI url;
    private final CallLog calls = new CallLog();
    private final Faults faults = new Faults();
    private final LifeTimeWorld lifeTime;
    private final OdcWorld odc;
    private final AdminApi admin;
    private final List<SimulatedApi> apis;

    private SimulatorServer(SimulatorState state, int port) throws IOException {
        this.lifeTime = new LifeTimeWorld(state.lifetime());
        this.odc = new OdcWorld(state.odc());
        state.faults().forEach(faults::add);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        this.url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        this.admin = new AdminApi(calls, faults);
        this.apis = List.of(new LifeTimeApi(lifeTime), new OdcOAuthApi(odc, url.toString()),
                new OdcPortfolioApi(odc), new OdcDeploymentsApi(odc), new OdcUsersApi(odc));
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "platform-simulator-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
        server.start();
    }

    /** Starts on a random free port. */
    public static SimulatorServer start(SimulatorState state) {
        return start(state, 0);
    }

    /** Starts on {@code port} (0 = a random free port) of 127.0.0.1. */
    public static SimulatorServer start(SimulatorState state, int port) {
        try {
            return new SimulatorServer(state, port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the platform simulator on 127.0.0.1:" + port + ": "
                    + e.getMessage(), e);
        }
    }

    /** {@code http://127.0.0.1:<port>}: also the ODC portal URL. */
    public URI url() {
        return url;
    }

    /** The LifeTime API v2 base URL, as an O11 {@code platformApi.url}. */
    public String lifeTimeApiUrl() {
        return url + LifeTimeApi.BASE;
    }

    /** The ODC portal URL, as an ODC {@code platformApi.url}. */
    public String odcPortalUrl() {
        return url.toString();
    }

    /** Every recorded call so far. */
    public List<RecordedCall> calls() {
        return calls.all();
    }

    public CallLog callLog() {
        return calls;
    }

    /** The active faults; add to them at run time. */
    public Faults faults() {
        return faults;
    }

    /** Whether the LifeTime environment with this name is in maintenance mode now. */
    public boolean maintenanceMode(String environmentName) {
        return lifeTime.environmentNamed(environmentName)
                .map(e -> lifeTime.maintenanceMode(e.key()))
                .orElseThrow(() -> new IllegalArgumentException("no LifeTime environment named '" + environmentName
                        + "' in the simulator state"));
    }

    /** The revision of the ODC app running in the stage now, if it is deployed there. */
    public Optional<Integer> deployedRevision(String stageName, String appName) {
        SimulatorState.Stage stage = odc.stageByNameOrKey(stageName).orElseThrow(() ->
                new IllegalArgumentException("no ODC stage named '" + stageName + "' in the simulator state"));
        SimulatorState.Asset asset = odc.assetNamed(appName).orElseThrow(() ->
                new IllegalArgumentException("no ODC asset named '" + appName + "' in the simulator state"));
        return Optional.ofNullable(odc.deployments(asset.key()).get(stage.key())).map(OdcWorld.Deployed::revision);
    }

    /** ODC end users now. */
    public List<EndUserDirectory.EndUser> odcUsers() {
        return odc.users().stream()
                .map(u -> new EndUserDirectory.EndUser(u.key(), u.email(), u.name(), u.isActive()))
                .toList();
    }

    /** Invalidates every ODC access token issued so far (the next API call answers 401). */
    public void revokeOdcTokens() {
        odc.revokeTokens();
    }

    /** How many ODC access tokens the token endpoint has issued. */
    public int odcTokensIssued() {
        return odc.tokensIssued();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void exchange(HttpExchange exchange) {
        try (exchange) {
            SimRequest request = read(exchange);
            if (admin.serves(request.path())) {
                write(exchange, admin.handle(request));
                return;
            }
            Instant at = Instant.now();
            String appliedFault = null;
            SimResponse response = null;
            for (FaultRule fault : faults.take(request.method(), request.path())) {
                appliedFault = fault.kind().name();
                if (fault.kind() == FaultRule.Kind.LATENCY) {
                    Thread.sleep(fault.millis());
                } else if (fault.kind() == FaultRule.Kind.TIMEOUT) {
                    response = faultResponse(request, 504);
                    record(at, request, response, appliedFault); // now: the client gives up before the answer
                    Thread.sleep(fault.millis());
                    write(exchange, response);
                    return;
                } else {
                    response = faultResponse(request, fault.status());
                    break;
                }
            }
            if (response == null) {
                response = dispatch(request);
            }
            record(at, request, response, appliedFault);
            write(exchange, response);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the simulator is closing
        } catch (IOException e) {
            LOG.debug("simulator: client went away: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("simulator: failed to handle {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
        }
    }

    private void record(Instant at, SimRequest request, SimResponse response, String fault) {
        calls.add(new RecordedCall(at, request.method(), request.path(),
                request.rawQuery() == null ? "" : request.rawQuery(), CallLog.redact(request.body()),
                request.authorization() != null, response.status(), fault));
    }

    private SimResponse dispatch(SimRequest request) {
        for (SimulatedApi api : apis) {
            if (api.serves(request.path())) {
                return api.handle(request);
            }
        }
        return SimResponse.problem(404, "Not Found", "The simulator serves no API at " + request.path());
    }

    /** A fault's answer in the shape of the API the call was for. */
    private static SimResponse faultResponse(SimRequest request, int status) {
        String message = "Injected fault: HTTP " + status;
        if (request.path().startsWith(LifeTimeApi.BASE)) {
            return SimResponse.lifeTimeError(status, message);
        }
        if (request.path().startsWith("/identity/")) {
            return SimResponse.oauthError(status, "temporarily_unavailable", message);
        }
        SimResponse problem = SimResponse.problem(status, "Injected fault", message);
        return status == 429 ? new SimResponse(429, problem.body(), Map.of("Retry-After", "1")) : problem;
    }

    private static SimRequest read(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        URI uri = exchange.getRequestURI();
        return SimRequest.of(exchange.getRequestMethod(), uri.getPath(), uri.getRawQuery(),
                new String(body, StandardCharsets.UTF_8), exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Content-Type"));
    }

    private static void write(HttpExchange exchange, SimResponse response) throws IOException {
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        if (response.body().length == 0) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(response.status(), response.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response.body());
        }
    }
}
