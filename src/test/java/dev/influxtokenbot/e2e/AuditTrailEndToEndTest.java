package dev.influxtokenbot.e2e;

import static dev.influxtokenbot.e2e.Steps.CAROL;
import static dev.influxtokenbot.e2e.Steps.CHANNEL;
import static dev.influxtokenbot.e2e.Steps.DESCRIPTION;
import static dev.influxtokenbot.e2e.Steps.REASON;
import static dev.influxtokenbot.testing.BotHarness.ALICE;
import static dev.influxtokenbot.testing.BotHarness.BOB;
import static dev.influxtokenbot.testing.BotHarness.MALLORY;
import static dev.influxtokenbot.testing.BotHarness.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.influxtokenbot.revocation.AuditEvent;
import dev.influxtokenbot.revocation.AuditEvent.Type;
import dev.influxtokenbot.revocation.Decision;
import dev.influxtokenbot.revocation.TokenId;
import dev.influxtokenbot.testing.BotHarness;
import dev.influxtokenbot.testing.FakeManagementApi;
import dev.influxtokenbot.testing.FakeSlack;
import dev.influxtokenbot.testing.SlackClient;
import dev.influxtokenbot.testing.SlackMessage;
import dev.influxtokenbot.testing.TestSecrets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit trail with the two-person rule: every request, decision, refusal and revoke is stored
 * with who, what and why, logged as one {@code event=} line, and shown by {@code /influx-token
 * audit}; {@code /influx-token pending} shows what is still open.
 */
class AuditTrailEndToEndTest {
    private static final Pattern AUDIT_LINE_EVENT = Pattern.compile("\\*([a-z ]+)\\* by ");

    private BotHarness harness;
    private UUID tokenId;
    private EmbeddedStore store;

    @BeforeEach
    void start() throws Exception {
        harness = BotHarness.start(Steps::twoPerson);
        tokenId = Steps.putToken(harness);
        store = EmbeddedStore.open(harness);
    }

    @AfterEach
    void stop() throws Exception {
        store.close();
        harness.close();
    }

    @Test
    void approve_byAnApprover_recordsFourEventsInOrderWithRevokeSentStoredBeforeTheDelete() {
        List<List<Type>> trailWhenTheDeleteArrived = new CopyOnWriteArrayList<>();
        harness.api.onArrival(
                "DELETE", delete -> trailWhenTheDeleteArrived.add(store.eventTypes()));
        FakeSlack.Message request = Steps.ask(harness, tokenId);
        harness.clock.advance(Duration.ofMinutes(3));
        Instant approvedAt = harness.clock.instant();

        harness.client.clickInChannel(
                BOB, "request_approve", "req-1", request, "checked with the on-call");
        Steps.awaitSettled(harness, request);

        assertThat(store.events())
                .containsExactly(
                        aboutTheRequest(START, Type.REQUESTED, ALICE, REASON, "", null),
                        aboutTheRequest(
                                approvedAt,
                                Type.APPROVED,
                                BOB,
                                "checked with the on-call",
                                "",
                                null),
                        aboutTheRequest(approvedAt, Type.REVOKE_SENT, BOB, REASON, "", null),
                        aboutTheRequest(approvedAt, Type.REVOKED, BOB, REASON, "revoked", 204));
        assertThat(trailWhenTheDeleteArrived)
                .containsExactly(List.of(Type.REQUESTED, Type.APPROVED, Type.REVOKE_SENT));
    }

    @Test
    void deny_withANote_recordsDeniedByTheApproverWithTheNote() {
        FakeSlack.Message request = Steps.ask(harness, tokenId);

        harness.client.clickInChannel(BOB, "request_deny", "req-1", request, "wrong token");
        Steps.awaitSettled(harness, request);

        assertThat(store.events())
                .containsExactly(
                        aboutTheRequest(START, Type.REQUESTED, ALICE, REASON, "", null),
                        aboutTheRequest(START, Type.DENIED, BOB, "wrong token", "", null));
        assertThat(harness.api.requests("DELETE")).isEmpty();
    }

    @Test
    void withdraw_byTheRequester_recordsWithdrawnByThem() {
        FakeSlack.Message request = Steps.ask(harness, tokenId);

        SlackClient.Sent withdraw = harness.client.click(ALICE, "request_withdraw", "req-1");
        harness.slack.awaitResponse(withdraw.responseUrl());

        assertThat(store.events())
                .containsExactly(
                        aboutTheRequest(START, Type.REQUESTED, ALICE, REASON, "", null),
                        aboutTheRequest(START, Type.WITHDRAWN, ALICE, "", "", null));
        assertThat(Steps.awaitSettled(harness, request).allText()).contains("Withdrawn");
    }

