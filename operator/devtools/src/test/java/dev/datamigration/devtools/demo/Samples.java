package dev.datamigration.devtools.demo;

import dev.datamigration.api.task.EntityProgress;
import dev.datamigration.api.task.EntityState;
import dev.datamigration.api.v1alpha1.AppPhase;
import dev.datamigration.api.v1alpha1.Phase;
import java.util.List;

/** Snapshots of the demo's migration at known moments, for the rendering tests. */
final class Samples {

    private Samples() {
    }

    static EntityProgress entity(String name, EntityState state, Long sourceRows, Long copiedRows, String hash,
            Long ms) {
        EntityProgress entity = new EntityProgress();
        entity.setName(name);
        entity.setState(state);
        entity.setSourceRows(sourceRows);
        entity.setCopiedRows(copiedRows);
        entity.setHash(hash);
        entity.setMs(ms);
        return entity;
    }

    /** 42 s in: Catalog done, Customers copying Address, Orders waiting for the next wave. */
    static MigrationSnapshot copying() {
        return new MigrationSnapshot("prod-to-qa", "Production", "QA", Phase.Copying, List.of(
                new AppSnapshot("Catalog", AppPhase.Succeeded, 2, 2, List.of(
                        entity("Category", EntityState.Verified, 4800L, 4800L, "02653a0e819b11aa", 2900L),
                        entity("Product", EntityState.Verified, 16000L, 16000L, "c0e0268c0ec2ffee", 16500L)), null),
                new AppSnapshot("Customers", AppPhase.Running, 1, 3, List.of(
                        entity("Customer", EntityState.Verified, 12000L, 12000L, "3ab5881a9374aaaa", 4200L),
                        entity("Address", EntityState.Copying, 16000L, 6500L, null, null),
                        entity("LoyaltyAccount", EntityState.Pending, null, null, null, null)), null),
                new AppSnapshot("Orders", AppPhase.Pending, 0, 6, List.of(), null)),
                39300L, 166805L, "41s", "Wave 0: 2 Jobs running, 1 of 3 apps copied");
    }

    /** The end of a successful run of two apps. */
    static MigrationSnapshot succeeded() {
        return new MigrationSnapshot("prod-to-qa", "Production", "QA", Phase.Succeeded, List.of(
                new AppSnapshot("Catalog", AppPhase.Succeeded, 2, 2, List.of(
                        entity("Category", EntityState.Verified, 4800L, 4800L, "02653a0e819b11aa", 2900L),
                        entity("Product", EntityState.Verified, 16000L, 16000L, "c0e0268c0ec2ffee", 16500L)), null),
                new AppSnapshot("Customers", AppPhase.Succeeded, 1, 1, List.of(
                        entity("Customer", EntityState.Verified, 12000L, 12000L, "3ab5881a9374aaaa", 4250L)), null)),
                32800L, 32800L, "58s", "Copied 2 apps: 3 entities, 32800 rows");
    }
}
