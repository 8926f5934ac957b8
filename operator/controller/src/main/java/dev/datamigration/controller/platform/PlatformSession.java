package dev.datamigration.controller.platform;

import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.controller.platform.PlatformEndpoints.Endpoint;
import dev.datamigration.controller.platform.PlatformEndpoints.Side;
import dev.datamigration.platform.PlatformClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The platform clients of one reconcile: one per distinct endpoint, built from the Secret read at that moment
 * (a rotated token is picked up by the next reconcile). Both sides share a client when they share an endpoint. It
 * also carries the target apps of the reconcile (the names its platform calls are about).
 */
public final class PlatformSession {

    private final DataMigration migration;
    private final SecretReader secrets;
    private final PlatformClientFactory factory;
    private final TargetApps targetApps;
    private final Map<Endpoint, PlatformClient> clients = new HashMap<>();

    /** @param targetApps the target apps of this reconcile (an ODC target's from its mapping ConfigMap) */
    public PlatformSession(DataMigration migration, SecretReader secrets, PlatformClientFactory factory,
            TargetApps targetApps) {
        this.migration = migration;
        this.secrets = secrets;
        this.factory = factory;
        this.targetApps = targetApps;
    }

    /** The target app of each O11 app, for this reconcile. */
    public TargetApps targetApps() {
        return targetApps;
    }

    /** The endpoint of a side, if the spec has one. */
    public Optional<Endpoint> endpoint(Side side) {
        return PlatformEndpoints.endpoint(migration.getSpec(), side);
    }

    /**
     * The client of a side. Fails with {@link MissingCredentialsException} when the Secret or one of its keys is
     * missing (validation reports that; this only happens when the Secret was deleted during the run).
     */
    public PlatformClient client(Side side) {
        Endpoint endpoint = endpoint(side).orElseThrow(() -> new MissingCredentialsException(
                "spec.platformApi has no endpoint for the " + side));
        PlatformClient existing = clients.get(endpoint);
        if (existing != null) {
            return existing;
        }
        String namespace = migration.getMetadata().getNamespace();
        Map<String, String> values = secrets.read(namespace, endpoint.credentialsSecret())
                .orElseThrow(() -> new MissingCredentialsException("Secret " + endpoint.credentialsSecret()
                        + " of the " + side + " platform API does not exist"));
        Map<String, String> credentials = new HashMap<>();
        List<String> keys = PlatformEndpoints.credentialKeys(endpoint.platform());
        for (String key : keys) {
            String value = values.get(key);
            if (value == null || value.isEmpty()) {
                throw new MissingCredentialsException("Secret " + endpoint.credentialsSecret() + " of the " + side
                        + " platform API has no key " + key);
            }
            credentials.put(key, value);
        }
        PlatformClient client = factory.create(new PlatformConnection(endpoint.platform(), endpoint.url(),
                credentials));
        clients.put(endpoint, client);
        return client;
    }

    /** A credentials Secret or key went missing. Permanent: the message names the Secret, never a value. */
    public static final class MissingCredentialsException extends RuntimeException {
        public MissingCredentialsException(String message) {
            super(message);
        }
    }
}
