package dev.influxtokenbot.e2e;

import static dev.influxtokenbot.testing.BotHarness.ALICE;
import static dev.influxtokenbot.testing.BotHarness.BOB;
import static dev.influxtokenbot.testing.BotHarness.MALLORY;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.influxtokenbot.revocation.AuditEvent.Type;
import dev.influxtokenbot.testing.BotHarness;
import dev.influxtokenbot.testing.FakeSlack;
import dev.influxtokenbot.testing.FakeSlack.WebApiFault;
import dev.influxtokenbot.testing.SlackClient;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With {@code AUDIT_CHANNEL} set, every audit event is also posted there, in order, as one short
 * message. Posting there is best effort: when Slack does not take a post, the bot logs a WARN, and
 * the revoke and the stored trail go on as if nothing happened.
 */
class AuditChannelEndToEndTest {
    private static final String AUDIT_CHANNEL = "CAUDIT0001";
    private static final Pattern EVENT = Pattern.compile("^\\S.*? \\*([a-z ]+)\\* by ");

    private BotHarness harness;

    @AfterEach
    void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void approve_withAnAuditChannel_postsEachEventThereInOrderAsOneShortMessage() throws Exception {
        harness =
                BotHarness.start(
                        environment -> {
                            Steps.twoPerson(environment);
                            environment.put("AUDIT_CHANNEL", AUDIT_CHANNEL);
                        });
        UUID tokenId = Steps.putToken(harness);
        FakeSlack.Message request = Steps.ask(harness, tokenId);

        harness.client.clickInChannel(BOB, "request_approve", "req-1", request, "");
        Steps.awaitSettled(harness, request);
        awaitPosted("revoked");

        List<FakeSlack.Message> posted = Steps.postedIn(harness, AUDIT_CHANNEL);
        assertThat(posted)
                .extracting(AuditChannelEndToEndTest::event)
                .containsExactly("requested", "approved", "revoke sent", "revoked");
        assertThat(posted)
                .allSatisfy(
                        message -> {
                            assertThat(message.text())
                                    .hasSizeLessThan(400)
                                    .contains(tokenId.toString());
                            assertThat(message.blocks()).hasSize(1);
                            assertThat(message.asSlackMessage().buttons()).isEmpty();
                        });
        assertThat(posted.get(0).text()).contains("by <@" + ALICE + ">").contains(Steps.REASON);
        assertThat(posted.get(3).text())
                .contains("by <@" + BOB + ">")
                .contains("asked by <@" + ALICE + ">")
                .contains("(HTTP 204)");
    }

    @Test
    void approve_whenTheAuditChannelLacksTheBot_warnsPerEventAndStillRevokesAndRecords()
            throws Exception {
        harness =
                BotHarness.start(
                        environment -> {
                            Steps.twoPerson(environment);
                            environment.put("AUDIT_CHANNEL", FakeSlack.CHANNEL_WITHOUT_BOT);
                        });
        UUID tokenId = Steps.putToken(harness);
        FakeSlack.Message request = Steps.ask(harness, tokenId);

        harness.client.clickInChannel(BOB, "request_approve", "req-1", request, "");
        FakeSlack.Message settled = Steps.awaitSettled(harness, request);
        // Stopping the bot waits for the audit channel's queue, so every post has been tried.
        harness.bot.close();

        assertThat(settled.allText()).contains("was revoked");
        assertThat(harness.api.requests("DELETE")).hasSize(1);
        assertThat(harness.api.token(tokenId).orElseThrow().revokedAt()).isNotNull();
        assertThat(notPostedWarnings())
                .containsExactly(
                        "event=requested requestId=req-1 outcome=not_posted error=not_in_channel",
                        "event=approved requestId=req-1 outcome=not_posted error=not_in_channel",
                        "event=revoke_sent requestId=req-1 outcome=not_posted error=not_in_channel",
                        "event=revoked requestId=req-1 outcome=not_posted error=not_in_channel");
        assertThat(Steps.postedIn(harness, FakeSlack.CHANNEL_WITHOUT_BOT)).isEmpty();
        try (EmbeddedStore store = EmbeddedStore.open(harness)) {
            assertThat(store.eventTypes())
                    .containsExactly(Type.REQUESTED, Type.APPROVED, Type.REVOKE_SENT, Type.REVOKED);
        }
    }

