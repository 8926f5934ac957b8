package dev.datamigration.engine.copy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.engine.Engine;
import dev.datamigration.engine.catalog.EntityKey;
import dev.datamigration.engine.plan.AppPlan;
import dev.datamigration.engine.plan.EntityPlan;
import dev.datamigration.engine.plan.Plan;
import dev.datamigration.engine.testing.SalesScenario;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What each entity of the Sales app waits for. Sales loads Customer, Order, Invoice, Note: Order references
 * Customer; Invoice references Order, and Order.LastInvoiceId (the optional side of the Order/Invoice cycle) is
 * deferred to Invoice's second pass, which updates Order's rows; Note references Customer (Delete Rule Ignore: no
 * foreign key, still waited for); Customer.ParentId is a self reference.
 */
class LoadDependenciesTest {

    @Test
    void eachEntityWaitsForWhatItReferencesAndForTheTablesItsSecondPassesWrite() throws Exception {
        Plan plan;
        try (SalesScenario scenario = SalesScenario.create();
             Connection s = scenario.source.connect(); Connection t = scenario.target.connect()) {
            plan = Engine.plan(s, t, List.of("Sales"));
        }
        AppPlan sales = plan.app("Sales").orElseThrow();
        assertThat(sales.entities()).extracting(EntityPlan::name)
                .containsExactly("Customer", "Order", "Invoice", "Note");
        LoadDependencies dependencies = new LoadDependencies(sales, plan);
        Function<EntityKey, String> name = key -> plan.entity(key).orElseThrow().name();

        assertThat(byName(sales, e -> names(dependencies.loadAfter(e.key()), name))).isEqualTo(Map.of(
                "Customer", Set.of(),
                "Order", Set.of("Customer"),
                "Invoice", Set.of("Order"),
                "Note", Set.of("Customer")));
        assertThat(byName(sales, e -> names(dependencies.verifyAfter(e.key()), name))).isEqualTo(Map.of(
                "Customer", Set.of("Customer"),
                "Order", Set.of("Invoice"),
                "Invoice", Set.of(),
                "Note", Set.of()));
    }

    private static Set<String> names(Set<EntityKey> keys, Function<EntityKey, String> name) {
        return keys.stream().map(name).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, Set<String>> byName(AppPlan app, Function<EntityPlan, Set<String>> value) {
        Map<String, Set<String>> map = new TreeMap<>();
        app.entities().forEach(e -> map.put(e.name(), value.apply(e)));
        return map;
    }
}
