package dev.datamigration.api.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.datamigration.api.v1alpha1.CopierLimits;
import dev.datamigration.api.v1alpha1.ExistingData;
import dev.datamigration.api.v1alpha1.IdentityMode;
import dev.datamigration.api.v1alpha1.MaskingRule;
import dev.datamigration.api.v1alpha1.SqlServerLoad;
import dev.datamigration.api.v1alpha1.UsersSpec;
import java.util.List;

/** What one plan or copy Job does: the task.json the operator writes into the Job's task ConfigMap. Holds no credentials: only the directories where Secret volumes are mounted. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class JobTask {

    /** Plan or Copy. */
    private TaskKind kind;

    /** Name of the DataMigration. */
    private String migration;

    /** Namespace of the DataMigration. */
    private String namespace;

    /** The application this Copy task copies (null for Plan). */
    private String app;

    /** Every application in the migration's scope (Plan: as written in the spec, "*" allowed). */
    private List<String> apps;

    /** The source database. */
    private DatabaseEndpoint source;

    /** The target database. */
    private DatabaseEndpoint target;

    /** Replace or Append. */
    private ExistingData existingData = ExistingData.Replace;

    /** Preserve or Remap. */
    private IdentityMode identity = IdentityMode.Preserve;

    /** User matching. */
    private UsersSpec users;

    /** Attributes masked in flight (every rule of the migration: rules may name any app, or "*"). */
    private List<MaskingRule> masking;

    /** Directory holding the file {@code key}, the masking key (a mounted Secret); null without masking rules. */
    private String maskingKeyDir;

    /** ODC target: directory holding {@code mapping.yaml} (the mounted mapping ConfigMap); null for O11 targets. */
    private String odcMappingDir;

    /** Rows per source fetch and between progress reports. */
    private Integer batchSize = CopierLimits.BATCH_SIZE_DEFAULT;

    /** Parallel streams per large entity (see CopierLimits), each on its own source and target connection. */
    private Integer streams = CopierLimits.STREAMS_DEFAULT;

    /** Entities without a dependency between them loaded at once (see CopierLimits), each on its own connections. */
    private Integer concurrentEntities = CopierLimits.CONCURRENT_ENTITIES_DEFAULT;

    /** spec.copier.sqlServerLoad: how a SQL Server target is loaded (null: BulkCopy). */
    private SqlServerLoad sqlServerLoad = SqlServerLoad.BulkCopy;
    /** The ODC platform (ODC targets only): end users are matched and created through its Identity API. */
    private OdcPlatformEndpoint odcPlatform;

    /** ConfigMap the Job writes its progress (and, for Plan, plan.json) into; null when run outside Kubernetes. */
    private String progressConfigMap;

    /**
     * A catch-up Job created before the source environment stops (source.downtime StopAfterCopy): it starts, connects
     * to both databases and waits, reading nothing, until the operator adds {@link Contracts#RELEASE_KEY} to its task
     * ConfigMap; so the source's downtime does not include the Job's start. Null: runs at once.
     */
    private Boolean awaitRelease;

    public Boolean getAwaitRelease() {
        return awaitRelease;
    }

    public void setAwaitRelease(Boolean awaitRelease) {
        this.awaitRelease = awaitRelease;
    }

    public TaskKind getKind() {
        return kind;
    }

    public void setKind(TaskKind kind) {
        this.kind = kind;
    }

    public String getMigration() {
        return migration;
    }

    public void setMigration(String migration) {
        this.migration = migration;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public String getApp() {
        return app;
    }

    public void setApp(String app) {
        this.app = app;
    }

    public List<String> getApps() {
        return apps;
    }

    public void setApps(List<String> apps) {
        this.apps = apps;
    }

    public DatabaseEndpoint getSource() {
        return source;
    }

    public void setSource(DatabaseEndpoint source) {
        this.source = source;
    }

    public DatabaseEndpoint getTarget() {
        return target;
    }

    public void setTarget(DatabaseEndpoint target) {
        this.target = target;
    }

    public ExistingData getExistingData() {
        return existingData;
    }

    public void setExistingData(ExistingData existingData) {
        this.existingData = existingData;
    }

    public IdentityMode getIdentity() {
        return identity;
    }

    public void setIdentity(IdentityMode identity) {
        this.identity = identity;
    }

    public UsersSpec getUsers() {
        return users;
    }

    public void setUsers(UsersSpec users) {
        this.users = users;
    }

    public List<MaskingRule> getMasking() {
        return masking;
    }

    public void setMasking(List<MaskingRule> masking) {
        this.masking = masking;
    }

    public String getOdcMappingDir() {
        return odcMappingDir;
    }

    public void setOdcMappingDir(String odcMappingDir) {
        this.odcMappingDir = odcMappingDir;
    }

    public String getMaskingKeyDir() {
        return maskingKeyDir;
    }

    public void setMaskingKeyDir(String maskingKeyDir) {
        this.maskingKeyDir = maskingKeyDir;
    }

    public Integer getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(Integer batchSize) {
        this.batchSize = batchSize;
    }

    public Integer getStreams() {
        return streams;
    }

    public void setStreams(Integer streams) {
        this.streams = streams;
    }

    public Integer getConcurrentEntities() {
        return concurrentEntities;
    }

    public void setConcurrentEntities(Integer concurrentEntities) {
        this.concurrentEntities = concurrentEntities;
    }

    public SqlServerLoad getSqlServerLoad() {
        return sqlServerLoad;
    }

    public void setSqlServerLoad(SqlServerLoad sqlServerLoad) {
        this.sqlServerLoad = sqlServerLoad;
    }

    public String getProgressConfigMap() {
        return progressConfigMap;
    }

    public void setProgressConfigMap(String progressConfigMap) {
        this.progressConfigMap = progressConfigMap;
    }

    public OdcPlatformEndpoint getOdcPlatform() {
        return odcPlatform;
    }

    public void setOdcPlatform(OdcPlatformEndpoint odcPlatform) {
        this.odcPlatform = odcPlatform;
    }
}
