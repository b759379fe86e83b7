package org.warplab.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.warplab.model.Lab;
import org.warplab.testing.Samples;
import org.warplab.testing.Tools;

/** Every sample lab's export, in both deploy states, read back as YAML: the schema, the binds, the exec files, the scripts. */
class ContainerlabExportTest {

    static JsonSchema schema;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = ContainerlabExportTest.class.getResourceAsStream("/containerlab/warplab-clab.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    static Stream<Arguments> exports() {
        return Samples.names().stream().flatMap(n -> Stream.of(Arguments.of(n, ContainerlabExport.DeployState.BEFORE),
                Arguments.of(n, ContainerlabExport.DeployState.AFTER)));
    }

    /** The export written to disk and its topology read back with Jackson's YAML parser (not the records that wrote it). */
    private JsonNode written(String name, ContainerlabExport.DeployState state) throws IOException {
        ContainerlabExport.Bundle bundle = ContainerlabExport.export(Samples.lab(name), ContainerlabExport.labName(name), state);
        ContainerlabExport.write(bundle, dir);
        return new YAMLMapper().readTree(dir.resolve(bundle.topologyFile()).toFile());
    }

    @ParameterizedTest
    @MethodSource("exports")
    void theTopologyFollowsTheSchema(String name, ContainerlabExport.DeployState state) throws IOException {
        JsonNode topology = written(name, state);
        Set<ValidationMessage> problems = schema.validate(topology);
        assertEquals(Set.of(), problems, name + " " + state + ":\n" + topology);
        assertEquals(ContainerlabExport.labName(name), topology.get("name").asText());
    }

    @ParameterizedTest
    @MethodSource("exports")
    void everyBindExistsEveryExecFileIsBoundAndEveryLinkEndIsANode(String name, ContainerlabExport.DeployState state) throws IOException {
        JsonNode topology = written(name, state);
        Set<String> interfaces = new HashSet<>();
        topology.get("topology").get("nodes").fields().forEachRemaining(node -> {
            List<String[]> binds = new ArrayList<>();
            node.getValue().get("binds").forEach(b -> {
                String[] parts = b.asText().split(":");
                assertTrue(Files.isDirectory(dir.resolve(parts[0])), name + " " + node.getKey() + ": bind source " + parts[0] + " does not exist");
                binds.add(parts);
            });
            node.getValue().get("exec").forEach(e -> {
                for (String arg : e.asText().split(" ")) {
                    if (arg.startsWith(ContainerlabExport.CONTAINER_ROOT + "/")) {
                        String[] bind = binds.stream().filter(b -> arg.startsWith(b[1] + "/")).findFirst().orElseThrow(() ->
                                new AssertionError(name + " " + node.getKey() + ": " + arg + " is under no bind"));
                        Path host = dir.resolve(bind[0]).resolve(arg.substring(bind[1].length() + 1));
                        assertTrue(Files.isRegularFile(host), name + " " + node.getKey() + ": exec '" + e.asText() + "' names a file the export lacks: " + host);
                    }
                }
            });
        });
        for (JsonNode link : topology.get("topology").get("links")) {
            for (JsonNode end : link.get("endpoints")) {
                String node = end.asText().substring(0, end.asText().indexOf(':'));
                assertTrue(topology.get("topology").get("nodes").has(node), name + ": link end " + end + " names no node");
                assertTrue(interfaces.add(end.asText()), name + ": interface " + end + " is used twice");
            }
        }
    }

    /** Every file a migration script applies exists in the export, and the scripts are valid sh ({@code sh -n} judges). */
    @ParameterizedTest
    @MethodSource("org.warplab.testing.Samples#names")
    void migrationScriptsNameOnlyExportedFilesAndParse(String name) throws IOException {
        Lab lab = Samples.lab(name);
        ContainerlabExport.Bundle bundle = ContainerlabExport.export(lab, ContainerlabExport.labName(name), ContainerlabExport.DeployState.BEFORE);
        ContainerlabExport.write(bundle, dir);
        List<Path> scripts = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().endsWith(".sh")).forEach(scripts::add);
        }
        assertEquals(lab.migrations().size() + 1, scripts.size(), name + ": one script per migration, and impairments.sh");
        Pattern file = Pattern.compile("\"\\$W/([^\"]+)\"");
        for (Path script : scripts) {
            assertTrue(Files.isExecutable(script), script + " must be executable");
            Matcher m = file.matcher(Files.readString(script));
            while (m.find()) {
                assertTrue(Files.isRegularFile(dir.resolve(ContainerlabExport.CONFIG_DIR).resolve(m.group(1))), script.getFileName() + " applies " + m.group(1)
                        + ", which the export lacks");
            }
            Path sh = Tools.find("sh");
            if (sh != null) {
                Tools.Result syntax = Tools.run(List.of(sh.toString(), "-n", script.toString()));
                assertTrue(syntax.ok(), script.getFileName() + ": " + syntax.output());
            }
        }
    }

    @Test
    void thePaperLabsTopologyIsTheGoldenOne() throws IOException {
        ContainerlabExport.Bundle bundle = ContainerlabExport.export(Samples.lab("paging-paper"), "paging-paper", ContainerlabExport.DeployState.BEFORE);
        Path golden = Samples.projectDir().resolve("src/test/resources/containerlab/paging-paper.clab.yml");
        String yaml = bundle.files().get(0).content();
        if (Boolean.getBoolean("warplab.updateGolden")) {
            Files.writeString(golden, yaml);
        }
        assertEquals(Files.readString(golden), yaml, "rewrite with -Dwarplab.updateGolden=true and review the diff");
    }

    /** The schema is not a formality: what containerlab would misread, or the export must not emit, fails it. */
    @Test
    void whatLeavesTheSubsetFailsTheSchema() throws IOException {
        JsonNode good = written("paging-paper", ContainerlabExport.DeployState.BEFORE);
        for (String bad : List.of("\"mgmt\": {}", "\"kind\": \"srl\"", "\"endpoints\": [\"R1:W1\"]", "\"exec\": [\"rm -rf /\"]", "\"mtu\": 9500000")) {
            String json = good.toString();
            String key = bad.substring(0, bad.indexOf(':'));
            String mutated = key.equals("\"mgmt\"") ? json.replaceFirst("\\{", "{" + bad + ",")
                    : json.replaceFirst(Pattern.quote(key) + ":(\\[[^\\]]*\\]|\"[^\"]*\"|\\d+)", Matcher.quoteReplacement(bad));
            assertTrue(!mutated.equals(json), bad);
            assertTrue(!schema.validate(new YAMLMapper().readTree(mutated)).isEmpty(), "the schema must refuse " + bad);
        }
    }

    @Test
    void labNamesBecomeContainerlabNames() {
        assertEquals("paging-paper", ContainerlabExport.labName("paging-paper.warplab.json"));
        assertEquals("my-lab-2", ContainerlabExport.labName("My Lab (2).warplab.json"));
        assertEquals("lab-3dc", ContainerlabExport.labName("3DC.warplab.json"));
        assertEquals("lab", ContainerlabExport.labName("((.warplab.json").replaceAll("-$", ""));
    }
}
