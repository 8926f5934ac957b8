package dev.datamigration.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The keys a merge reads after narrowing: those whose row hashes differ or that one side lacks, as runs. */
class RowHashNarrowingTest {

    /** (key, hash) pairs in key order, as {@link RowHashNarrowing#read} gives them. */
    private static KeyedRows rows(long... keyHash) {
        return new KeyedRows() {
            private int at = -2;
            private final Object[] row = new Object[2];

            @Override
            public boolean next() {
                at += 2;
                if (at >= keyHash.length) {
                    return false;
                }
                row[0] = keyHash[at];
                row[1] = keyHash[at + 1];
                return true;
            }

            @Override
            public Object key() {
                return row[0];
            }

            @Override
            public Object[] row() {
                return row;
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void differingKeysBecomeRunsOfConsecutiveKeys() throws Exception {
        // 1 same; 2, 3 changed; 4 only in the target; 5 same; 6 only in the source; 8 same; 9 changed; 12 only
        // in the target, 13 only in the source
        List<long[]> runs = RowHashNarrowing.differing(
                rows(1, 10, 2, 20, 3, 30, 5, 50, 6, 60, 8, 80, 9, 90, 13, 130),
                rows(1, 10, 2, 21, 3, 31, 4, 40, 5, 50, 8, 80, 9, -90, 12, 120));
        assertThat(runs).containsExactly(new long[] {2, 5}, new long[] {6, 7}, new long[] {9, 10},
                new long[] {12, 14});
    }

    @Test
    void equalSidesLeaveNothingToRead() throws Exception {
        assertThat(RowHashNarrowing.differing(rows(1, 10, 2, 20), rows(1, 10, 2, 20))).isEmpty();
        assertThat(RowHashNarrowing.differing(rows(), rows())).isEmpty();
    }

    @Test
    void oneSideEmptyReadsEveryKeyOfTheOther() throws Exception {
        assertThat(RowHashNarrowing.differing(rows(), rows(-3, 1, -2, 2, 7, 3)))
                .containsExactly(new long[] {-3, -1}, new long[] {7, 8});
    }

    @Test
    void tooManyRunsMeanTheLeavesAreReadWhole() throws Exception {
        long[] ours = new long[2 * (RowHashNarrowing.MAX_RUNS + 1)];
        for (int i = 0; i <= RowHashNarrowing.MAX_RUNS; i++) {
            ours[2 * i] = 2L * i;
            ours[2 * i + 1] = i;
        }
        assertThat(RowHashNarrowing.differing(rows(ours), rows())).isNull();
        long[] fewer = java.util.Arrays.copyOf(ours, ours.length - 2);
        assertThat(RowHashNarrowing.differing(rows(fewer), rows())).hasSize(RowHashNarrowing.MAX_RUNS);
    }
}
