package dev.datamigration.controller.validation;

import dev.datamigration.api.v1alpha1.CopierLimits;
import dev.datamigration.api.v1alpha1.CopierSpec;
import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.api.v1alpha1.DataMigrationSpec;
import dev.datamigration.api.v1alpha1.DatabaseEngine;
import dev.datamigration.api.v1alpha1.DatabaseSpec;
import dev.datamigration.api.v1alpha1.ExistingData;
import dev.datamigration.api.v1alpha1.IdentityMode;
import dev.datamigration.api.v1alpha1.MaskingRule;
import dev.datamigration.api.v1alpha1.Platform;
import dev.datamigration.api.v1alpha1.SourceDowntime;
import dev.datamigration.api.v1alpha1.SqlServerLoad;
import dev.datamigration.api.v1alpha1.TargetDowntime;
import dev.datamigration.api.v1alpha1.TargetSpec;
import dev.datamigration.api.v1alpha1.UnmatchedUsers;
import dev.datamigration.api.v1alpha1.UserMatch;
import dev.datamigration.api.v1alpha1.UsersSpec;
import dev.datamigration.controller.naming.ResourceNames;
import dev.datamigration.controller.platform.PlatformEndpoints;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rules a DataMigration's spec must follow, checked without touching anything. Every problem is reported, not
 * just the first. A real API server enforces the schema part (required fields, enums, ranges) already; the
 * operator checks them again because not every API server (or the local mode's embedded one) does.
 */
public final class SpecValidator {

    public static final String ALL_APPS = "*";
    private static final Map<DatabaseEngine, String> URL_PREFIX = Map.of(
            DatabaseEngine.SqlServer, "jdbc:sqlserver:",
            DatabaseEngine.Oracle, "jdbc:oracle:",
            DatabaseEngine.PostgreSQL, "jdbc:postgresql:");

    private SpecValidator() {
    }

    public static List<String> validate(DataMigration migration) {
        List<String> problems = new ArrayList<>();
        String name = migration.getMetadata().getName();
        if (name != null && name.length() > ResourceNames.MAX_JOB_NAME) {
            problems.add("metadata.name must be at most " + ResourceNames.MAX_JOB_NAME
                    + " characters: it is the value of the datamigration.dev/migration label on every Job");
        }
        DataMigrationSpec spec = migration.getSpec();
        if (spec == null) {
            problems.add("spec is required");
            return problems;
        }
        Platform targetPlatform = spec.getTarget() == null ? null : spec.getTarget().getPlatform();
        if (spec.getSource() == null) {
            problems.add("spec.source is required");
        } else {
            if (spec.getSource().getPlatform() == Platform.ODC) {
                problems.add("spec.source.platform ODC is not supported: data is copied from O11 environments only");
            }
            required(problems, spec.getSource().getEnvironment(), "spec.source.environment");
            database(problems, spec.getSource().getDatabase(), "spec.source.database");
        }
        if (spec.getTarget() == null) {
            problems.add("spec.target is required");
        } else {
            required(problems, spec.getTarget().getEnvironment(), "spec.target.environment");
            database(problems, spec.getTarget().getDatabase(), "spec.target.database");
            if (targetPlatform == Platform.ODC && spec.getTarget().getDatabase() != null
                    && spec.getTarget().getDatabase().getEngine() != null
                    && spec.getTarget().getDatabase().getEngine() != DatabaseEngine.PostgreSQL) {
                problems.add("spec.target.database.engine must be PostgreSQL for an ODC target, not "
                        + spec.getTarget().getDatabase().getEngine());
            }
        }
        if (spec.getTarget() != null) {
            odcMapping(problems, spec.getTarget());
        }
        sameDatabase(problems, spec);
        apps(problems, spec.getApps());
        if (spec.getExistingData() == ExistingData.Append) {
            problems.add("spec.existingData Append is not supported yet: use Replace");
        }
        if (spec.getExistingData() == ExistingData.Sync && spec.getTarget() != null
                && spec.getTarget().getDatabase() != null && spec.getTarget().getDatabase().getEngine() != null
                && spec.getTarget().getDatabase().getEngine() != DatabaseEngine.PostgreSQL) {
            problems.add("spec.existingData Sync needs a PostgreSQL target database (it compares key ranges with"
                    + " PostgreSQL's hashing), not " + spec.getTarget().getDatabase().getEngine() + ": use Replace");
        }
        if (spec.getSource() != null && spec.getSource().getDowntime() == SourceDowntime.StopAfterCopy
                && spec.getTarget() != null && spec.getTarget().getDatabase() != null
                && spec.getTarget().getDatabase().getEngine() != null
                && spec.getTarget().getDatabase().getEngine() != DatabaseEngine.PostgreSQL) {
            problems.add("spec.source.downtime StopAfterCopy needs a PostgreSQL target database (its catch-up pass is"
                    + " an existingData Sync), not " + spec.getTarget().getDatabase().getEngine()
                    + ": use StopEnvironment");
        }
        if (spec.getIdentity() == IdentityMode.Remap) {
            problems.add("spec.identity Remap is not supported yet: use Preserve");
        }
        users(problems, spec.getUsers(), targetPlatform);
        platformApi(problems, spec);
        range(problems, spec.getParallelism(), CopierLimits.PARALLELISM_MIN, CopierLimits.PARALLELISM_MAX,
                "spec.parallelism");
        copier(problems, spec.getCopier());
        sqlServerLoad(problems, spec);
        masking(problems, spec.getMasking(), spec.getApps());
        if (spec.getMasking() != null && !spec.getMasking().isEmpty()
                && (spec.getMaskingKeySecret() == null || spec.getMaskingKeySecret().isBlank())) {
            problems.add("spec.maskingKeySecret is required when spec.masking has rules: a Secret whose key `key`"
                    + " holds the masking key (at least 16 bytes)");
        }
        return problems;
    }

    /** An ODC target names its mapping ConfigMap; an O11 target resolves names through its metamodel and has none. */
    private static void odcMapping(List<String> problems, TargetSpec target) {
        String configMap = target.getMapping() == null ? null : target.getMapping().getConfigMap();
        if (target.getPlatform() == Platform.ODC && (configMap == null || configMap.isBlank())) {
            problems.add("spec.target.mapping.configMap is required for an ODC target: a ConfigMap whose key"
                    + " mapping.yaml maps each O11 entity to its table in the stage (bin/datamigration odc-mapping"
                    + " proposes one)");
        } else if (target.getPlatform() != Platform.ODC && target.getMapping() != null) {
            problems.add("spec.target.mapping is for ODC targets only: an O11 target's tables come from its"
                    + " metamodel");
        }
    }

    private static void database(List<String> problems, DatabaseSpec database, String path) {
        if (database == null) {
            problems.add(path + " is required");
            return;
        }
        if (database.getEngine() == null) {
            problems.add(path + ".engine is required (SqlServer, Oracle or PostgreSQL)");
        }
        String url = database.getUrl();
        if (url == null || url.isBlank()) {
            problems.add(path + ".url is required");
        } else if (!url.matches(DatabaseSpec.JDBC_URL_PATTERN)) {
            problems.add(path + ".url must be a JDBC URL starting with jdbc:sqlserver:, jdbc:oracle: or "
                    + "jdbc:postgresql:");
        } else if (database.getEngine() != null && !url.startsWith(URL_PREFIX.get(database.getEngine()))) {
            problems.add(path + ".url does not match engine " + database.getEngine() + " (expected "
                    + URL_PREFIX.get(database.getEngine()) + "...)");
        } else if (url.toLowerCase(Locale.ROOT).matches(".*[;?&:](password|pwd)=.*")) {
            problems.add(path + ".url must not hold a password: credentials come from credentialsSecret");
        }
        required(problems, database.getCredentialsSecret(), path + ".credentialsSecret");
    }

    private static void sameDatabase(List<String> problems, DataMigrationSpec spec) {
        if (spec.getSource() != null && spec.getTarget() != null && spec.getSource().getDatabase() != null
                && spec.getTarget().getDatabase() != null && spec.getSource().getDatabase().getUrl() != null
                && spec.getSource().getDatabase().getUrl().equals(spec.getTarget().getDatabase().getUrl())) {
            problems.add("spec.source.database.url and spec.target.database.url are the same database");
        }
    }

    private static void apps(List<String> problems, List<String> apps) {
        if (apps == null || apps.isEmpty()) {
            problems.add("spec.apps must name at least one app (or \"*\" for every app)");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (String app : apps) {
            if (app == null || app.isBlank()) {
                problems.add("spec.apps has an empty app name");
            } else if (!seen.add(app)) {
                problems.add("spec.apps names " + app + " twice");
            }
        }
        if (apps.contains(ALL_APPS) && apps.size() > 1) {
            problems.add("spec.apps \"*\" means every app: it cannot be combined with app names");
        }
    }

    private static void users(List<String> problems, UsersSpec users, Platform target) {
        UserMatch match = users == null ? UserMatch.Username : users.getMatch();
        if (target == Platform.O11 && match == UserMatch.Email) {
            problems.add("spec.users.match Email is not supported for an O11 target: O11 users are matched by "
                    + "Username");
        }
        if (target == Platform.ODC && match == UserMatch.Username) {
            problems.add("spec.users.match Username is not supported for an ODC target: ODC users are matched by "
                    + "Email");
        }
        if (target == Platform.O11 && users != null && users.getUnmatched() == UnmatchedUsers.Create) {
            problems.add("spec.users.unmatched Create needs an ODC target: O11 has no API to create end users");
        }
    }

    private static void platformApi(List<String> problems, DataMigrationSpec spec) {
        boolean needsApi = !Boolean.TRUE.equals(spec.getDryRun())
                || (spec.getSource() != null && spec.getSource().getDowntime() != null
                        && spec.getSource().getDowntime() != SourceDowntime.KeepRunning)
                || (spec.getTarget() != null && spec.getTarget().getDowntime() == TargetDowntime.UndeployApps);
        // the plan matches end users through the ODC Identity API, a dry run too
        boolean odcUsers = spec.getTarget() != null && spec.getTarget().getPlatform() == Platform.ODC
                && spec.getUsers() != null && spec.getUsers().getMatch() == UserMatch.Email;
        if (spec.getPlatformApi() == null) {
            if (needsApi) {
                problems.add("spec.platformApi is required (only a dry run without downtime can do without it)");
            } else if (odcUsers) {
                problems.add("spec.platformApi is required for an ODC target with users.match Email: the plan"
                        + " matches end users through the ODC Identity API, a dry run too");
            }
            return;
        }
        for (PlatformEndpoints.Side side : PlatformEndpoints.Side.values()) {
            var endpoint = PlatformEndpoints.endpoint(spec, side);
            if (endpoint.isEmpty()) {
                problems.add("spec.platformApi has no endpoint for the " + side + ": set url and credentialsSecret"
                        + " or platformApi." + side);
                continue;
            }
            String path = spec.getPlatformApi().getSource() != null && side == PlatformEndpoints.Side.source
                    || spec.getPlatformApi().getTarget() != null && side == PlatformEndpoints.Side.target
                    ? "spec.platformApi." + side : "spec.platformApi";
            String url = endpoint.get().url();
            if (url == null || url.isBlank()) {
                problems.add(path + ".url is required");
            } else if (!httpUrl(url)) {
                problems.add(path + ".url must be an absolute http(s) URL, got " + url);
            }
            required(problems, endpoint.get().credentialsSecret(), path + ".credentialsSecret");
        }
    }

    private static boolean httpUrl(String url) {
        try {
            URI uri = new URI(url);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void copier(List<String> problems, CopierSpec copier) {
        if (copier == null) {
            return;
        }
        range(problems, copier.getBatchSize(), CopierLimits.BATCH_SIZE_MIN, CopierLimits.BATCH_SIZE_MAX,
                "spec.copier.batchSize");
        range(problems, copier.getStreams(), CopierLimits.STREAMS_MIN, CopierLimits.STREAMS_MAX,
                "spec.copier.streams");
        range(problems, copier.getConcurrentEntities(), CopierLimits.CONCURRENT_ENTITIES_MIN,
                CopierLimits.CONCURRENT_ENTITIES_MAX, "spec.copier.concurrentEntities");
        range(problems, copier.getBackoffLimit(), CopierLimits.BACKOFF_LIMIT_MIN, CopierLimits.BACKOFF_LIMIT_MAX,
                "spec.copier.backoffLimit");
        if (copier.getResources() != null && copier.getResources().getClaims() != null
                && !copier.getResources().getClaims().isEmpty()) {
            problems.add("spec.copier.resources.claims is not supported: the copy pod declares no resource claims for"
                    + " them to name; set requests and limits only");
        }
        if (copier.getActiveDeadlineSeconds() != null
                && copier.getActiveDeadlineSeconds() < CopierLimits.ACTIVE_DEADLINE_SECONDS_MIN) {
            problems.add("spec.copier.activeDeadlineSeconds must be at least "
                    + CopierLimits.ACTIVE_DEADLINE_SECONDS_MIN + ", got "
                    + copier.getActiveDeadlineSeconds());
        }
    }

    /**
     * BatchInsert names a SQL Server load path: with another target engine it would silently mean nothing, so it is
     * refused (BulkCopy, the default every object carries, is ignored there).
     */
    private static void sqlServerLoad(List<String> problems, DataMigrationSpec spec) {
        DatabaseEngine target = spec.getTarget() == null || spec.getTarget().getDatabase() == null ? null
                : spec.getTarget().getDatabase().getEngine();
        if (spec.getCopier() != null && spec.getCopier().getSqlServerLoad() == SqlServerLoad.BatchInsert
                && target != null && target != DatabaseEngine.SqlServer) {
            problems.add("spec.copier.sqlServerLoad BatchInsert applies only to a SqlServer target database;"
                    + " spec.target.database.engine is " + target);
        }
    }

    private static void masking(List<String> problems, List<MaskingRule> rules, List<String> apps) {
        if (rules == null) {
            return;
        }
        for (int i = 0; i < rules.size(); i++) {
            MaskingRule rule = rules.get(i);
            String path = "spec.masking[" + i + "]";
            required(problems, rule.getApp(), path + ".app");
            required(problems, rule.getEntity(), path + ".entity");
            required(problems, rule.getAttribute(), path + ".attribute");
            if (rule.getApp() != null && apps != null && !apps.contains(ALL_APPS) && !ALL_APPS.equals(rule.getApp())
                    && !apps.contains(rule.getApp())) {
                problems.add(path + ".app " + rule.getApp() + " is not one of spec.apps");
            }
        }
    }

    private static void range(List<String> problems, Integer value, int min, int max, String path) {
        if (value != null && (value < min || value > max)) {
            problems.add(path + " must be " + CopierLimits.between(min, max) + ", got " + value);
        }
    }

    private static void required(List<String> problems, String value, String path) {
        if (value == null || value.isBlank()) {
            problems.add(path + " is required");
        }
    }
}
