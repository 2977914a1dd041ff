package dev.influxtokenbot.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.Blocks;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.ConfirmationDialogObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import dev.influxtokenbot.managementapi.DatabaseToken;
import dev.influxtokenbot.revocation.Outcome;
import dev.influxtokenbot.revocation.RequestState;
import dev.influxtokenbot.revocation.RevocationRequest;
import dev.influxtokenbot.revocation.TokenId;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Turns outcomes into Slack messages. Each message is one short, true sentence about what happened
 * and what to do, and stays inside Slack's limits of 50 blocks and 3000 characters a text.
 */
final class Messages {
    /** Header, tokens and footer together stay under Slack's 50 blocks. */
    static final int MAX_LISTED_TOKENS = 40;

    static final String EXAMPLE_TOKEN_ID = "55555555-5555-4555-8555-555555555555";
    private static final int MAX_ECHO = 80;

    private final UUID clusterId;
    private final Clock clock;
    private final Duration confirmationTtl;

    Messages(UUID clusterId, Clock clock, Duration confirmationTtl) {
        this.clusterId = clusterId;
        this.clock = clock;
        this.confirmationTtl = confirmationTtl;
    }

    Reply usage() {
        String text =
                "*`/influx-token`* lists and revokes the database tokens of InfluxDB cluster "
                        + Markup.code(clusterId.toString())
                        + ".\n"
                        + "• `/influx-token list [TEXT]`: active tokens, newest first. TEXT"
                        + " filters on the start of the id, the description or a database"
                        + " name.\n"
                        + "• `/influx-token list --all [TEXT]`: revoked tokens too.\n"
                        + "• `/influx-token revoke TOKEN_ID`: shows what the token can do and"
                        + " asks you to confirm.\n"
                        + "• `/influx-token help`: this message.\n"
                        + "Revoking is immediate and cannot be undone. Only people on the bot's"
                        + " allowlist can list or revoke.";
        return Reply.of("How to use /influx-token", List.of(section(text)));
    }

    Reply unknownCommand(String subcommand) {
        String text = "I don't know " + Markup.code(Markup.truncate(subcommand, MAX_ECHO)) + ".";
        List<LayoutBlock> blocks = new ArrayList<>(List.of(section(text)));
        blocks.addAll(usage().blocks());
        return Reply.of("Unknown subcommand. How to use /influx-token", blocks);
    }

    Reply invalidTokenId(String typed) {
        String text =
                typed.isBlank()
                        ? "Say which database token to revoke: `/influx-token revoke TOKEN_ID`."
                                + " Find ids with `/influx-token list`."
                        : Markup.code(Markup.truncate(typed, MAX_ECHO))
                                + " is not a database token id. Ids are UUIDs like "
                                + Markup.code(EXAMPLE_TOKEN_ID)
                                + "; find them with `/influx-token list`. Nothing was sent to"
                                + " InfluxDB.";
        return simple(text);
    }

    Reply refused(Outcome.Refused refused) {
        return simple(
                ":no_entry: Only people on this bot's allowlist can list or revoke database"
                        + " tokens. To be added, ask an admin to put your Slack user id "
                        + Markup.code(refused.userId())
                        + " in `ALLOWED_USERS`.");
    }

    Reply busy() {
        return simple(
                ":hourglass: The bot is busy right now, so nothing was done. Try again in a"
                        + " moment.");
    }

    Reply internalError() {
        return simple(
                ":x: Something went wrong inside the bot. Check with `/influx-token list --all`"
                        + " before trying again; the bot's log has the details.");
    }

    Reply list(Outcome.OfList outcome) {
        if (outcome instanceof Outcome.Listed listed) {
            return new TokenList(listed, clock.instant()).reply();
        }
        if (outcome instanceof Outcome.Refused refused) {
            return refused(refused);
        }
        return failed((Outcome.Failed) outcome, "list the database tokens");
    }

    Reply prepare(Outcome.OfPrepare outcome) {
        if (outcome instanceof Outcome.Prepared prepared) {
            return confirmation(prepared);
        }
        if (outcome instanceof Outcome.AlreadyRevoked revoked) {
            return alreadyRevoked(revoked.token());
        }
        if (outcome instanceof Outcome.NotFound notFound) {
            return simple(
                    "InfluxDB has no database token "
                            + Markup.code(notFound.tokenId().toString())
                            + " in this cluster. Check the id with `/influx-token list --all`.");
        }
        if (outcome instanceof Outcome.Refused refused) {
            return refused(refused);
        }
        return failed((Outcome.Failed) outcome, "read the database token");
    }

