package dev.influxtokenbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.influxtokenbot.slack.RequestSignature.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Checked against the signing example in Slack's documentation, kept as a test resource. */
class RequestSignatureTest {
    private static final JsonNode VECTOR = readVector();
    private static final String SECRET = VECTOR.get("signing_secret").asText();
    private static final String TIMESTAMP = VECTOR.get("x_slack_request_timestamp").asText();
    private static final byte[] BODY = VECTOR.get("body").asText().getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = VECTOR.get("expected_x_slack_signature").asText();

    private static JsonNode readVector() {
        String path = "/reference/slack/signing-test-vector.json";
        try (InputStream in = RequestSignatureTest.class.getResourceAsStream(path)) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A clock standing {@code offsetSeconds} after the vector's timestamp. */
    private static Clock clockAt(long offsetSeconds) {
        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(TIMESTAMP));
        return Clock.fixed(signedAt.plusSeconds(offsetSeconds), ZoneOffset.UTC);
    }

    @Test
    void sign_documentedExample_givesDocumentedSignature() {
        RequestSignature signature = new RequestSignature(SECRET, clockAt(0));

        String signed = signature.sign(TIMESTAMP, BODY);

        assertThat(signed).isEqualTo(SIGNATURE);
    }

    @Test
    void check_documentedExample_isValid() {
        RequestSignature signature = new RequestSignature(SECRET, clockAt(0));

        Verdict verdict = signature.check(TIMESTAMP, SIGNATURE, BODY);

        assertThat(verdict).isEqualTo(Verdict.VALID);
    }

    @Test
    void check_fiveMinutesAndOneSecondOld_isStale() {
        RequestSignature signature = new RequestSignature(SECRET, clockAt(301));

        Verdict verdict = signature.check(TIMESTAMP, SIGNATURE, BODY);

        assertThat(verdict).isEqualTo(Verdict.STALE);
    }

    @Test
    void check_fiveMinutesAndOneSecondAhead_isFuture() {
        RequestSignature signature = new RequestSignature(SECRET, clockAt(-301));

        Verdict verdict = signature.check(TIMESTAMP, SIGNATURE, BODY);

        assertThat(verdict).isEqualTo(Verdict.FUTURE);
    }

    @ParameterizedTest
    @ValueSource(longs = {-300, -1, 1, 300})
    void check_withinFiveMinutesEitherWay_isValid(long offsetSeconds) {
        RequestSignature signature = new RequestSignature(SECRET, clockAt(offsetSeconds));

        Verdict verdict = signature.check(TIMESTAMP, SIGNATURE, BODY);

        assertThat(verdict).isEqualTo(Verdict.VALID);
    }

    @Test
    void check_oneBodyByteChanged_isMismatch() {
        RequestSignature signature = new RequestSignature(SECRET, clockAt(0));
        byte[] body = BODY.clone();
        body[body.length / 2] ^= 1;

        Verdict verdict = signature.check(TIMESTAMP, SIGNATURE, body);

        assertThat(verdict).isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void check_bodyWithTrailingNewline_isMismatch() {
        RequestSignature signature = new RequestSignature(SECRET, clockAt(0));
        byte[] body = (VECTOR.get("body").asText() + "\n").getBytes(StandardCharsets.UTF_8);

        Verdict verdict = signature.check(TIMESTAMP, SIGNATURE, body);

        assertThat(verdict).isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void check_wrongSecret_isMismatch() {
        RequestSignature signature = new RequestSignature(SECRET + "x", clockAt(0));

        Verdict verdict = signature.check(TIMESTAMP, SIGNATURE, BODY);

        assertThat(verdict).isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void check_signatureOfAnotherVersion_isMismatch() {
        RequestSignature signature = new RequestSignature(SECRET, clockAt(0));
        String otherVersion = "v1=" + SIGNATURE.substring("v0=".length());

        Verdict verdict = signature.check(TIMESTAMP, otherVersion, BODY);

        assertThat(verdict).isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void check_timestampChangedButSignatureKept_isMismatch() {
        RequestSignature signature = new RequestSignature(SECRET, clockAt(0));
        String otherTimestamp = String.valueOf(Long.parseLong(TIMESTAMP) + 1);

        Verdict verdict = signature.check(otherTimestamp, SIGNATURE, BODY);

        assertThat(verdict).isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void check_emptySignature_isMismatch() {
        RequestSignature signature = new RequestSignature(SECRET, clockAt(0));

        Verdict verdict = signature.check(TIMESTAMP, "", BODY);

        assertThat(verdict).isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void check_missingTimestamp_isMissingHeaders() {
        RequestSignature signature = new RequestSignature(SECRET, clockAt(0));

        Verdict verdict = signature.check(null, SIGNATURE, BODY);

        assertThat(verdict).isEqualTo(Verdict.MISSING_HEADERS);
    }

    @Test
    void check_missingSignature_isMissingHeaders() {
        RequestSignature signature = new RequestSignature(SECRET, clockAt(0));

        Verdict verdict = signature.check(TIMESTAMP, null, BODY);

        assertThat(verdict).isEqualTo(Verdict.MISSING_HEADERS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "1531420618.0", "0x5B47A7CA", "99999999999999999999"})
    void check_nonNumericTimestamp_isMalformed(String timestamp) {
        RequestSignature signature = new RequestSignature(SECRET, clockAt(0));

        Verdict verdict = signature.check(timestamp, SIGNATURE, BODY);

        assertThat(verdict).isEqualTo(Verdict.MALFORMED);
    }
}
