package dev.datamigration.deploy.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.api.v1alpha1.CopierSpec;
import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.api.v1alpha1.DataMigrationSpec;
import dev.datamigration.api.v1alpha1.DatabaseEngine;
import dev.datamigration.api.v1alpha1.ExistingData;
import dev.datamigration.api.v1alpha1.IdentityMode;
import dev.datamigration.api.v1alpha1.OdcMappingSpec;
import dev.datamigration.api.v1alpha1.Platform;
import dev.datamigration.api.v1alpha1.SourceDowntime;
import dev.datamigration.api.v1alpha1.SqlServerLoad;
import dev.datamigration.api.v1alpha1.UnmatchedUsers;
import dev.datamigration.api.v1alpha1.UserMatch;
import dev.datamigration.api.v1alpha1.UsersSpec;
import dev.datamigration.controller.validation.SpecValidator;
import dev.datamigration.deploy.support.CrdField;
import dev.datamigration.deploy.support.RepoFiles;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * No spec field is accepted and ignored: every field of the CRD's spec is either exercised by a behaviour test (named
 * here with a phrase of that test that uses the field, checked against the test's source) or refused, for the values
 * the product cannot honour, by validation with a clear message (checked by running the validator). A new spec field
 * without an entry here fails the build.
 */
class SpecFieldCoverageTest {

    /** A test that exercises the field: the file must exist and contain {@code phrase}. */
    private record Behaviour(String test, String phrase) {
    }

    /** A value the product refuses: validating a valid spec changed by {@code change} must report {@code message}. */
    private record Refusal(String value, Consumer<DataMigrationSpec> change, String message) {
    }

    private record Evidence(List<Behaviour> behaviours, List<Refusal> refusals) {
    }

    private static final String E2E = "operator/devtools/src/test/java/dev/datamigration/devtools/e2e/";
    private static final String HAPPY = E2E + "HappyPathTest.java";
    private static final String CLUSTER = E2E + "E2eCluster.java";
    private static final String MASKING_E2E = E2E + "MaskingTest.java";
    private static final String MASKING = "operator/engine/src/test/java/dev/datamigration/engine/mask/"
            + "MaskingCopyTest.java";
    private static final String OPERATOR = "operator/controller/src/test/java/dev/datamigration/controller/"
            + "DataMigrationOperatorTest.java";
    private static final String HARNESS = "operator/controller/src/test/java/dev/datamigration/controller/testing/"
            + "OperatorHarness.java";
    private static final String JOBS = "operator/controller/src/test/java/dev/datamigration/controller/jobs/"
            + "JobFactoryTest.java";
    private static final String COMMANDS = "operator/cli/src/test/java/dev/datamigration/cli/"
            + "CopyAndPlanCommandTest.java";
    private static final String ODC_COPY = "operator/engine/src/test/java/dev/datamigration/engine/odc/"
            + "OdcCopyTest.java";
    private static final String ODC_JOBS = "operator/job/src/test/java/dev/datamigration/job/OdcJobsTest.java";
    private static final String VALIDATOR = "operator/controller/src/test/java/dev/datamigration/controller/"
            + "validation/SpecValidatorTest.java";

    private static final Map<String, Evidence> EVIDENCE = new LinkedHashMap<>();

