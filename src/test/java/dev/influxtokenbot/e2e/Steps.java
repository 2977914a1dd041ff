package dev.influxtokenbot.e2e;

import static dev.influxtokenbot.testing.BotHarness.ALICE;
import static dev.influxtokenbot.testing.BotHarness.BOB;
import static dev.influxtokenbot.testing.FakeManagementApi.Permission.read;
import static dev.influxtokenbot.testing.FakeManagementApi.Permission.write;

import ch.qos.logback.classic.Level;
import dev.influxtokenbot.testing.BotHarness;
import dev.influxtokenbot.testing.FakeManagementApi;
import dev.influxtokenbot.testing.FakeSlack;
import dev.influxtokenbot.testing.SlackClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the end-to-end tests of requests, restarts and the audit trail share: the two-person rule's
 * settings, a token to revoke, and the steps of asking in a channel and awaiting the outcome there.
 */
final class Steps {
    /** An approver who is not on the allowlist: may decide, may not ask. */
    static final String CAROL = "UCAROL004";

    /** The channel of Slack's documented slash command, where the tests' commands come from. */
    static final String CHANNEL = "C2147483705";

    static final String DESCRIPTION = "Telegraf on prod-eu";
    static final String REASON = "leaked in CI logs";

    private Steps() {}

    /** The two-person rule, with Bob and Carol as approvers. */
    static void twoPerson(Map<String, String> environment) {
        environment.put("APPROVAL_MODE", "two-person");
        environment.put("APPROVERS", BOB + " " + CAROL);
    }

    /**
     * An active token that can read one database and write all, described as {@link #DESCRIPTION}.
     */
    static UUID putToken(BotHarness harness) {
        UUID tokenId = UUID.randomUUID();
        harness.api.putToken(
                new FakeManagementApi.StoredToken(
                        tokenId,
                        DESCRIPTION,
                        List.of(read("DatabaseOne"), write("*")),
                        Instant.parse("2026-06-01T08:00:00Z"),
                        null,
                        null));
        return tokenId;
    }

    /**
     * Alice asks, with the two-person rule, to revoke {@code tokenId} for {@link #REASON}; returns
     * the request for approval as posted, wherever it was posted.
     */
    static FakeSlack.Message ask(BotHarness harness, UUID tokenId) {
        SlackClient.Sent sent = harness.client.command(ALICE, "revoke " + tokenId + " " + REASON);
        harness.slack.awaitResponse(sent.responseUrl());
        return awaitRequest(harness, tokenId);
    }

    /** The request for approval to revoke {@code tokenId}, wherever it was posted. */
    static FakeSlack.Message awaitRequest(BotHarness harness, UUID tokenId) {
        String text = "Approval needed: revoke database token " + tokenId;
        return harness.slack.awaitMessage(m -> m.threadTs() == null && m.text().equals(text));
    }

    /** The request's channel message once {@code chat.update} changed it. */
    static FakeSlack.Message awaitSettled(BotHarness harness, FakeSlack.Message request) {
        return harness.slack.awaitMessage(
                m -> m.ts().equals(request.ts()) && harness.slack.updates(request.ts()) > 0);
    }

    /** The first reply in the request's thread. */
    static FakeSlack.Message awaitThreadReply(BotHarness harness, FakeSlack.Message request) {
        return harness.slack.awaitMessage(m -> request.ts().equals(m.threadTs()));
    }

    static List<FakeSlack.Message> threadReplies(BotHarness harness, FakeSlack.Message request) {
        return harness.slack.messages().stream()
                .filter(m -> request.ts().equals(m.threadTs()))
                .toList();
    }

    /** The messages posted in {@code channel}, outside threads, oldest first. */
    static List<FakeSlack.Message> postedIn(BotHarness harness, String channel) {
        return harness.slack.messages().stream()
                .filter(m -> m.channel().equals(channel) && m.threadTs() == null)
                .toList();
    }

    /** The lines the {@code audit} logger wrote at INFO: one per audit event. */
    static List<String> auditLines(BotHarness harness) {
        return harness.logs.events().stream()
                .filter(e -> e.getLoggerName().equals("audit") && e.getLevel() == Level.INFO)
                .map(e -> e.getFormattedMessage())
                .toList();
    }

    /**
     * Starts a new bot on the same store, fakes and request ids after the test stopped the old one
     * with {@code harness.bot.close()}: {@link BotHarness#restart()} closes the old bot again,
     * which does nothing to a closed bot, and then starts the new one.
     */
    static void startAgain(BotHarness harness) throws Exception {
        harness.restart();
    }
}
