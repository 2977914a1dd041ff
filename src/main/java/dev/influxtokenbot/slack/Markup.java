package dev.influxtokenbot.slack;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes text for Slack's {@code mrkdwn}. Anything the bot did not write itself (a token's
 * description, a database name, the command text it echoes) goes through {@link #escape} or {@link
 * #code}, so that {@code <!channel>} or a crafted link in it stays plain text.
 */
final class Markup {
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private Markup() {}

    /**
     * Escapes the three characters Slack treats as markup and flattens line breaks and other
     * control characters, so the text shows as written and on one line.
     */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(codePoint -> appendEscaped(escaped, codePoint));
        return escaped.toString();
    }

    /** Escaped text in a code span; a backtick in it would end the span, so it is replaced. */
    static String code(String text) {
        String inner = escape(text).replace('`', '\'');
        return inner.isBlank() ? "` `" : "`" + inner + "`";
    }

    /** At most {@code maxCodePoints} of {@code text}, with an ellipsis when it was cut. */
    static String truncate(String text, int maxCodePoints) {
        if (text.codePointCount(0, text.length()) <= maxCodePoints) {
            return text;
        }
        int end = text.offsetByCodePoints(0, Math.max(0, maxCodePoints - 1));
        return text.substring(0, end) + "…";
    }

    /** A date that Slack shows in the reader's own time zone, with a UTC fallback. */
    static String date(Instant instant) {
        return "<!date^" + instant.getEpochSecond() + "^{date_short}|" + DATE.format(instant) + ">";
    }

    /** A date and time that Slack shows in the reader's own time zone, with a UTC fallback. */
    static String dateTime(Instant instant) {
        return "<!date^"
                + instant.getEpochSecond()
                + "^{date_short} {time}|"
                + DATE_TIME.format(instant)
                + ">";
    }

    /** A mention of a Slack user; the id is checked so it cannot smuggle markup in. */
    static String mention(String userId) {
        return userId.matches("[A-Z0-9]+") ? "<@" + userId + ">" : code(userId);
    }

    private static void appendEscaped(StringBuilder out, int codePoint) {
        switch (codePoint) {
            case '&' -> out.append("&amp;");
            case '<' -> out.append("&lt;");
            case '>' -> out.append("&gt;");
            default -> {
                if (Character.isISOControl(codePoint) || isLineOrFormatBreak(codePoint)) {
                    out.append(' ');
                } else {
                    out.appendCodePoint(codePoint);
                }
            }
        }
    }

    /**
     * Line breaks, and the bidirectional controls that can make an id read as another: all of
     * Unicode's Bidi_Control, the marks (ALM, LRM, RLM) as well as embeddings, overrides, isolates.
     */
    private static boolean isLineOrFormatBreak(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || codePoint == 0x061C
                || codePoint == 0x200E
                || codePoint == 0x200F
                || (codePoint >= 0x202A && codePoint <= 0x202E)
                || (codePoint >= 0x2066 && codePoint <= 0x2069);
    }
}
