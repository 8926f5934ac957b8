package dev.datamigration.controller.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.api.task.UserCounts;
import dev.datamigration.api.v1alpha1.UserCountsStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UserCountingTest {

    @Test
    @DisplayName("status.users: the plan's picture, then the copy Jobs' counts, never going backwards")
    void planThenCopyReports() {
        UserCountsStatus planned = UserCounting.fromPlan(new UserCounts(2, 0, 0, 3L));
        assertThat(planned).isEqualTo(new UserCountsStatus(2L, 0L, 0L));
        assertThat(UserCounting.fromPlan(null)).isNull();

        UserCountsStatus first = UserCounting.merge(planned, new UserCounts(2, 3, 0, null));
        assertThat(first).isEqualTo(new UserCountsStatus(2L, 3L, 0L));
        // a second app Job found the users the first created: the same counts, nothing counted twice
        assertThat(UserCounting.merge(first, new UserCounts(2, 3, 0, null))).isEqualTo(first);
        // a retried pod that has not resolved users yet reports none
        assertThat(UserCounting.merge(first, null)).isSameAs(first);
        assertThat(UserCounting.merge(null, new UserCounts(1, 0, 4, null))).isEqualTo(new UserCountsStatus(1L, 0L, 4L));
    }
}