    @Test
    void request_unansweredUntilItExpires_recordsExpiredByTheBotAndALateApproveAsRefused() {
        FakeSlack.Message request = Steps.ask(harness, tokenId);
        harness.clock.advance(Duration.ofMinutes(30));
        Instant expiredAt = harness.clock.instant();
        FakeSlack.Message settled = Steps.awaitSettled(harness, request);

        SlackClient.Sent late =
                harness.client.clickInChannel(BOB, "request_approve", "req-1", settled, "");
        harness.slack.awaitResponse(late.responseUrl());

        assertThat(store.events())
                .containsExactly(
                        aboutTheRequest(START, Type.REQUESTED, ALICE, REASON, "", null),
                        aboutTheRequest(expiredAt, Type.EXPIRED, Decision.BOT, "", "", null),
                        aboutTheRequest(expiredAt, Type.REFUSED, BOB, "", "expired", null));
    }

    @Test
    void refusals_ofAnOutsiderTheRequesterAndANonApprover_recordWhoAndWhy() {
        FakeSlack.Message request = Steps.ask(harness, tokenId);

        harness.client.command(MALLORY, "revoke " + tokenId + " let me");
        awaitAnswer(harness.client.clickInChannel(ALICE, "request_approve", "req-1", request, ""));
        awaitAnswer(harness.client.clickInChannel(MALLORY, "request_deny", "req-1", request, ""));

        assertThat(store.events())
                .extracting(
                        AuditEvent::type,
                        AuditEvent::actor,
                        AuditEvent::requester,
                        AuditEvent::requestId,
                        AuditEvent::outcome)
                .containsExactly(
                        tuple(Type.REQUESTED, ALICE, ALICE, "req-1", ""),
                        tuple(Type.REFUSED, MALLORY, null, null, "not_on_allowlist"),
                        tuple(Type.REFUSED, ALICE, ALICE, "req-1", "self_approval"),
                        tuple(Type.REFUSED, MALLORY, ALICE, "req-1", "not_approver"));
        assertThat(store.events())
                .allSatisfy(
                        event ->
                                assertThat(event.clusterId())
                                        .isEqualTo(FakeManagementApi.CLUSTER_ID));
        assertThat(harness.slack.updates(request.ts())).isZero();
    }

    @Test
    void auditCommand_forFive_showsTheLastFiveEventsNewestFirst() {
        harness.client.command(MALLORY, "list");
        FakeSlack.Message request = Steps.ask(harness, tokenId);
        awaitAnswer(harness.client.clickInChannel(ALICE, "request_approve", "req-1", request, ""));
        harness.client.clickInChannel(BOB, "request_approve", "req-1", request, "");
        Steps.awaitSettled(harness, request);

        SlackMessage answer = awaitAnswer(harness.client.command(ALICE, "audit 5"));

        assertThat(answer.responseType()).isEqualTo("ephemeral");
        assertThat(answer.text()).contains("The last 5 audit events").contains("newest first");
        assertThat(eventsShown(answer))
                .containsExactly("revoked", "revoke sent", "approved", "refused", "requested");
        assertThat(answer.text())
                .contains("*revoked* by <@" + BOB + ">, token `" + tokenId + "`")
                .contains("asked by <@" + ALICE + ">: revoked (HTTP 204)")
                .contains("self approval")
                .doesNotContain("not on allowlist");
    }

    @Test
    void auditCommand_byAnApproverOffTheAllowlist_showsTheTrail() {
        Steps.ask(harness, tokenId);

        SlackMessage answer = awaitAnswer(harness.client.command(CAROL, "audit"));

        assertThat(eventsShown(answer)).containsExactly("requested");
    }

    @Test
    void auditCommand_byAnOutsider_isRefusedWithTheirIdAndShowsNothing() {
        Steps.ask(harness, tokenId);

        SlackMessage answer = awaitAnswer(harness.client.command(MALLORY, "audit 5"));

        assertThat(answer.text()).contains("allowlist").contains("`" + MALLORY + "`");
        assertThat(answer.text()).doesNotContain(tokenId.toString()).doesNotContain(REASON);
        assertThat(store.events())
                .last()
                .extracting(AuditEvent::type, AuditEvent::actor, AuditEvent::outcome)
                .containsExactly(Type.REFUSED, MALLORY, "not_on_allowlist");
    }

