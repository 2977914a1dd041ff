package dev.influxtokenbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.influxtokenbot.testing.HostileArbitraries;
import dev.influxtokenbot.testing.HostileText;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any text at all is some command, and {@code revoke} passes its first word on untouched. */
class CommandParserPropertyTest {

    @Property
    void parse_anyText_givesACommandWithoutThrowing(@ForAll("anyText") String text) {
        Command command = CommandParser.parse(text);

        assertThat(command).as("command for %s", HostileText.visible(text)).isNotNull();
        if (command instanceof Command.Revoke revoke) {
            assertThat(revoke.tokenIdText()).isNotNull();
            assertThat(revoke.reason()).isNotNull();
        } else if (command instanceof Command.ListTokens list) {
            assertThat(list.query()).isNotNull();
        } else if (command instanceof Command.Unknown unknown) {
            assertThat(unknown.subcommand()).isNotEmpty();
        }
    }

    @Property
    void parse_revokeThenAnyWord_keepsThatWordAsTheTokenIdText(
            @ForAll("revokeSpellings") String revoke,
            @ForAll("separators") String before,
            @ForAll("words") String word,
            @ForAll("separators") String after,
            @ForAll("anyText") String rest) {
        String text = revoke + before + word + after + rest;

        Command command = CommandParser.parse(text);

        assertThat(command)
                .as("command for %s", HostileText.visible(text))
                .isInstanceOfSatisfying(
                        Command.Revoke.class,
                        parsed -> assertThat(parsed.tokenIdText()).isEqualTo(word));
    }

    @Provide
    Arbitrary<String> anyText() {
        return HostileArbitraries.text().injectNull(0.01);
    }

    @Provide
    Arbitrary<String> revokeSpellings() {
        return Arbitraries.of("revoke", "REVOKE", "Revoke", "rEvOkE");
    }

    @Provide
    Arbitrary<String> separators() {
        return Arbitraries.of(HostileText.SEPARATORS)
                .list()
                .ofMinSize(1)
                .ofMaxSize(3)
                .map(pieces -> String.join("", pieces));
    }

    /** Hostile text without any character that either Java or Unicode counts as white space. */
    @Provide
    Arbitrary<String> words() {
        return Arbitraries.oneOf(HostileArbitraries.text(), HostileArbitraries.mutatedUuids())
                .map(CommandParserPropertyTest::withoutWhiteSpace)
                .filter(word -> !word.isEmpty());
    }

    private static String withoutWhiteSpace(String text) {
        StringBuilder word = new StringBuilder();
        text.codePoints()
                .filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c))
                .filter(c -> c != 0x85 && !(c >= 0x09 && c <= 0x0d))
                .forEach(word::appendCodePoint);
        return word.toString();
    }
}
