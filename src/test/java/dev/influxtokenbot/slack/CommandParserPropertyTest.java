package dev.influxtokenbot.slack;

import static dev.influxtokenbot.testing.Samples.weight;
import static org.assertj.core.api.Assertions.assertThat;

import dev.influxtokenbot.testing.HostileText;
import dev.influxtokenbot.testing.Samples;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Any text at all is some command, and {@code revoke} passes its first word on untouched. */
class CommandParserPropertyTest {
    private static final List<String> REVOKE = List.of("revoke", "REVOKE", "Revoke", "rEvOkE");

    @Test
    void parse_anyText_givesACommandWithoutThrowing() {
        Samples.check(
                5000,
                Samples.oneOf(weight(99, HostileText::next), weight(1, random -> null)),
                text -> {
                    Command command = CommandParser.parse(text);

                    assertThat(command).isNotNull();
                    if (command instanceof Command.Revoke revoke) {
                        assertThat(revoke.tokenIdText()).isNotNull();
                        assertThat(revoke.reason()).isNotNull();
                    } else if (command instanceof Command.ListTokens list) {
                        assertThat(list.query()).isNotNull();
                    } else if (command instanceof Command.Unknown unknown) {
                        assertThat(unknown.subcommand()).isNotEmpty();
                    }
                });
    }

    @Test
    void parse_revokeThenAnyWord_keepsThatWordAsTheTokenIdText() {
        Samples.check(
                5000,
                CommandParserPropertyTest::revokeCommand,
                sample ->
                        assertThat(CommandParser.parse(sample.text()))
                                .isInstanceOfSatisfying(
                                        Command.Revoke.class,
                                        parsed ->
                                                assertThat(parsed.tokenIdText())
                                                        .isEqualTo(sample.word())));
    }

    private static RevokeCommand revokeCommand(Random random) {
        String word = "";
        while (word.isEmpty()) {
            word =
                    withoutWhiteSpace(
                            random.nextBoolean()
                                    ? HostileText.next(random)
                                    : HostileText.mutatedUuid(random));
        }
        String text =
                REVOKE.get(random.nextInt(REVOKE.size()))
                        + separators(random)
                        + word
                        + separators(random)
                        + HostileText.next(random);
        return new RevokeCommand(text, word);
    }

    private static String separators(Random random) {
        StringBuilder separators = new StringBuilder();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            separators.append(
                    HostileText.SEPARATORS.get(random.nextInt(HostileText.SEPARATORS.size())));
        }
        return separators.toString();
    }

    /** Hostile text without any character that either Java or Unicode counts as white space. */
    private static String withoutWhiteSpace(String text) {
        StringBuilder word = new StringBuilder();
        text.codePoints()
                .filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c))
                .filter(c -> c != 0x85 && !(c >= 0x09 && c <= 0x0d))
                .forEach(word::appendCodePoint);
        return word.toString();
    }

    /** A command text, and the word that follows {@code revoke} in it. */
    private record RevokeCommand(String text, String word) {
        @Override
        public String toString() {
            return HostileText.visible(text);
        }
    }
}
