package dev.datamigration.cli;

import dev.datamigration.api.task.DatabaseEndpoint;
import dev.datamigration.api.task.JobTask;
import dev.datamigration.api.task.TaskKind;
import dev.datamigration.job.TaskException;
import dev.datamigration.job.TaskFiles;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options plan and copy share: a task file and/or flags for local use (flags override the task). Builds the
 * effective task; a missing input is bad input ({@link TaskException}, exit code 2) naming the field and its flag.
 */
final class TaskOptions {

    @Option(names = "--task", paramLabel = "FILE", description = "task.json (JobTask) written by the operator")
    Path task;

    @Option(names = "--source-url", paramLabel = "JDBC_URL", description = "source database URL (no credentials)")
    String sourceUrl;

    @Option(names = "--target-url", paramLabel = "JDBC_URL", description = "target database URL (no credentials)")
    String targetUrl;

    @Option(names = "--source-credentials", paramLabel = "DIR", description = "directory with files username, password")
    String sourceCredentials;

    @Option(names = "--target-credentials", paramLabel = "DIR", description = "directory with files username, password")
    String targetCredentials;

    @Option(names = "--apps", split = ",", paramLabel = "APP", description = "applications in scope (or *)")
    List<String> apps;

    @Option(names = "--progress-file", paramLabel = "FILE", description = "write progress.json here")
    Path progressFile;

    Path progressFile() {
        return progressFile;
    }

    /** The task from --task (if given) with the flags applied; fails on what is still missing. */
    JobTask effectiveTask(TaskKind kind, String app) {
        JobTask t = task != null ? TaskFiles.read(task) : new JobTask();
        if (t.getKind() == null) {
            t.setKind(kind);
        } else if (t.getKind() != kind) {
            throw new TaskException("task " + task + " is a " + t.getKind() + " task, not " + kind);
        }
        t.setSource(endpoint(t.getSource(), sourceUrl, sourceCredentials));
        t.setTarget(endpoint(t.getTarget(), targetUrl, targetCredentials));
        if (apps != null) {
            t.setApps(apps);
        }
        if (app != null) {
            t.setApp(app);
        }
        require(t.getSource().getUrl(), "source URL (task source.url or --source-url)");
        require(t.getTarget().getUrl(), "target URL (task target.url or --target-url)");
        require(t.getSource().getCredentialsDir(), "source credentials (task source.credentialsDir or"
                + " --source-credentials)");
        require(t.getTarget().getCredentialsDir(), "target credentials (task target.credentialsDir or"
                + " --target-credentials)");
        if (kind == TaskKind.Copy) {
            require(t.getApp(), "application to copy (task app or --app)");
            if (t.getApps() == null || t.getApps().isEmpty()) {
                t.setApps(List.of(t.getApp()));
            }
        }
        if (t.getApps() == null || t.getApps().isEmpty()) {
            throw new TaskException("missing applications (task apps or --apps)");
        }
        return t;
    }

    private static DatabaseEndpoint endpoint(DatabaseEndpoint base, String url, String credentials) {
        DatabaseEndpoint e = base == null ? new DatabaseEndpoint() : base;
        if (url != null) {
            e.setUrl(url);
        }
        if (credentials != null) {
            e.setCredentialsDir(credentials);
        }
        return e;
    }

    private static void require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new TaskException("missing " + what);
        }
    }
}
