package dev.influxtokenbot.e2e;

import static dev.influxtokenbot.testing.BotHarness.ALICE;
import static dev.influxtokenbot.testing.BotHarness.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.influxtokenbot.revocation.AuditEvent;
import dev.influxtokenbot.revocation.Decision;
import dev.influxtokenbot.revocation.Housekeeping;
import dev.influxtokenbot.revocation.RequestState;
import dev.influxtokenbot.testing.BotHarness;
import dev.influxtokenbot.testing.FakeManagementApi.Fault;
import dev.influxtokenbot.testing.FakeSlack;
import dev.influxtokenbot.testing.SlackClient;
import java.io.IOException;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A bot that stops after a request was approved and before the revoke's outcome was recorded leaves
 * the request approved. The next bot settles it from what the store and InfluxDB say: a revoke
 * never sent failed; a revoke sent is read back. It never sends a second DELETE.
 */
class AbandonedRevokeEndToEndTest {
    private static final String AUDIT_CHANNEL = "CAUDIT0001";

    private BotHarness harness;

    @AfterEach
    void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void approvedRequest_whoseRevokeWasSentAndTaken_isRecordedRevokedAtTheNextStart()
            throws Exception {
        harness = BotHarness.start(Steps::twoPerson);
        UUID tokenId = Steps.putToken(harness);
        FakeSlack.Message request = Steps.ask(harness, tokenId);
        harness.bot.close();
        leaveApproved(BOB, true);
        harness.api.revokeNow(tokenId);
        harness.clock.advance(Housekeeping.ABANDONED_AFTER.plusSeconds(1));

        Steps.startAgain(harness);

        FakeSlack.Message settled = Steps.awaitSettled(harness, request);
        assertThat(settled.asSlackMessage().buttons()).isEmpty();
        assertThat(settled.allText())
                .contains("Approved by <@" + BOB + ">")
                .contains("was revoked");
        assertThat(Steps.awaitThreadReply(harness, request).allText()).contains("it is revoked");
        assertThat(harness.api.requests("DELETE")).isEmpty();
        try (EmbeddedStore store = EmbeddedStore.open(harness)) {
            assertThat(store.request("req-1").state()).isEqualTo(RequestState.REVOKED);
            assertThat(store.events())
                    .last()
                    .extracting(
                            AuditEvent::type,
                            AuditEvent::actor,
                            AuditEvent::requestId,
                            AuditEvent::outcome,
                            AuditEvent::apiStatus)
                    .containsExactly(
                            AuditEvent.Type.REVOKED, BOB, "req-1", "reconciled_after_restart", 200);
        }
        assertThat(Steps.auditLines(harness))
                .filteredOn(line -> line.startsWith("event=revoked "))
                .singleElement()
                .asString()
                .contains("requestId=req-1")
                .contains("tokenId=" + tokenId)
                .contains("outcome=reconciled_after_restart");
    }

    @Test
    void confirmedRequestInSelfMode_whoseRevokeWasSentAndTaken_isRecordedRevokedAtTheNextStart()
            throws Exception {
        harness = BotHarness.start(environment -> environment.put("AUDIT_CHANNEL", AUDIT_CHANNEL));
        UUID tokenId = Steps.putToken(harness);
        SlackClient.Sent revoke = harness.client.command(ALICE, "revoke " + tokenId);
        harness.slack.awaitResponse(revoke.responseUrl());
        harness.bot.close();
        leaveApproved(ALICE, true);
        harness.api.revokeNow(tokenId);
        harness.clock.advance(Housekeeping.ABANDONED_AFTER.plusSeconds(1));

        Steps.startAgain(harness);

        FakeSlack.Message posted =
                harness.slack.awaitMessage(
                        m -> m.channel().equals(AUDIT_CHANNEL) && m.text().contains("*revoked*"));
        assertThat(posted.text()).contains("reconciled after restart");
        assertThat(harness.api.requests("DELETE")).isEmpty();
        try (EmbeddedStore store = EmbeddedStore.open(harness)) {
            assertThat(store.request("req-1").state()).isEqualTo(RequestState.REVOKED);
        }
        assertThat(Steps.auditLines(harness))
                .anySatisfy(
                        line ->
                                assertThat(line)
                                        .startsWith("event=revoked ")
                                        .contains("actor=" + ALICE)
                                        .contains("outcome=reconciled_after_restart"));
    }