    static {
        covered("spec.source", CLUSTER, "spec.setSource(source)");
        covered("spec.source.platform", HAPPY, "O11 -> O11");
        refused("spec.source.platform", "ODC", s -> s.getSource().setPlatform(Platform.ODC),
                "spec.source.platform ODC is not supported: data is copied from O11 environments only");
        covered("spec.source.environment", CLUSTER, "source.setEnvironment(\"Production\")");
        covered("spec.source.database", CLUSTER, "source.setDatabase(");
        covered("spec.source.database.engine", CLUSTER, "database.setEngine(DatabaseEngine.PostgreSQL)");
        covered("spec.source.database.url", CLUSTER, "database(databases.productionUrl()");
        covered("spec.source.database.credentialsSecret", CLUSTER, "database.setCredentialsSecret(secret)");
        covered("spec.source.downtime", CLUSTER, "source.setDowntime(SourceDowntime.StopEnvironment)");
        covered("spec.source.downtime", OPERATOR, "setDowntime(SourceDowntime.KeepRunning)");
        covered("spec.source.downtime", E2E + "CutoverTest.java", "setDowntime(SourceDowntime.StopAfterCopy)");
        refused("spec.source.downtime", "StopAfterCopy into SQL Server", s -> {
            s.getSource().setDowntime(SourceDowntime.StopAfterCopy);
            s.getTarget().getDatabase().setEngine(DatabaseEngine.SqlServer);
            s.getTarget().getDatabase().setUrl("jdbc:sqlserver://qa:1433;databaseName=outsystems");
        },
                "spec.source.downtime StopAfterCopy needs a PostgreSQL target database (its catch-up pass is an"
                        + " existingData Sync), not SqlServer: use StopEnvironment");
        covered("spec.target", CLUSTER, "spec.setTarget(target)");
        covered("spec.target.platform", HAPPY, "O11 -> O11");
        // ODC targets: the platform side runs (operator tests); the engine plans and copies into an ODC-laid-out
        // stage through the mapping.
        covered("spec.target.platform", OPERATOR, "O11 -> ODC: ODC operations are polled");
        covered("spec.target.platform", ODC_COPY, "Engine.planOdc(s, t, apps, MaskingSpec.NONE, rig.mapping())");
        covered("spec.target.mapping", ODC_JOBS, "task.setOdcMappingDir(mappingDir.toString())");
        covered("spec.target.mapping.configMap", JOBS, "mapping.setConfigMap(\"orders-mapping\")");
        refused("spec.target.mapping", "on an O11 target", s -> {
            OdcMappingSpec mapping = new OdcMappingSpec();
            mapping.setConfigMap("orders-mapping");
            s.getTarget().setMapping(mapping);
        }, "spec.target.mapping is for ODC targets only: an O11 target's tables come from its metamodel");
        covered("spec.target.environment", CLUSTER, "target.setEnvironment(\"QA\")");
        covered("spec.target.database", CLUSTER, "target.setDatabase(");
        covered("spec.target.database.engine", CLUSTER, "database.setEngine(DatabaseEngine.PostgreSQL)");
        covered("spec.target.database.url", CLUSTER, "database(databases.qaUrl()");
        covered("spec.target.database.credentialsSecret", CLUSTER, "database.setCredentialsSecret(secret)");
        covered("spec.target.downtime", CLUSTER, "target.setDowntime(TargetDowntime.UndeployApps)");
        covered("spec.target.downtime", OPERATOR, "setDowntime(TargetDowntime.KeepDeployed)");
        covered("spec.platformApi", CLUSTER, "spec.setPlatformApi(platformApi)");
        covered("spec.platformApi.url", CLUSTER, "platformApi.setUrl(simulator.lifeTimeApiUrl())");
        covered("spec.platformApi.credentialsSecret", CLUSTER, "platformApi.setCredentialsSecret(\"lifetime\")");
        covered("spec.platformApi.source", VALIDATOR, "setSource(");
        covered("spec.platformApi.source.url", VALIDATOR, "setSource(");
        covered("spec.platformApi.source.credentialsSecret", VALIDATOR, "setSource(");
        covered("spec.platformApi.target", HARNESS, "getPlatformApi().setTarget(odc)");
        covered("spec.platformApi.target.url", HARNESS, "odc.setUrl(platform.odcUrl())");
        covered("spec.platformApi.target.credentialsSecret", HARNESS, "odc.setCredentialsSecret(\"odc-client\")");
        covered("spec.apps", HAPPY, "\"Catalog\", \"Customers\", \"Orders\"");
        covered("spec.existingData", HAPPY, "QA refreshed from Production, exactly");
        refused("spec.existingData", "Append", s -> s.setExistingData(ExistingData.Append),
                "spec.existingData Append is not supported yet: use Replace");
        covered("spec.existingData", "operator/engine/src/test/java/dev/datamigration/engine/sync/SyncCopyTest.java",
                "REPLACE.withSync(true)");
        covered("spec.existingData", "operator/job/src/test/java/dev/datamigration/job/TaskCopyOptionsTest.java",
                "task.setExistingData(ExistingData.Sync)");
        refused("spec.existingData", "Sync into SQL Server", s -> {
            s.setExistingData(ExistingData.Sync);
            s.getTarget().getDatabase().setEngine(DatabaseEngine.SqlServer);
            s.getTarget().getDatabase().setUrl("jdbc:sqlserver://qa:1433;databaseName=outsystems");
        }, "spec.existingData Sync needs a PostgreSQL target database (it compares key ranges with PostgreSQL's"
                + " hashing), not SqlServer: use Replace");
        covered("spec.identity", HAPPY, "QA refreshed from Production, exactly");
        refused("spec.identity", "Remap", s -> s.setIdentity(IdentityMode.Remap),
                "spec.identity Remap is not supported yet: use Preserve");
        covered("spec.users", E2E + "AppFailureTest.java", "users.unmatched");
        covered("spec.users.match", E2E + "AppFailureTest.java", "same username and tenant");
        refused("spec.users.match", "Email with an O11 target", s -> s.setUsers(users(UserMatch.Email, null)),
                "spec.users.match Email is not supported for an O11 target: O11 users are matched by Username");
        covered("spec.users.unmatched", E2E + "AppFailureTest.java", "set users.unmatched:");
        covered("spec.users.unmatched", COMMANDS, "users.setUnmatched(UnmatchedUsers.SetNull)");
        refused("spec.users.unmatched", "Create with an O11 target",
                s -> s.setUsers(users(UserMatch.Username, UnmatchedUsers.Create)),
                "spec.users.unmatched Create needs an ODC target: O11 has no API to create end users");
        covered("spec.masking", MASKING_E2E, "migration.getSpec().setMasking(");
        covered("spec.masking[].app", MASKING, "new MaskRule(\"*\", \"*\", \"Phone\", MaskStrategy.HASH)");
        covered("spec.masking[].entity", MASKING, "new MaskRule(\"Customers\", \"Customers.Customer\", \"Name\"");
        covered("spec.masking[].attribute", MASKING, "no active attribute Mail");
        covered("spec.masking[].strategy", MASKING, "MaskStrategy.REDACT");
        covered("spec.maskingKeySecret", MASKING_E2E, "setMaskingKeySecret(\"masking-key\")");
        covered("spec.parallelism", E2E + "OperatorRestartTest.java", "setParallelism(1)");
        covered("spec.dryRun", E2E + "LocalEndToEndTest.java", "dryRun");
        covered("spec.cancel", E2E + "CancelAndDeleteTest.java", "spec.cancel mid-copy");
        covered("spec.copier", JOBS, "migration.getSpec().setCopier(copier)");
        covered("spec.copier.image", JOBS, "copier.setImage(\"mirror.example/dm:1.2\")");
        covered("spec.copier.resources", JOBS, "copier.setResources(");
        covered("spec.copier.resources.requests", JOBS, "addToRequests(\"cpu\", new Quantity(\"1\"))");
        covered("spec.copier.resources.limits", JOBS, "addToLimits(\"memory\", new Quantity(\"1Gi\"))");
        for (String claims : List.of("spec.copier.resources.claims", "spec.copier.resources.claims[].name",
                "spec.copier.resources.claims[].request")) {
            refused(claims, "any claim", s -> s.getCopier().setResources(new ResourceRequirementsBuilder()
                    .addNewClaim().withName("gpu").withRequest("one").endClaim().build()),
                    "spec.copier.resources.claims is not supported: the copy pod declares no resource claims for"
                            + " them to name; set requests and limits only");
        }
        covered("spec.copier.batchSize", COMMANDS, "t.setBatchSize(7)");
        covered("spec.copier.concurrentEntities", HAPPY, "concurrentEntities");
        covered("spec.copier.streams", JOBS, "copier.setStreams(4)");
        covered("spec.copier.sqlServerLoad", JOBS, "copier.setSqlServerLoad(SqlServerLoad.BatchInsert)");
        covered("spec.copier.sqlServerLoad", E2E + "LocalSqlServerTdsTest.java", "copier: {sqlServerLoad: BatchInsert}");
        covered("spec.copier.sqlServerLoad", "operator/engine/src/test/java/dev/datamigration/engine/copy/"
                + "SqlServerCopyTdsTest.java", "withSqlServerLoad(LoadPath.BATCH_INSERT)");
        refused("spec.copier.sqlServerLoad", "BatchInsert with a PostgreSQL target", s -> {
            if (s.getCopier() == null) {
                s.setCopier(new CopierSpec());
            }
            s.getCopier().setSqlServerLoad(SqlServerLoad.BatchInsert);
            s.getTarget().getDatabase().setEngine(DatabaseEngine.PostgreSQL);
            s.getTarget().getDatabase().setUrl("jdbc:postgresql://qa-db:5432/outsystems");
        }, "spec.copier.sqlServerLoad BatchInsert applies only to a SqlServer target database;"
                + " spec.target.database.engine is PostgreSQL");
        covered("spec.copier.activeDeadlineSeconds", JOBS, "copier.setActiveDeadlineSeconds(600L)");
        covered("spec.copier.backoffLimit", JOBS, "copier.setBackoffLimit(0)");
    }

