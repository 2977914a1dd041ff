package dev.influxtokenbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.influxtokenbot.testing.HostileText;
import dev.influxtokenbot.testing.Samples;
import org.junit.jupiter.api.Test;

/** Whatever text the bot echoes, it cannot ping, link, break lines or reorder what Slack shows. */
class MarkupPropertyTest {

    @Test
    void escape_anyText_leavesNoAngleBracketOrBareAmpersand() {
        Samples.check(
                5000,
                HostileText::next,
                text -> {
                    String escaped = Markup.escape(text);

                    assertThat(escaped).doesNotContain("<", ">");
                    for (int at = escaped.indexOf('&');
                            at >= 0;
                            at = escaped.indexOf('&', at + 1)) {
                        assertThat(startsAnEntity(escaped, at)).as("& at %d", at).isTrue();
                    }
                });
    }

    @Test
    void escape_anyText_leavesNoLineBreakControlOrBidiCharacter() {
        Samples.check(
                5000,
                HostileText::next,
                text ->
                        assertThat(
                                        Markup.escape(text)
                                                .codePoints()
                                                .filter(MarkupPropertyTest::breaksOrReorders))
                                .isEmpty());
    }

    @Test
    void code_anyText_hasExactlyTwoBackticksAtItsEnds() {
        Samples.check(
                5000,
                HostileText::next,
                text -> {
                    String code = Markup.code(text);

                    assertThat(code).startsWith("`").endsWith("`");
                    assertThat(code.length()).isGreaterThanOrEqualTo(3);
                    assertThat(code.chars().filter(c -> c == '`').count()).isEqualTo(2);
                });
    }

    private static boolean startsAnEntity(String text, int at) {
        return text.startsWith("&amp;", at)
                || text.startsWith("&lt;", at)
                || text.startsWith("&gt;", at);
    }

    /**
     * ISO controls, line and paragraph separators, and Unicode's Bidi_Control characters: the
     * implicit marks (ALM, LRM, RLM), the embeddings and overrides, and the isolates.
     */
    private static boolean breaksOrReorders(int c) {
        int type = Character.getType(c);
        return Character.isISOControl(c)
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || c == 0x061c
                || c == 0x200e
                || c == 0x200f
                || (c >= 0x202a && c <= 0x202e)
                || (c >= 0x2066 && c <= 0x2069);
    }
}