    @Test
    void approvedRequest_whoseRevokeWasNeverSent_failsAsNotSentAndSendsNothing() throws Exception {
        harness = BotHarness.start(Steps::twoPerson);
        UUID tokenId = Steps.putToken(harness);
        FakeSlack.Message request = Steps.ask(harness, tokenId);
        harness.bot.close();
        leaveApproved(BOB, false);
        harness.clock.advance(Housekeeping.ABANDONED_AFTER.plusSeconds(1));

        Steps.startAgain(harness);

        FakeSlack.Message settled = Steps.awaitSettled(harness, request);
        assertThat(settled.asSlackMessage().buttons()).isEmpty();
        assertThat(settled.allText())
                .contains("The bot stopped before it sent the revoke")
                .contains("nothing was revoked");
        assertThat(Steps.awaitThreadReply(harness, request).allText())
                .contains("<@" + ALICE + "> your request")
                .contains("The bot stopped before it sent the revoke");
        assertThat(harness.api.requests("DELETE")).isEmpty();
        assertThat(harness.api.requests("GET")).as("only the read when asking").hasSize(1);
        assertThat(harness.api.token(tokenId).orElseThrow().revokedAt()).isNull();
        try (EmbeddedStore store = EmbeddedStore.open(harness)) {
            assertThat(store.request("req-1").state()).isEqualTo(RequestState.FAILED);
            assertThat(store.events())
                    .last()
                    .extracting(AuditEvent::type, AuditEvent::outcome, AuditEvent::apiStatus)
                    .containsExactly(AuditEvent.Type.FAILED, "not_sent", null);
        }
        assertThat(Steps.auditLines(harness))
                .anySatisfy(
                        line ->
                                assertThat(line)
                                        .startsWith("event=failed ")
                                        .contains("outcome=not_sent"));
    }

    @Test
    void approvedRequest_whoseRevokeWasSentButNotTaken_failsWithTheTokenStillActive()
            throws Exception {
        harness = BotHarness.start(Steps::twoPerson);
        UUID tokenId = Steps.putToken(harness);
        FakeSlack.Message request = Steps.ask(harness, tokenId);
        harness.bot.close();
        leaveApproved(BOB, true);
        harness.clock.advance(Housekeeping.ABANDONED_AFTER.plusSeconds(1));

        Steps.startAgain(harness);

        FakeSlack.Message settled = Steps.awaitSettled(harness, request);
        assertThat(settled.allText()).contains("did not revoke").contains("still active");
        assertThat(harness.api.requests("DELETE")).isEmpty();
        try (EmbeddedStore store = EmbeddedStore.open(harness)) {
            assertThat(store.request("req-1").state()).isEqualTo(RequestState.FAILED);
            assertThat(store.events())
                    .last()
                    .extracting(AuditEvent::type, AuditEvent::outcome, AuditEvent::apiStatus)
                    .containsExactly(AuditEvent.Type.FAILED, "still_active", 200);
        }
    }

    @Test
    void approvedRequest_whenInfluxDbDoesNotAnswerAtTheNextStart_isSettledAtALaterRound()
            throws Exception {
        harness = BotHarness.start(Steps::twoPerson);
        UUID tokenId = Steps.putToken(harness);
        FakeSlack.Message request = Steps.ask(harness, tokenId);
        harness.bot.close();
        leaveApproved(BOB, true);
        harness.api.revokeNow(tokenId);
        harness.api.failNext("GET", Fault.status(503), 3);
        harness.clock.advance(Housekeeping.ABANDONED_AFTER.plusSeconds(1));

        Steps.startAgain(harness);

        FakeSlack.Message settled = Steps.awaitSettled(harness, request);
        assertThat(settled.allText()).contains("was revoked");
        assertThat(harness.logs.lines(Level.WARN))
                .anySatisfy(
                        line ->
                                assertThat(line)
                                        .contains("requestId=req-1")
                                        .contains("outcome=still_unreconciled"));
        assertThat(harness.api.requests("GET")).hasSizeGreaterThanOrEqualTo(1 + 3 + 1);
        assertThat(harness.api.requests("DELETE")).isEmpty();
        assertThat(Steps.auditLines(harness))
                .filteredOn(line -> line.startsWith("event=revoked "))
                .hasSize(1);
    }

    /**
     * Leaves request {@code req-1} as a bot that stopped after it was approved would: approved by
     * {@code approver} and, when {@code revokeSent}, marked as sent, as the bot does just before it
     * sends the DELETE. (The audit events such a bot wrote are beside the point here.)
     */
    private void leaveApproved(String approver, boolean revokeSent) throws IOException {
        Instant now = harness.clock.instant();
        try (EmbeddedStore store = EmbeddedStore.open(harness)) {
            Decision approval = new Decision(approver, now, "");
            assertThat(store.requests.decide("req-1", RequestState.APPROVED, approval)).isTrue();
            if (revokeSent) {
                assertThat(store.requests.markRevokeSent("req-1", now)).isTrue();
            }
        }
    }
}
