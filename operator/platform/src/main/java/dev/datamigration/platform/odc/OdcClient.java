package dev.datamigration.platform.odc;

import dev.datamigration.platform.EndUserDirectory;
import dev.datamigration.platform.PlatformClient;
import dev.datamigration.platform.PlatformException;
import dev.datamigration.platform.http.ApiRequest;
import dev.datamigration.platform.http.ApiResponse;
import dev.datamigration.platform.http.CallObserver;
import dev.datamigration.platform.http.HttpSettings;
import dev.datamigration.platform.http.Json;
import dev.datamigration.platform.http.PlatformHttp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@link PlatformClient} for OutSystems Developer Cloud: Portfolio API v2 (stages, deployed assets), Deployments
 * API v1 (undeploy/deploy operations and their polling) and User and Access Management API v1 (end users), with an
 * OAuth 2.0 client-credentials token cached across calls.
 */
public final class OdcClient implements PlatformClient, EndUserDirectory {

    static final String PORTFOLIO = "/api/portfolios/v2";
    static final String DEPLOYMENTS = "/api/deployments/v1";
    static final String IDENTITY = "/api/identity/v1";
    private static final int PAGE_SIZE = 100;

    private final PlatformHttp api;

    /**
     * @param portalUrl the ODC portal, e.g. {@code https://acme.outsystems.dev} (APIs live below {@code /api/...})
     * @param credentialsHint where clientId/clientSecret come from, for messages (never their values)
     */
    public OdcClient(String portalUrl, String clientId, String clientSecret, String credentialsHint,
            HttpSettings settings, CallObserver observer) {
        this(portalUrl, clientId, clientSecret, credentialsHint, settings, observer, Clock.systemUTC());
    }

    OdcClient(String portalUrl, String clientId, String clientSecret, String credentialsHint, HttpSettings settings,
            CallObserver observer, Clock clock) {
        PlatformHttp portal = new PlatformHttp("ODC", "odc", portalUrl, null, settings, observer);
        ClientCredentialsToken token = new ClientCredentialsToken(portal, clientId, clientSecret, credentialsHint,
                clock);
        this.api = new PlatformHttp("ODC", "odc", portalUrl, token, settings, observer);
    }

    /** Portfolio {@code GET /environments}, matched on {@code name} (exact). */
    @Override
    public Environment environment(String name) {
        ApiRequest request = ApiRequest.get("listEnvironments", PORTFOLIO + "/environments");
        OdcModel.EnvironmentList list = Json.read(api.send(request), OdcModel.EnvironmentList.class,
                "ODC " + request.describe());
        List<OdcModel.Stage> stages = list.results() == null ? List.of() : list.results();
        List<OdcModel.Stage> matches = stages.stream().filter(s -> name.equals(s.name())).toList();
        if (matches.size() > 1) {
            throw new PlatformException("ODC has " + matches.size() + " stages named '" + name
                    + "' visible to this API client; stage names must be unique", 0, false);
        }
        if (matches.isEmpty()) {
            String known = stages.stream().map(OdcModel.Stage::name).sorted().collect(Collectors.joining(", "));
            throw new PlatformException("ODC has no stage named '" + name + "' visible to this API client (known: "
                    + (known.isEmpty() ? "none" : known) + ")", 404, false);
        }
        OdcModel.Stage stage = matches.get(0);
        // A hibernated (self-hosted) stage serves no traffic; ODC has no other stopped state.
        return new Environment(stage.key(), stage.name(), "Hibernated".equals(stage.status()));
    }

