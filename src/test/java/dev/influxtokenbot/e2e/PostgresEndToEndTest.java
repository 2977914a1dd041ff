package dev.influxtokenbot.e2e;

import static dev.influxtokenbot.testing.BotHarness.ALICE;
import static dev.influxtokenbot.testing.BotHarness.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.influxtokenbot.testing.BotHarness;
import dev.influxtokenbot.testing.FakeSlack;
import dev.influxtokenbot.testing.SlackClient;
import dev.influxtokenbot.testing.TestPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bots sharing one PostgreSQL, as several instances of a deployment do: a request made on one is
 * decided on another, and racing approvals across instances send one revoke.
 */
class PostgresEndToEndTest {
    static final String CAROL = ApprovalEndToEndTest.CAROL;

    private String databaseUrl;
    private BotHarness harness;

    @BeforeAll
    static void needsPostgres() {
        TestPostgres.assumeReachable();
    }

    @AfterEach
    void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
        if (databaseUrl != null) {
            TestPostgres.dropDatabase(databaseUrl);
        }
    }

    @Test
    void approvals_racingOnTwoInstances_sendExactlyOneDelete() throws Exception {
        startTwoPerson();
        UUID tokenId = harness.api.addToken("Telegraf", BotHarness.START);

        try (BotHarness.Instance second = harness.startAnotherInstance()) {
            FakeSlack.Message request = ask(tokenId);
            List<SlackClient> clients = List.of(harness.client, second.client());
            List<Future<SlackClient.Sent>> clicks = race(clients, request);
            for (Future<SlackClient.Sent> click : clicks) {
                assertThat(click.get().response().statusCode()).isEqualTo(200);
            }

            harness.slack.awaitMessage(
                    m -> m.ts().equals(request.ts()) && harness.slack.updates(request.ts()) > 0);
        }
        assertThat(harness.api.requests("DELETE")).hasSize(1);
        assertThat(harness.api.token(tokenId).orElseThrow().revokedAt()).isNotNull();
        assertThat(harness.logs.all().split("event=revoke_sent", -1)).hasSize(2);
    }

    @Test
    void request_madeOnOneInstance_isApprovedOnAnother() throws Exception {
        startTwoPerson();
        UUID tokenId = harness.api.addToken("Telegraf", BotHarness.START);

        try (BotHarness.Instance second = harness.startAnotherInstance()) {
            FakeSlack.Message request = ask(tokenId);
            second.client().clickInChannel(BOB, "request_approve", "req-1", request, "");

            FakeSlack.Message settled =
                    harness.slack.awaitMessage(
                            m ->
                                    m.ts().equals(request.ts())
                                            && harness.slack.updates(request.ts()) > 0);
            assertThat(settled.allText()).contains("Approved by <@" + BOB + ">");
        }
        assertThat(harness.api.requests("DELETE")).hasSize(1);
    }

    @Test
    void databaseUrlInHerokusForm_isAcceptedAndItsPasswordNeverLogged() throws Exception {
        databaseUrl = TestPostgres.createDatabase();
        String herokuForm = herokuForm(databaseUrl);
        harness = BotHarness.start(environment -> environment.put("DATABASE_URL", herokuForm));
        UUID tokenId = harness.api.addToken("Telegraf", BotHarness.START);

        SlackClient.Sent sent = harness.client.command(ALICE, "revoke " + tokenId);
        harness.slack.awaitResponse(sent.responseUrl());

        // The test role's password may also be part of other names, so look for it as it
        // appears in URLs.
        assertThat(harness.logs.all())
                .contains("Request store: PostgreSQL at 127.0.0.1:5432/")
                .doesNotContain(herokuForm)
                .doesNotContain(":" + password(databaseUrl) + "@")
                .doesNotContain("password=");
    }

    private void startTwoPerson() throws Exception {
        databaseUrl = TestPostgres.createDatabase();
        harness =
                BotHarness.start(
                        environment -> {
                            environment.put("DATABASE_URL", databaseUrl);
                            environment.put("APPROVAL_MODE", "two-person");
                            environment.put("APPROVERS", BOB + "," + CAROL);
                        });
    }

    private FakeSlack.Message ask(UUID tokenId) {
        SlackClient.Sent sent = harness.client.command(ALICE, "revoke " + tokenId + " leaked");
        harness.slack.awaitResponse(sent.responseUrl());
        return harness.slack.awaitMessage(m -> m.threadTs() == null);
    }

    private static List<Future<SlackClient.Sent>> race(
            List<SlackClient> clients, FakeSlack.Message request) {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<SlackClient.Sent>> clicks = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            SlackClient client = clients.get(i % 2);
            String approver = i % 4 < 2 ? BOB : CAROL;
            clicks.add(
                    pool.submit(
                            () -> {
                                go.await();
                                return client.clickInChannel(
                                        approver, "request_approve", "req-1", request, "");
                            }));
        }
        go.countDown();
        pool.shutdown();
        return clicks;
    }

    /**
     * {@code jdbc:postgresql://host:port/db?user=u&password=p} as {@code
     * postgres://u:p@host:port/db}.
     */
    private static String herokuForm(String jdbcUrl) {
        String hostAndDatabase = jdbcUrl.replaceFirst("^jdbc:postgresql://([^?]+).*$", "$1");
        String user = jdbcUrl.replaceFirst("^.*[?&]user=([^&]+).*$", "$1");
        return "postgres://" + user + ":" + password(jdbcUrl) + "@" + hostAndDatabase;
    }

    private static String password(String jdbcUrl) {
        return jdbcUrl.replaceFirst("^.*[?&]password=([^&]+).*$", "$1");
    }
}
