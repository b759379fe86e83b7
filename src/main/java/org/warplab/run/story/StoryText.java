package org.warplab.run.story;

import java.util.Locale;

/** A story as text: a plain handout (one step per paragraph, time first) or Markdown. */
public final class StoryText {
    private StoryText() {
    }

    public static String plain(Story story) {
        StringBuilder out = new StringBuilder();
        out.append("Story of ").append(story.lab()).append("   scheme: ").append(story.scheme()).append("   run: ").append(story.runtime()).append('\n');
        if (story.steps().isEmpty()) {
            out.append("\nThe run has no migration, so there is no story to tell.\n");
        }
        int n = 1;
        for (StoryStep step : story.steps()) {
            out.append('\n').append(String.format(Locale.ROOT, "%2d. %10s  %-28s %s%n", n++, StoryFormat.at(step.timeNs()), step.kind().label(), step.id()));
            out.append("    ").append(step.caption()).append('\n');
            out.append("    why: ").append(step.why()).append('\n');
        }
        return out.toString();
    }

    public static String markdown(Story story) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(escape(story.lab())).append("\n\n");
        out.append("Scheme `").append(story.scheme()).append("`, ").append(story.runtime()).append(" run.\n\n");
        if (story.steps().isEmpty()) {
            out.append("The run has no migration, so there is no story to tell.\n");
        }
        out.append("| # | time | step | what happened | why |\n|---:|---:|---|---|---|\n");
        int n = 1;
        for (StoryStep step : story.steps()) {
            out.append("| ").append(n++).append(" | ").append(StoryFormat.at(step.timeNs())).append(" | ").append(step.kind().label())
                    .append(" | ").append(escape(step.caption())).append(" | ").append(escape(step.why())).append(" |\n");
        }
        return out.toString();
    }

    private static String escape(String text) {
        return text.replace("|", "\\|");
    }
}
