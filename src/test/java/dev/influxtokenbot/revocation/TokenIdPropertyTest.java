package dev.influxtokenbot.revocation;

import static dev.influxtokenbot.testing.Samples.weight;
import static org.assertj.core.api.Assertions.assertThat;

import dev.influxtokenbot.testing.HostileText;
import dev.influxtokenbot.testing.Samples;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Whatever is typed as a token id, only a canonical UUID gets through, and only as one. */
class TokenIdPropertyTest {
    private static final String HEX = "0123456789abcdefABCDEF";
    private static final Function<Random, String> ID_LIKE =
            Samples.oneOf(
                    weight(3, HostileText::next),
                    weight(4, HostileText::mutatedUuid),
                    weight(2, random -> HostileText.cased(random, HostileText.uuid(random))),
                    weight(1, random -> null));

    @Test
    void parse_anyText_acceptsExactlyTheCanonicalForm() {
        AtomicInteger accepted = new AtomicInteger();

        Samples.check(
                5000,
                ID_LIKE,
                text -> {
                    Optional<TokenId> tokenId = TokenId.parse(text);
                    assertThat(tokenId.isPresent()).isEqualTo(isCanonical(text));
                    accepted.addAndGet(tokenId.isPresent() ? 1 : 0);
                });

        assertThat(accepted.get()).as("samples that were valid ids").isBetween(500, 4500);
    }

    @Test
    void parse_acceptedText_rendersAsTheSameUuidInLowerCase() {
        Samples.check(
                5000,
                ID_LIKE,
                text ->
                        TokenId.parse(text)
                                .ifPresent(
                                        id -> {
                                            assertThat(id.toString())
                                                    .matches(
                                                            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}"
                                                                    + "-[0-9a-f]{4}-[0-9a-f]{12}")
                                                    .isEqualTo(text.toLowerCase(Locale.ROOT));
                                            assertThat(id.value()).isEqualTo(UUID.fromString(text));
                                        }));
    }

    /** The oracle, written apart from the parser: 8-4-4-4-12 ASCII hex digits, nothing else. */
    private static boolean isCanonical(String text) {
        if (text == null || text.length() != 36) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            boolean dashHere = i == 8 || i == 13 || i == 18 || i == 23;
            char c = text.charAt(i);
            if (dashHere ? c != '-' : HEX.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }
}
