package dev.influxtokenbot.slack;

import com.slack.api.model.block.LayoutBlock;
import dev.influxtokenbot.managementapi.DatabaseToken;
import dev.influxtokenbot.revocation.ApprovalMode;
import dev.influxtokenbot.revocation.Outcome;
import dev.influxtokenbot.revocation.RequestState;
import dev.influxtokenbot.revocation.RevocationRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Turns outcomes into the answers people see through {@code response_url}: one short, true sentence
 * about what happened and what to do, inside Slack's limits of 50 blocks and 3000 characters a
 * text. The channel messages of the two-person rule are {@link ApprovalText}'s.
 */
final class Messages {
    /** Header, tokens and footer together stay under Slack's 50 blocks. */
    static final int MAX_LISTED_TOKENS = 40;

    static final String EXAMPLE_TOKEN_ID = "55555555-5555-4555-8555-555555555555";
    private static final int MAX_ECHO = 80;

    private final UUID clusterId;
    private final ApprovalMode mode;
    private final Clock clock;

    Messages(UUID clusterId, ApprovalMode mode, Clock clock) {
        this.clusterId = clusterId;
        this.mode = mode;
        this.clock = clock;
    }

    Reply usage() {
        String revoke =
                mode == ApprovalMode.SELF
                        ? "• `/influx-token revoke TOKEN_ID [REASON]`: shows what the token can do"
                                + " and asks you to confirm.\n"
                        : "• `/influx-token revoke TOKEN_ID REASON`: asks an approver in the"
                                + " channel; another person must approve.\n";
        String text =
                "*`/influx-token`* lists and revokes the database tokens of InfluxDB cluster "
                        + Markup.code(clusterId.toString())
                        + ".\n"
                        + "• `/influx-token list [TEXT]`: active tokens, newest first. TEXT"
                        + " filters on the start of the id, the description or a database"
                        + " name.\n"
                        + "• `/influx-token list --all [TEXT]`: revoked tokens too.\n"
                        + revoke
                        + "• `/influx-token pending`: requests waiting for a decision.\n"
                        + "• `/influx-token audit [N]`: the last N events of the audit trail"
                        + " (20 if not given).\n"
                        + "• `/influx-token help`: this message.\n"
                        + "Revoking is immediate and cannot be undone. Only people on the bot's"
                        + " allowlist can list or revoke.";
        return Reply.of("How to use /influx-token", List.of(Texts.section(text)));
    }

    Reply unknownCommand(String subcommand) {
        String text = "I don't know " + Markup.code(Markup.truncate(subcommand, MAX_ECHO)) + ".";
        List<LayoutBlock> blocks = new ArrayList<>(List.of(Texts.section(text)));
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
        return Texts.simple(text);
    }

    Reply noChannelForApproval() {
        return Texts.simple(
                ":no_entry: With the two-person rule, approvers must see the request: run this"
                        + " in a channel, or ask an admin to set `APPROVAL_CHANNEL`. Nothing was"
                        + " asked.");
    }

    Reply approvalNotPosted(String channelId, String error) {
        String hint =
                error.equals("not_in_channel") || error.equals("channel_not_found")
                        ? " Invite the bot to <#" + channelId + "> (`/invite`) and try again."
                        : " Try again in a minute.";
        return Texts.simple(
                ":x: I could not post the request for approval in <#"
                        + channelId
                        + "> (Slack said "
                        + Markup.code(error)
                        + "), so nothing was asked and nothing was revoked."
                        + hint);
    }

    static Reply refused(Outcome.Refused refused) {
        String user = Markup.code(refused.userId());
        String text =
                switch (refused.why()) {
                    case NOT_ON_ALLOWLIST ->
                            ":no_entry: Only people on this bot's allowlist can list or revoke"
                                + " database tokens. To be added, ask an admin to put your Slack"
                                + " user id "
                                    + user
                                    + " in `ALLOWED_USERS`.";
                    case NOT_APPROVER ->
                            ":no_entry: Only approvers can approve or deny requests."
                                    + " To be added, ask an admin to put your Slack user id "
                                    + user
                                    + " in `APPROVERS`. Nothing was revoked.";
                    case SELF_APPROVAL ->
                            ":no_entry: You asked for this revoke, so someone else must approve or"
                                    + " deny it; you can withdraw it instead. Nothing was revoked.";
                    case NOT_REQUESTER ->
                            ":no_entry: Only "
                                    + Markup.mention(refused.request().requester())
                                    + " can confirm, cancel or withdraw this request. Nothing was"
                                    + " revoked.";
                    case WRONG_MODE ->
                            ":no_entry: This button does not fit this request: it needs the"
                                    + " decision the bot's approval rule asks for. Nothing was"
                                    + " revoked.";
                };
        return Texts.simple(text);
    }

    Reply busy() {
        return Texts.simple(
                ":hourglass: The bot is busy right now, so nothing was done. Try again in a"
                        + " moment.");
    }

