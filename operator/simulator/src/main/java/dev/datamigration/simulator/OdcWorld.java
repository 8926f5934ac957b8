package dev.datamigration.simulator;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The mutable state behind the simulated ODC APIs: API clients and the tokens issued to them, stages, assets and
 * where each runs, deployment operations (they finish after a number of polls and a delay, then change where the
 * asset runs) and end users. All methods are synchronized: calls arrive on several server threads.
 */
final class OdcWorld {

    /** An asset's deployment in one stage. */
    record Deployed(int revision, String buildKey, String deploymentKey, Instant at) {
    }

    /** A build the simulated ODC knows for an asset (deploying an unknown build answers 404). */
    record Build(String buildKey, int revision) {
    }

    /** A deployment operation and its progress. */
    static final class OperationState {
        final String key;
        final String operation;
        final String assetKey;
        final String stageKey;
        final String buildKey;
        final Integer revision;
        final Instant startedAt;
        volatile int polls;
        volatile String status = "Running";
        volatile Instant finishedAt;
        volatile String error;

        OperationState(String key, String operation, String assetKey, String stageKey, String buildKey,
                Integer revision, Instant startedAt) {
            this.key = key;
            this.operation = operation;
            this.assetKey = assetKey;
            this.stageKey = stageKey;
            this.buildKey = buildKey;
            this.revision = revision;
            this.startedAt = startedAt;
        }
    }

    /** An end user. */
    record UserState(String key, String email, String name, boolean isActive, String photoUrl) {
    }

    /** One record of a bulk create request. */
    record NewUser(String email, String name, boolean isActive, String photoUrl) {
    }

    /** One record's outcome: {@code Inserted} with the new user's key, or {@code Error} with a message. */
    record BulkResult(String status, String key, String email, String errorCode, String errorMessage) {
    }

    /**
     * A bulk create operation: Pending until polled, then Processing; it creates its users when it finishes (after
     * the same number of polls and delay as a deployment operation). Like the real API it does not look for an
     * existing user with the same e-mail: avoiding duplicates is the caller's job.
     */
    static final class BulkCreate {
        final String key;
        final List<NewUser> records;
        final Instant startedAt;
        volatile int polls;
        volatile String status = "Pending";
        volatile List<BulkResult> results = List.of();

        BulkCreate(String key, List<NewUser> records, Instant startedAt) {
            this.key = key;
            this.records = List.copyOf(records);
            this.startedAt = startedAt;
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();
    private final Map<String, String> clientSecrets = new LinkedHashMap<>();
    private final Map<String, Instant> tokens = new LinkedHashMap<>();
    private final Duration tokenLifetime;
    private final List<SimulatorState.Stage> stages;
    private final Map<String, SimulatorState.Asset> assets = new LinkedHashMap<>();
    private final Map<String, Map<String, Deployed>> deployments = new LinkedHashMap<>();
    private final Map<String, List<Build>> builds = new LinkedHashMap<>();
    private final Map<String, OperationState> operations = new LinkedHashMap<>();
    private final Map<String, UserState> users = new LinkedHashMap<>();
    private final Map<String, BulkCreate> bulkCreates = new LinkedHashMap<>();
    private final SimulatorState.OperationTiming timing;
    private final String tokenPath;
    private int tokensIssued;

    OdcWorld(SimulatorState.Odc state) {
        state.clients().forEach(c -> clientSecrets.put(c.clientId(), c.clientSecret()));
        this.tokenLifetime = Duration.ofSeconds(state.tokenLifetimeSeconds());
        this.stages = state.stages();
        this.timing = state.operations();
        this.tokenPath = state.tokenPath();
        for (SimulatorState.Asset asset : state.assets()) {
            assets.put(asset.key(), asset);
            Map<String, Deployed> where = new LinkedHashMap<>();
            List<Build> known = new ArrayList<>();
            for (SimulatorState.AssetDeployment d : asset.deployments()) {
                SimulatorState.Stage stage = stageByNameOrKey(d.stage()).orElseThrow(() ->
                        new IllegalArgumentException("ODC asset '" + asset.name() + "' is deployed to unknown stage '"
                                + d.stage() + "'"));
                String buildKey = d.buildKey() != null ? d.buildKey()
                        : SimulatorState.stableKey("odc-build", asset.name() + "@" + d.revision());
                where.put(stage.key(), new Deployed(d.revision(), buildKey,
                        SimulatorState.stableKey("odc-deployment", asset.name() + "@" + stage.name()),
                        clock.instant()));
                known.add(new Build(buildKey, d.revision()));
            }
            deployments.put(asset.key(), where);
            builds.put(asset.key(), known);
        }
        state.users().forEach(u -> users.put(u.key(), new UserState(u.key(), u.email(), u.name(), u.isActive(),
                null)));
    }

    // ---- tokens

    synchronized boolean validClient(String clientId, String clientSecret) {
        return clientId != null && clientSecret != null && clientSecret.equals(clientSecrets.get(clientId));
    }

    synchronized String issueToken() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = "sim." + HexFormat.of().formatHex(bytes);
        tokens.put(token, clock.instant().plus(tokenLifetime));
        tokensIssued++;
        return token;
    }

    /** Path of the token endpoint, as the discovery document announces it. */
    String tokenPath() {
        return tokenPath;
    }

    Duration tokenLifetime() {
        return tokenLifetime;
    }

