package dev.influxtokenbot.e2e;

import static dev.influxtokenbot.testing.BotHarness.ALICE;
import static dev.influxtokenbot.testing.BotHarness.BOB;
import static dev.influxtokenbot.testing.BotHarness.MALLORY;
import static dev.influxtokenbot.testing.FakeManagementApi.Permission.read;
import static dev.influxtokenbot.testing.FakeManagementApi.Permission.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.influxtokenbot.testing.BotHarness;
import dev.influxtokenbot.testing.FakeManagementApi;
import dev.influxtokenbot.testing.SlackClient;
import dev.influxtokenbot.testing.SlackMessage;
import dev.influxtokenbot.testing.SlackMessage.Button;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole revoke flow: command, confirmation, click, DELETE, outcome. */
class RevokeEndToEndTest {
    private static final Instant CREATED = Instant.parse("2026-06-01T08:00:00Z");
    private static final Instant EXPIRES = Instant.parse("2027-06-01T00:00:00Z");

    private BotHarness harness;
    private UUID tokenId;

    @BeforeEach
    void start() throws Exception {
        harness = BotHarness.start();
        tokenId = UUID.randomUUID();
        harness.api.putToken(
                new FakeManagementApi.StoredToken(
                        tokenId,
                        "Telegraf on prod-eu",
                        List.of(read("DatabaseOne"), write("*")),
                        CREATED,
                        EXPIRES,
                        null));
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void revoke_activeToken_showsWhatItCanDoAndAsksTheRequesterToConfirm() {
        SlackClient.Sent sent = harness.client.command(ALICE, "revoke " + tokenId);

        SlackMessage confirmation =
                SlackMessage.of(harness.slack.awaitResponse(sent.responseUrl()));
        assertThat(sent.response().statusCode()).isEqualTo(200);
        assertThat(sent.response().body()).isEmpty();
        assertThat(confirmation.responseType()).isEqualTo("ephemeral");
        assertThat(confirmation.text())
                .contains("`" + tokenId + "`")
                .contains("Telegraf on prod-eu")
                .contains("read: DatabaseOne · write: *")
                .contains("<!date^" + CREATED.getEpochSecond() + "^")
                .contains("<!date^" + EXPIRES.getEpochSecond() + "^")
                .contains("cannot be undone")
                .contains("needs a new token");
        assertThat(confirmation.buttons())
                .extracting(Button::actionId, Button::value, Button::style)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("revoke_confirm", "req-1", "danger"),
                        org.assertj.core.groups.Tuple.tuple("revoke_cancel", "req-1", null));
        assertThat(confirmation.buttons().get(0).confirm()).isNotNull();
        assertThat(harness.api.requests())
                .extracting(FakeManagementApi.Recorded::method, FakeManagementApi.Recorded::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("GET", tokenPath()));
    }

    @Test
    void confirm_byRequester_sendsOneDeleteAndReplacesTheConfirmationWithWhoAndWhen() {
        prepare(ALICE);
        harness.clock.advance(Duration.ofMinutes(2));

        SlackClient.Sent click = harness.client.click(ALICE, "revoke_confirm", "req-1");

        SlackMessage outcome = SlackMessage.of(harness.slack.awaitResponse(click.responseUrl()));
        Instant revokedAt = harness.api.token(tokenId).orElseThrow().revokedAt();
        assertThat(click.response().statusCode()).isEqualTo(200);
        assertThat(outcome.replacesOriginal()).isTrue();
        assertThat(outcome.json().has("response_type"))
                .as("a replacement keeps the visibility of what it replaces")
                .isFalse();
        assertThat(outcome.buttons()).isEmpty();
        assertThat(outcome.text())
                .contains("<@" + ALICE + "> revoked database token `" + tokenId + "`")
                .contains("Telegraf on prod-eu")
                .contains("<!date^" + revokedAt.getEpochSecond() + "^")
                .doesNotContain("at about");
        assertThat(harness.api.requests("DELETE")).hasSize(1);
        FakeManagementApi.Recorded delete = harness.api.requests("DELETE").get(0);
        assertThat(delete.path()).isEqualTo(tokenPath());
        assertThat(delete.query()).isNull();
        assertThat(delete.header("accept")).isEqualTo("application/json");
        assertThat(delete.header("authorization")).startsWith("Bearer ");
    }

    @Test
    void cancel_byRequester_replacesTheConfirmationAndTheConfirmButtonStopsWorking() {
        prepare(ALICE);

        SlackClient.Sent cancel = harness.client.click(ALICE, "revoke_cancel", "req-1");
        SlackMessage cancelled = SlackMessage.of(harness.slack.awaitResponse(cancel.responseUrl()));
        SlackClient.Sent late = harness.client.click(ALICE, "revoke_confirm", "req-1");
        SlackMessage refused = SlackMessage.of(harness.slack.awaitResponse(late.responseUrl()));

        assertThat(cancelled.replacesOriginal()).isTrue();
        assertThat(cancelled.text()).contains("Cancelled").contains("was not revoked");
        assertThat(refused.replacesOriginal()).isFalse();
        assertThat(refused.text()).contains("already handled").contains("cancelled");
        assertThat(harness.api.requests("DELETE")).isEmpty();
        assertThat(harness.api.token(tokenId).orElseThrow().revokedAt()).isNull();
    }