    Reply internalError() {
        return Texts.simple(
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
            return ConfirmationText.confirmation(
                    prepared.request(), prepared.token(), clock.instant());
        }
        if (outcome instanceof Outcome.ReasonRequired required) {
            return Texts.simple(
                    "Say why: `/influx-token revoke "
                            + required.tokenId()
                            + " REASON`. Approvers see the reason with the request. Nothing was"
                            + " asked.");
        }
        if (outcome instanceof Outcome.AlreadyRevoked revoked) {
            return alreadyRevoked(revoked.token());
        }
        if (outcome instanceof Outcome.NotFound notFound) {
            return Texts.simple(
                    "InfluxDB has no database token "
                            + Markup.code(notFound.tokenId().toString())
                            + " in this cluster. Check the id with `/influx-token list --all`.");
        }
        if (outcome instanceof Outcome.Refused refused) {
            return refused(refused);
        }
        if (outcome instanceof Outcome.ApprovalRequested requested) {
            throw new IllegalArgumentException(
                    "a request for approval is posted, not answered: " + requested.request().id());
        }
        return failed((Outcome.Failed) outcome, "read the database token");
    }

    /**
     * The answer to the person who clicked. In self mode the outcome takes the confirmation's
     * place; with the two-person rule the channel message is updated instead, and the clicker is
     * answered only when the click changed nothing.
     */
    static Reply decision(Outcome.OfDecision outcome) {
        if (outcome instanceof Outcome.Refused refused) {
            return refused(refused);
        }
        if (outcome instanceof Outcome.AlreadyHandled handled) {
            return Texts.simple(
                    "This request was already handled: " + phrase(handled.state()) + ".");
        }
        if (outcome instanceof Outcome.UnknownRequest) {
            return Texts.simple(
                    "This request is no longer known to the bot. Nothing was revoked. Run"
                            + " `/influx-token revoke TOKEN_ID` again.");
        }
        if (outcome instanceof Outcome.Expired expired) {
            return Texts.simple(
                            ":hourglass: This request expired after "
                                    + ConfirmationText.minutes(expired.request())
                                    + " minutes, so nothing was revoked. Run `/influx-token revoke "
                                    + expired.request().tokenId()
                                    + "` to start again.")
                    .replacingOriginal();
        }
        if (outcome instanceof Outcome.Withdrawn withdrawn) {
            String word =
                    withdrawn.request().mode() == ApprovalMode.SELF ? "Cancelled" : "Withdrawn";
            return Texts.simple(
                            ":leftwards_arrow_with_hook: "
                                    + word
                                    + ": "
                                    + Texts.token(withdrawn.request())
                                    + " was not revoked.")
                    .replacingOriginal();
        }
        return Texts.simple(revokeOutcome(outcome)).replacingOriginal();
    }

    /** What a revoke came to, in one sentence; for outcomes that sent a revoke. */
    static String revokeOutcome(Outcome.OfDecision outcome) {
        if (outcome instanceof Outcome.Revoked revoked) {
            RevocationRequest request = revoked.request();
            String when =
                    revoked.timeFromApi()
                            ? Markup.dateTime(revoked.revokedAt())
                            : "at about " + Markup.dateTime(revoked.revokedAt());
            return ":white_check_mark: "
                    + Markup.mention(revoked.decision().actor())
                    + " revoked "
                    + Texts.token(request)
                    + " "
                    + when
                    + ". Clients that used it have lost access and need a new token.";
        }
        if (outcome instanceof Outcome.RevokedButStillListed doubtful) {
            return ":warning: InfluxDB accepted the revoke of database token "
                    + Markup.code(doubtful.request().tokenId().toString())
                    + ", but still lists it as active. Check with `/influx-token list --all` in"
                    + " a minute; if it is still active, revoke it again.";
        }
        if (outcome instanceof Outcome.NotFound notFound) {
            return "InfluxDB no longer has database token "
                    + Markup.code(notFound.tokenId().toString())
                    + "; someone may have revoked it already. Check with `/influx-token list"
                    + " --all`.";
        }
        if (outcome instanceof Outcome.Failed failed) {
            return failed(failed, "revoke the database token").text();
        }
        if (outcome instanceof Outcome.Denied denied) {
            return ":no_entry_sign: Denied: " + Texts.token(denied.request()) + " was not revoked.";
        }
        throw new IllegalArgumentException("not a revoke outcome: " + outcome);
    }

    private Reply alreadyRevoked(DatabaseToken token) {
        String when = token.revocation().map(Markup::dateTime).orElse("earlier");
        return Texts.simple(
                "Database token "
                        + TokenText.id(token)
                        + " ("
                        + TokenText.description(token.description())
                        + ") was already revoked "
                        + when
                        + ". Nothing to do.");
    }

    static Reply failed(Outcome.Failed failed, String whatFailed) {
        String tokenId =
                failed.request() == null
                        ? "the database token"
                        : "database token " + Markup.code(failed.request().tokenId().toString());
        String again =
                "`/influx-token revoke "
                        + (failed.request() == null ? "TOKEN_ID" : failed.request().tokenId())
                        + "`";
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
                                    + "; it is still active. Run "
                                    + again
                                    + " to try again.";
                    case NOT_SENT ->
                            ":x: The bot stopped before it sent the revoke of "
                                    + tokenId
                                    + ", so nothing was revoked. Run "
                                    + again
                                    + " to try again.";
                };
        return Texts.simple(text);
    }

    private static String phrase(RequestState state) {
        return switch (state) {
            case PENDING -> "it is still waiting for a decision";
            case APPROVED -> "its revoke is being sent right now";
            case DENIED -> "it was denied";
            case WITHDRAWN -> "it was cancelled";
            case EXPIRED -> "it expired";
            case REVOKED -> "the token was revoked";
            case FAILED -> "its revoke was not confirmed; see the message above";
        };
    }
}
