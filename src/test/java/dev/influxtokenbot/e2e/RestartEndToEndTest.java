package dev.influxtokenbot.e2e;

import static dev.influxtokenbot.testing.BotHarness.ALICE;
import static dev.influxtokenbot.testing.BotHarness.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.influxtokenbot.revocation.RequestState;
import dev.influxtokenbot.testing.BotHarness;
import dev.influxtokenbot.testing.FakeManagementApi;
import dev.influxtokenbot.testing.FakeSlack;
import dev.influxtokenbot.testing.SlackClient;
import dev.influxtokenbot.testing.SlackMessage;
import dev.influxtokenbot.testing.SlackMessage.Button;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Requests live in the store, not in the bot: a bot started after a restart, as in a deploy,
 * decides the requests and answers the buttons of the bot before it.
 */
class RestartEndToEndTest {
    private BotHarness harness;

    @AfterEach
    void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void approve_onAMessagePostedBeforeARestart_revokesOnceAndUpdatesThatMessage()
            throws Exception {
        harness = BotHarness.start(Steps::twoPerson);
        UUID tokenId = Steps.putToken(harness);
        FakeSlack.Message request = Steps.ask(harness, tokenId);
        harness.restart();

        SlackClient.Sent click =
                harness.client.clickInChannel(BOB, "request_approve", "req-1", request, "");

        FakeSlack.Message settled = Steps.awaitSettled(harness, request);
        assertThat(click.response().statusCode()).isEqualTo(200);
        assertThat(settled.asSlackMessage().buttons()).isEmpty();
        assertThat(settled.allText())
                .contains("Approved by <@" + BOB + ">")
                .contains("was revoked");
        assertThat(Steps.awaitThreadReply(harness, request).allText())
                .contains("<@" + ALICE + "> your request")
                .contains("it is revoked");
        assertThat(harness.slack.updates(request.ts())).isEqualTo(1);
        assertThat(harness.api.requests("DELETE")).hasSize(1);
        assertThat(harness.api.token(tokenId).orElseThrow().revokedAt()).isNotNull();
    }

    @Test
    void confirm_ofAConfirmationIssuedBeforeARestart_revokesTheToken() throws Exception {
        harness = BotHarness.start();
        UUID tokenId = Steps.putToken(harness);
        SlackClient.Sent revoke = harness.client.command(ALICE, "revoke " + tokenId);
        harness.slack.awaitResponse(revoke.responseUrl());
        harness.restart();

        SlackClient.Sent click = harness.client.click(ALICE, "revoke_confirm", "req-1");

        SlackMessage outcome = SlackMessage.of(harness.slack.awaitResponse(click.responseUrl()));
        assertThat(outcome.replacesOriginal()).isTrue();
        assertThat(outcome.text())
                .contains("<@" + ALICE + "> revoked database token `" + tokenId + "`");
        assertThat(harness.api.requests("DELETE"))
                .extracting(FakeManagementApi.Recorded::path)
                .containsExactly(tokenPath(tokenId));
    }

    @Test
    void revoke_afterARestart_getsTheNextRequestIdAndBothRequestsRevokeTheirOwnToken()
            throws Exception {
        harness = BotHarness.start();
        UUID first = Steps.putToken(harness);
        UUID second = Steps.putToken(harness);
        SlackClient.Sent before = harness.client.command(ALICE, "revoke " + first);
        harness.slack.awaitResponse(before.responseUrl());
        harness.restart();

        SlackClient.Sent after = harness.client.command(ALICE, "revoke " + second);
        SlackMessage confirmation =
                SlackMessage.of(harness.slack.awaitResponse(after.responseUrl()));
        SlackClient.Sent confirmSecond = harness.client.click(ALICE, "revoke_confirm", "req-2");
        harness.slack.awaitResponse(confirmSecond.responseUrl());
        SlackClient.Sent confirmFirst = harness.client.click(ALICE, "revoke_confirm", "req-1");
        harness.slack.awaitResponse(confirmFirst.responseUrl());

        assertThat(confirmation.buttons()).extracting(Button::value).containsOnly("req-2");
        assertThat(harness.api.requests("DELETE"))
                .extracting(FakeManagementApi.Recorded::path)
                .containsExactly(tokenPath(second), tokenPath(first));
        try (EmbeddedStore store = EmbeddedStore.open(harness)) {
            assertThat(store.request("req-1").request().tokenId().value()).isEqualTo(first);
            assertThat(store.request("req-2").request().tokenId().value()).isEqualTo(second);
            assertThat(store.request("req-1").state()).isEqualTo(RequestState.REVOKED);
            assertThat(store.request("req-2").state()).isEqualTo(RequestState.REVOKED);
        }
    }

    @Test
    void request_whoseTimeRunsOutWhileTheBotIsDown_isExpiredInTheChannelByTheNextBot()
            throws Exception {
        harness = BotHarness.start(Steps::twoPerson);
        UUID tokenId = Steps.putToken(harness);
        FakeSlack.Message request = Steps.ask(harness, tokenId);
        harness.bot.close();
        harness.clock.advance(Duration.ofMinutes(45));

        Steps.startAgain(harness);

        FakeSlack.Message settled = Steps.awaitSettled(harness, request);
        assertThat(settled.allText()).contains("Expired").contains("was not revoked");
        assertThat(Steps.awaitThreadReply(harness, request).allText()).contains("expired");
        assertThat(harness.api.requests("DELETE")).isEmpty();
    }

    private static String tokenPath(UUID tokenId) {
        return "/api/v0/accounts/"
                + FakeManagementApi.ACCOUNT_ID
                + "/clusters/"
                + FakeManagementApi.CLUSTER_ID
                + "/tokens/"
                + tokenId;
    }
}
