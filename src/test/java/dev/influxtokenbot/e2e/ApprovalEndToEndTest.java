package dev.influxtokenbot.e2e;

import static dev.influxtokenbot.testing.BotHarness.ALICE;
import static dev.influxtokenbot.testing.BotHarness.BOB;
import static dev.influxtokenbot.testing.BotHarness.MALLORY;
import static dev.influxtokenbot.testing.FakeManagementApi.Permission.read;
import static dev.influxtokenbot.testing.FakeManagementApi.Permission.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.influxtokenbot.testing.BotHarness;
import dev.influxtokenbot.testing.FakeManagementApi;
import dev.influxtokenbot.testing.FakeSlack;
import dev.influxtokenbot.testing.SlackClient;
import dev.influxtokenbot.testing.SlackMessage;
import dev.influxtokenbot.testing.SlackMessage.Button;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The two-person rule: a request in the channel, and one approver's decision. */
class ApprovalEndToEndTest {
    /** An approver who is not on the allowlist: may decide, may not ask. */
    static final String CAROL = "UCAROL004";

    /** The channel of Slack's documented slash command, where the tests' commands come from. */
    static final String CHANNEL = "C2147483705";

    private BotHarness harness;
    private UUID tokenId;

    @BeforeEach
    void start() throws Exception {
        harness =
                BotHarness.start(
                        environment -> {
                            environment.put("APPROVAL_MODE", "two-person");
                            environment.put("APPROVERS", BOB + " " + CAROL);
                        });
        tokenId = UUID.randomUUID();
        harness.api.putToken(
                new FakeManagementApi.StoredToken(
                        tokenId,
                        "Telegraf on prod-eu",
                        List.of(read("DatabaseOne"), write("*")),
                        Instant.parse("2026-06-01T08:00:00Z"),
                        null,
                        null));
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void revoke_withoutReason_asksForOneAndAsksNothingOfAnyone() {
        SlackClient.Sent sent = harness.client.command(ALICE, "revoke " + tokenId);

        SlackMessage answer = SlackMessage.of(harness.slack.awaitResponse(sent.responseUrl()));
        assertThat(answer.text()).contains("Say why").contains("REASON");
        assertThat(harness.api.requests()).isEmpty();
        assertThat(harness.slack.messages()).isEmpty();
    }

    @Test
    void revoke_withReason_postsTheRequestForTheWholeChannelAndTellsTheRequester() {
        SlackClient.Sent sent =
                harness.client.command(ALICE, "revoke " + tokenId + " leaked in CI logs");

        SlackMessage note = SlackMessage.of(harness.slack.awaitResponse(sent.responseUrl()));
        FakeSlack.Message request = harness.slack.awaitMessage(m -> m.channel().equals(CHANNEL));
        SlackMessage posted = request.asSlackMessage();
        assertThat(note.responseType()).isEqualTo("ephemeral");
        assertThat(note.text()).contains("Asked for approval in <#" + CHANNEL + ">");
        assertThat(note.buttons()).extracting(Button::actionId).containsExactly("request_withdraw");
        assertThat(posted.text())
                .contains("<@" + ALICE + "> asks to revoke database token `" + tokenId + "`")
                .contains("Telegraf on prod-eu")
                .contains("read: DatabaseOne · write: *")
                .contains("*Reason:* leaked in CI logs")
                .contains("cannot be undone")
                .contains("Any approver except <@" + ALICE + ">");
        assertThat(posted.buttons())
                .extracting(Button::actionId, Button::value, Button::style)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("request_approve", "req-1", "danger"),
                        org.assertj.core.groups.Tuple.tuple("request_deny", "req-1", null));
        assertThat(posted.buttons().get(0).confirm()).isNotNull();
        assertThat(request.blocks().toString()).contains("\"type\":\"input\"");
        assertThat(harness.api.requests("DELETE")).isEmpty();
    }

