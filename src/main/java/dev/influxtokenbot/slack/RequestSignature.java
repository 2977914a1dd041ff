package dev.influxtokenbot.slack;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the signature Slack puts on every HTTP request: an HMAC-SHA256 of {@code
 * v0:<timestamp>:<body>} keyed with the app's signing secret. Stricter than Bolt's own check: a
 * timestamp more than five minutes in the future is refused as well as one five minutes old, and
 * signatures are compared in constant time.
 */
final class RequestSignature {
    static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final String VERSION = "v0";
    private static final String ALGORITHM = "HmacSHA256";

    /** Why a request was accepted or refused; everything but {@link #VALID} means 401. */
    enum Verdict {
        VALID,
        MISSING_HEADERS,
        MALFORMED,
        STALE,
        FUTURE,
        MISMATCH
    }

    private final SecretKeySpec key;
    private final Clock clock;

    RequestSignature(String signingSecret, Clock clock) {
        this.key = new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.clock = clock;
    }

    Verdict check(String timestamp, String signature, byte[] body) {
        if (timestamp == null || signature == null) {
            return Verdict.MISSING_HEADERS;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return Verdict.MALFORMED;
        }

        long now = clock.instant().getEpochSecond();
        if (now - seconds > MAX_SKEW.toSeconds()) {
            return Verdict.STALE;
        }
        if (seconds - now > MAX_SKEW.toSeconds()) {
            return Verdict.FUTURE;
        }
        byte[] expected = sign(timestamp, body).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = signature.getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual) ? Verdict.VALID : Verdict.MISMATCH;
    }

    /** The {@code X-Slack-Signature} value Slack would send for this timestamp and body. */
    String sign(String timestamp, byte[] body) {
        Mac mac = newMac();
        mac.update((VERSION + ":" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
        return VERSION + "=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