    Reply confirm(Outcome.OfConfirm outcome) {
        if (outcome instanceof Outcome.Revoked revoked) {
            return revoked(revoked);
        }
        if (outcome instanceof Outcome.RevokedButStillListed doubtful) {
            return revokedButStillListed(doubtful.request());
        }
        if (outcome instanceof Outcome.NotFound notFound) {
            return goneBeforeRevoke(notFound.tokenId());
        }
        if (outcome instanceof Outcome.Failed failed) {
            return failed(failed, "revoke the database token").replacingOriginal();
        }
        return click(outcome);
    }

    Reply cancel(Outcome.OfCancel outcome) {
        if (outcome instanceof Outcome.Cancelled cancelled) {
            return simple(
                            ":leftwards_arrow_with_hook: Cancelled: database token "
                                    + Markup.code(cancelled.request().tokenId().toString())
                                    + " was not revoked.")
                    .replacingOriginal();
        }
        return click(outcome);
    }

    /** Answers to clicks that did not get as far as InfluxDB. */
    private Reply click(Outcome outcome) {
        if (outcome instanceof Outcome.Refused refused) {
            return refused(refused);
        }
        if (outcome instanceof Outcome.NotRequester notRequester) {
            return simple(
                    ":no_entry: Only "
                            + Markup.mention(notRequester.request().requester())
                            + " can confirm or cancel this request. Nothing was revoked.");
        }
        if (outcome instanceof Outcome.Expired expired) {
            return expired(expired.request());
        }
        if (outcome instanceof Outcome.AlreadyHandled handled) {
            return simple("This request was already handled: " + phrase(handled.state()) + ".");
        }
        return simple(
                        "This confirmation is no longer valid (the bot may have restarted since it"
                                + " was issued). Nothing was revoked. Run `/influx-token revoke"
                                + " TOKEN_ID` again.")
                .replacingOriginal();
    }

