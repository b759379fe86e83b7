package org.warplab.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Markdown subset a lesson step is written in: paragraphs (separated by a blank line), lists
 * ({@code - item}, {@code * item} or {@code 1. item}), code blocks fenced by three backticks, and
 * inside a line {@code *emphasis*}, {@code **strong**} and {@code `code`}. Anything else is text as
 * written, so a teacher's stray asterisk never loses words.
 */
public final class LessonText {

    /** How a run of text is set. */
    public enum Style { PLAIN, EMPHASIS, STRONG, CODE }

    public record Span(String text, Style style) { }

    /** A block of a step's text. */
    public sealed interface Block permits Paragraph, Bullets, Code { }

    public record Paragraph(List<Span> spans) implements Block {
        public Paragraph {
            spans = List.copyOf(spans);
        }
    }

    /** A list; {@code numbered} for {@code 1.} items. */
    public record Bullets(boolean numbered, List<List<Span>> items) implements Block {
        public Bullets {
            items = items.stream().map(List::copyOf).toList();
        }
    }

    public record Code(String text) implements Block { }

    private static final Pattern BULLET = Pattern.compile("^\\s*(?:[-*]|(\\d+)\\.)\\s+(.*)$");
    private static final Pattern INLINE = Pattern.compile("`([^`]+)`|\\*\\*([^*]+)\\*\\*|\\*([^*\\s][^*]*)\\*");

    private LessonText() {
    }

    public static List<Block> parse(String text) {
        List<Block> blocks = new ArrayList<>();
        List<String> paragraph = new ArrayList<>();
        List<List<Span>> items = new ArrayList<>();
        boolean numbered = false;
        StringBuilder code = null;
        for (String line : text.replace("\r", "").split("\n", -1)) {
            if (code != null) {
                if (line.strip().startsWith("```")) {
                    blocks.add(new Code(code.toString().stripTrailing()));
                    code = null;
                } else {
                    code.append(line).append('\n');
                }
                continue;
            }
            Matcher bullet = BULLET.matcher(line);
            if (line.strip().startsWith("```")) {
                flush(blocks, paragraph, items, numbered);
                code = new StringBuilder();
            } else if (line.isBlank()) {
                flush(blocks, paragraph, items, numbered);
            } else if (bullet.matches() && !isEmphasisLine(line)) {
                if (!paragraph.isEmpty()) {
                    flush(blocks, paragraph, items, numbered);
                }
                if (items.isEmpty()) {
                    numbered = bullet.group(1) != null;
                }
                items.add(spans(bullet.group(2)));
            } else if (!items.isEmpty() && Character.isWhitespace(line.charAt(0))) {
                // an indented line continues the list item above it
                List<Span> last = new ArrayList<>(items.remove(items.size() - 1));
                last.add(new Span(" ", Style.PLAIN));
                last.addAll(spans(line.strip()));
                items.add(last);
            } else {
                if (!items.isEmpty()) {
                    flush(blocks, paragraph, items, numbered);
                }
                paragraph.add(line.strip());
            }
        }
        if (code != null) {
            blocks.add(new Code(code.toString().stripTrailing()));
        }
        flush(blocks, paragraph, items, numbered);
        return blocks;
    }

    /** "*word* rest" is emphasis at the start of a line, not a bullet. */
    private static boolean isEmphasisLine(String line) {
        String s = line.strip();
        return s.startsWith("*") && !s.startsWith("* ");
    }

    private static void flush(List<Block> blocks, List<String> paragraph, List<List<Span>> items, boolean numbered) {
        if (!paragraph.isEmpty()) {
            blocks.add(new Paragraph(spans(String.join(" ", paragraph))));
            paragraph.clear();
        }
        if (!items.isEmpty()) {
            blocks.add(new Bullets(numbered, items));
            items.clear();
        }
    }

    /** The inline styles of one line. */
    public static List<Span> spans(String line) {
        List<Span> spans = new ArrayList<>();
        Matcher m = INLINE.matcher(line);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                spans.add(new Span(line.substring(at, m.start()), Style.PLAIN));
            }
            if (m.group(1) != null) {
                spans.add(new Span(m.group(1), Style.CODE));
            } else if (m.group(2) != null) {
                spans.add(new Span(m.group(2), Style.STRONG));
            } else {
                spans.add(new Span(m.group(3), Style.EMPHASIS));
            }
            at = m.end();
        }
        if (at < line.length()) {
            spans.add(new Span(line.substring(at), Style.PLAIN));
        }
        return spans;
    }

    /** The text without its marks, for a one-line caption: blocks joined by a blank, list items by "; ". */
    public static String plain(String text) {
        List<String> parts = new ArrayList<>();
        for (Block block : parse(text)) {
            if (block instanceof Paragraph p) {
                parts.add(join(p.spans()));
            } else if (block instanceof Bullets b) {
                parts.add(String.join("; ", b.items().stream().map(LessonText::join).toList()));
            } else if (block instanceof Code c) {
                parts.add(c.text());
            }
        }
        return String.join(" ", parts);
    }

    private static String join(List<Span> spans) {
        StringBuilder out = new StringBuilder();
        spans.forEach(s -> out.append(s.text()));
        return out.toString();
    }
}