    @Test
    void pendingCommand_oneOpenOneDenied_listsTheOpenOneWithItsDetails() {
        UUID deniedTokenId = Steps.putToken(harness);
        Steps.ask(harness, tokenId);
        FakeSlack.Message denied = Steps.ask(harness, deniedTokenId);
        harness.client.clickInChannel(BOB, "request_deny", "req-2", denied, "");
        Steps.awaitSettled(harness, denied);

        SlackMessage answer = awaitAnswer(harness.client.command(ALICE, "pending"));

        Instant expiresAt = START.plus(Duration.ofMinutes(30));
        assertThat(answer.text())
                .contains("1 waiting for a decision")
                .contains("database token `" + tokenId + "` (" + DESCRIPTION + ")")
                .contains("asked by <@" + ALICE + ">")
                .contains("in <#" + CHANNEL + ">")
                .contains("open until <!date^" + expiresAt.getEpochSecond() + "^")
                .doesNotContain(deniedTokenId.toString());
    }

    @Test
    void pendingCommand_withNothingOpen_saysSo() {
        SlackMessage answer = awaitAnswer(harness.client.command(BOB, "pending"));

        assertThat(answer.text()).contains("No requests are waiting");
    }

    @Test
    void pendingCommand_byAnOutsider_isRefusedWithTheirId() {
        Steps.ask(harness, tokenId);

        SlackMessage answer = awaitAnswer(harness.client.command(MALLORY, "pending"));

        assertThat(answer.text()).contains("`" + MALLORY + "`").doesNotContain(tokenId.toString());
    }

    @Test
    void wholeRun_ofEveryKindOfDecision_logsOneEventLineEachAndStoresLogsAndPostsNoSecret() {
        UUID deniedTokenId = Steps.putToken(harness);
        UUID withdrawnTokenId = Steps.putToken(harness);
        harness.client.command(MALLORY, "revoke " + tokenId + " let me");
        FakeSlack.Message approved = Steps.ask(harness, tokenId);
        awaitAnswer(harness.client.clickInChannel(ALICE, "request_approve", "req-1", approved, ""));
        harness.client.clickInChannel(BOB, "request_approve", "req-1", approved, "ok");
        Steps.awaitSettled(harness, approved);
        FakeSlack.Message denied = Steps.ask(harness, deniedTokenId);
        harness.client.clickInChannel(CAROL, "request_deny", "req-2", denied, "not this one");
        Steps.awaitSettled(harness, denied);
        Steps.ask(harness, withdrawnTokenId);
        awaitAnswer(harness.client.click(ALICE, "request_withdraw", "req-3"));

        List<AuditEvent> events = store.events();
        List<String> lines = Steps.auditLines(harness);

        assertThat(events).hasSize(10);
        assertThat(lines).hasSameSizeAs(events);
        for (int i = 0; i < events.size(); i++) {
            AuditEvent event = events.get(i);
            assertThat(lines.get(i))
                    .startsWith("event=" + event.type().label() + " at=" + event.at())
                    .contains(" actor=" + event.actor() + " ")
                    .contains(" requestId=" + (event.requestId() == null ? "-" : event.requestId()))
                    .doesNotContain("\n");
        }
        List<String> everything = new ArrayList<>();
        everything.add(events.toString());
        everything.add(harness.logs.all());
        harness.slack.calls().forEach(call -> everything.add(call.body()));
        harness.slack.messages().forEach(message -> everything.add(message.allText()));
        for (String secret : TestSecrets.ALL) {
            assertThat(everything).noneSatisfy(text -> assertThat(text).contains(secret));
        }
    }

    /** An event about req-1: Alice's request to revoke the test's token. */
    private AuditEvent aboutTheRequest(
            Instant at, Type type, String actor, String reason, String outcome, Integer apiStatus) {
        return new AuditEvent(
                at,
                type,
                actor,
                ALICE,
                FakeManagementApi.CLUSTER_ID,
                new TokenId(tokenId),
                DESCRIPTION,
                "req-1",
                reason,
                outcome,
                apiStatus);
    }

    private SlackMessage awaitAnswer(SlackClient.Sent sent) {
        return SlackMessage.of(harness.slack.awaitResponse(sent.responseUrl()));
    }

    /** The event names of an {@code audit} answer, in the order shown. */
    private static List<String> eventsShown(SlackMessage answer) {
        List<String> shown = new ArrayList<>();
        for (JsonNode block : answer.blocks()) {
            for (String text : SlackMessage.texts(block)) {
                Matcher event = AUDIT_LINE_EVENT.matcher(text);
                while (event.find()) {
                    shown.add(event.group(1));
                }
            }
        }
        return shown;
    }
}
