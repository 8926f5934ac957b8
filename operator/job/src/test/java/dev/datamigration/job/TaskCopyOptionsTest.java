package dev.datamigration.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datamigration.api.task.JobTask;
import dev.datamigration.api.v1alpha1.ExistingData;
import dev.datamigration.api.v1alpha1.IdentityMode;
import dev.datamigration.api.v1alpha1.MaskingRule;
import dev.datamigration.api.v1alpha1.SqlServerLoad;
import dev.datamigration.api.v1alpha1.UnmatchedUsers;
import dev.datamigration.api.v1alpha1.UsersSpec;
import dev.datamigration.engine.copy.CopyOptions;
import dev.datamigration.engine.dialect.LoadPath;
import dev.datamigration.engine.mask.MaskRule;
import dev.datamigration.engine.mask.MaskStrategy;
import dev.datamigration.engine.mask.MaskingSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A copy task's settings as the engine gets them: defaults, enum mapping, and the copy Job's own range checks. */
class TaskCopyOptionsTest {

    @TempDir
    Path dir;

    @Test
    void aTaskWithoutSettingsGetsTheDefaults() {
        JobTask task = new JobTask();
        task.setBatchSize(null);
        task.setStreams(null);
        task.setConcurrentEntities(null);
        assertThat(TaskCopyOptions.of(task)).isEqualTo(new CopyOptions(true, true, CopyOptions.UnmatchedUsers.FAIL,
                10_000, 1, 1, MaskingSpec.NONE));
        assertThat(TaskCopyOptions.of(new JobTask())).isEqualTo(TaskCopyOptions.of(task));
    }

    @Test
    void existingDataIdentityAndUnmatchedUsersMapToTheEngine() {
        JobTask task = new JobTask();
        task.setExistingData(ExistingData.Append);
        task.setIdentity(IdentityMode.Remap);
        UsersSpec users = new UsersSpec();
        users.setUnmatched(UnmatchedUsers.SetNull);
        task.setUsers(users);
        task.setBatchSize(7);
        task.setStreams(8);
        task.setConcurrentEntities(8);
        assertThat(TaskCopyOptions.of(task)).isEqualTo(new CopyOptions(false, false,
                CopyOptions.UnmatchedUsers.SET_NULL, 7, 8, 8, MaskingSpec.NONE));
        users.setUnmatched(UnmatchedUsers.Create);
        assertThat(TaskCopyOptions.of(task).unmatchedUsers()).isEqualTo(CopyOptions.UnmatchedUsers.CREATE);
        users.setUnmatched(UnmatchedUsers.Fail);
        assertThat(TaskCopyOptions.of(task).unmatchedUsers()).isEqualTo(CopyOptions.UnmatchedUsers.FAIL);
    }

    @Test
    void sqlServerLoadMapsToTheEnginesLoadPathAndDefaultsToBulkCopy() {
        JobTask task = new JobTask();
        assertThat(TaskCopyOptions.of(task).sqlServerLoad()).isEqualTo(LoadPath.BULK_COPY);
        task.setSqlServerLoad(null);
        assertThat(TaskCopyOptions.of(task).sqlServerLoad()).isEqualTo(LoadPath.BULK_COPY);
        task.setSqlServerLoad(SqlServerLoad.BatchInsert);
        assertThat(TaskCopyOptions.of(task).sqlServerLoad()).isEqualTo(LoadPath.BATCH_INSERT);
        task.setSqlServerLoad(SqlServerLoad.BulkCopy);
        assertThat(TaskCopyOptions.of(task).sqlServerLoad()).isEqualTo(LoadPath.BULK_COPY);
    }

    @Test
    void existingDataSyncIsAReplaceThatSyncs() {
        JobTask task = new JobTask();
        task.setExistingData(ExistingData.Sync);
        assertThat(TaskCopyOptions.of(task)).isEqualTo(new CopyOptions(true, true, CopyOptions.UnmatchedUsers.FAIL,
                10_000, 1, 1, MaskingSpec.NONE, true));
        task.setExistingData(ExistingData.Replace);
        assertThat(TaskCopyOptions.of(task).syncExistingData()).isFalse();
    }

    /** The CRD keeps a DataMigration at 100 rows or more; a task file (tests, local runs) may go down to 1. */
    @Test
    void aBatchOfOneRowIsTakenAndZeroIsBadInput() {
        JobTask task = new JobTask();
        task.setBatchSize(1);
        assertThat(TaskCopyOptions.of(task).batchSize()).isEqualTo(1);
        task.setBatchSize(0);
        assertThatThrownBy(() -> TaskCopyOptions.of(task)).isInstanceOf(TaskException.class)
                .hasMessage("batchSize must be at least 1, not 0");
    }

    @Test
    void streamsAndConcurrentEntitiesOutOfRangeAreBadInputNamingTheRange() {
        JobTask task = new JobTask();
        task.setStreams(9);
        assertThatThrownBy(() -> TaskCopyOptions.of(task)).isInstanceOf(TaskException.class)
                .hasMessage("streams must be between 1 and 8, not 9");
        task.setStreams(0);
        assertThatThrownBy(() -> TaskCopyOptions.of(task)).hasMessage("streams must be between 1 and 8, not 0");
        task.setStreams(1);
        task.setConcurrentEntities(9);
        assertThatThrownBy(() -> TaskCopyOptions.of(task)).isInstanceOf(TaskException.class)
                .hasMessage("concurrentEntities must be between 1 and 8, not 9");
        task.setConcurrentEntities(0);
        assertThatThrownBy(() -> TaskCopyOptions.of(task))
                .hasMessage("concurrentEntities must be between 1 and 8, not 0");
    }

    @Test
    void maskingRulesDefaultToHashAndCarryTheKeyFromItsDirectory() throws Exception {
        MaskingRule rule = new MaskingRule();
        rule.setApp("Customers");
        rule.setEntity("Customer");
        rule.setAttribute("Email");
        JobTask task = new JobTask();
        task.setMasking(List.of(rule));
        assertThat(TaskCopyOptions.of(task).masking().rules())
                .containsExactly(new MaskRule("Customers", "Customer", "Email", MaskStrategy.HASH));
        // without a key directory the rules come without a key: the plan reports it as an error
        assertThat(TaskCopyOptions.of(task).masking().key()).isNull();
        Files.writeString(dir.resolve("key"), "a masking key of 32 bytes, as is\n");
        task.setMaskingKeyDir(dir.toString());
        assertThat(TaskCopyOptions.of(task).masking().key()).isNotNull();
    }
}
