package org.warplab.ui.configs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LineDiffTest {

    @Test
    void marksAddedAndRemovedLinesAroundCommonOnes() {
        List<LineDiff.Line> diff = LineDiff.diff("a\nb\nc\nd\n", "a\nx\nc\nd\ne\n");
        assertEquals(List.of("  a", "- b", "+ x", "  c", "  d", "+ e"), diff.stream().map(LineDiffTest::show).toList());
    }

    @Test
    void aChangedBlockListsTheRemovedLinesBeforeTheirReplacement() {
        assertEquals(List.of("  keep", "- old 1", "- old 2", "+ new 1", "+ new 2", "  end"),
                LineDiff.diff("keep\nold 1\nold 2\nend\n", "keep\nnew 1\nnew 2\nend\n").stream().map(LineDiffTest::show).toList());
    }

    @Test
    void anEmptyBeforeIsAllAdded() {
        assertEquals(List.of("+ one", "+ two"), LineDiff.diff("", "one\ntwo").stream().map(LineDiffTest::show).toList());
    }

    @Test
    void colouringFindsCommentsKeywordsAndAddresses() {
        List<ConfigSyntax.Token> tokens = ConfigSyntax.tokens("address add 172.16.0.1/16 dev eth0 # gateway");
        assertEquals(ConfigSyntax.Kind.KEYWORD, tokens.get(0).kind());
        assertEquals("172.16.0.1/16", tokens.stream().filter(t -> t.kind() == ConfigSyntax.Kind.ADDRESS).findFirst().orElseThrow().text());
        assertEquals("# gateway", tokens.get(tokens.size() - 1).text());
        assertEquals(ConfigSyntax.Kind.COMMENT, tokens.get(tokens.size() - 1).kind());
        assertEquals(List.of("2001:db8:1::/64", "52:54:00:10:00:02"), ConfigSyntax.tokens("prefix 2001:db8:1::/64 mac 52:54:00:10:00:02").stream()
                .filter(t -> t.kind() == ConfigSyntax.Kind.ADDRESS).map(ConfigSyntax.Token::text).toList());
        assertEquals(String.join("", "ip daddr set ip daddr & 0.0.255.255 | 172.16.0.0"), String.join("",
                ConfigSyntax.tokens("ip daddr set ip daddr & 0.0.255.255 | 172.16.0.0").stream().map(ConfigSyntax.Token::text).toList()));
    }

    private static String show(LineDiff.Line line) {
        return (line.change() == LineDiff.Change.ADDED ? "+ " : line.change() == LineDiff.Change.REMOVED ? "- " : "  ") + line.text();
    }
}
