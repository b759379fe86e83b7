package org.warplab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.warplab.lesson.LessonText.Bullets;
import org.warplab.lesson.LessonText.Code;
import org.warplab.lesson.LessonText.Paragraph;
import org.warplab.lesson.LessonText.Span;
import org.warplab.lesson.LessonText.Style;

class LessonTextTest {

    @Test
    void paragraphsListsCodeAndInlineStyles() {
        String text = """
                R1 translates *S* to **S'**: `172.16.0.0/16`
                on the WAN.

                - first
                - second
                  continued
                1. one

                ```
                ip rule show
                ```
                """;
        List<LessonText.Block> blocks = LessonText.parse(text);
        assertEquals(List.of(
                new Paragraph(List.of(new Span("R1 translates ", Style.PLAIN), new Span("S", Style.EMPHASIS), new Span(" to ", Style.PLAIN),
                        new Span("S'", Style.STRONG), new Span(": ", Style.PLAIN), new Span("172.16.0.0/16", Style.CODE),
                        new Span(" on the WAN.", Style.PLAIN))),
                new Bullets(false, List.of(List.of(new Span("first", Style.PLAIN)),
                        List.of(new Span("second", Style.PLAIN), new Span(" ", Style.PLAIN), new Span("continued", Style.PLAIN)),
                        List.of(new Span("one", Style.PLAIN)))),
                new Code("ip rule show")), blocks);
    }

    @Test
    void aStrayMarkIsKeptAsWritten() {
        assertEquals(List.of(new Paragraph(List.of(new Span("2 * 3 = 6 and a lone ` stays", Style.PLAIN)))),
                LessonText.parse("2 * 3 = 6 and a lone ` stays"));
        assertEquals(List.of(new Paragraph(List.of(new Span("Check", Style.EMPHASIS), new Span(" it", Style.PLAIN)))),
                LessonText.parse("*Check* it"));
    }

    @Test
    void plainTextForCaptions() {
        assertEquals("Make the gateways identical, then press Check. a; b", LessonText.plain("Make the gateways *identical*, then press **Check**.\n\n- a\n- b"));
    }
}