    @Test
    void confirm_tenMinutesLater_saysExpiredAndSendsNothing() {
        prepare(ALICE);
        harness.clock.advance(Duration.ofMinutes(10));

        SlackClient.Sent click = harness.client.click(ALICE, "revoke_confirm", "req-1");

        SlackMessage expired = SlackMessage.of(harness.slack.awaitResponse(click.responseUrl()));
        assertThat(expired.replacesOriginal()).isTrue();
        assertThat(expired.text()).contains("expired").contains("nothing was revoked");
        assertThat(harness.api.requests("DELETE")).isEmpty();
    }

    @Test
    void confirm_justBeforeTenMinutes_stillRevokes() {
        prepare(ALICE);
        harness.clock.advance(Duration.ofMinutes(10).minusSeconds(1));

        SlackClient.Sent click = harness.client.click(ALICE, "revoke_confirm", "req-1");

        assertThat(SlackMessage.of(harness.slack.awaitResponse(click.responseUrl())).text())
                .contains("revoked database token");
        assertThat(harness.api.requests("DELETE")).hasSize(1);
    }

    @Test
    void confirm_byAnotherAllowlistedUser_isRefusedAndTheRequesterCanStillConfirm() {
        prepare(ALICE);

        SlackClient.Sent bobClick = harness.client.click(BOB, "revoke_confirm", "req-1");
        SlackMessage refusal = SlackMessage.of(harness.slack.awaitResponse(bobClick.responseUrl()));
        SlackClient.Sent aliceClick = harness.client.click(ALICE, "revoke_confirm", "req-1");
        SlackMessage outcome =
                SlackMessage.of(harness.slack.awaitResponse(aliceClick.responseUrl()));

        assertThat(refusal.replacesOriginal()).isFalse();
        assertThat(refusal.text()).contains("Only <@" + ALICE + "> can confirm");
        assertThat(outcome.text()).contains("revoked database token");
        assertThat(harness.api.requests("DELETE")).hasSize(1);
    }

    @Test
    void confirm_byUserOffTheAllowlist_isRefusedWithTheirOwnIdAndSendsNothing() {
        prepare(ALICE);

        SlackClient.Sent click = harness.client.click(MALLORY, "revoke_confirm", "req-1");

        SlackMessage refusal = SlackMessage.of(harness.slack.awaitResponse(click.responseUrl()));
        assertThat(refusal.replacesOriginal()).isFalse();
        assertThat(refusal.text()).contains("allowlist").contains("`" + MALLORY + "`");
        assertThat(harness.api.requests("DELETE")).isEmpty();
    }

    @Test
    void cancel_byAnotherUser_isRefusedAndTheRequestStaysPending() {
        prepare(ALICE);

        SlackClient.Sent bobCancel = harness.client.click(BOB, "revoke_cancel", "req-1");
        SlackMessage refusal =
                SlackMessage.of(harness.slack.awaitResponse(bobCancel.responseUrl()));
        SlackClient.Sent aliceClick = harness.client.click(ALICE, "revoke_confirm", "req-1");

        assertThat(refusal.text()).contains("Only <@" + ALICE + ">");
        assertThat(SlackMessage.of(harness.slack.awaitResponse(aliceClick.responseUrl())).text())
                .contains("revoked database token");
    }

    @Test
    void confirm_clickedFromManyClientsAtOnce_sendsExactlyOneDelete() throws Exception {
        prepare(ALICE);
        int clicks = 24;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(clicks);
        List<Future<SlackClient.Sent>> sent = new ArrayList<>();

        for (int i = 0; i < clicks; i++) {
            Callable<SlackClient.Sent> click =
                    () -> {
                        go.await();
                        return harness.client.click(ALICE, "revoke_confirm", "req-1");
                    };
            sent.add(clients.submit(click));
        }
        go.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<SlackClient.Sent> future : sent) {
            SlackClient.Sent click = future.get();
            assertThat(click.response().statusCode()).isEqualTo(200);
            outcomes.add(SlackMessage.of(harness.slack.awaitResponse(click.responseUrl())).text());
        }
        clients.shutdown();

