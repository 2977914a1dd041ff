package dev.influxtokenbot.e2e;

import static dev.influxtokenbot.testing.BotHarness.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.influxtokenbot.testing.BotHarness;
import dev.influxtokenbot.testing.FakeSlack;
import dev.influxtokenbot.testing.SlackClient;
import dev.influxtokenbot.testing.SlackMessage;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When Slack misbehaves on the way back: the bot retries what is safe to retry, tells the user
 * another way where one exists, and keeps the log and the audit trail complete.
 */
class SlackFaultsEndToEndTest {
    private BotHarness harness;
    private UUID tokenId;

    @BeforeEach
    void start() throws Exception {
        harness = BotHarness.start();
        tokenId = harness.api.addToken("Telegraf", BotHarness.START);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void responseUrl_failingOnceWith500_isRetriedAndTheAnswerArrives() {
        String responseUrl = harness.slack.newResponseUrl();
        harness.slack.failResponseUrl(responseUrl, 500, 1);

        harness.client.command(ALICE, "list", responseUrl);

        SlackMessage list = SlackMessage.of(harness.slack.awaitResponse(responseUrl));
        assertThat(list.text()).contains("1 active database token");
        assertThat(harness.slack.calls(path(responseUrl))).hasSize(2);
        assertThat(directMessagesTo(ALICE)).isZero();
    }

    @Test
    void responseUrl_gone404_theAnswerComesAsADirectMessageAndTheLogSaysSo() {
        String responseUrl = harness.slack.newResponseUrl();
        harness.slack.failResponseUrl(responseUrl, 404, 1);

        harness.client.command(ALICE, "list", responseUrl);

        FakeSlack.Message direct = harness.slack.awaitMessage(m -> m.channel().equals(ALICE));
        assertThat(direct.allText())
                .contains("1 active database token")
                .contains(tokenId.toString());
        assertThat(harness.slack.calls(path(responseUrl))).hasSize(1);
        assertThat(harness.logs.awaitLine("outcome=answered_by_direct_message")).startsWith("WARN");
    }

    @Test
    void confirm_answerLostEverywhere_theRevokeStandsAndIsLoggedAndAudited() {
        SlackClient.Sent sent = harness.client.command(ALICE, "revoke " + tokenId);
        harness.slack.awaitResponse(sent.responseUrl());
        String clickUrl = harness.slack.newResponseUrl();
        harness.slack.failResponseUrl(clickUrl, 500, 3);
        harness.slack.failNext(
                "chat.postMessage", FakeSlack.WebApiFault.error("channel_not_found"));

        harness.client.post(SlackClient.clickBody(ALICE, "revoke_confirm", "req-1", clickUrl));

        assertThat(harness.logs.awaitLine("outcome=answer_not_delivered")).startsWith("WARN");
        assertThat(harness.api.requests("DELETE")).hasSize(1);
        assertThat(harness.slack.calls(path(clickUrl))).hasSize(3);
        assertThat(harness.logs.all()).contains("event=revoked").contains("event=revoke_sent");
    }

    private int directMessagesTo(String userId) {
        return (int)
                harness.slack.messages().stream().filter(m -> m.channel().equals(userId)).count();
    }

    private static String path(String url) {
        return url.replaceFirst("^http://[^/]+", "");
    }
}
