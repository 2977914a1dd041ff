package dev.influxtokenbot.e2e;

import static dev.influxtokenbot.e2e.Steps.CHANNEL;
import static dev.influxtokenbot.e2e.Steps.REASON;
import static dev.influxtokenbot.testing.BotHarness.ALICE;
import static dev.influxtokenbot.testing.BotHarness.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.influxtokenbot.revocation.AuditEvent;
import dev.influxtokenbot.revocation.Decision;
import dev.influxtokenbot.revocation.RequestState;
import dev.influxtokenbot.revocation.StoredRequest;
import dev.influxtokenbot.testing.BotHarness;
import dev.influxtokenbot.testing.FakeSlack;
import dev.influxtokenbot.testing.SlackClient;
import dev.influxtokenbot.testing.SlackMessage;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Where a request for approval is posted (the command's channel, or {@code APPROVAL_CHANNEL}), what
 * happens when it cannot be posted, and what its channel shows once it is settled.
 */
class ApprovalChannelEndToEndTest {
    private static final String APPROVAL_CHANNEL = "CAPPROVE01";
    private static final String DIRECT_MESSAGE = "D0123ABCD";

    private BotHarness harness;

    @AfterEach
    void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void revoke_withAnApprovalChannel_postsTheRequestThereAndNotInTheCommandsChannel()
            throws Exception {
        harness = BotHarness.start(environment -> twoPersonIn(environment, APPROVAL_CHANNEL));
        UUID tokenId = Steps.putToken(harness);

        SlackClient.Sent sent = harness.client.command(ALICE, "revoke " + tokenId + " " + REASON);
        SlackMessage note = SlackMessage.of(harness.slack.awaitResponse(sent.responseUrl()));
        FakeSlack.Message request = Steps.awaitRequest(harness, tokenId);
        harness.client.clickInChannel(BOB, "request_approve", "req-1", request, "");
        Steps.awaitSettled(harness, request);

        assertThat(request.channel()).isEqualTo(APPROVAL_CHANNEL);
        assertThat(note.text()).contains("Asked for approval in <#" + APPROVAL_CHANNEL + ">");
        assertThat(Steps.awaitThreadReply(harness, request).channel()).isEqualTo(APPROVAL_CHANNEL);
        assertThat(harness.slack.messages()).noneMatch(m -> m.channel().equals(CHANNEL));
        assertThat(harness.api.requests("DELETE")).hasSize(1);
    }

    @Test
    void revoke_inADirectMessageWithoutAnApprovalChannel_isToldToUseAChannelAndAsksNothing()
            throws Exception {
        harness = BotHarness.start(Steps::twoPerson);
        UUID tokenId = Steps.putToken(harness);

        SlackClient.Sent sent = commandInDirectMessage("revoke " + tokenId + " " + REASON);

        SlackMessage answer = SlackMessage.of(harness.slack.awaitResponse(sent.responseUrl()));
        assertThat(answer.text())
                .contains("run this in a channel")
                .contains("APPROVAL_CHANNEL")
                .contains("Nothing was asked");
        assertThat(answer.buttons()).isEmpty();
        assertThat(harness.slack.calls("/api/chat.postMessage")).isEmpty();
        assertThat(harness.api.requests()).isEmpty();
        try (EmbeddedStore store = EmbeddedStore.open(harness)) {
            assertThat(store.requests.find("req-1")).isEmpty();
            assertThat(store.events()).isEmpty();
        }
    }

    @Test
    void revoke_inADirectMessageWithAnApprovalChannel_postsTheRequestInTheApprovalChannel()
            throws Exception {
        harness = BotHarness.start(environment -> twoPersonIn(environment, APPROVAL_CHANNEL));
        UUID tokenId = Steps.putToken(harness);

        SlackClient.Sent sent = commandInDirectMessage("revoke " + tokenId + " " + REASON);

        SlackMessage note = SlackMessage.of(harness.slack.awaitResponse(sent.responseUrl()));
        assertThat(note.text()).contains("Asked for approval in <#" + APPROVAL_CHANNEL + ">");
        assertThat(Steps.postedIn(harness, APPROVAL_CHANNEL)).hasSize(1);
    }

    @Test
    void revoke_whenTheApprovalChannelLacksTheBot_saysInviteItAndTheBotWithdrawsTheRequest()
            throws Exception {
        harness =
                BotHarness.start(
                        environment -> twoPersonIn(environment, FakeSlack.CHANNEL_WITHOUT_BOT));
        UUID tokenId = Steps.putToken(harness);

        SlackClient.Sent sent = harness.client.command(ALICE, "revoke " + tokenId + " " + REASON);

        SlackMessage answer = SlackMessage.of(harness.slack.awaitResponse(sent.responseUrl()));
        assertThat(answer.text())
                .contains("Invite the bot to <#" + FakeSlack.CHANNEL_WITHOUT_BOT + ">")
                .contains("not_in_channel")
                .contains("nothing was revoked");
        assertThat(answer.buttons()).isEmpty();
        assertThat(harness.slack.messages()).isEmpty();
        assertThat(harness.api.requests("DELETE")).isEmpty();
        try (EmbeddedStore store = EmbeddedStore.open(harness)) {
            StoredRequest stored = store.request("req-1");
            assertThat(stored.state()).isEqualTo(RequestState.WITHDRAWN);
            assertThat(stored.decision().actor()).isEqualTo(Decision.BOT);
            assertThat(store.events())
                    .extracting(AuditEvent::type, AuditEvent::actor, AuditEvent::reason)
                    .containsExactly(
                            tuple(AuditEvent.Type.REQUESTED, ALICE, REASON),
                            tuple(
                                    AuditEvent.Type.WITHDRAWN,
                                    Decision.BOT,
                                    "approval request not posted: not_in_channel"));
            assertThat(store.requests.pending()).isEmpty();
        }
    }

    @Test
    void approve_afterHousekeepingExpiredTheRequest_isRefusedAndPingsTheRequesterNoMore()
            throws Exception {
        harness = BotHarness.start(Steps::twoPerson);
        UUID tokenId = Steps.putToken(harness);
        FakeSlack.Message request = Steps.ask(harness, tokenId);
        harness.clock.advance(Duration.ofMinutes(30));
        FakeSlack.Message settled = Steps.awaitSettled(harness, request);
        Steps.awaitThreadReply(harness, request);

        SlackClient.Sent late =
                harness.client.clickInChannel(BOB, "request_approve", "req-1", settled, "");

        SlackMessage refused = SlackMessage.of(harness.slack.awaitResponse(late.responseUrl()));
        assertThat(refused.replacesOriginal()).isFalse();
        assertThat(refused.text()).contains("expired");
        assertThat(harness.slack.message(CHANNEL, request.ts()).allText()).contains("Expired");
        assertThat(Steps.threadReplies(harness, request)).hasSize(1);
        assertThat(harness.api.requests("DELETE")).isEmpty();
    }

    private static void twoPersonIn(Map<String, String> environment, String channel) {
        Steps.twoPerson(environment);
        environment.put("APPROVAL_CHANNEL", channel);
    }

    /** Alice's command from a direct message with the bot: Slack gives a {@code D...} channel. */
    private SlackClient.Sent commandInDirectMessage(String text) {
        String responseUrl = harness.slack.newResponseUrl();
        String body = SlackClient.commandBody(ALICE, text, responseUrl);
        assertThat(body).contains("channel_id=" + CHANNEL);
        String fromDirectMessage =
                body.replace("channel_id=" + CHANNEL, "channel_id=" + DIRECT_MESSAGE);
        return new SlackClient.Sent(harness.client.post(fromDirectMessage), responseUrl);
    }
}
