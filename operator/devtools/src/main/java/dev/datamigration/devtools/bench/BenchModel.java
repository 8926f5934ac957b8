package dev.datamigration.devtools.bench;

import static dev.datamigration.fixtures.o11.model.Attributes.basic;
import static dev.datamigration.fixtures.o11.model.Attributes.identifier;
import static dev.datamigration.fixtures.o11.model.Attributes.reference;
import static dev.datamigration.fixtures.o11.model.Attributes.ssKey;

import dev.datamigration.fixtures.o11.data.CustomModel;
import dev.datamigration.fixtures.o11.model.AppSpec;
import dev.datamigration.fixtures.o11.model.DeleteRule;
import dev.datamigration.fixtures.o11.model.EntitySpec;
import dev.datamigration.fixtures.o11.model.ModuleSpec;
import dev.datamigration.fixtures.o11.model.O11Type;
import dev.datamigration.fixtures.o11.model.Side;
import dev.datamigration.fixtures.o11.model.StaticRecord;
import dev.datamigration.fixtures.o11.model.TenantSpec;
import dev.datamigration.fixtures.o11.model.UserSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The O11 model around the bench table, on both sides: application "Bench" with module "Bench" (table prefix B3N in
 * the source, Q7T in the target), a small entity BenchGroup, a static entity BenchStatus whose DATA_IDs differ
 * between the sides, and the big entity BenchRow that references all three plus ServiceCenter's User. The
 * {@value #USERS} users have different ids on each side, so the engine's user remap is active on every row.
 */
public final class BenchModel {

    public static final String APP = "Bench";
    public static final int USERS = 50;
    public static final int STATUSES = 5;
    /** Target user id = source user id + this. */
    public static final int TARGET_USER_OFFSET = 100;
    /** Target static DATA_ID = source DATA_ID + this. */
    public static final int TARGET_STATUS_OFFSET = 10;

    private final EntitySpec row;
    private final EntitySpec group;
    private final CustomModel model;

    public BenchModel() {
        TenantSpec serviceCenterTenant = new TenantSpec("ServiceCenter", 1, 1);
        TenantSpec usersTenant = new TenantSpec("Users", 2, 2);
        List<UserSpec> users = new ArrayList<>();
        for (int i = 1; i <= USERS; i++) {
            users.add(new UserSpec("bench.user" + i, "Bench User " + i, "bench.user" + i + "@example.com",
                    usersTenant, i, i + TARGET_USER_OFFSET));
        }
        ModuleSpec serviceCenter = new ModuleSpec("ServiceCenter", ssKey("module:ServiceCenter"), "sys", "sys",
                true, true);
        ModuleSpec bench = new ModuleSpec("Bench", ssKey("module:Bench"), "B3N", "Q7T", true, false);
        EntitySpec user = EntitySpec.builder(serviceCenter, "User", ssKey("entity:ServiceCenter.User"))
                .systemTable("OSSYS_USER")
                .attribute(identifier("ServiceCenter.User", "Id", O11Type.INTEGER, 0))
                .attribute(basic("ServiceCenter.User", "Tenant_Id", O11Type.INTEGER))
                .attribute(basic("ServiceCenter.User", "Username", O11Type.TEXT, 250, 0))
                .attribute(basic("ServiceCenter.User", "Name", O11Type.TEXT, 250, 0))
                .attribute(basic("ServiceCenter.User", "Email", O11Type.EMAIL))
                .attribute(basic("ServiceCenter.User", "Is_Active", O11Type.BOOLEAN))
                .build();
        EntitySpec.Builder status = EntitySpec.builder(bench, "BenchStatus", ssKey("entity:Bench.BenchStatus"))
                .staticEntity()
                .attribute(identifier("Bench.BenchStatus", "Id", O11Type.INTEGER, 0))
                .attribute(basic("Bench.BenchStatus", "Label", O11Type.TEXT, 50, 0))
                .attribute(basic("Bench.BenchStatus", "Order", O11Type.INTEGER))
                .attribute(basic("Bench.BenchStatus", "Is_Active", O11Type.BOOLEAN));
        for (int i = 1; i <= STATUSES; i++) {
            status.record(new StaticRecord("Status" + i, ssKey("record:Bench.Status" + i), "Status " + i, i, true,
                    i + TARGET_STATUS_OFFSET));
        }
        EntitySpec statusEntity = status.build();
        group = EntitySpec.builder(bench, "BenchGroup", ssKey("entity:Bench.BenchGroup"))
                .attribute(identifier("Bench.BenchGroup", "Id", O11Type.LONG_INTEGER, 0))
                .attribute(basic("Bench.BenchGroup", "Name", O11Type.TEXT, 100, 0))
                .build();
        String path = "Bench.BenchRow";
        row = EntitySpec.builder(bench, "BenchRow", ssKey("entity:" + path))
                .attribute(identifier(path, "Id", O11Type.LONG_INTEGER, 0))
                .attribute(reference(path, "GroupId", group.key(), DeleteRule.IGNORE, false))
                .attribute(reference(path, "StatusId", statusEntity.key(), DeleteRule.IGNORE, false))
                .attribute(reference(path, "CreatedBy", user.key(), DeleteRule.IGNORE, false))
                .attribute(basic(path, "CreatedOn", O11Type.DATETIME))
                .attribute(basic(path, "Amount", O11Type.CURRENCY))
                .attribute(basic(path, "Description", O11Type.TEXT, 2000, 0))
                .attribute(basic(path, "Email", O11Type.EMAIL))
                .attribute(basic(path, "IsActive", O11Type.BOOLEAN))
                .attribute(basic(path, "Notes", O11Type.TEXT, 100_000, 0))
                .attribute(basic(path, "Attachment", O11Type.BINARY))
                .build();
        AppSpec app = new AppSpec(APP, ssKey("app:Bench"), true, true, true, List.of(bench), 0);
        model = new CustomModel(List.of(serviceCenterTenant, usersTenant), users, List.of(serviceCenter, bench),
                List.of(app), List.of(user, statusEntity, group, row));
    }

    public CustomModel model() {
        return model;
    }

    /** The big table's name on a side, as it exists in PostgreSQL. */
    public String rowTable(Side side) {
        return row.tableName(side);
    }

    public String groupTable(Side side) {
        return group.tableName(side);
    }

    /** The big table's columns (physical names) in table order. */
    public List<String> rowColumns() {
        return row.columns(Side.PRODUCTION);
    }
}
