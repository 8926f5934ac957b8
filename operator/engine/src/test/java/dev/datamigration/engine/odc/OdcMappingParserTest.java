package dev.datamigration.engine.odc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OdcMappingParserTest {

    @Test
    void readsTheDocumentedFormatWithDefaults() {
        OdcMapping mapping = OdcMappingParser.parse("""
                apps:
                  - app: App Feedback
                    odcApp: AppFeedback
                    entities:
                      - entity: Feedback.Feedback
                        table: feedb_k3j9x2m4q7
                        columns: {PersonId: person_id}
                  - app: Orders
                    entities:
                      - entity: Orders.Order
                        table: public.order_u8aqr95gpfe02ysl1ro2h6s5
                """);
        assertThat(mapping.apps()).hasSize(2);
        OdcMapping.AppMapping feedback = mapping.app("App Feedback").orElseThrow();
        assertThat(feedback.odcApp()).isEqualTo("AppFeedback");
        OdcMapping.EntityMapping entity = feedback.entity("Feedback", "Feedback").orElseThrow();
        assertThat(entity.table()).isEqualTo("feedb_k3j9x2m4q7");
        assertThat(entity.columns()).isEqualTo(Map.of("PersonId", "person_id"));
        assertThat(entity.column("PersonId")).isEqualTo("person_id");
        assertThat(entity.column("Created On#2")).isEqualTo("created_on_2");
        assertThat(mapping.app("Orders").orElseThrow().odcApp()).isEqualTo("Orders");
        assertThat(mapping.app("Orders").orElseThrow().entities().get(0).table())
                .isEqualTo("public.order_u8aqr95gpfe02ysl1ro2h6s5");
    }

    @Test
    void listsEveryProblemAtOnceWithItsPlace() {
        assertThatThrownBy(() -> OdcMappingParser.parse("""
                apps:
                  - app: Orders
                    odcapp: typo
                    entities:
                      - entity: Orders.Order
                        table: order_a
                        colums: {}
                      - entity: Orders.Order
                        table: order_b
                      - entity: OrderLine
                        table: order_a
                      - entity: Orders.Invoice
                        table: invoi_a
                        columns: {Amount: amount_x, Tax: AMOUNT_X, Note: 5}
                  - app: Orders
                    entities:
                      - entity: Orders.Route
                  - odcApp: Nameless
                    entities: []
                version: 2
                """))
                .isInstanceOf(OdcMappingException.class)
                .hasMessage("mapping.yaml: 11 problems: version: unknown key (allowed: apps);"
                        + " apps[0].odcapp: unknown key (allowed: app, entities, odcApp);"
                        + " apps[0].entities[0].colums: unknown key (allowed: columns, entity, table);"
                        + " apps[0].entities[1].entity: Orders.Order is already mapped at apps[0].entities[0];"
                        + " apps[0].entities[2].entity: OrderLine is not Module.Entity;"
                        + " apps[0].entities[3].columns.Tax: column AMOUNT_X is already the column of Amount;"
                        + " apps[0].entities[3].columns.Note must be a column name;"
                        + " apps[1].entities[0].table is required;"
                        + " apps[1].app: Orders is already mapped at apps[0];"
                        + " apps[2].app is required;"
                        + " apps[2].entities must be a non-empty list");
    }

    @Test
    void refusesDuplicateYamlKeysAndATableMappedTwice() {
        assertThatThrownBy(() -> OdcMappingParser.parse("apps:\n  - app: A\n    app: B\n    entities: []\n"))
                .isInstanceOf(OdcMappingException.class)
                .hasMessageStartingWith("mapping.yaml: 1 problem: not valid YAML: Duplicate field 'app'");
        assertThatThrownBy(() -> OdcMappingParser.parse("""
                apps:
                  - app: A
                    entities:
                      - {entity: M.X, table: x_1}
                  - app: B
                    entities:
                      - {entity: M.Y, table: X_1}
                """))
                .hasMessage("mapping.yaml: 1 problem: apps[1].entities[0].table: X_1 is already the table of"
                        + " apps[0].entities[0]");
    }

    @Test
    void refusesAnEmptyFileAndAFileThatIsNoMap() {
        assertThatThrownBy(() -> OdcMappingParser.parse(""))
                .hasMessage("mapping.yaml: 1 problem: the file is empty: it needs a list apps");
        assertThatThrownBy(() -> OdcMappingParser.parse("- a\n- b\n"))
                .hasMessage("mapping.yaml: 1 problem: the file must be a map with the key apps");
        assertThatThrownBy(() -> OdcMappingParser.parse("apps: {}\n"))
                .hasMessage("mapping.yaml: 1 problem: apps must be a non-empty list");
    }
}
