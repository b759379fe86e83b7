package org.warplab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The one way WarpLab prints JSON, over arbitrary trees (any text, control characters and
 * surrogate pairs included; whole and decimal numbers; nesting): what it prints reads back as the
 * same tree and prints again to the same bytes, so a file saved twice does not change.
 */
class CanonicalJsonTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Provide
    Arbitrary<JsonNode> trees() {
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(12).map(NODES::textNode),
                Arbitraries.longs().map(NODES::numberNode),
                // decimals as the writers hand them over: trailing zeros stripped (the reader reads 1.50 as 1.5)
                Arbitraries.bigDecimals().ofScale(3).between(new BigDecimal("-1e9"), new BigDecimal("1e9"))
                        .map(d -> NODES.numberNode(d.stripTrailingZeros())),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.just(NODES.nullNode()));
        return Arbitraries.recursive(() -> leaf, this::containers, 0, 4);
    }

    private Arbitrary<JsonNode> containers(Arbitrary<JsonNode> inner) {
        Arbitrary<JsonNode> array = inner.list().ofMaxSize(4).map(list -> {
            ArrayNode node = NODES.arrayNode();
            list.forEach(node::add);
            return node;
        });
        Arbitrary<JsonNode> object = Arbitraries.maps(Arbitraries.strings().all().ofMaxLength(6), inner).ofMaxSize(4).map(map -> {
            ObjectNode node = NODES.objectNode();
            map.forEach(node::set);
            return node;
        });
        return Arbitraries.oneOf(array, object);
    }

    @Property(tries = 500)
    void whatIsPrintedReadsBackAsTheSameTreeAndPrintsTheSame(@ForAll("trees") JsonNode tree) throws Exception {
        String printed = CanonicalJson.print(tree);
        JsonNode read = LabFiles.readTree(Path.of("tree.json"), printed); // as lab and exercise files are read
        assertEquals(normal(tree), normal(read), printed);
        assertEquals(printed, CanonicalJson.print(read));
        assertTrue(printed.endsWith("\n") && !printed.endsWith("\n\n"), "one newline at the end");
    }

    @Test
    void plainListsOnOneLineAndNestedOnesIndented() {
        ObjectNode root = NODES.objectNode();
        root.set("flat", NODES.arrayNode().add(1).add("two").add(3.5));
        root.set("nested", NODES.arrayNode().add(NODES.objectNode().put("a", 1)).add(NODES.arrayNode()));
        root.set("empty", NODES.objectNode());
        assertEquals("""
                {
                  "flat": [1, "two", 3.5],
                  "nested": [
                    {
                      "a": 1
                    },
                    []
                  ],
                  "empty": {}
                }
                """, CanonicalJson.print(root));
        assertEquals("\"tab\\there \\\"quoted\\\" \\u0001\"\n", CanonicalJson.print(NODES.textNode("tab\there \"quoted\" \u0001")));
        assertEquals("0.000001\n", CanonicalJson.print(NODES.numberNode(new BigDecimal("1E-6"))), "decimals in plain notation");
    }

    /** Numbers compared by value: 1.50 printed reads back as 1.5. */
    private static String normal(JsonNode node) {
        if (node.isNumber()) {
            return node.decimalValue().stripTrailingZeros().toPlainString();
        }
        if (node.isContainerNode()) {
            StringBuilder out = new StringBuilder(node.isArray() ? "[" : "{");
            node.fields().forEachRemaining(e -> out.append(e.getKey()).append('=').append(normal(e.getValue())).append(','));
            if (node.isArray()) {
                node.forEach(e -> out.append(normal(e)).append(','));
            }
            return out.append(node.isArray() ? "]" : "}").toString();
        }
        return node.toString();
    }
}
