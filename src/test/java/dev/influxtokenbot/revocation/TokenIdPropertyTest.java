package dev.influxtokenbot.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.influxtokenbot.testing.HostileArbitraries;
import dev.influxtokenbot.testing.HostileText;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/** Whatever is typed as a token id, only a canonical UUID gets through, and only as one. */
class TokenIdPropertyTest {
    private static final String HEX = "0123456789abcdefABCDEF";

    @Property
    void parse_anyText_acceptsExactlyTheCanonicalForm(@ForAll("idLike") String text) {
        Optional<TokenId> tokenId = TokenId.parse(text);

        assertThat(tokenId.isPresent())
                .as("accepted %s", HostileText.visible(text))
                .isEqualTo(isCanonical(text));
        Statistics.label("accepted").collect(tokenId.isPresent());
        Statistics.label("accepted")
                .coverage(
                        coverage -> {
                            coverage.check(true).percentage(percent -> percent > 10);
                            coverage.check(false).percentage(percent -> percent > 10);
                        });
    }

    @Property
    void parse_acceptedText_rendersAsTheSameUuidInLowerCase(@ForAll("idLike") String text) {
        Optional<TokenId> tokenId = TokenId.parse(text);

        tokenId.ifPresent(
                id -> {
                    assertThat(id.toString())
                            .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
                            .isEqualTo(text.toLowerCase(Locale.ROOT));
                    assertThat(id.value()).isEqualTo(UUID.fromString(text));
                });
    }

    @Provide
    Arbitrary<String> idLike() {
        return Arbitraries.frequencyOf(
                        Tuple.of(3, HostileArbitraries.text()),
                        Tuple.of(4, HostileArbitraries.mutatedUuids()),
                        Tuple.of(2, HostileArbitraries.uuids()))
                .injectNull(0.01);
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
