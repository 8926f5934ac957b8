package dev.datamigration.controller.platform;

import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.api.v1alpha1.Platform;

/**
 * The app in the target platform that receives an O11 app's data, by name: what validation looks for in the target,
 * what {@code UndeployApps} undeploys and redeploys (the subject of the {@code Undeploy}/{@code Redeploy} operations)
 * and what an ODC app's status names. O11 targets: the same app.
 */
public final class TargetApps {

    private TargetApps() {
    }

    /** Whether the target is ODC (its apps' status entries name their ODC app). */
    public static boolean isOdc(DataMigration migration) {
        return migration.getSpec().getTarget() != null && migration.getSpec().getTarget().getPlatform() == Platform.ODC;
    }

    /**
     * The target app of O11 app {@code o11App}. For ODC this is the mapping's {@code odcApp} (spec.target.mapping,
     * ConfigMap key mapping.yaml), default the O11 app name. The mapping is read here and nowhere else; until it is
     * wired in, every ODC app is the O11 app's name.
     */
    public static String of(DataMigration migration, String o11App) {
        return o11App;
    }
}
