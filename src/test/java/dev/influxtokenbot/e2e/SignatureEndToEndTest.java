package dev.influxtokenbot.e2e;

import static dev.influxtokenbot.testing.BotHarness.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.influxtokenbot.testing.BotHarness;
import dev.influxtokenbot.testing.SlackClient;
import dev.influxtokenbot.testing.SlackMessage;
import dev.influxtokenbot.testing.SlackSigner;
import dev.influxtokenbot.testing.TestSecrets;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Forged, stale, future and tampered requests get 401 and reach no handler; a replayed click that
 * is correctly signed gets through the signature check, and the request's state stops it.
 */
class SignatureEndToEndTest {
    private BotHarness harness;
    private UUID tokenId;
    private String body;
    private long now;

    @BeforeEach
    void start() throws Exception {
        harness = BotHarness.start();
        tokenId = harness.api.addToken("Telegraf", BotHarness.START);
        body = SlackClient.commandBody(ALICE, "revoke " + tokenId, harness.slack.newResponseUrl());
        now = harness.clock.instant().getEpochSecond();
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void request_signedRightNow_isAccepted() {
        HttpResponse<String> response = post(now, TestSecrets.SIGNING_SECRET, body);

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void request_signedWithAnotherSecret_isRefused() {
        assertRefused(post(now, "not-the-signing-secret", body));
    }

    @Test
    void request_signedSixMinutesAgo_isRefusedAsStale() {
        assertRefused(post(now - 360, TestSecrets.SIGNING_SECRET, body));
    }

    @Test
    void request_signedSixMinutesInTheFuture_isRefused() {
        assertRefused(post(now + 360, TestSecrets.SIGNING_SECRET, body));
    }

    @Test
    void request_signedFourMinutesInTheFuture_isAccepted() {
        assertThat(post(now + 240, TestSecrets.SIGNING_SECRET, body).statusCode()).isEqualTo(200);
    }

    @Test
    void request_bodyChangedAfterSigning_isRefused() {
        String timestamp = Long.toString(now);
        String signature = SlackSigner.sign(TestSecrets.SIGNING_SECRET, timestamp, body);

        assertRefused(harness.client.post(body.replace(ALICE, "UEVE00001"), timestamp, signature));
    }

    @Test
    void request_withoutSignatureHeaders_isRefused() {
        assertRefused(harness.client.post(body, null, null));
        assertRefused(harness.client.post(body, Long.toString(now), null));
    }

    @Test
    void request_withAnotherSignatureVersion_isRefused() {
        String timestamp = Long.toString(now);
        String signature = SlackSigner.sign(TestSecrets.SIGNING_SECRET, timestamp, body);

        assertRefused(harness.client.post(body, timestamp, signature.replace("v0=", "v1=")));
    }

    @Test
    void request_withTimestampThatIsNotANumber_isRefused() {
        assertRefused(harness.client.post(body, "yesterday", "v0=00"));
    }

    @Test
    void click_replayedWithinTheWindowAfterItWasHandled_isAcknowledgedButRevokesNothingMore() {
        SlackClient.Sent command = harness.client.command(ALICE, "revoke " + tokenId);
        harness.slack.awaitResponse(command.responseUrl());
        String responseUrl = harness.slack.newResponseUrl();
        String click = SlackClient.clickBody(ALICE, "revoke_confirm", "req-1", responseUrl);
        String timestamp = Long.toString(now);
        String signature = SlackSigner.sign(TestSecrets.SIGNING_SECRET, timestamp, click);
        HttpResponse<String> first = harness.client.post(click, timestamp, signature);
        SlackMessage revoked = SlackMessage.of(harness.slack.awaitResponse(responseUrl));
        harness.clock.advance(Duration.ofMinutes(4));

        HttpResponse<String> replay = harness.client.post(click, timestamp, signature);

        SlackMessage answer = SlackMessage.of(harness.slack.awaitResponse(responseUrl));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(revoked.text()).contains("revoked database token");
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(answer.text()).contains("already handled").contains("the token was revoked");
        assertThat(answer.replacesOriginal()).isFalse();
        assertThat(harness.api.requests("DELETE")).hasSize(1);
    }

    private HttpResponse<String> post(long timestamp, String secret, String body) {
        String text = Long.toString(timestamp);
        return harness.client.post(body, text, SlackSigner.sign(secret, text, body));
    }

    private void assertRefused(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain("Exception");
        assertThat(harness.api.requests()).isEmpty();
        assertThat(harness.slack.calls())
                .allSatisfy(call -> assertThat(call.path()).startsWith("/api/auth.test"));
        assertThat(harness.logs.lines()).anyMatch(line -> line.contains("reason=signature_"));
    }
}
