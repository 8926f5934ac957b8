package dev.datamigration.platform.lifetime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The parts of LifeTime API v2 definitions the adapter reads and writes, with the swagger's PascalCase field names.
 * Unknown fields are ignored so a newer LifeTime does not break parsing.
 */
final class LifeTimeModel {

    private LifeTimeModel() {
    }

    /** Swagger definition {@code Environment}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Environment(
            @JsonProperty("Key") String key,
            @JsonProperty("Name") String name,
            @JsonProperty("EnvironmentType") String environmentType,
            @JsonProperty("DatabaseProvider") String databaseProvider,
            @JsonProperty("OSVersion") String osVersion) {
    }

    /** Swagger definition {@code Application} (with {@code IncludeEnvStatus=true}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Application(
            @JsonProperty("Key") String key,
            @JsonProperty("Name") String name,
            @JsonProperty("IsSystem") boolean isSystem,
            @JsonProperty("AppStatusInEnvs") List<AppStatusInEnv> appStatusInEnvs) {

        List<AppStatusInEnv> statuses() {
            return appStatusInEnvs == null ? List.of() : appStatusInEnvs;
        }
    }

    /** Swagger definition {@code AppStatusInEnv_v2}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record AppStatusInEnv(
            @JsonProperty("EnvironmentKey") String environmentKey,
            @JsonProperty("BaseApplicationVersionKey") String baseApplicationVersionKey,
            @JsonProperty("BaseApplicationVersionLabel") String baseApplicationVersionLabel,
            @JsonProperty("IsModified") boolean isModified,
            @JsonProperty("ConsistencyStatus") String consistencyStatus) {
    }

    /** Swagger definition {@code MaintenanceModeSetting}, the body of PUT .../maintenancemode. */
    record MaintenanceModeSetting(
            @JsonProperty("IsMaintenanceModeEnabled") boolean isMaintenanceModeEnabled,
            @JsonProperty("Reason") String reason) {
    }
}
