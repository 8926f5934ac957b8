package dev.datamigration.job;

import dev.datamigration.api.task.Contracts;
import dev.datamigration.engine.FailureClassifier;

/** Maps a failure to the Job exit code: 2 permanent (do not retry), 1 transient (retry resumes). */
final class ExitCodes {

    private ExitCodes() {
    }

    public static int of(Throwable failure) {
        if (failure instanceof TaskException || FailureClassifier.isPermanent(failure)) {
            return Contracts.EXIT_PERMANENT;
        }
        return Contracts.EXIT_TRANSIENT;
    }
}
