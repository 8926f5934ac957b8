package dev.datamigration.controller.validation;

import dev.datamigration.api.task.Contracts;
import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.api.v1alpha1.DataMigrationSpec;
import dev.datamigration.api.v1alpha1.DatabaseSpec;
import dev.datamigration.controller.jobs.TaskFactory;
import dev.datamigration.controller.platform.PlatformEndpoints;
import dev.datamigration.controller.platform.PlatformEndpoints.Endpoint;
import dev.datamigration.controller.platform.PlatformEndpoints.Side;
import dev.datamigration.controller.platform.PlatformSession;
import dev.datamigration.controller.platform.SecretReader;
import dev.datamigration.platform.PlatformClient;
import dev.datamigration.platform.PlatformClient.AppDeployment;
import dev.datamigration.platform.PlatformClient.Environment;
import dev.datamigration.platform.PlatformException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checks that look outside the spec, read-only: the credentials Secrets and their keys, an ODC target's mapping
 * ConfigMap (exists, has mapping.yaml, parses), and through the platform API the environments and the apps (source
 * apps exist; target apps, an ODC target's named by its mapping, are published and deployed). Every problem is
 * collected. A transient platform failure is reported apart so the caller can retry it.
 */
public final class EnvironmentValidator {

    /** The outcome: permanent problems, and the transient failure that stopped a platform check, if any. */
    public record Report(List<String> problems, Optional<String> transientFailure) {
    }

    private final SecretReader secrets;

    public EnvironmentValidator(SecretReader secrets) {
        this.secrets = secrets;
    }

    public Report validate(DataMigration migration, PlatformSession platform) {
        DataMigrationSpec spec = migration.getSpec();
        String namespace = migration.getMetadata().getNamespace();
        List<String> problems = new ArrayList<>();
        database(problems, namespace, spec.getSource().getDatabase(), "spec.source.database.credentialsSecret");
        database(problems, namespace, spec.getTarget().getDatabase(), "spec.target.database.credentialsSecret");
        maskingKey(problems, namespace, spec);
        // an ODC target's mapping names the ODC apps the platform checks below and the Jobs read
        Optional<String> mapping = platform.targetApps().problem();
        mapping.ifPresent(problems::add);
        boolean credentialsOk = true;
        for (Side side : Side.values()) {
            Optional<Endpoint> endpoint = platform.endpoint(side);
            if (endpoint.isPresent()) {
                credentialsOk &= platformSecret(problems, namespace, endpoint.get());
            }
        }
        if (!credentialsOk || platform.endpoint(Side.source).isEmpty()) {
            return new Report(problems, Optional.empty());
        }
        try {
            environments(problems, migration, platform, mapping.isEmpty());
        } catch (PlatformException e) {
            if (e.isTransient()) {
                return new Report(problems, Optional.of(e.getMessage()));
            }
            problems.add("platform API call failed: " + e.getMessage());
        }
        return new Report(problems, Optional.empty());
    }

    private void database(List<String> problems, String namespace, DatabaseSpec database, String path) {
        Optional<Map<String, String>> values = secrets.read(namespace, database.getCredentialsSecret());
        if (values.isEmpty()) {
            problems.add("Secret " + database.getCredentialsSecret() + " (" + path + ") does not exist");
            return;
        }
        for (String key : List.of("username", "password")) {
            if (values.get().get(key) == null || values.get().get(key).isEmpty()) {
                problems.add("Secret " + database.getCredentialsSecret() + " (" + path + ") has no key " + key);
            }
        }
    }

    /** The masking key Secret of a migration with masking rules: present, with a key `key` long enough. */
    private void maskingKey(List<String> problems, String namespace, DataMigrationSpec spec) {
        String name = spec.getMaskingKeySecret();
        if (!TaskFactory.masks(spec) || name == null || name.isBlank()) {
            return;
        }
        Optional<Map<String, String>> values = secrets.read(namespace, name);
        if (values.isEmpty()) {
            problems.add("Secret " + name + " (spec.maskingKeySecret) does not exist");
            return;
        }
        String key = values.get().get(Contracts.MASKING_KEY_FILE);
        if (key == null || key.isBlank()) {
            problems.add("Secret " + name + " (spec.maskingKeySecret) has no key " + Contracts.MASKING_KEY_FILE);
        } else if (key.strip().getBytes(StandardCharsets.UTF_8).length < Contracts.MASKING_KEY_MIN_BYTES) {
            problems.add("Secret " + name + " (spec.maskingKeySecret): the masking key has "
                    + key.strip().getBytes(StandardCharsets.UTF_8).length + " bytes; at least "
                    + Contracts.MASKING_KEY_MIN_BYTES + " are needed (e.g. openssl rand -base64 32)");
        }
    }

    private boolean platformSecret(List<String> problems, String namespace, Endpoint endpoint) {
        Optional<Map<String, String>> values = secrets.read(namespace, endpoint.credentialsSecret());
        String what = "Secret " + endpoint.credentialsSecret() + " (" + endpoint.side() + " platform API, "
                + endpoint.platform() + ")";
        if (values.isEmpty()) {
            problems.add(what + " does not exist");
            return false;
        }
        boolean ok = true;
        for (String key : PlatformEndpoints.credentialKeys(endpoint.platform())) {
            if (values.get().get(key) == null || values.get().get(key).isEmpty()) {
                problems.add(what + " has no key " + key);
                ok = false;
            }
        }
        return ok;
    }

    /** @param targetAppsKnown false when an ODC mapping is unusable: its target apps cannot be named, so not checked */
    private void environments(List<String> problems, DataMigration migration, PlatformSession platform,
            boolean targetAppsKnown) {
        DataMigrationSpec spec = migration.getSpec();
        List<String> apps = spec.getApps().contains(SpecValidator.ALL_APPS) ? List.of() : spec.getApps();
        PlatformClient source = platform.client(Side.source);
        Optional<Environment> sourceEnvironment = environment(problems, source, spec.getSource().getEnvironment(),
                "source");
        if (sourceEnvironment.isPresent() && !apps.isEmpty()) {
            List<AppDeployment> deployed = source.applications(sourceEnvironment.get());
            for (String app : apps) {
                if (find(deployed, app).isEmpty()) {
                    problems.add("app " + app + " is unknown in source environment "
                            + spec.getSource().getEnvironment());
                }
            }
        }
        PlatformClient target = platform.client(Side.target);
        Optional<Environment> targetEnvironment = environment(problems, target, spec.getTarget().getEnvironment(),
                "target");
        if (targetEnvironment.isPresent() && !apps.isEmpty() && targetAppsKnown) {
            List<AppDeployment> deployed = target.applications(targetEnvironment.get());
            for (String o11App : apps) {
                String app = platform.targetApps().of(o11App);
                Optional<AppDeployment> found = find(deployed, app);
                if (found.isEmpty()) {
                    problems.add("app " + app + " is not in target environment " + spec.getTarget().getEnvironment()
                            + ": publish and deploy it first");
                } else if (!found.get().published() || !found.get().deployed()) {
                    problems.add("app " + app + " is not " + (found.get().published() ? "deployed" : "published")
                            + " in target environment " + spec.getTarget().getEnvironment()
                            + ": publish and deploy it first");
                }
            }
        }
    }

    private static Optional<Environment> environment(List<String> problems, PlatformClient client, String name,
            String side) {
        try {
            return Optional.of(client.environment(name));
        } catch (PlatformException e) {
            if (e.isNotFound()) {
                problems.add(side + " environment " + name + " is unknown to the platform API");
                return Optional.empty();
            }
            throw e;
        }
    }

    public static Optional<AppDeployment> find(List<AppDeployment> apps, String name) {
        return apps.stream().filter(app -> app.name().equals(name)).findFirst();
    }
}