    /**
     * Portfolio {@code GET /deployed-assets?environmentKey=...&type=WebApplication,MobileApplication}, every page.
     * An app is published and deployed when it has a {@code deployments[]} entry for the stage; that entry's
     * {@code buildKey} and {@code revision} are what a redeploy sends back. Built-in assets are left out.
     */
    @Override
    public List<AppDeployment> applications(Environment environment) {
        List<AppDeployment> apps = new ArrayList<>();
        Integer offset = 0;
        while (offset != null) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("environmentKey", environment.key());
            query.put("type", "WebApplication,MobileApplication");
            query.put("limit", Integer.toString(PAGE_SIZE));
            query.put("offset", offset.toString());
            ApiRequest request = ApiRequest.get("listDeployedAssets", PORTFOLIO + "/deployed-assets", query);
            OdcModel.DeployedAssetPage page = Json.read(api.send(request), OdcModel.DeployedAssetPage.class,
                    "ODC " + request.describe());
            for (OdcModel.DeployedAsset asset : page.results() == null ? List.<OdcModel.DeployedAsset>of()
                    : page.results()) {
                if (!asset.isBuiltIn()) {
                    apps.add(toApp(asset, environment));
                }
            }
            Integer next = page.page() == null ? null : page.page().nextPageOffset();
            offset = next != null && next > offset ? next : null;
        }
        return List.copyOf(apps);
    }

    /** ODC has no public call that stops a stage; the source of a migration is always O11. */
    @Override
    public Operation stopEnvironment(Environment environment, String reason) {
        throw new PlatformException("ODC has no API call to stop stage '" + environment.name()
                + "': an ODC stage cannot be a stopped migration source (source downtime StopEnvironment needs an O11"
                + " source)", 0, false);
    }

    /** Deployments {@code POST /deployment-operations {operation: Undeploy}}, unless one is already running. */
    @Override
    public Operation undeploy(Environment environment, AppDeployment app, String reason) {
        return start(environment, new OdcModel.DeploymentOperationRequest("Undeploy", app.key(), null,
                app.revision(), environment.key()), app);
    }

    /** Deployments {@code POST /deployment-operations {operation: Deploy}} of the build that ran before. */
    @Override
    public Operation redeploy(Environment environment, AppDeployment app, String reason) {
        if (app.buildKey() == null || app.revision() == null) {
            throw new PlatformException("cannot redeploy ODC app '" + app.name() + "' to stage '" + environment.name()
                    + "': its buildKey and revision are unknown (take the app from applications() before undeploying"
                    + " it)", 0, false);
        }
        return start(environment, new OdcModel.DeploymentOperationRequest("Deploy", app.key(), app.buildKey(),
                app.revision(), environment.key()), app);
    }

    /**
     * Deployments {@code GET /deployment-operations/{key}}; for {@code FinishedWithError} the operation's error
     * messages ({@code GET .../messages}) become the message.
     */
    @Override
    public Operation operation(Environment environment, String operationKey) {
        ApiRequest request = ApiRequest.get("getDeploymentOperation",
                DEPLOYMENTS + "/deployment-operations/" + operationKey);
        ApiResponse response;
        try {
            response = api.send(request);
        } catch (PlatformException e) {
            if (e.isNotFound()) {
                throw new PlatformException("ODC has no deployment operation '" + operationKey + "' (stage '"
                        + environment.name() + "')", 404, false, e);
            }
            throw e;
        }
        return toOperation(Json.read(response, OdcModel.DeploymentOperation.class, "ODC " + request.describe()));
    }

    @Override
    public Optional<EndUser> findByEmail(String email) {
        return findProfile(email).map(OdcClient::toUser);
    }

    /** Identity {@code GET /users?limit=100&offset=...}, every page, unfiltered. */
    @Override
    public void eachUser(Consumer<EndUser> consumer) {
        Integer offset = 0;
        while (offset != null) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("limit", Integer.toString(PAGE_SIZE));
            query.put("offset", offset.toString());
            ApiRequest request = ApiRequest.get("listUsers", IDENTITY + "/users", query);
            OdcModel.UserProfilePage page = Json.read(api.send(request), OdcModel.UserProfilePage.class,
                    "ODC " + request.describe());
            (page.results() == null ? List.<OdcModel.UserProfile>of() : page.results()).stream()
                    .map(OdcClient::toUser).forEach(consumer);
            Integer next = page.page() == null ? null : page.page().nextPageOffset();
            offset = next != null && next > offset ? next : null;
        }
    }

    /**
     * Identity {@code GET /users?nameOrEmailContains=}, then {@code POST /users} when missing. An existing user is
     * never changed.
     */
    @Override
    public EndUser findOrCreate(String email, String name, boolean active) {
        Optional<OdcModel.UserProfile> existing = findProfile(email);
        if (existing.isPresent()) {
            return toUser(existing.get());
        }
        ApiRequest create = ApiRequest.json("createUser", "POST", IDENTITY + "/users",
                Json.write(new OdcModel.UserProfileCreate(email, name, active)), false);
        OdcModel.UserProfileCreated created = Json.read(api.send(create), OdcModel.UserProfileCreated.class,
                "ODC " + create.describe());
        return new EndUser(created.key(), email, name, active);
    }

    /** Identity {@code POST /users/bulk}: answered 202 with the operation to poll. */
    @Override
    public String startBulkCreate(List<NewUser> users) {
        if (users.isEmpty() || users.size() > BULK_LIMIT) {
            throw new IllegalArgumentException("a bulk create takes 1 to " + BULK_LIMIT + " users, not "
                    + users.size());
        }
        OdcModel.BulkCreateRequest body = new OdcModel.BulkCreateRequest(users.stream()
                .map(u -> new OdcModel.UserProfileCreate(u.email(), u.name(), u.active())).toList());
        // not idempotent: a lost answer must not send the same users again (the caller re-reads the users first)
        ApiRequest request = ApiRequest.json("bulkCreateUsers", "POST", IDENTITY + "/users/bulk", Json.write(body),
                false);
        OdcModel.BulkOperation operation = Json.read(api.send(request), OdcModel.BulkOperation.class,
                "ODC " + request.describe());
        if (operation.key() == null || operation.key().isBlank()) {
            throw new PlatformException("ODC " + request.describe() + " returned no operation key", 202, false);
        }
        return operation.key();
    }

    /** Identity {@code GET /users/bulk/{key}}. */
    @Override
    public BulkCreate bulkCreate(String operationKey) {
        ApiRequest request = ApiRequest.get("getBulkUsersOperation", IDENTITY + "/users/bulk/" + operationKey);
        OdcModel.BulkOperation op = Json.read(api.send(request), OdcModel.BulkOperation.class,
                "ODC " + request.describe());
        BulkState state;
        try {
            state = BulkState.valueOf(op.status());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new PlatformException("ODC bulk user operation '" + operationKey + "' has status '" + op.status()
                    + "', which the Identity API v1 does not define", 200, false);
        }
        List<BulkItem> items = (op.operations() == null ? List.<OdcModel.BulkItem>of() : op.operations()).stream()
                .map(i -> new BulkItem(i.record() == null ? null : i.record().email(), "Inserted".equals(i.status()),
                        i.record() == null ? null : i.record().key(),
                        "Inserted".equals(i.status()) ? null : describe(i.status(), i.errorCode(), i.errorMessage())))
                .toList();
        String error = op.errorCode() == null && op.errorMessage() == null ? null
                : describe(null, op.errorCode(), op.errorMessage());
        return new BulkCreate(op.key(), state, error, items);
    }

    private static String describe(String status, String code, String message) {
        StringBuilder sb = new StringBuilder();
        if (status != null) {
            sb.append(status);
        }
        if (code != null) {
            sb.append(sb.isEmpty() ? "" : " ").append(code);
        }
        if (message != null) {
            sb.append(sb.isEmpty() ? "" : ": ").append(message);
        }
        return sb.toString();
    }

    private Optional<OdcModel.UserProfile> findProfile(String email) {
        Integer offset = 0;
        while (offset != null) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("nameOrEmailContains", email);
            query.put("limit", Integer.toString(PAGE_SIZE));
            query.put("offset", offset.toString());
            ApiRequest request = ApiRequest.get("listUsers", IDENTITY + "/users", query);
            OdcModel.UserProfilePage page = Json.read(api.send(request), OdcModel.UserProfilePage.class,
                    "ODC " + request.describe());
            // the filter is a substring match on name or e-mail: compare the e-mail exactly here
            Optional<OdcModel.UserProfile> match = (page.results() == null ? List.<OdcModel.UserProfile>of()
                    : page.results()).stream()
                    .filter(u -> u.email() != null && u.email().equalsIgnoreCase(email))
                    .findFirst();
            if (match.isPresent()) {
                return match;
            }
            Integer next = page.page() == null ? null : page.page().nextPageOffset();
            offset = next != null && next > offset ? next : null;
        }
        return Optional.empty();
    }

    private Operation start(Environment environment, OdcModel.DeploymentOperationRequest body, AppDeployment app) {
        // The API has no idempotency key: after a timeout or restart an operation may already be running.
        Optional<OdcModel.DeploymentOperation> running = runningOperation(environment, app, body.operation());
        if (running.isPresent()) {
            return toOperation(running.get());
        }
        ApiRequest request = ApiRequest.json("startDeploymentOperation", "POST",
                DEPLOYMENTS + "/deployment-operations", Json.write(body), false);
        ApiResponse response;
        try {
            response = api.send(request);
        } catch (PlatformException e) {
            if (e.isNotFound()) {
                throw new PlatformException("ODC cannot " + body.operation().toLowerCase(Locale.ROOT) + " app '"
                        + app.name() + "' in stage '" + environment.name() + "': " + e.getMessage(), 404, false, e);
            }
            throw e;
        }
        return toOperation(Json.read(response, OdcModel.DeploymentOperation.class, "ODC " + request.describe()));
    }

    private Optional<OdcModel.DeploymentOperation> runningOperation(Environment environment, AppDeployment app,
            String operation) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("environmentKey", environment.key());
        query.put("assetKey", app.key());
        query.put("status", "Running");
        query.put("operations", operation);
        ApiRequest request = ApiRequest.get("listDeploymentOperations", DEPLOYMENTS + "/deployment-operations",
                query);
        OdcModel.DeploymentOperationPage page = Json.read(api.send(request), OdcModel.DeploymentOperationPage.class,
                "ODC " + request.describe());
        return (page.results() == null ? List.<OdcModel.DeploymentOperation>of() : page.results()).stream()
                .filter(op -> "Running".equals(op.status()) && operation.equals(op.operation()))
                .findFirst();
    }

    private Operation toOperation(OdcModel.DeploymentOperation op) {
        String what = op.operation() + " of " + (op.assetName() == null ? op.assetKey() : op.assetName());
        if (op.status() == null) {
            throw new PlatformException("ODC deployment operation '" + op.key() + "' has no status", 200, false);
        }
        return switch (op.status()) {
            case "Running" -> new Operation(op.key(), OperationState.Running, what + " running");
            case "Finished" -> new Operation(op.key(), OperationState.Succeeded, what + " finished");
            case "FinishedWithError" -> new Operation(op.key(), OperationState.Failed,
                    what + " finished with error" + errorMessages(op.key()));
            default -> throw new PlatformException("ODC deployment operation '" + op.key() + "' has status '"
                    + op.status() + "', which the Deployments API v1 does not define", 200, false);
        };
    }

    private String errorMessages(String operationKey) {
        ApiRequest request = ApiRequest.get("getDeploymentOperationMessages",
                DEPLOYMENTS + "/deployment-operations/" + operationKey + "/messages",
                Map.of("limit", Integer.toString(PAGE_SIZE)));
        OdcModel.OperationMessagePage page = Json.read(api.send(request), OdcModel.OperationMessagePage.class,
                "ODC " + request.describe());
        String errors = (page.results() == null ? List.<OdcModel.OperationMessage>of() : page.results()).stream()
                .filter(m -> "Error".equals(m.severity()) && m.message() != null)
                .map(OdcModel.OperationMessage::message)
                .collect(Collectors.joining("; "));
        return errors.isEmpty() ? "" : ": " + errors;
    }

    private static AppDeployment toApp(OdcModel.DeployedAsset asset, Environment environment) {
        Optional<OdcModel.Deployment> here = asset.deploymentList().stream()
                .filter(d -> environment.key().equals(d.environmentKey()))
                .findFirst();
        if (here.isPresent()) {
            OdcModel.Deployment d = here.get();
            return new AppDeployment(asset.key(), d.name(), true, true, d.buildKey(), d.revision());
        }
        // listed for the stage but without an entry for it: exists, not deployed there
        String name = asset.deploymentList().stream().map(OdcModel.Deployment::name).filter(n -> n != null)
                .findFirst().orElse(asset.key());
        return new AppDeployment(asset.key(), name, false, false, null, null);
    }

    private static EndUser toUser(OdcModel.UserProfile user) {
        boolean active = user.isActive() == null ? "Active".equals(user.status()) : user.isActive();
        return new EndUser(user.key(), user.email(), user.name(), active);
    }
}
