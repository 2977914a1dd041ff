package dev.influxtokenbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MarkupTest {

    @Test
    void escape_specialMention_becomesPlainText() {
        String escaped = Markup.escape("<!channel>");

        assertThat(escaped).isEqualTo("&lt;!channel&gt;");
    }

    @Test
    void escape_ampersand_becomesEntity() {
        String escaped = Markup.escape("R&D & ops");

        assertThat(escaped).isEqualTo("R&amp;D &amp; ops");
    }

    @Test
    void escape_textThatLooksEscaped_isEscapedAgain() {
        String escaped = Markup.escape("&lt;!here&gt;");

        assertThat(escaped).isEqualTo("&amp;lt;!here&amp;gt;");
    }

    @Test
    void escape_craftedLink_losesItsAngleBrackets() {
        String escaped = Markup.escape("<https://evil.example/|Open the console>");

        assertThat(escaped).isEqualTo("&lt;https://evil.example/|Open the console&gt;");
    }

    @Test
    void escape_lineBreaksAndControlCharacters_becomeSpaces() {
        String text = "a\nb\r\nc\td\u0000e\u001bf\u007fg\u0085h\u2028i\u2029j";

        String escaped = Markup.escape(text);

        assertThat(escaped).isEqualTo("a b  c d e f g h i j");
    }

    @Test
    void escape_bidiControls_becomeSpaces() {
        String text =
                "prod\u202Egnitset\u202C \u2066admin\u2069 \u202Ax\u202By\u202Dz\u2067q\u2068";

        String escaped = Markup.escape(text);

        assertThat(escaped).isEqualTo("prod gnitset   admin   x y z q ");
        assertThat(escaped.codePoints().filter(c -> c > 0x2000 && c < 0x2070)).isEmpty();
    }

    @Test
    void escape_bidiMarks_becomeSpaces() {
        String text = "1234\u200F-5678 \u200Eabc \u061Cdef";

        String escaped = Markup.escape(text);

        assertThat(escaped).isEqualTo("1234 -5678  abc  def");
    }

    @Test
    void escape_emojiAndOtherScripts_areKept() {
        String text = "🔑 prod-ingest · 東京 · Ключ · 👩‍💻 · café · ﷺ";

        String escaped = Markup.escape(text);

        assertThat(escaped).isEqualTo(text);
    }

    @Test
    void code_plainText_isWrappedInBackticks() {
        String code = Markup.code("prod ingest");

        assertThat(code).isEqualTo("`prod ingest`");
    }

    @Test
    void code_backticksInside_areReplacedSoTheSpanCannotEnd() {
        String code = Markup.code("a`b ```c```");

        assertThat(code).isEqualTo("`a'b '''c'''`");
        assertThat(code.chars().filter(c -> c == '`')).hasSize(2);
    }

    @Test
    void code_markupInside_isEscaped() {
        String code = Markup.code("<@U123>\n&");

        assertThat(code).isEqualTo("`&lt;@U123&gt; &amp;`");
    }

    @Test
    void code_emptyOrBlankText_givesASpaceInBackticks() {
        String empty = Markup.code("");
        String lineBreak = Markup.code("\n");

        assertThat(empty).isEqualTo("` `");
        assertThat(lineBreak).isEqualTo("` `");
    }

    @ParameterizedTest
    @CsvSource({"abcdef, 6, abcdef", "abcdef, 10, abcdef", "abcdef, 5, abcd…", "abcdef, 1, …"})
    void truncate_asciiText_keepsAtMostTheLimit(String text, int max, String expected) {
        String truncated = Markup.truncate(text, max);

        assertThat(truncated).isEqualTo(expected);
    }

    @Test
    void truncate_emojiText_countsCodePointsNotChars() {
        String text = "😀😀😀";

        String truncated = Markup.truncate(text, 3);

        assertThat(text).hasSize(6);
        assertThat(truncated).isEqualTo(text);
    }

    @Test
    void truncate_cutInsideEmojiRun_neverSplitsASurrogatePair() {
        String text = "a😀😀😀😀";

        String truncated = Markup.truncate(text, 3);

        assertThat(truncated).isEqualTo("a😀…");
        assertThat(truncated.codePoints().filter(c -> Character.getType(c) == Character.SURROGATE))
                .isEmpty();
        assertThat(truncated.codePointCount(0, truncated.length())).isEqualTo(3);
    }

    @Test
    void date_instant_givesSlackDateWithUtcFallback() {
        Instant instant = Instant.parse("2026-03-14T15:09:26Z");

        String date = Markup.date(instant);

        assertThat(date).isEqualTo("<!date^1773500966^{date_short}|2026-03-14>");
    }

    @Test
    void date_lastSecondOfUtcDay_fallsBackToTheUtcDate() {
        Instant instant = Instant.parse("2026-03-14T23:59:59Z");

        String date = Markup.date(instant);

        assertThat(date).isEqualTo("<!date^1773532799^{date_short}|2026-03-14>");
    }

    @Test
    void dateTime_instant_givesSlackDateAndTimeWithUtcFallback() {
        Instant instant = Instant.parse("2026-03-14T15:09:26Z");

        String dateTime = Markup.dateTime(instant);

        assertThat(dateTime)
                .isEqualTo("<!date^1773500966^{date_short} {time}|2026-03-14 15:09 UTC>");
    }

    @Test
    void mention_slackUserId_givesMention() {
        String mention = Markup.mention("U012AB3CD");

        assertThat(mention).isEqualTo("<@U012AB3CD>");
    }

    @Test
    void mention_idWithMarkup_givesEscapedCodeInstead() {
        String mention = Markup.mention("U1><!channel");

        assertThat(mention).isEqualTo("`U1&gt;&lt;!channel`");
        assertThat(mention).doesNotContain("<");
    }

    @Test
    void mention_idWithLowerCaseOrSpace_isNotAMention() {
        String lowerCase = Markup.mention("u012ab3cd");
        String withSpace = Markup.mention("U012 AB3CD");

        assertThat(lowerCase).isEqualTo("`u012ab3cd`");
        assertThat(withSpace).isEqualTo("`U012 AB3CD`");
    }
}
