package org.warplab.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The subset of containerlab's topology file ({@code *.clab.yml}) that an export writes: a name,
 * nodes with kind, image, network mode, binds and exec steps, and point-to-point links in the brief
 * form {@code endpoints: ["a:if", "b:if"]} with their MTU. The project's JSON Schema for this subset
 * is {@code src/test/resources/containerlab/warplab-clab.schema.json}.
 */
public record ClabTopology(String name, Map<String, Node> nodes, List<Link> links) {

    /** One container. {@code networkMode} "none": no management interface (see docs/containerlab.md). */
    public record Node(String kind, String image, String networkMode, List<String> binds, List<String> exec) {
        public Node {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(image, "image");
            binds = List.copyOf(binds);
            exec = List.copyOf(exec);
        }
    }

    /** A veth pair between two containers: {@code NODE:INTERFACE} at each end. */
    public record Link(String a, String b, int mtu) {
        public List<String> endpoints() {
            return List.of(a, b);
        }
    }

    public ClabTopology {
        nodes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        links = List.copyOf(links);
    }

    /** The topology as YAML, keys in containerlab's documented order. */
    public String toYaml() {
        Map<String, Object> nodeMap = new LinkedHashMap<>();
        nodes.forEach((id, node) -> {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("kind", node.kind());
            n.put("image", node.image());
            if (node.networkMode() != null) {
                n.put("network-mode", node.networkMode());
            }
            if (!node.binds().isEmpty()) {
                n.put("binds", node.binds());
            }
            if (!node.exec().isEmpty()) {
                n.put("exec", node.exec());
            }
            nodeMap.put(id, n);
        });
        List<Map<String, Object>> linkList = links.stream().<Map<String, Object>>map(l -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("endpoints", l.endpoints());
            m.put("mtu", l.mtu());
            return m;
        }).toList();
        Map<String, Object> topology = new LinkedHashMap<>();
        topology.put("nodes", nodeMap);
        topology.put("links", linkList);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", name);
        root.put("topology", topology);
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();
}
