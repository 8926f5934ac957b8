package dev.datamigration.engine;

import dev.datamigration.engine.copy.CheckpointStore;
import dev.datamigration.engine.copy.CopyOptions;
import dev.datamigration.engine.copy.InMemoryCheckpointStore;
import dev.datamigration.engine.copy.ProgressListener;
import dev.datamigration.engine.dialect.Dialect;
import dev.datamigration.engine.dialect.Dialects;
import dev.datamigration.engine.odc.OdcMapping;
import dev.datamigration.engine.users.OdcUserKeys;
import java.sql.Connection;
import java.util.List;
import java.util.Objects;

/**
 * Everything one {@link Engine#copy} needs: copy {@code app} from {@code source} to {@code target}, {@code scope} being
 * every application of the migration (the copy of one app needs to know which referenced apps are copied too). Start
 * from {@link #of} and change what differs from the defaults with the {@code with...} methods (each returns a new
 * request):
 * <ul>
 *   <li>dialects: null, picked from each connection's JDBC URL ({@link Dialects#forUrl});</li>
 *   <li>options: {@link CopyOptions#defaults()};</li>
 *   <li>checkpoints: an {@link InMemoryCheckpointStore} of its own (a resume is possible only within the process);</li>
 *   <li>listener: {@link ProgressListener#NONE};</li>
 *   <li>further connections: {@link ConnectionFactory#NONE} for both sides. {@code sourceConnections} opens the
 *       source connections of parallel streams ({@link CopyOptions#streams()} &gt; 1) and, with
 *       {@code targetConnections}, the connection pairs of concurrent entities
 *       ({@link CopyOptions#concurrentEntities()} &gt; 1). The engine closes what it opens.</li>
 *   <li>ODC target: none. {@link #withOdcMapping} makes the target an ODC stage laid out as the mapping says;
 *       {@link #withOdcUserKeys} gives the ODC user key of each referenced O11 user (needed when the app references
 *       users).</li>
 * </ul>
 * The caller opens the two connections (it holds the credentials) and closes them.
 */
public record CopyRequest(Connection source, Dialect sourceDialect, Connection target, Dialect targetDialect,
                          List<String> scope, String app, CopyOptions options, CheckpointStore checkpoints,
                          ProgressListener listener, ConnectionFactory sourceConnections,
                          ConnectionFactory targetConnections, OdcMapping odcMapping, OdcUserKeys odcUserKeys) {

    public CopyRequest {
        Objects.requireNonNull(source, "a copy needs a source connection");
        Objects.requireNonNull(target, "a copy needs a target connection");
        Objects.requireNonNull(scope, "a copy needs the migration's scope (its applications)");
        Objects.requireNonNull(app, "a copy needs the application to copy");
        Objects.requireNonNull(options, "a copy needs options (CopyOptions.defaults() when none are set)");
        Objects.requireNonNull(checkpoints, "a copy needs a checkpoint store");
        Objects.requireNonNull(listener, "a copy needs a listener (ProgressListener.NONE when nothing listens)");
        Objects.requireNonNull(sourceConnections, "a copy needs a source connection factory (ConnectionFactory.NONE"
                + " when there is none)");
        Objects.requireNonNull(targetConnections, "a copy needs a target connection factory (ConnectionFactory.NONE"
                + " when there is none)");
    }

    /** A request to an O11 target (no ODC mapping, no user keys). */
    public CopyRequest(Connection source, Dialect sourceDialect, Connection target, Dialect targetDialect,
                       List<String> scope, String app, CopyOptions options, CheckpointStore checkpoints,
                       ProgressListener listener, ConnectionFactory sourceConnections,
                       ConnectionFactory targetConnections) {
        this(source, sourceDialect, target, targetDialect, scope, app, options, checkpoints, listener,
                sourceConnections, targetConnections, null, null);
    }

    /** Copies {@code app} of {@code scope} with every default (see the class comment). */
    public static CopyRequest of(Connection source, Connection target, List<String> scope, String app) {
        return new CopyRequest(source, null, target, null, scope, app, CopyOptions.defaults(),
                new InMemoryCheckpointStore(), ProgressListener.NONE, ConnectionFactory.NONE, ConnectionFactory.NONE);
    }

    /** Explicit dialects instead of the ones the JDBC URLs pick (null: picked by URL). */
    public CopyRequest withDialects(Dialect sourceDialect, Dialect targetDialect) {
        return new CopyRequest(source, sourceDialect, target, targetDialect, scope, app, options, checkpoints,
                listener, sourceConnections, targetConnections, odcMapping, odcUserKeys);
    }

    public CopyRequest withOptions(CopyOptions options) {
        return new CopyRequest(source, sourceDialect, target, targetDialect, scope, app, options, checkpoints,
                listener, sourceConnections, targetConnections, odcMapping, odcUserKeys);
    }

    /** Where the copy keeps and resumes from its checkpoint. */
    public CopyRequest withCheckpoints(CheckpointStore checkpoints) {
        return new CopyRequest(source, sourceDialect, target, targetDialect, scope, app, options, checkpoints,
                listener, sourceConnections, targetConnections, odcMapping, odcUserKeys);
    }

    public CopyRequest withListener(ProgressListener listener) {
        return new CopyRequest(source, sourceDialect, target, targetDialect, scope, app, options, checkpoints,
                listener, sourceConnections, targetConnections, odcMapping, odcUserKeys);
    }

    /** Factories for further source and target connections (parallel streams, concurrent entities). */
    public CopyRequest withConnections(ConnectionFactory sourceConnections, ConnectionFactory targetConnections) {
        return new CopyRequest(source, sourceDialect, target, targetDialect, scope, app, options, checkpoints,
                listener, sourceConnections, targetConnections, odcMapping, odcUserKeys);
    }

    /** The target is an ODC stage whose tables the mapping names. */
    public CopyRequest withOdcMapping(OdcMapping odcMapping) {
        return new CopyRequest(source, sourceDialect, target, targetDialect, scope, app, options, checkpoints,
                listener, sourceConnections, targetConnections, odcMapping, odcUserKeys);
    }

    /** The ODC user keys that replace the O11 user ids in user references (ODC target only). */
    public CopyRequest withOdcUserKeys(OdcUserKeys odcUserKeys) {
        return new CopyRequest(source, sourceDialect, target, targetDialect, scope, app, options, checkpoints,
                listener, sourceConnections, targetConnections, odcMapping, odcUserKeys);
    }
}