        assertThat(harness.api.requests("DELETE")).hasSize(1);
        assertThat(outcomes).filteredOn(text -> text.contains("revoked database token")).hasSize(1);
        assertThat(outcomes)
                .filteredOn(text -> text.contains("already handled"))
                .hasSize(clicks - 1);
    }

    @Test
    void confirm_unknownRequestId_saysTheRequestIsUnknownAndSendsNothing() {
        SlackClient.Sent click = harness.client.click(ALICE, "revoke_confirm", "req-999");

        SlackMessage answer = SlackMessage.of(harness.slack.awaitResponse(click.responseUrl()));
        assertThat(answer.text()).contains("no longer known").contains("Nothing was revoked");
        assertThat(harness.api.requests()).isEmpty();
    }

    @Test
    void confirm_requestIdOfAnotherTokenCannotBeSwappedIn_buttonCarriesNoTokenId() {
        SlackMessage confirmation = prepare(ALICE);

        assertThat(confirmation.buttons())
                .extracting(Button::value)
                .allSatisfy(value -> assertThat(value).doesNotContain(tokenId.toString()));
    }

    @Test
    void revoke_byUserOffTheAllowlist_isRefusedAndTheAuditTrailNamesTheToken() {
        SlackClient.Sent sent = harness.client.command(MALLORY, "revoke " + tokenId);

        assertThat(sent.response().body()).contains("allowlist");
        assertThat(harness.logs.all())
                .contains("event=refused")
                .contains("actor=" + MALLORY)
                .contains("tokenId=" + tokenId)
                .contains("outcome=not_on_allowlist");
        assertThat(harness.api.requests()).isEmpty();
    }

    @Test
    void revoke_tokenAlreadyRevoked_saysSoAndOffersNoButton() {
        harness.api.revokeNow(tokenId);

        SlackClient.Sent sent = harness.client.command(ALICE, "revoke " + tokenId);

        SlackMessage answer = SlackMessage.of(harness.slack.awaitResponse(sent.responseUrl()));
        assertThat(answer.text()).contains("already revoked").contains("Nothing to do");
        assertThat(answer.buttons()).isEmpty();
        assertThat(harness.api.requests("DELETE")).isEmpty();
    }

    @Test
    void revoke_unknownTokenId_saysInfluxDbHasNoSuchToken() {
        UUID unknown = UUID.randomUUID();

        SlackClient.Sent sent = harness.client.command(ALICE, "revoke " + unknown);

        SlackMessage answer = SlackMessage.of(harness.slack.awaitResponse(sent.responseUrl()));
        assertThat(answer.text()).contains("no database token `" + unknown + "`");
        assertThat(answer.buttons()).isEmpty();
    }

    @Test
    void revoke_upperCaseTokenId_isAcceptedAsTheSameToken() {
        SlackClient.Sent sent =
                harness.client.command(ALICE, "Revoke   " + tokenId.toString().toUpperCase());

        SlackMessage answer = SlackMessage.of(harness.slack.awaitResponse(sent.responseUrl()));
        assertThat(answer.buttons()).isNotEmpty();
        assertThat(harness.api.requests().get(0).path()).isEqualTo(tokenPath());
    }

    @Test
    void startButton_onAListedToken_showsTheSameConfirmationAsANewMessage() {
        SlackClient.Sent click = harness.client.click(ALICE, "revoke_start", tokenId.toString());

        SlackMessage confirmation =
                SlackMessage.of(harness.slack.awaitResponse(click.responseUrl()));
        assertThat(confirmation.replacesOriginal()).isFalse();
        assertThat(confirmation.buttons())
                .extracting(Button::actionId)
                .containsExactly("revoke_confirm", "revoke_cancel");
        assertThat(harness.api.requests("DELETE")).isEmpty();
    }

    @Test
    void startButton_withAValueThatIsNotATokenId_sendsNothingToInfluxDb() {
        SlackClient.Sent click = harness.client.click(ALICE, "revoke_start", "../../databases");

        SlackMessage answer = SlackMessage.of(harness.slack.awaitResponse(click.responseUrl()));
        assertThat(answer.text()).contains("is not a database token id");
        assertThat(harness.api.requests()).isEmpty();
    }

    @Test
    void startButton_byUserOffTheAllowlist_isRefused() {
        SlackClient.Sent click = harness.client.click(MALLORY, "revoke_start", tokenId.toString());

        SlackMessage answer = SlackMessage.of(harness.slack.awaitResponse(click.responseUrl()));
        assertThat(answer.text()).contains("allowlist").contains(MALLORY);
        assertThat(harness.api.requests()).isEmpty();
    }

    @Test
    void revoke_withAReason_showsTheReasonEscaped() {
        SlackClient.Sent sent =
                harness.client.command(ALICE, "revoke " + tokenId + " leaked in <!here> ci logs");

        SlackMessage confirmation =
                SlackMessage.of(harness.slack.awaitResponse(sent.responseUrl()));
        assertThat(confirmation.text()).contains("*Reason:* leaked in &lt;!here&gt; ci logs");
        assertThat(confirmation.text()).doesNotContain("<!here>");
    }

    private SlackMessage prepare(String requester) {
        SlackClient.Sent sent = harness.client.command(requester, "revoke " + tokenId);
        return SlackMessage.of(harness.slack.awaitResponse(sent.responseUrl()));
    }

    private String tokenPath() {
        return "/api/v0/accounts/"
                + FakeManagementApi.ACCOUNT_ID
                + "/clusters/"
                + FakeManagementApi.CLUSTER_ID
                + "/tokens/"
                + tokenId;
    }
}