    @Test
    void revoke_whenTheAuditChannelIsRatelimitedOnEveryTry_warnsAndStillRevokesAndRecords()
            throws Exception {
        harness = BotHarness.start(environment -> environment.put("AUDIT_CHANNEL", AUDIT_CHANNEL));
        UUID tokenId = Steps.putToken(harness);
        harness.slack.failNext("chat.postMessage", WebApiFault.error("ratelimited"));
        harness.slack.failNext("chat.postMessage", WebApiFault.error("ratelimited"));
        harness.slack.failNext("chat.postMessage", WebApiFault.error("ratelimited"));

        SlackClient.Sent revoke = harness.client.command(ALICE, "revoke " + tokenId);
        harness.slack.awaitResponse(revoke.responseUrl());
        SlackClient.Sent confirm = harness.client.click(ALICE, "revoke_confirm", "req-1");
        String outcome = harness.slack.awaitResponse(confirm.responseUrl()).toString();
        awaitPosted("revoked");

        assertThat(outcome).contains("revoked database token");
        assertThat(harness.api.requests("DELETE")).hasSize(1);
        assertThat(notPostedWarnings())
                .containsExactly(
                        "event=requested requestId=req-1 outcome=not_posted error=ratelimited");
        assertThat(Steps.postedIn(harness, AUDIT_CHANNEL))
                .extracting(AuditChannelEndToEndTest::event)
                .containsExactly("approved", "revoke sent", "revoked");
        try (EmbeddedStore store = EmbeddedStore.open(harness)) {
            assertThat(store.eventTypes())
                    .containsExactly(Type.REQUESTED, Type.APPROVED, Type.REVOKE_SENT, Type.REVOKED);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void auditPost_rateLimitedWithRetryAfter_waitsAsAskedAndPosts(int retryAfterSeconds)
            throws Exception {
        harness = BotHarness.start(environment -> environment.put("AUDIT_CHANNEL", AUDIT_CHANNEL));
        harness.slack.failNext("chat.postMessage", WebApiFault.rateLimited(retryAfterSeconds));

        harness.client.command(MALLORY, "list");
        FakeSlack.Message posted = awaitPosted("refused");

        assertThat(posted.text()).contains("by <@" + MALLORY + ">").contains("not on allowlist");
        assertThat(harness.slack.calls("/api/chat.postMessage")).hasSize(2);
        assertThat(harness.logs.all())
                .contains(
                        "method=chat.postMessage attempt=1 outcome=retrying error=http_429 waitMs="
                                + retryAfterSeconds * 1000);
        assertThat(notPostedWarnings()).isEmpty();
    }

    private FakeSlack.Message awaitPosted(String event) {
        return harness.slack.awaitMessage(
                m -> m.channel().equals(AUDIT_CHANNEL) && event.equals(event(m)));
    }

    /** The event name an audit channel message starts with, such as {@code revoke sent}. */
    private static String event(FakeSlack.Message message) {
        Matcher event = EVENT.matcher(message.text());
        return event.find() ? event.group(1) : "";
    }

    /** The audit channel's WARN lines, without the advice that ends each. */
    private List<String> notPostedWarnings() {
        return harness.logs.events().stream()
                .filter(e -> e.getLevel() == Level.WARN)
                .filter(e -> e.getLoggerName().endsWith(".AuditChannel"))
                .map(ILoggingEvent::getFormattedMessage)
                .map(line -> line.substring(0, line.indexOf(':')))
                .toList();
    }
}
