package dev.datamigration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** What to migrate, from where to where, and with which downtime. Immutable once created, except cancel. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DataMigrationSpec {

    /** The source environment and its database. */
    @Required
    @ValidationRule(value="self == oldSelf",message="source is immutable")
    private SourceSpec source;

    /** The target environment or ODC stage and its database. */
    @Required
    @ValidationRule(value="self == oldSelf",message="target is immutable")
    private TargetSpec target;

    /** The platform API used to stop, undeploy and redeploy. Required unless both downtime options are the no-downtime ones and the run is a dry run. */
    @ValidationRule(value="self == oldSelf",message="platformApi is immutable")
    private PlatformApiSpec platformApi;

    /** O11 application names; ["*"] means every app that has entities. */
    @Required
    @Size(min=1)
    @ValidationRule(value="self == oldSelf",message="apps is immutable")
    private List<String> apps;

    /** Replace wipes the apps' target data first; Append keeps it. */
    @Default("Replace")
    @ValidationRule(value="self == oldSelf",message="existingData is immutable")
    private ExistingData existingData = ExistingData.Replace;

    /** Preserve keeps source ids; Remap lets the target mint ids and rewrites references. */
    @Default("Preserve")
    @ValidationRule(value="self == oldSelf",message="identity is immutable")
    private IdentityMode identity = IdentityMode.Preserve;

    /** How references to users are matched. */
    @ValidationRule(value="self == oldSelf",message="users is immutable")
    private UsersSpec users;

    /** Attributes masked in flight, before they are written or hashed for verification. Needs maskingKeySecret. */
    @ValidationRule(value="self == oldSelf",message="masking is immutable")
    private List<MaskingRule> masking;

    /** Secret whose key `key` (at least 16 bytes) keys the Hash and Email masking strategies; required when masking has rules. The same key gives the same masked values on every run; another key changes all of them. */
    @ValidationRule(value="self == oldSelf",message="maskingKeySecret is immutable")
    private String maskingKeySecret;

    /** App copy Jobs running at once. */
    @Default(CopierLimits.PARALLELISM_DEFAULT_TEXT)
    @Min(CopierLimits.PARALLELISM_MIN)
    @Max(CopierLimits.PARALLELISM_MAX)
    @ValidationRule(value="self == oldSelf",message="parallelism is immutable")
    private Integer parallelism = CopierLimits.PARALLELISM_DEFAULT;

    /** Plan only: no writes, no downtime. */
    @Default("false")
    @ValidationRule(value="self == oldSelf",message="dryRun is immutable")
    private Boolean dryRun = false;

    /** One-way: true stops the run and restores the target apps. */
    @Default("false")
    @ValidationRule(value = "self || !oldSelf", message = "cancel is one-way: it cannot be set back to false")
    private Boolean cancel = false;

    /** Settings of the copy Jobs. */
    @ValidationRule(value="self == oldSelf",message="copier is immutable")
    private CopierSpec copier;

    public SourceSpec getSource() {
        return source;
    }

    public void setSource(SourceSpec source) {
        this.source = source;
    }

    public TargetSpec getTarget() {
        return target;
    }

    public void setTarget(TargetSpec target) {
        this.target = target;
    }

    public PlatformApiSpec getPlatformApi() {
        return platformApi;
    }

    public void setPlatformApi(PlatformApiSpec platformApi) {
        this.platformApi = platformApi;
    }

    public List<String> getApps() {
        return apps;
    }

    public void setApps(List<String> apps) {
        this.apps = apps;
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

    public String getMaskingKeySecret() {
        return maskingKeySecret;
    }

    public void setMaskingKeySecret(String maskingKeySecret) {
        this.maskingKeySecret = maskingKeySecret;
    }

    public Integer getParallelism() {
        return parallelism;
    }

    public void setParallelism(Integer parallelism) {
        this.parallelism = parallelism;
    }

    public Boolean getDryRun() {
        return dryRun;
    }

    public void setDryRun(Boolean dryRun) {
        this.dryRun = dryRun;
    }

    public Boolean getCancel() {
        return cancel;
    }

    public void setCancel(Boolean cancel) {
        this.cancel = cancel;
    }

    public CopierSpec getCopier() {
        return copier;
    }

    public void setCopier(CopierSpec copier) {
        this.copier = copier;
    }
}
