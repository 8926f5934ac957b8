package dev.datamigration.controller.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.api.v1alpha1.CopierSpec;
import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.api.v1alpha1.DatabaseEngine;
import dev.datamigration.api.v1alpha1.ExistingData;
import dev.datamigration.api.v1alpha1.IdentityMode;
import dev.datamigration.api.v1alpha1.MaskingRule;
import dev.datamigration.api.v1alpha1.OdcMappingSpec;
import dev.datamigration.api.v1alpha1.Platform;
import dev.datamigration.api.v1alpha1.PlatformApiSpec;
import dev.datamigration.api.v1alpha1.PlatformEndpoint;
import dev.datamigration.api.v1alpha1.SourceDowntime;
import dev.datamigration.api.v1alpha1.SqlServerLoad;
import dev.datamigration.api.v1alpha1.TargetDowntime;
import dev.datamigration.api.v1alpha1.UnmatchedUsers;
import dev.datamigration.api.v1alpha1.UserMatch;
import dev.datamigration.api.v1alpha1.UsersSpec;
import dev.datamigration.controller.testing.OperatorHarness;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SpecValidatorTest {

    private static DataMigration valid() {
        return OperatorHarness.migration("dm", "Orders", "Customers");
    }

    @Test
    @DisplayName("A complete O11 -> O11 spec has no problem")
    void validSpec() {
        assertThat(SpecValidator.validate(valid())).isEmpty();
    }

    @Test
    @DisplayName("Missing source, target and apps are each reported")
    void missingParts() {
        DataMigration migration = valid();
        migration.getSpec().setSource(null);
        migration.getSpec().setTarget(null);
        migration.getSpec().setApps(List.of());
        assertThat(SpecValidator.validate(migration)).containsExactly(
                "spec.source is required",
                "spec.target is required",
                "spec.apps must name at least one app (or \"*\" for every app)");
    }

    @Test
    @DisplayName("Database fields: required, JDBC URL, URL matching the engine, no password in the URL")
    void databases() {
        DataMigration migration = valid();
        migration.getSpec().getSource().getDatabase().setUrl("postgres://prod/os");
        migration.getSpec().getSource().getDatabase().setCredentialsSecret(" ");
        migration.getSpec().getTarget().getDatabase().setEngine(DatabaseEngine.Oracle);
        migration.getSpec().getTarget().setEnvironment(null);
        assertThat(SpecValidator.validate(migration)).containsExactly(
                "spec.source.database.url must be a JDBC URL starting with jdbc:sqlserver:, jdbc:oracle: or "
                        + "jdbc:postgresql:",
                "spec.source.database.credentialsSecret is required",
                "spec.target.environment is required",
                "spec.target.database.url does not match engine Oracle (expected jdbc:oracle:...)");

        DataMigration leaky = valid();
        leaky.getSpec().getTarget().getDatabase().setUrl("jdbc:sqlserver://qa:1433;user=sa;password=hunter2");
        assertThat(SpecValidator.validate(leaky)).containsExactly(
                "spec.target.database.url must not hold a password: credentials come from credentialsSecret");

        DataMigration same = valid();
        same.getSpec().getTarget().getDatabase().setUrl(same.getSpec().getSource().getDatabase().getUrl());
        assertThat(SpecValidator.validate(same)).containsExactly(
                "spec.source.database.url and spec.target.database.url are the same database");
    }

    @Test
    @DisplayName("Unsupported combinations: ODC source, Append, Remap, user matching against the target platform")
    void unsupported() {
        DataMigration migration = valid();
        migration.getSpec().getSource().setPlatform(Platform.ODC);
        migration.getSpec().setExistingData(ExistingData.Append);
        migration.getSpec().setIdentity(IdentityMode.Remap);
        UsersSpec users = new UsersSpec();
        users.setMatch(UserMatch.Email);
        users.setUnmatched(UnmatchedUsers.Create);
        migration.getSpec().setUsers(users);
        assertThat(SpecValidator.validate(migration)).containsExactly(
                "spec.source.platform ODC is not supported: data is copied from O11 environments only",
                "spec.existingData Append is not supported yet: use Replace",
                "spec.identity Remap is not supported yet: use Preserve",
                "spec.users.match Email is not supported for an O11 target: O11 users are matched by Username",
                "spec.users.unmatched Create needs an ODC target: O11 has no API to create end users");

        DataMigration odc = valid();
        odc.getSpec().getTarget().setPlatform(Platform.ODC);
        assertThat(SpecValidator.validate(odc)).containsExactly(
                "spec.target.database.engine must be PostgreSQL for an ODC target, not SqlServer",
                "spec.target.mapping.configMap is required for an ODC target: a ConfigMap whose key mapping.yaml maps"
                        + " each O11 entity to its table in the stage (bin/datamigration odc-mapping proposes one)",
                "spec.users.match Username is not supported for an ODC target: ODC users are matched by Email");
    }

    @Test
    @DisplayName("ODC mapping: required for an ODC target, refused for an O11 target")
    void odcMapping() {
        DataMigration o11 = valid();
        OdcMappingSpec mapping = new OdcMappingSpec();
        mapping.setConfigMap("orders-mapping");
        o11.getSpec().getTarget().setMapping(mapping);
        assertThat(SpecValidator.validate(o11)).containsExactly(
                "spec.target.mapping is for ODC targets only: an O11 target's tables come from its metamodel");

        DataMigration odc = valid();
        odc.getSpec().getTarget().setPlatform(Platform.ODC);
        odc.getSpec().getTarget().getDatabase().setEngine(DatabaseEngine.PostgreSQL);
        odc.getSpec().getTarget().getDatabase().setUrl("jdbc:postgresql://stage:5432/stage");
        UsersSpec users = new UsersSpec();
        users.setMatch(UserMatch.Email);
        odc.getSpec().setUsers(users);
        assertThat(SpecValidator.validate(odc)).containsExactly(
                "spec.target.mapping.configMap is required for an ODC target: a ConfigMap whose key mapping.yaml maps"
                        + " each O11 entity to its table in the stage (bin/datamigration odc-mapping proposes one)");
        odc.getSpec().getTarget().setMapping(mapping);
        assertThat(SpecValidator.validate(odc)).isEmpty();
    }

    @Test
    @DisplayName("existingData Sync: refused for a SQL Server or Oracle target, accepted for a PostgreSQL one")
    void syncNeedsAPostgresTarget() {
        DataMigration sqlServer = valid();
        sqlServer.getSpec().setExistingData(ExistingData.Sync);
        assertThat(SpecValidator.validate(sqlServer)).containsExactly(
                "spec.existingData Sync needs a PostgreSQL target database (it compares key ranges with PostgreSQL's"
                        + " hashing), not SqlServer: use Replace");

        DataMigration postgres = valid();
        postgres.getSpec().setExistingData(ExistingData.Sync);
        postgres.getSpec().getTarget().getDatabase().setEngine(DatabaseEngine.PostgreSQL);
        postgres.getSpec().getTarget().getDatabase().setUrl("jdbc:postgresql://qa:5432/outsystems");
        assertThat(SpecValidator.validate(postgres)).isEmpty();
    }

    @Test
    @DisplayName("source.downtime StopAfterCopy: refused for a SQL Server or Oracle target, accepted for PostgreSQL")
    void stopAfterCopyNeedsSyncTarget() {
        DataMigration sqlServer = valid();
        sqlServer.getSpec().getSource().setDowntime(SourceDowntime.StopAfterCopy);
        assertThat(SpecValidator.validate(sqlServer)).containsExactly("spec.source.downtime StopAfterCopy needs a"
                + " PostgreSQL target database (its catch-up pass is an existingData Sync), not SqlServer: use"
                + " StopEnvironment");

        DataMigration oracle = valid();
        oracle.getSpec().getSource().setDowntime(SourceDowntime.StopAfterCopy);
        oracle.getSpec().getTarget().getDatabase().setEngine(DatabaseEngine.Oracle);
        oracle.getSpec().getTarget().getDatabase().setUrl("jdbc:oracle:thin:@qa:1521/os");
        assertThat(SpecValidator.validate(oracle)).containsExactly("spec.source.downtime StopAfterCopy needs a"
                + " PostgreSQL target database (its catch-up pass is an existingData Sync), not Oracle: use"
                + " StopEnvironment");

        DataMigration postgres = valid();
        postgres.getSpec().getSource().setDowntime(SourceDowntime.StopAfterCopy);
        postgres.getSpec().getTarget().getDatabase().setEngine(DatabaseEngine.PostgreSQL);
        postgres.getSpec().getTarget().getDatabase().setUrl("jdbc:postgresql://qa:5432/outsystems");
        assertThat(SpecValidator.validate(postgres)).isEmpty();
    }

    @Test
    @DisplayName("source.downtime StopAfterCopy needs the platform API, a dry run too")
    void stopAfterCopyNeedsPlatformApi() {
        DataMigration dry = valid();
        dry.getSpec().setPlatformApi(null);
        dry.getSpec().setDryRun(true);
        dry.getSpec().getSource().setDowntime(SourceDowntime.StopAfterCopy);
        dry.getSpec().getTarget().setDowntime(TargetDowntime.KeepDeployed);
        dry.getSpec().getTarget().getDatabase().setEngine(DatabaseEngine.PostgreSQL);
        dry.getSpec().getTarget().getDatabase().setUrl("jdbc:postgresql://qa:5432/outsystems");
        assertThat(SpecValidator.validate(dry)).containsExactly(
                "spec.platformApi is required (only a dry run without downtime can do without it)");
    }

    @Test
    @DisplayName("Apps: blank, duplicate, and '*' mixed with names")
    void apps() {
        DataMigration migration = valid();
        migration.getSpec().setApps(Arrays.asList("Orders", "", "Orders", "*"));
        assertThat(SpecValidator.validate(migration)).containsExactly(
                "spec.apps has an empty app name",
                "spec.apps names Orders twice",
                "spec.apps \"*\" means every app: it cannot be combined with app names");
    }

    @Test
    @DisplayName("Platform API: required unless a dry run without downtime; endpoints need an http(s) URL and a Secret")
    void platformApi() {
        DataMigration migration = valid();
        migration.getSpec().setPlatformApi(null);
        assertThat(SpecValidator.validate(migration)).containsExactly(
                "spec.platformApi is required (only a dry run without downtime can do without it)");

        DataMigration dry = valid();
        dry.getSpec().setPlatformApi(null);
        dry.getSpec().setDryRun(true);
        dry.getSpec().getSource().setDowntime(SourceDowntime.KeepRunning);
        dry.getSpec().getTarget().setDowntime(TargetDowntime.KeepDeployed);
        assertThat(SpecValidator.validate(dry)).isEmpty();

        // the plan matches ODC end users through the Identity API, a dry run too
        DataMigration dryOdc = valid();
        dryOdc.getSpec().setPlatformApi(null);
        dryOdc.getSpec().setDryRun(true);
        dryOdc.getSpec().getSource().setDowntime(SourceDowntime.KeepRunning);
        dryOdc.getSpec().getTarget().setDowntime(TargetDowntime.KeepDeployed);
        dryOdc.getSpec().getTarget().setPlatform(Platform.ODC);
        dryOdc.getSpec().getTarget().getDatabase().setEngine(DatabaseEngine.PostgreSQL);
        dryOdc.getSpec().getTarget().getDatabase().setUrl("jdbc:postgresql://stage:5432/stage");
        OdcMappingSpec mapping = new OdcMappingSpec();
        mapping.setConfigMap("stage-mapping");
        dryOdc.getSpec().getTarget().setMapping(mapping);
        UsersSpec email = new UsersSpec();
        email.setMatch(UserMatch.Email);
        dryOdc.getSpec().setUsers(email);
        assertThat(SpecValidator.validate(dryOdc)).containsExactly("spec.platformApi is required for an ODC target"
                + " with users.match Email: the plan matches end users through the ODC Identity API, a dry run too");

        DataMigration bad = valid();
        PlatformApiSpec api = new PlatformApiSpec();
        api.setUrl("ftp://lifetime");
        PlatformEndpoint target = new PlatformEndpoint();
        target.setUrl("https://acme.outsystems.dev");
        api.setTarget(target);
        bad.getSpec().setPlatformApi(api);
        assertThat(SpecValidator.validate(bad)).containsExactly(
                "spec.platformApi.url must be an absolute http(s) URL, got ftp://lifetime",
                "spec.platformApi.credentialsSecret is required",
                "spec.platformApi.target.credentialsSecret is required");
    }

    @Test
    @DisplayName("Ranges, masking rules and the name length are checked like the CRD schema would")
    void rangesAndMasking() {
        DataMigration migration = valid();
        migration.getMetadata().setName("x".repeat(64));
        migration.getSpec().setParallelism(0);
        CopierSpec copier = new CopierSpec();
        copier.setBatchSize(10);
        copier.setStreams(9);
        copier.setConcurrentEntities(0);
        copier.setBackoffLimit(21);
        copier.setActiveDeadlineSeconds(30L);
        migration.getSpec().setCopier(copier);
        MaskingRule rule = new MaskingRule();
        rule.setApp("Billing");
        rule.setEntity("Invoice");
        migration.getSpec().setMasking(List.of(rule));
        assertThat(SpecValidator.validate(migration)).containsExactly(
                "metadata.name must be at most 63 characters: it is the value of the datamigration.dev/migration "
                        + "label on every Job",
                "spec.parallelism must be between 1 and 32, got 0",
                "spec.copier.batchSize must be between 100 and 1000000, got 10",
                "spec.copier.streams must be between 1 and 8, got 9",
                "spec.copier.concurrentEntities must be between 1 and 8, got 0",
                "spec.copier.backoffLimit must be between 0 and 20, got 21",
                "spec.copier.activeDeadlineSeconds must be at least 60, got 30",
                "spec.masking[0].attribute is required",
                "spec.masking[0].app Billing is not one of spec.apps",
                "spec.maskingKeySecret is required when spec.masking has rules: a Secret whose key `key` holds the"
                        + " masking key (at least 16 bytes)");
    }

    @Test
    @DisplayName("sqlServerLoad BatchInsert is refused for a target that is not SQL Server; BulkCopy, the default, is not")
    void sqlServerLoadAppliesToSqlServerTargetsOnly() {
        DataMigration migration = valid();
        CopierSpec copier = new CopierSpec();
        copier.setSqlServerLoad(SqlServerLoad.BatchInsert);
        migration.getSpec().setCopier(copier);
        migration.getSpec().getTarget().getDatabase().setEngine(DatabaseEngine.PostgreSQL);
        migration.getSpec().getTarget().getDatabase().setUrl("jdbc:postgresql://qa-db:5432/outsystems");
        assertThat(SpecValidator.validate(migration)).containsExactly("spec.copier.sqlServerLoad BatchInsert applies"
                + " only to a SqlServer target database; spec.target.database.engine is PostgreSQL");
        copier.setSqlServerLoad(SqlServerLoad.BulkCopy);
        assertThat(SpecValidator.validate(migration)).isEmpty();
        copier.setSqlServerLoad(SqlServerLoad.BatchInsert);
        migration.getSpec().getTarget().getDatabase().setEngine(DatabaseEngine.SqlServer);
        migration.getSpec().getTarget().getDatabase().setUrl("jdbc:sqlserver://qa-db:1433;databaseName=outsystems");
        assertThat(SpecValidator.validate(migration)).isEmpty();
    }

    @Test
    @DisplayName("Resource claims for the copy pod are refused: the pod declares none for them to name")
    void resourceClaimsRefused() {
        DataMigration migration = valid();
        CopierSpec copier = new CopierSpec();
        copier.setResources(new io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder()
                .addNewClaim().withName("gpu").endClaim().build());
        migration.getSpec().setCopier(copier);
        assertThat(SpecValidator.validate(migration)).containsExactly("spec.copier.resources.claims is not"
                + " supported: the copy pod declares no resource claims for them to name; set requests and limits only");
    }

    @Test
    @DisplayName("A masking rule may name every app with *; with its key Secret named it is valid")
    void maskingWildcardAndKey() {
        DataMigration migration = valid();
        MaskingRule rule = new MaskingRule();
        rule.setApp("*");
        rule.setEntity("*");
        rule.setAttribute("Email");
        migration.getSpec().setMasking(List.of(rule));
        migration.getSpec().setMaskingKeySecret("masking-key");
        assertThat(SpecValidator.validate(migration)).isEmpty();
    }
}
