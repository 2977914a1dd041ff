package dev.influxtokenbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.influxtokenbot.testing.HostileArbitraries;
import dev.influxtokenbot.testing.HostileText;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever text the bot echoes, it cannot ping, link, break lines or reorder what Slack shows. */
class MarkupPropertyTest {

    @Property
    void escape_anyText_leavesNoAngleBracketOrBareAmpersand(@ForAll("anyText") String text) {
        String escaped = Markup.escape(text);

        assertThat(escaped).as("escaped %s", HostileText.visible(text)).doesNotContain("<", ">");
        for (int at = escaped.indexOf('&'); at >= 0; at = escaped.indexOf('&', at + 1)) {
            assertThat(startsAnEntity(escaped, at))
                    .as("escaped %s, & at %d", HostileText.visible(text), at)
                    .isTrue();
        }
    }

    @Property
    void escape_anyText_leavesNoLineBreakControlOrBidiCharacter(@ForAll("anyText") String text) {
        String escaped = Markup.escape(text);

        assertThat(escaped.codePoints().filter(MarkupPropertyTest::breaksOrReorders))
                .as("escaped %s", HostileText.visible(escaped))
                .isEmpty();
    }

    @Property
    void code_anyText_hasExactlyTwoBackticksAtItsEnds(@ForAll("anyText") String text) {
        String code = Markup.code(text);

        assertThat(code).as("code of %s", HostileText.visible(text)).startsWith("`").endsWith("`");
        assertThat(code.length()).isGreaterThanOrEqualTo(3);
        assertThat(code.chars().filter(c -> c == '`').count()).isEqualTo(2);
    }

    @Provide
    Arbitrary<String> anyText() {
        return HostileArbitraries.text();
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
