package dev.influxtokenbot.e2e;

import static dev.influxtokenbot.testing.BotHarness.ALICE;
import static dev.influxtokenbot.testing.BotHarness.MALLORY;
import static dev.influxtokenbot.testing.FakeManagementApi.Permission.read;
import static dev.influxtokenbot.testing.FakeManagementApi.Permission.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.influxtokenbot.testing.BotHarness;
import dev.influxtokenbot.testing.FakeManagementApi;
import dev.influxtokenbot.testing.SlackClient;
import dev.influxtokenbot.testing.SlackMessage;
import dev.influxtokenbot.testing.SlackMessage.Button;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /influx-token list}: order, filters, revoked tokens and Slack's limits. */
class ListEndToEndTest {
    private static final Instant DAY_ONE = Instant.parse("2026-01-01T00:00:00Z");

    private BotHarness harness;

    @BeforeEach
    void start() throws Exception {
        harness = BotHarness.start();
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void list_showsActiveTokensNewestFirstEachWithARevokeButton() {
        UUID oldest = harness.api.addToken("Grafana read-only", DAY_ONE, read("metrics"));
        UUID newest =
                harness.api.addToken("Telegraf", DAY_ONE.plus(Duration.ofDays(2)), write("*"));
        UUID middle = harness.api.addToken("CI", DAY_ONE.plus(Duration.ofDays(1)), read("ci"));
        UUID revoked = harness.api.addToken("Old laptop", DAY_ONE, read("metrics"));
        harness.api.revokeNow(revoked);

        SlackMessage list = list(ALICE, "list");

        assertThat(list.buttons())
                .extracting(Button::actionId, Button::value)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("revoke_start", newest.toString()),
                        org.assertj.core.groups.Tuple.tuple("revoke_start", middle.toString()),
                        org.assertj.core.groups.Tuple.tuple("revoke_start", oldest.toString()));
        assertThat(list.text())
                .contains("*3 active database tokens*")
                .contains("write: *")
                .contains("read: metrics")
                .doesNotContain(revoked.toString())
                .doesNotContain("Old laptop");
        assertThat(harness.api.requests("DELETE")).isEmpty();
    }

    @Test
    void listAll_showsRevokedTokensMarkedAndWithoutAButton() {
        UUID active = harness.api.addToken("Telegraf", DAY_ONE, write("*"));
        UUID revoked = harness.api.addToken("Old laptop", DAY_ONE.plusSeconds(60), read("x"));
        harness.api.revokeNow(revoked);

        SlackMessage list = list(ALICE, "LIST   --all");

        assertThat(list.text()).contains("*2 database tokens*").contains("*revoked*");
        assertThat(list.buttons()).extracting(Button::value).containsExactly(active.toString());
        JsonNode revokedBlock = blockMentioning(list, revoked);
        assertThat(revokedBlock.has("accessory")).isFalse();
    }

    @Test
    void list_withText_filtersOnIdPrefixDescriptionAndDatabaseName() {
        UUID telegraf = harness.api.addToken("Telegraf on PROD", DAY_ONE, write("metrics"));
        UUID grafana = harness.api.addToken("Grafana", DAY_ONE, read("billing"));
        harness.api.addToken("Unrelated", DAY_ONE, read("other"));

        SlackMessage byDescription = list(ALICE, "list prod");
        SlackMessage byDatabase = list(ALICE, "list BILLING");
        SlackMessage byIdPrefix = list(ALICE, "list " + telegraf.toString().substring(0, 8));

        assertThat(byDescription.buttons())
                .extracting(Button::value)
                .containsExactly(telegraf.toString());
        assertThat(byDatabase.buttons())
                .extracting(Button::value)
                .containsExactly(grafana.toString());
        assertThat(byIdPrefix.buttons()).extracting(Button::value).contains(telegraf.toString());
        assertThat(byDescription.text()).contains("matching `prod`");
    }

    @Test
    void list_nothingMatches_saysSo() {
        harness.api.addToken("Telegraf", DAY_ONE, write("*"));

        SlackMessage list = list(ALICE, "list nomatch");

        assertThat(list.text()).contains("No active database tokens matching `nomatch`");
        assertThat(list.buttons()).isEmpty();
    }

    @Test
    void list_moreTokensThanSlackAllows_staysInsideSlackLimitsAndSaysHowManyWereLeftOut() {
        String longDescription = "&<>".repeat(2000);
        List<FakeManagementApi.Permission> manyPermissions =
                java.util.stream.IntStream.range(0, 40)
                        .mapToObj(i -> read("database-" + "<&>".repeat(20) + i))
                        .toList();
        for (int i = 0; i < 120; i++) {
            harness.api.putToken(
                    new FakeManagementApi.StoredToken(
                            UUID.randomUUID(),
                            longDescription,
                            manyPermissions,
                            DAY_ONE.plusSeconds(i),
                            null,
                            null));
        }

        SlackMessage list = list(ALICE, "list");

        assertThat(list.blocks()).hasSizeLessThanOrEqualTo(50);
        assertThat(list.blocks())
                .allSatisfy(
                        block ->
                                assertThat(SlackMessage.texts(block))
                                        .allSatisfy(
                                                text ->
                                                        assertThat(text)
                                                                .hasSizeLessThanOrEqualTo(3000)));
        assertThat(list.buttons()).hasSize(40);
        assertThat(list.text()).contains("80 more not shown").contains("/influx-token list TEXT");
    }

    @Test
    void list_descriptionWithSlackMarkup_isEscapedSoNobodyIsPinged() {
        harness.api.addToken(
                "<!channel> pwned <https://evil.example|click> & co", DAY_ONE, read("a<b"));

        SlackMessage list = list(ALICE, "list");

        assertThat(list.text())
                .contains("&lt;!channel&gt; pwned &lt;https://evil.example|click&gt; &amp; co")
                .contains("read: a&lt;b")
                .doesNotContain("<!channel>")
                .doesNotContain("<https://evil.example");
    }

    @Test
    void list_byUserOffTheAllowlist_isRefusedInTheAcknowledgementAndAsksNothingOfInfluxDb()
            throws Exception {
        HttpResponse<String> response = harness.client.command(MALLORY, "list").response();

        String ack = new ObjectMapper().readTree(response.body()).toString();
        assertThat(ack)
                .contains("allowlist")
                .contains("`" + MALLORY + "`")
                .contains("ALLOWED_USERS");
        assertThat(harness.api.requests()).isEmpty();
    }

    private SlackMessage list(String user, String text) {
        SlackClient.Sent sent = harness.client.command(user, text);
        assertThat(sent.response().statusCode()).isEqualTo(200);
        return SlackMessage.of(harness.slack.awaitResponse(sent.responseUrl()));
    }

    private static JsonNode blockMentioning(SlackMessage message, UUID tokenId) {
        return message.blocks().stream()
                .filter(block -> block.toString().contains(tokenId.toString()))
                .findFirst()
                .orElseThrow();
    }
}