    @Test
    void approve_byAnotherApprover_revokesOnceAndUpdatesTheMessageAndTellsTheRequester() {
        FakeSlack.Message request = ask();

        SlackClient.Sent click =
                harness.client.clickInChannel(BOB, "request_approve", "req-1", request, "");

        FakeSlack.Message settled = awaitSettled(request);
        FakeSlack.Message reply = awaitThreadReply(request);
        assertThat(click.response().statusCode()).isEqualTo(200);
        assertThat(settled.asSlackMessage().buttons()).isEmpty();
        assertThat(settled.allText())
                .contains("Approved by <@" + BOB + ">")
                .contains("was revoked")
                .contains("Requested by <@" + ALICE + ">")
                .contains("leaked in CI logs");
        assertThat(reply.allText()).contains("<@" + ALICE + "> your request").contains("revoked");
        assertThat(harness.api.requests("DELETE")).hasSize(1);
        assertThat(harness.api.token(tokenId).orElseThrow().revokedAt()).isNotNull();
        assertThat(harness.slack.pendingResponses(click.responseUrl())).isEmpty();
    }

    @Test
    void approve_withANote_showsTheNoteInTheMessageAndTheAuditTrail() {
        FakeSlack.Message request = ask();

        harness.client.clickInChannel(BOB, "request_approve", "req-1", request, "confirmed <leak>");

        assertThat(awaitSettled(request).allText())
                .contains("Approved by <@" + BOB + ">")
                .contains("confirmed &lt;leak&gt;");
        assertThat(harness.logs.all()).contains("event=approved").contains("confirmed <leak>");
    }

    @Test
    void approve_byAnApproverOffTheAllowlist_isAccepted() {
        FakeSlack.Message request = ask();

        harness.client.clickInChannel(CAROL, "request_approve", "req-1", request, "");

        assertThat(awaitSettled(request).allText()).contains("Approved by <@" + CAROL + ">");
        assertThat(harness.api.requests("DELETE")).hasSize(1);
    }

    @Test
    void approve_byTheRequester_isRefusedAsSelfApprovalAndChangesNothing() {
        FakeSlack.Message request = ask();

        SlackClient.Sent click =
                harness.client.clickInChannel(ALICE, "request_approve", "req-1", request, "");

        SlackMessage refusal = SlackMessage.of(harness.slack.awaitResponse(click.responseUrl()));
        assertThat(refusal.replacesOriginal()).isFalse();
        assertThat(refusal.responseType()).isEqualTo("ephemeral");
        assertThat(refusal.text()).contains("someone else must approve or deny it");
        assertThat(harness.slack.updates(request.ts())).isZero();
        assertThat(harness.api.requests("DELETE")).isEmpty();
        assertThat(harness.logs.all()).contains("event=refused").contains("outcome=self_approval");
    }

    @Test
    void approve_bySomeoneWhoIsNotAnApprover_isRefusedWithTheirIdAndChangesNothing() {
        FakeSlack.Message request = ask();

        SlackClient.Sent click =
                harness.client.clickInChannel(MALLORY, "request_approve", "req-1", request, "");

        SlackMessage refusal = SlackMessage.of(harness.slack.awaitResponse(click.responseUrl()));
        assertThat(refusal.replacesOriginal()).isFalse();
        assertThat(refusal.text()).contains("Only approvers").contains("`" + MALLORY + "`");
        assertThat(harness.slack.updates(request.ts())).isZero();
        assertThat(harness.api.requests("DELETE")).isEmpty();
    }

    @Test
    void confirmButtonOfSelfMode_onARequestForApproval_isRefusedAndRevokesNothing() {
        ask();

        SlackClient.Sent click = harness.client.click(ALICE, "revoke_confirm", "req-1");

        SlackMessage refusal = SlackMessage.of(harness.slack.awaitResponse(click.responseUrl()));
        assertThat(refusal.text()).contains("does not fit this request");
        assertThat(harness.api.requests("DELETE")).isEmpty();
    }

    @Test
    void deny_withANote_updatesTheMessageWithWhoWhyAndRevokesNothing() {
        FakeSlack.Message request = ask();

        harness.client.clickInChannel(
                BOB, "request_deny", "req-1", request, "wrong token, it's the CI one");

        FakeSlack.Message settled = awaitSettled(request);
        assertThat(settled.allText())
                .contains("Denied by <@" + BOB + ">")
                .contains("wrong token, it's the CI one")
                .contains("was not revoked");
        assertThat(awaitThreadReply(request).allText()).contains("denied");
        assertThat(harness.api.requests("DELETE")).isEmpty();
        assertThat(harness.logs.all()).contains("event=denied").contains("wrong token");
    }

