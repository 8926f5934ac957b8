package dev.datamigration.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.engine.catalog.EntityKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntityOrderTest {

    private static final EntityKey A = new EntityKey("m", "a");
    private static final EntityKey B = new EntityKey("m", "b");
    private static final EntityKey C = new EntityKey("m", "c");
    private static final EntityKey D = new EntityKey("m", "d");

    private static String name(EntityKey k) {
        return k.entityKey().toUpperCase();
    }

    private static Edge edge(EntityKey from, String attr, EntityKey to, boolean optional) {
        return new Edge(from, attr, attr, to, optional);
    }

    @Test
    void referencedEntitiesComeFirst() {
        EntityOrder.Result r = EntityOrder.order(List.of(A, B, C),
                List.of(edge(A, "b", B, false), edge(B, "c", C, true)), EntityOrderTest::name);
        assertThat(r.order()).containsExactly(C, B, A);
        assertThat(r.deferred()).isEmpty();
        assertThat(r.mandatoryCycles()).isEmpty();
    }

    @Test
    void optionalSelfReferenceIsDeferredAndMandatoryOneIsNot() {
        Edge optional = edge(A, "parent", A, true);
        Edge mandatory = edge(B, "root", B, false);
        EntityOrder.Result r = EntityOrder.order(List.of(A, B), List.of(optional, mandatory), EntityOrderTest::name);
        assertThat(r.deferred()).containsExactly(optional);
        assertThat(r.mandatoryCycles()).isEmpty();
    }

    @Test
    void twoEntityCycleIsBrokenOnTheOptionalReference() {
        Edge lastInvoice = edge(A, "lastInvoice", B, true);
        Edge order = edge(B, "order", A, false);
        EntityOrder.Result r = EntityOrder.order(List.of(B, A), List.of(lastInvoice, order), EntityOrderTest::name);
        assertThat(r.order()).containsExactly(A, B);
        assertThat(r.deferred()).containsExactly(lastInvoice);
    }

    @Test
    void threeEntityLoopDefersOnlyTheOptionalEdge() {
        Edge ab = edge(A, "b", B, false);
        Edge bc = edge(B, "c", C, false);
        Edge ca = edge(C, "a", A, true);
        EntityOrder.Result r = EntityOrder.order(List.of(A, B, C, D), List.of(ab, bc, ca, edge(D, "a", A, false)),
                EntityOrderTest::name);
        assertThat(r.order()).containsExactly(C, B, A, D);
        assertThat(r.deferred()).containsExactly(ca);
    }

    @Test
    void mandatoryCycleIsReportedWithItsEntities() {
        EntityOrder.Result r = EntityOrder.order(List.of(A, B, C),
                List.of(edge(A, "b", B, false), edge(B, "a", A, false)), EntityOrderTest::name);
        assertThat(r.mandatoryCycles()).containsExactly(List.of(A, B));
    }
}
