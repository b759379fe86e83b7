package org.warplab.io;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Prints a JSON tree the one way WarpLab writes files: two-space indent, keys in insertion order,
 * lists of plain values on one line, a newline at the end. Same tree, same bytes.
 */
final class CanonicalJson {

    private CanonicalJson() {
    }

    static String print(JsonNode root) {
        StringBuilder out = new StringBuilder();
        write(root, out, "");
        return out.append('\n').toString();
    }

    private static void write(JsonNode node, StringBuilder out, String indent) {
        if (node.isObject()) {
            if (node.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append("{\n");
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            String inner = indent + "  ";
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                out.append(inner);
                string(field.getKey(), out);
                out.append(": ");
                write(field.getValue(), out, inner);
                out.append(fields.hasNext() ? ",\n" : "\n");
            }
            out.append(indent).append('}');
        } else if (node.isArray()) {
            boolean flat = true;
            for (JsonNode element : node) {
                flat &= element.isValueNode();
            }
            if (node.isEmpty()) {
                out.append("[]");
            } else if (flat) {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    out.append(i > 0 ? ", " : "");
                    write(node.get(i), out, indent);
                }
                out.append(']');
            } else {
                out.append("[\n");
                String inner = indent + "  ";
                for (int i = 0; i < node.size(); i++) {
                    out.append(inner);
                    write(node.get(i), out, inner);
                    out.append(i + 1 < node.size() ? ",\n" : "\n");
                }
                out.append(indent).append(']');
            }
        } else if (node.isTextual()) {
            string(node.textValue(), out);
        } else if (node.isBigDecimal()) {
            out.append(node.decimalValue().toPlainString());
        } else {
            out.append(node.asText());
        }
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        out.append(JsonStringEncoder.getInstance().quoteAsString(text));
        out.append('"');
    }
}
