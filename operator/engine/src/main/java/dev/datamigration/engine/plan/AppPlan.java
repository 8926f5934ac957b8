package dev.datamigration.engine.plan;

import java.util.ArrayList;
import java.util.List;

/** One application: its dependency wave, the in-scope apps it references, and its entities in load order. */
public record AppPlan(String name, int wave, List<String> dependsOn, List<EntityPlan> entities) {

    /** The attributes masked in flight, as {@code Entity.Attribute (Strategy)}, in load order. */
    public List<String> maskedAttributes() {
        List<String> masked = new ArrayList<>();
        for (EntityPlan entity : entities) {
            for (ColumnPlan column : entity.columns()) {
                if (column.mask() != null) {
                    masked.add(entity.name() + "." + column.attribute() + " (" + column.mask().strategy().display()
                            + ")");
                }
            }
        }
        return masked;
    }
}