    @Test
    void withdraw_byTheRequester_updatesTheMessageAndLaterApprovalsAreRefused() {
        FakeSlack.Message request = ask();

        SlackClient.Sent withdraw = harness.client.click(ALICE, "request_withdraw", "req-1");
        SlackMessage withdrawn =
                SlackMessage.of(harness.slack.awaitResponse(withdraw.responseUrl()));
        FakeSlack.Message settled = awaitSettled(request);
        SlackClient.Sent late =
                harness.client.clickInChannel(BOB, "request_approve", "req-1", settled, "");
        SlackMessage refused = SlackMessage.of(harness.slack.awaitResponse(late.responseUrl()));

        assertThat(withdrawn.replacesOriginal()).isTrue();
        assertThat(withdrawn.text()).contains("Withdrawn").contains("was not revoked");
        assertThat(settled.allText()).contains("Withdrawn").doesNotContain("request_approve");
        assertThat(refused.replacesOriginal()).isFalse();
        assertThat(refused.text()).contains("already handled");
        assertThat(harness.api.requests("DELETE")).isEmpty();
    }

    @Test
    void withdraw_bySomeoneElse_isRefused() {
        ask();

        SlackClient.Sent click = harness.client.click(BOB, "request_withdraw", "req-1");

        SlackMessage refusal = SlackMessage.of(harness.slack.awaitResponse(click.responseUrl()));
        assertThat(refusal.text()).contains("Only <@" + ALICE + ">");
    }

    @Test
    void request_unansweredForThirtyMinutes_expiresInTheChannelAndLaterClicksAreRefused() {
        FakeSlack.Message request = ask();

        harness.clock.advance(Duration.ofMinutes(30));
        FakeSlack.Message settled = awaitSettled(request);
        SlackClient.Sent late =
                harness.client.clickInChannel(BOB, "request_approve", "req-1", settled, "");
        SlackMessage refused = SlackMessage.of(harness.slack.awaitResponse(late.responseUrl()));

        assertThat(settled.allText()).contains("Expired").contains("was not revoked");
        assertThat(awaitThreadReply(request).allText()).contains("expired");
        assertThat(refused.replacesOriginal()).isFalse();
        assertThat(refused.text()).containsAnyOf("expired", "already handled");
        assertThat(harness.api.requests("DELETE")).isEmpty();
        assertThat(harness.logs.all()).contains("event=expired");
    }

    @Test
    void request_justBeforeItExpires_canStillBeApproved() {
        FakeSlack.Message request = ask();
        harness.clock.advance(Duration.ofMinutes(30).minusSeconds(1));

        harness.client.clickInChannel(BOB, "request_approve", "req-1", request, "");

        assertThat(awaitSettled(request).allText()).contains("was revoked");
    }

    @Test
    void approve_byManyApproversAtOnce_sendsExactlyOneDelete() throws Exception {
        FakeSlack.Message request = ask();
        List<String> approvers = List.of(BOB, CAROL);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService clients =
                java.util.concurrent.Executors.newFixedThreadPool(20);
        List<java.util.concurrent.Future<SlackClient.Sent>> clicks = new java.util.ArrayList<>();

        for (int i = 0; i < 20; i++) {
            String approver = approvers.get(i % 2);
            clicks.add(
                    clients.submit(
                            () -> {
                                go.await();
                                return harness.client.clickInChannel(
                                        approver, "request_approve", "req-1", request, "");
                            }));
        }
        go.countDown();
        for (java.util.concurrent.Future<SlackClient.Sent> click : clicks) {
            assertThat(click.get().response().statusCode()).isEqualTo(200);
        }
        clients.shutdown();

        awaitSettled(request);
        assertThat(harness.api.requests("DELETE")).hasSize(1);
        assertThat(harness.logs.all().split("event=revoke_sent", -1)).hasSize(2);
    }

    private FakeSlack.Message ask() {
        SlackClient.Sent sent =
                harness.client.command(ALICE, "revoke " + tokenId + " leaked in CI logs");
        harness.slack.awaitResponse(sent.responseUrl());
        return harness.slack.awaitMessage(m -> m.channel().equals(CHANNEL) && m.threadTs() == null);
    }

    private FakeSlack.Message awaitSettled(FakeSlack.Message request) {
        return harness.slack.awaitMessage(
                m -> m.ts().equals(request.ts()) && harness.slack.updates(request.ts()) > 0);
    }

    private FakeSlack.Message awaitThreadReply(FakeSlack.Message request) {
        return harness.slack.awaitMessage(m -> request.ts().equals(m.threadTs()));
    }
}
