package dev.influxtokenbot.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenIdTest {
    private static final String ID = "55555555-abcd-4ef0-8123-456789abcdef";

    @Test
    void parse_canonicalLowerCaseUuid_givesThatId() {
        Optional<TokenId> tokenId = TokenId.parse(ID);

        assertThat(tokenId).contains(new TokenId(UUID.fromString(ID)));
        assertThat(tokenId.orElseThrow()).hasToString(ID);
    }

    @Test
    void parse_upperCaseUuid_normalizesToLowerCase() {
        Optional<TokenId> tokenId = TokenId.parse("55555555-ABCD-4EF0-8123-456789ABCDEF");

        assertThat(tokenId).map(TokenId::toString).contains(ID);
    }

    @Test
    void parse_mixedCaseUuid_equalsTheLowerCaseOne() {
        Optional<TokenId> mixed = TokenId.parse("55555555-AbCd-4eF0-8123-456789aBcDeF");

        assertThat(mixed).isEqualTo(TokenId.parse(ID));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                " ",
                // one character short and one too many
                "55555555-abcd-4ef0-8123-456789abcde",
                "55555555-abcd-4ef0-8123-456789abcdef0",
                // 36 characters, but not hex or not in the right places
                "55555555-abcd-4ef0-8123-456789abcdeg",
                "55555555-abcd-4ef0-8123x456789abcdef",
                "555555555abcd-4ef0-8123-456789abcdef",
                "55555555-abcd-4ef0-8123-456789abcde ",
                " 55555555-abcd-4ef0-8123-456789abcde",
                "{55555555-abcd-4ef0-8123-456789abcd}",
                "{55555555-abcd-4ef0-8123-456789abcdef}",
                // paths, encodings and queries aimed at the Management API's URL
                "../55555555-abcd-4ef0-8123-456789abcdef",
                "55555555-abcd-4ef0-8123-456789abcdef/..",
                "../../../../../../../../../../accounts",
                "55555555-abcd-4ef0-8123-456789ab%2F",
                "55555555-abcd-4ef0-8123-4567%2F..%2F",
                "55555555-abcd-4ef0-8123-456789abcdef?x=1",
                "55555555-abcd-4ef0-8123-456789abc?x=1",
                "55555555-abcd-4ef0-8123-456789abcdef#x",
                // a valid id followed by more text
                "55555555-abcd-4ef0-8123-456789abcdef leaked",
                "55555555-abcd-4ef0-8123-456789abcdef\n",
                // digits and letters that only look like hex
                "５5555555-abcd-4ef0-8123-456789abcdef",
                "٥5555555-abcd-4ef0-8123-456789abcdef",
                "55555555-ａbcd-4ef0-8123-456789abcdef",
                "55555555‐abcd‐4ef0‐8123‐456789abcdef",
                // short forms that UUID.fromString would accept
                "1-1-1-1-1",
                "0-0-0-0-0",
                "5555555-abcd-4ef0-8123-456789abcdef0",
                "55555555-abc-4ef0-8123-0456789abcdef"
            })
    void parse_anythingButACanonicalUuid_givesEmpty(String text) {
        Optional<TokenId> tokenId = TokenId.parse(text);

        assertThat(tokenId).isEmpty();
    }

    @Test
    void parse_shortFormThatJavaAccepts_givesEmpty() {
        String shortForm = "1-1-1-1-1";
        UUID javaReading = UUID.fromString(shortForm);

        Optional<TokenId> tokenId = TokenId.parse(shortForm);

        assertThat(javaReading).isNotNull();
        assertThat(tokenId).isEmpty();
    }
}
