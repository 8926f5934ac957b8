package dev.datamigration.controller.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.datamigration.platform.PlatformClient.AppDeployment;

/**
 * What a redeploy needs to know about an app as it ran before its undeploy (ODC: the app key, build and revision;
 * an undeployed ODC app no longer appears in the stage's deployed assets). Kept as JSON in
 * {@code status.target.operations["deployment:<app>"]}, written together with the undeploy intent.
 */
public final class DeploymentRecord {

    public static final String PREFIX = "deployment:";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeploymentRecord() {
    }

    public static String encode(AppDeployment deployment) {
        try {
            return JSON.writeValueAsString(deployment);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An AppDeployment always serialises", e);
        }
    }

    public static AppDeployment decode(String json) {
        try {
            return JSON.readValue(json, AppDeployment.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("status.target.operations holds an unreadable deployment record", e);
        }
    }
}
