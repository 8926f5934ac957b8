package dev.datamigration.simulator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The simulator's state file (YAML or JSON): LifeTime environments with their running applications and the valid
 * service-account tokens; ODC stages, assets with their deployments per stage, end users and the API clients that
 * may get tokens; faults active from the start. Keys left out are derived from names (stable UUIDs), so a small
 * file is enough. Unknown fields are errors: a typo must not silently change the simulation.
 */
public record SimulatorState(LifeTime lifetime, Odc odc, List<FaultRule> faults) {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    public SimulatorState {
        lifetime = lifetime == null ? new LifeTime(List.of(), List.of()) : lifetime;
        odc = odc == null ? new Odc(List.of(), null, List.of(), List.of(), null, List.of()) : odc;
        faults = faults == null ? List.of() : List.copyOf(faults);
    }

    /** Reads a state file; YAML is a superset of JSON, so both parse. */
    public static SimulatorState read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return YAML.readValue(in, SimulatorState.class);
        }
    }

    /** Parses state from text (YAML or JSON). */
    public static SimulatorState parse(String text) throws IOException {
        return YAML.readValue(text.getBytes(StandardCharsets.UTF_8), SimulatorState.class);
    }

    /** LifeTime API v2 side: valid bearer tokens and the environments. */
    public record LifeTime(List<String> tokens, List<Environment> environments) {
        public LifeTime {
            tokens = tokens == null ? List.of() : List.copyOf(tokens);
            environments = environments == null ? List.of() : List.copyOf(environments);
        }
    }

    /** A LifeTime environment; {@code applications} are the apps that exist there. */
    public record Environment(String key, String name, String environmentType, String databaseProvider,
            boolean maintenanceMode, List<Application> applications) {
        public Environment {
            key = key == null ? stableKey("lifetime-environment", name) : key;
            environmentType = environmentType == null ? "Test" : environmentType;
            databaseProvider = databaseProvider == null ? "SqlServer" : databaseProvider;
            applications = applications == null ? List.of() : List.copyOf(applications);
        }
    }

    /**
     * An O11 application in one environment. {@code deployed: false} keeps it out of the running-apps list.
     * {@code isModified}/{@code consistencyStatus} fill {@code AppStatusInEnv_v2}.
     */
    public record Application(String key, String name, Boolean deployed, boolean isSystem, String versionKey,
            String versionLabel, boolean isModified, String consistencyStatus) {
        public Application {
            key = key == null ? stableKey("lifetime-application", name) : key;
            deployed = deployed == null ? Boolean.TRUE : deployed;
            versionKey = versionKey == null ? stableKey("lifetime-version", name) : versionKey;
            versionLabel = versionLabel == null ? "1.0" : versionLabel;
            consistencyStatus = consistencyStatus == null ? "" : consistencyStatus;
        }
    }

    /**
     * ODC side. {@code tokenLifetimeSeconds} defaults to 43200 (12 h) like ODC. {@code tokenPath} is where the token
     * endpoint lives (the discovery document says so; default {@code /identity/connect/token}): a Keycloak-style path
     * shows that a client reads it from discovery instead of building it.
     */
    public record Odc(List<ApiClient> clients, Long tokenLifetimeSeconds, List<Stage> stages, List<Asset> assets,
            OperationTiming operations, List<User> users, String tokenPath) {

        public Odc(List<ApiClient> clients, Long tokenLifetimeSeconds, List<Stage> stages, List<Asset> assets,
                OperationTiming operations, List<User> users) {
            this(clients, tokenLifetimeSeconds, stages, assets, operations, users, null);
        }

        public Odc {
            tokenPath = tokenPath == null ? "/identity/connect/token" : tokenPath;
            if (!tokenPath.startsWith("/")) {
                throw new IllegalArgumentException("odc.tokenPath must start with /: " + tokenPath);
            }
            clients = clients == null ? List.of() : List.copyOf(clients);
            tokenLifetimeSeconds = tokenLifetimeSeconds == null ? 43_200L : tokenLifetimeSeconds;
            stages = stages == null ? List.of() : List.copyOf(stages);
            assets = assets == null ? List.of() : List.copyOf(assets);
            operations = operations == null ? new OperationTiming(2, 0L) : operations;
            users = users == null ? List.of() : List.copyOf(users);
        }
    }

    /** An ODC API client allowed to use the client-credentials grant. */
    public record ApiClient(String clientId, String clientSecret) {
    }

    /** An ODC stage (Portfolio {@code Environment}). */
    public record Stage(String key, String name, String purpose, String status, Integer order) {
        public Stage {
            key = key == null ? stableKey("odc-stage", name) : key;
            purpose = purpose == null ? "NonProduction" : purpose;
            status = status == null ? "Ready" : status;
        }
    }

    /**
     * An ODC asset (app). {@code deployments} name stages by name or key. {@code failOperations} maps an operation
     * (Deploy, Undeploy) to the error message it finishes with (FinishedWithError).
     */
    public record Asset(String key, String name, String type, boolean isBuiltIn, List<AssetDeployment> deployments,
            Map<String, String> failOperations) {
        public Asset {
            key = key == null ? stableKey("odc-asset", name) : key;
            type = type == null ? "WebApplication" : type;
            deployments = deployments == null ? List.of() : List.copyOf(deployments);
            failOperations = failOperations == null ? Map.of() : Map.copyOf(failOperations);
        }
    }

    /** The revision and build of an asset running in a stage. */
    public record AssetDeployment(String stage, Integer revision, String buildKey) {
        public AssetDeployment {
            revision = revision == null ? 1 : revision;
        }
    }

    /**
     * When a deployment operation finishes: after {@code pollsToFinish} reads of it and at least
     * {@code finishAfterMillis} after it started.
     */
    public record OperationTiming(Integer pollsToFinish, Long finishAfterMillis) {
        public OperationTiming {
            pollsToFinish = pollsToFinish == null ? 2 : pollsToFinish;
            finishAfterMillis = finishAfterMillis == null ? 0L : finishAfterMillis;
        }
    }

    /** An ODC end user. */
    public record User(String key, String email, String name, Boolean isActive) {
        public User {
            key = key == null ? stableKey("odc-user", email) : key;
            isActive = isActive == null ? Boolean.TRUE : isActive;
        }
    }

    static String stableKey(String kind, String name) {
        return UUID.nameUUIDFromBytes((kind + ":" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
