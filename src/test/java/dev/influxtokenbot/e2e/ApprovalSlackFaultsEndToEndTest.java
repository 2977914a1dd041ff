package dev.influxtokenbot.e2e;

import static dev.influxtokenbot.e2e.Steps.CHANNEL;
import static dev.influxtokenbot.testing.BotHarness.ALICE;
import static dev.influxtokenbot.testing.BotHarness.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.influxtokenbot.revocation.AuditEvent.Type;
import dev.influxtokenbot.testing.BotHarness;
import dev.influxtokenbot.testing.FakeSlack;
import dev.influxtokenbot.testing.FakeSlack.WebApiFault;
import dev.influxtokenbot.testing.SlackClient;
import dev.influxtokenbot.testing.SlackMessage;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Slack failing on the approval path: {@code chat.update} is retried when Slack asks to wait, and
 * when it fails for good the clicker's {@code response_url} replaces the request's message instead.
 * The revoke and the audit trail never depend on Slack taking a message.
 */
class ApprovalSlackFaultsEndToEndTest {
    private BotHarness harness;
    private UUID tokenId;

    @BeforeEach
    void start() throws Exception {
        harness = BotHarness.start(Steps::twoPerson);
        tokenId = Steps.putToken(harness);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void approve_whenChatUpdateIsRatelimitedOnce_retriesAndUpdatesTheMessage() {
        FakeSlack.Message request = Steps.ask(harness, tokenId);
        harness.slack.failNext("chat.update", WebApiFault.error("ratelimited"));

        SlackClient.Sent click =
                harness.client.clickInChannel(BOB, "request_approve", "req-1", request, "");

        FakeSlack.Message settled = Steps.awaitSettled(harness, request);
        Steps.awaitThreadReply(harness, request);
        assertThat(settled.allText())
                .contains("Approved by <@" + BOB + ">")
                .contains("was revoked");
        assertThat(harness.slack.calls("/api/chat.update")).hasSize(2);
        assertThat(harness.logs.all())
                .contains("method=chat.update attempt=1 outcome=retrying error=ratelimited");
        assertThat(harness.slack.pendingResponses(click.responseUrl())).isEmpty();
        assertThat(harness.api.requests("DELETE")).hasSize(1);
    }

    @Test
    void approve_whenChatUpdateIsRateLimitedWithRetryAfter_waitsThatLongAndUpdatesTheMessage() {
        FakeSlack.Message request = Steps.ask(harness, tokenId);
        harness.slack.failNext("chat.update", WebApiFault.rateLimited(1));

        harness.client.clickInChannel(BOB, "request_approve", "req-1", request, "");

        assertThat(Steps.awaitSettled(harness, request).allText()).contains("was revoked");
        assertThat(harness.logs.all())
                .contains(
                        "method=chat.update attempt=1 outcome=retrying error=http_429"
                                + " waitMs=1000");
    }

    @Test
    void approve_whenChatUpdateFailsEveryTime_answersTheClickWithTheOutcomeInItsPlace()
            throws Exception {
        FakeSlack.Message request = Steps.ask(harness, tokenId);
        for (int i = 0; i < 3; i++) {
            harness.slack.failNext("chat.update", WebApiFault.error("internal_error"));
        }

        SlackClient.Sent click =
                harness.client.clickInChannel(BOB, "request_approve", "req-1", request, "");

        SlackMessage answer = SlackMessage.of(harness.slack.awaitResponse(click.responseUrl()));
        assertThat(answer.replacesOriginal()).isTrue();
        assertThat(answer.buttons()).isEmpty();
        assertThat(answer.text())
                .contains("Approved by <@" + BOB + ">")
                .contains("was revoked")
                .contains("Requested by <@" + ALICE + ">");
        assertThat(harness.slack.calls("/api/chat.update")).hasSize(3);
        assertThat(harness.slack.updates(request.ts())).isZero();
        assertThat(Steps.awaitThreadReply(harness, request).allText()).contains("it is revoked");
        assertThat(harness.logs.lines(Level.WARN))
                .anySatisfy(
                        line ->
                                assertThat(line)
                                        .contains("requestId=req-1")
                                        .contains("outcome=message_not_updated"));
        assertThat(harness.api.requests("DELETE")).hasSize(1);
        try (EmbeddedStore store = EmbeddedStore.open(harness)) {
            assertThat(store.eventTypes())
                    .containsExactly(Type.REQUESTED, Type.APPROVED, Type.REVOKE_SENT, Type.REVOKED);
        }
    }

    @Test
    void deny_whenChatUpdateFailsEveryTime_answersTheClickWithTheDenialInItsPlace() {
        FakeSlack.Message request = Steps.ask(harness, tokenId);
        for (int i = 0; i < 3; i++) {
            harness.slack.failNext("chat.update", WebApiFault.serverError(503));
        }

        SlackClient.Sent click =
                harness.client.clickInChannel(BOB, "request_deny", "req-1", request, "not this");

        SlackMessage answer = SlackMessage.of(harness.slack.awaitResponse(click.responseUrl()));
        assertThat(answer.replacesOriginal()).isTrue();
        assertThat(answer.buttons()).isEmpty();
        assertThat(answer.text()).contains("Denied by <@" + BOB + ">").contains("not this");
        assertThat(harness.api.requests("DELETE")).isEmpty();
    }

    @Test
    void approve_onAnExpiredRequestWhoseUpdateFailed_updatesTheMessageToExpiredNow() {
        FakeSlack.Message request = Steps.ask(harness, tokenId);
        for (int i = 0; i < 3; i++) {
            harness.slack.failNext("chat.update", WebApiFault.error("internal_error"));
        }
        harness.clock.advance(Duration.ofMinutes(30));
        Steps.awaitThreadReply(harness, request);

        SlackClient.Sent late =
                harness.client.clickInChannel(BOB, "request_approve", "req-1", request, "");

        harness.slack.awaitResponse(late.responseUrl());
        assertThat(harness.slack.message(CHANNEL, request.ts()).allText())
                .contains("Expired")
                .doesNotContain("request_approve");
        assertThat(Steps.threadReplies(harness, request)).hasSize(1);
        assertThat(harness.api.requests("DELETE")).isEmpty();
    }
}