    synchronized boolean validToken(String token) {
        Instant expiry = tokens.get(token);
        return expiry != null && clock.instant().isBefore(expiry);
    }

    synchronized void revokeTokens() {
        tokens.clear();
    }

    synchronized int tokensIssued() {
        return tokensIssued;
    }

    // ---- stages and assets

    List<SimulatorState.Stage> stages() {
        return stages;
    }

    Optional<SimulatorState.Stage> stage(String key) {
        return stages.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    Optional<SimulatorState.Stage> stageByNameOrKey(String nameOrKey) {
        return stages.stream().filter(s -> s.name().equals(nameOrKey) || s.key().equals(nameOrKey)).findFirst();
    }

    synchronized List<SimulatorState.Asset> assets() {
        return List.copyOf(assets.values());
    }

    Optional<SimulatorState.Asset> asset(String key) {
        return Optional.ofNullable(assets.get(key));
    }

    Optional<SimulatorState.Asset> assetNamed(String name) {
        return assets.values().stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** Where the asset runs now, by stage key, in stage order. */
    synchronized Map<String, Deployed> deployments(String assetKey) {
        return Map.copyOf(deployments.getOrDefault(assetKey, Map.of()));
    }

    synchronized boolean knowsBuild(String assetKey, String buildKey, int revision) {
        return builds.getOrDefault(assetKey, List.of()).contains(new Build(buildKey, revision));
    }

    // ---- deployment operations

    synchronized OperationState startOperation(String operation, String assetKey, String stageKey, String buildKey,
            Integer revision) {
        String key = UUID.randomUUID().toString();
        OperationState state = new OperationState(key, operation, assetKey, stageKey, buildKey, revision,
                clock.instant());
        operations.put(key, state);
        return state;
    }

    /** Reads an operation as a poll does: counts the poll and finishes the operation when its time has come. */
    synchronized Optional<OperationState> pollOperation(String key) {
        OperationState op = operations.get(key);
        if (op == null) {
            return Optional.empty();
        }
        if ("Running".equals(op.status)) {
            op.polls++;
            boolean polledEnough = op.polls >= timing.pollsToFinish();
            boolean oldEnough = !clock.instant().isBefore(op.startedAt.plusMillis(timing.finishAfterMillis()));
            if (polledEnough && oldEnough) {
                finish(op);
            }
        }
        return Optional.of(op);
    }

    synchronized Optional<OperationState> operation(String key) {
        return Optional.ofNullable(operations.get(key));
    }

    synchronized List<OperationState> operations() {
        return List.copyOf(operations.values());
    }

    private void finish(OperationState op) {
        op.finishedAt = clock.instant();
        String failure = assets.get(op.assetKey).failOperations().get(op.operation);
        if (failure != null) {
            op.status = "FinishedWithError";
            op.error = failure;
            return;
        }
        op.status = "Finished";
        Map<String, Deployed> where = deployments.computeIfAbsent(op.assetKey, k -> new LinkedHashMap<>());
        if ("Undeploy".equals(op.operation)) {
            where.remove(op.stageKey);
        } else if ("Deploy".equals(op.operation)) {
            where.put(op.stageKey, new Deployed(op.revision, op.buildKey, UUID.randomUUID().toString(),
                    op.finishedAt));
        }
    }

    // ---- users

    synchronized List<UserState> users() {
        return List.copyOf(users.values());
    }

    synchronized Optional<UserState> user(String key) {
        return Optional.ofNullable(users.get(key));
    }

    synchronized UserState createUser(String email, String name, boolean isActive, String photoUrl) {
        String key = UUID.randomUUID().toString();
        UserState user = new UserState(key, email, name, isActive, photoUrl);
        users.put(key, user);
        return user;
    }

    synchronized void updateUser(UserState updated) {
        users.put(updated.key(), updated);
    }

    synchronized BulkCreate startBulkCreate(List<NewUser> records) {
        BulkCreate bulk = new BulkCreate(UUID.randomUUID().toString(), records, clock.instant());
        bulkCreates.put(bulk.key, bulk);
        return bulk;
    }

    /** Reads a bulk create as a poll does: counts the poll and finishes it when its time has come. */
    synchronized Optional<BulkCreate> pollBulkCreate(String key) {
        BulkCreate bulk = bulkCreates.get(key);
        if (bulk == null) {
            return Optional.empty();
        }
        if (!bulk.status.startsWith("Finished")) {
            bulk.polls++;
            bulk.status = "Processing";
            boolean polledEnough = bulk.polls >= timing.pollsToFinish();
            boolean oldEnough = !clock.instant().isBefore(bulk.startedAt.plusMillis(timing.finishAfterMillis()));
            if (polledEnough && oldEnough) {
                finish(bulk);
            }
        }
        return Optional.of(bulk);
    }

    private void finish(BulkCreate bulk) {
        List<BulkResult> results = new ArrayList<>();
        boolean errors = false;
        for (NewUser record : bulk.records) {
            if (record.email() == null || !record.email().contains("@")) {
                errors = true;
                results.add(new BulkResult("Error", null, record.email(), "InvalidEmail",
                        "The email is not a valid e-mail address."));
                continue;
            }
            UserState user = createUser(record.email(), record.name(), record.isActive(), record.photoUrl());
            results.add(new BulkResult("Inserted", user.key(), user.email(), null, null));
        }
        bulk.results = List.copyOf(results);
        bulk.status = errors ? "FinishedWithErrors" : "Finished";
    }
}