    private static void covered(String path, String test, String phrase) {
        EVIDENCE.computeIfAbsent(path, p -> new Evidence(new ArrayList<>(), new ArrayList<>())).behaviours()
                .add(new Behaviour(test, phrase));
    }

    private static void refused(String path, String value, Consumer<DataMigrationSpec> change, String message) {
        EVIDENCE.computeIfAbsent(path, p -> new Evidence(new ArrayList<>(), new ArrayList<>())).refusals()
                .add(new Refusal(value, change, message));
    }

    private static UsersSpec users(UserMatch match, UnmatchedUsers unmatched) {
        UsersSpec users = new UsersSpec();
        users.setMatch(match);
        if (unmatched != null) {
            users.setUnmatched(unmatched);
        }
        return users;
    }

    /** The prod-to-QA example: a spec that uses most fields and that validation accepts. */
    private static DataMigration example() {
        Path file = RepoFiles.path("examples/o11-prod-to-qa/refresh-with-downtime.yaml");
        DataMigration migration = Serialization.unmarshal(RepoFiles.read(file), DataMigration.class);
        migration.getMetadata().setNamespace("refresh");
        return migration;
    }

    @Test
    void everySpecFieldOfTheCrdHasEvidenceAndNothingElseDoes() {
        List<String> fields = CrdField.walk("spec", RepoFiles.dataMigrationSchema().at("/properties/spec")).stream()
                .map(CrdField::path).toList();
        assertThat(EVIDENCE.keySet()).containsExactlyInAnyOrderElementsOf(fields);
    }