    private Reply confirmation(Outcome.Prepared prepared) {
        DatabaseToken token = prepared.token();
        RevocationRequest request = prepared.request();
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText("Revoke this database token?"))));
        blocks.add(Blocks.section(s -> s.fields(fields(token))));
        if (!request.reason().isBlank()) {
            blocks.add(
                    section("*Reason:* " + Markup.escape(Markup.truncate(request.reason(), 500))));
        }
        blocks.add(
                section(
                        ":warning: Revoking is *immediate* and *cannot be undone*. Every client"
                            + " that uses this token loses access at once and needs a new token."));
        blocks.add(
                context(
                        "Only you can confirm this. It expires "
                                + Markup.dateTime(request.expiresAt())
                                + " ("
                                + confirmationTtl.toMinutes()
                                + " minutes)."));
        blocks.add(actions(a -> a.elements(confirmationButtons(request))));
        return Reply.of("Revoke database token " + token.id() + "? Confirm or cancel.", blocks);
    }

    private List<TextObject> fields(DatabaseToken token) {
        return List.of(
                markdownText("*Token id*\n" + TokenText.id(token)),
                markdownText("*Description*\n" + TokenText.description(token.description())),
                markdownText("*Permissions*\n" + TokenText.permissions(token.permissions())),
                markdownText("*Created*\n" + Markup.date(token.createdAt())),
                markdownText("*Expires*\n" + TokenText.expiry(token, clock.instant())));
    }

    private static List<BlockElement> confirmationButtons(RevocationRequest request) {
        ButtonElement revoke =
                button(
                        b ->
                                b.actionId(ActionIds.CONFIRM_REVOKE)
                                        .text(plainText("Revoke token"))
                                        .style("danger")
                                        .value(request.id())
                                        .confirm(confirmDialog(request.tokenId())));
        ButtonElement cancel =
                button(
                        b ->
                                b.actionId(ActionIds.CANCEL_REVOKE)
                                        .text(plainText("Cancel"))
                                        .value(request.id()));
        return List.of(revoke, cancel);
    }

    private static ConfirmationDialogObject confirmDialog(TokenId tokenId) {
        return ConfirmationDialogObject.builder()
                .title(plainText("Revoke this token now?"))
                .text(
                        plainText(
                                "Database token "
                                        + tokenId
                                        + " stops working immediately. This cannot be undone."))
                .confirm(plainText("Revoke"))
                .deny(plainText("Keep it"))
                .style("danger")
                .build();
    }

    private Reply alreadyRevoked(DatabaseToken token) {
        String when = token.revocation().map(Markup::dateTime).orElse("earlier");
        return simple(
                "Database token "
                        + TokenText.id(token)
                        + " ("
                        + TokenText.description(token.description())
                        + ") was already revoked "
                        + when
                        + ". Nothing to do.");
    }

    private Reply revoked(Outcome.Revoked revoked) {
        RevocationRequest request = revoked.request();
        String when =
                revoked.timeFromApi()
                        ? Markup.dateTime(revoked.revokedAt())
                        : "at about " + Markup.dateTime(revoked.revokedAt());
        return simple(
                        ":white_check_mark: "
                                + Markup.mention(request.requester())
                                + " revoked database token "
                                + Markup.code(request.tokenId().toString())
                                + " ("
                                + TokenText.description(request.tokenDescription())
                                + ") "
                                + when
                                + ". Clients that used it have lost access and need a new"
                                + " token.")
                .replacingOriginal();
    }

    private static Reply revokedButStillListed(RevocationRequest request) {
        return simple(
                        ":warning: InfluxDB accepted the revoke of database token "
                                + Markup.code(request.tokenId().toString())
                                + ", but still lists it as active. Check with `/influx-token list"
                                + " --all` in a minute; if it is still active, revoke it again.")
                .replacingOriginal();
    }

    private static Reply goneBeforeRevoke(TokenId tokenId) {
        return simple(
                        "InfluxDB no longer has database token "
                                + Markup.code(tokenId.toString())
                                + "; someone may have revoked it already. Check with"
                                + " `/influx-token list --all`.")
                .replacingOriginal();
    }

    private Reply expired(RevocationRequest request) {
        return simple(
                        ":hourglass: This confirmation expired after "
                                + confirmationTtl.toMinutes()
                                + " minutes, so nothing was revoked. Run `/influx-token revoke "
                                + request.tokenId()
                                + "` to start again.")
                .replacingOriginal();
    }

    private static Reply failed(Outcome.Failed failed, String whatFailed) {
        String tokenId =
                failed.request() == null
                        ? "the database token"
                        : "database token " + Markup.code(failed.request().tokenId().toString());
        String text =
                switch (failed.problem()) {
                    case MANAGEMENT_TOKEN_REJECTED ->
                            ":x: InfluxDB rejected the bot's management"
                                    + " token, so I could not "
                                    + whatFailed
                                    + ". An admin must create a new management token and set"
                                    + " `INFLUX_MANAGEMENT_TOKEN` to it.";
                    case NO_ANSWER ->
                            ":x: InfluxDB did not answer, so I could not "
                                    + whatFailed
                                    + ". Nothing was revoked. Try again in a minute.";
                    case REVOKE_UNCONFIRMED ->
                            ":warning: InfluxDB did not confirm the revoke of "
                                    + tokenId
                                    + ", so it may or may not be revoked. Check with `/influx-token"
                                    + " list --all` before trying again.";
                    case STILL_ACTIVE ->
                            ":x: InfluxDB did not revoke "
                                    + tokenId
                                    + "; it is still active. Run `/influx-token revoke "
                                    + (failed.request() == null
                                            ? "TOKEN_ID"
                                            : failed.request().tokenId())
                                    + "` to try again.";
                };
        return simple(text);
    }

    private static String phrase(RequestState state) {
        return switch (state) {
            case PENDING -> "it is still waiting for confirmation";
            case CANCELLED -> "it was cancelled";
            case EXPIRED -> "it expired";
            case REVOKING -> "its revoke is being sent right now";
            case REVOKED -> "the token was revoked";
            case FAILED -> "its revoke was not confirmed; see the message above";
        };
    }

    static LayoutBlock section(String mrkdwn) {
        return Blocks.section(s -> s.text(markdownText(mrkdwn)));
    }

    static LayoutBlock context(String mrkdwn) {
        return Blocks.context(c -> c.elements(List.of(markdownText(mrkdwn))));
    }

    /** A one-section reply whose fallback text is the section's text. */
    static Reply simple(String mrkdwn) {
        return Reply.of(mrkdwn, List.of(section(mrkdwn)));
    }
}
