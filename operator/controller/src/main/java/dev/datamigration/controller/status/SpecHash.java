package dev.datamigration.controller.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datamigration.api.v1alpha1.DataMigrationSpec;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash of the spec a run started with. {@code cancel} is left out: it is the one field a user may change
 * (one way) during a run.
 */
public final class SpecHash {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private SpecHash() {
    }

    public static String of(DataMigrationSpec spec) {
        try {
            ObjectNode tree = JSON.valueToTree(spec);
            tree.remove("cancel");
            byte[] canonical = JSON.writeValueAsBytes(JSON.treeToValue(tree, Object.class));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical);
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("A spec always hashes", e);
        }
    }
}