    @Test
    void everyNamedTestExistsAndUsesTheField() {
        SoftAssertions softly = new SoftAssertions();
        EVIDENCE.forEach((path, evidence) -> {
            for (Behaviour behaviour : evidence.behaviours()) {
                Path file = RepoFiles.path(behaviour.test()).normalize();
                softly.assertThat(Files.isRegularFile(file)).as("%s: test %s exists", path, file).isTrue();
                if (Files.isRegularFile(file)) {
                    softly.assertThat(RepoFiles.read(file)).as("%s: %s uses it", path, file)
                            .contains(behaviour.phrase());
                }
            }
        });
        softly.assertAll();
    }

    @Test
    void theBaseSpecIsValidAndEveryRefusedValueIsRefusedWithItsMessage() {
        assertThat(SpecValidator.validate(example())).isEmpty();
        SoftAssertions softly = new SoftAssertions();
        EVIDENCE.forEach((path, evidence) -> {
            for (Refusal refusal : evidence.refusals()) {
                DataMigration migration = example();
                refusal.change().accept(migration.getSpec());
                softly.assertThat(SpecValidator.validate(migration)).as("%s = %s", path, refusal.value())
                        .contains(refusal.message());
            }
        });
        softly.assertAll();
    }

    @Test
    void fieldsWithoutABehaviourTestAreRefusedForEveryValue() {
        List<String> refusedOnly = EVIDENCE.entrySet().stream().filter(e -> e.getValue().behaviours().isEmpty())
                .map(Map.Entry::getKey).collect(Collectors.toList());
        assertThat(refusedOnly).containsExactly("spec.copier.resources.claims",
                "spec.copier.resources.claims[].name", "spec.copier.resources.claims[].request");
    }
}
