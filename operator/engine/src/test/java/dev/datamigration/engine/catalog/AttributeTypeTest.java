package dev.datamigration.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AttributeTypeTest {

    @Test
    void parsesReferenceIntoModuleAndEntityKeys() {
        AttributeType t = AttributeType.parse(
                "bt2848DF88-835f-427a-b0db-e29a1d8e9766*0f3b6288-e5b3-4804-97e2-9b1ea18fc12e");
        assertThat(t.isReference()).isTrue();
        assertThat(t.reference()).isEqualTo(new EntityKey("2848df88-835f-427a-b0db-e29a1d8e9766",
                "0F3B6288-E5B3-4804-97E2-9B1EA18FC12E"));
    }

    @Test
    void basicTypeIsNoReference() {
        AttributeType t = AttributeType.parse("rtText");
        assertThat(t.isReference()).isFalse();
        assertThat(t.basicType()).isEqualTo("rtText");
    }
}
