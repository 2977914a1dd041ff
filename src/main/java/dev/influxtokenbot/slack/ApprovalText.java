package dev.influxtokenbot.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;

import com.slack.api.model.block.LayoutBlock;
import dev.influxtokenbot.managementapi.DatabaseToken;
import dev.influxtokenbot.revocation.Decision;
import dev.influxtokenbot.revocation.Outcome;
import dev.influxtokenbot.revocation.RevocationRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages of the two-person rule: the request for approval that the whole channel sees, what
 * it becomes once decided, the reply in its thread that tells the requester, and the requester's
 * own note with Withdraw.
 */
final class ApprovalText {
    private ApprovalText() {}

    /** The request in the channel: the token's facts, the reason, Approve and Deny. */
    static Reply request(RevocationRequest request, DatabaseToken token, Instant now) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText("Approval needed: revoke a database token"))));
        blocks.add(
                Texts.section(
                        Markup.mention(request.requester())
                                + " asks to revoke database token "
                                + Markup.code(request.tokenId().toString())
                                + "."));
        blocks.addAll(ConfirmationText.facts(request, token, now));
        blocks.add(
                input(
                        i ->
                                i.blockId(ActionIds.NOTE_BLOCK)
                                        .optional(true)
                                        .label(plainText("Note for the record (optional)"))
                                        .element(
                                                plainTextInput(
                                                        p ->
                                                                p.actionId(ActionIds.NOTE_INPUT)
                                                                        .maxLength(500)))));
        blocks.add(
                actions(
                        a ->
                                a.elements(
                                        ConfirmationText.buttons(
                                                request,
                                                ActionIds.APPROVE,
                                                "Approve and revoke",
                                                ActionIds.DENY,
                                                "Deny"))));
        blocks.add(
                Texts.context(
                        "Any approver except "
                                + Markup.mention(request.requester())
                                + " can decide. Open until "
                                + Markup.dateTime(request.expiresAt())
                                + "."));
        return Reply.of("Approval needed: revoke database token " + request.tokenId(), blocks);
    }

    /** The requester's own note: where approval was asked, and a button to take it back. */
    static Reply requesterNote(RevocationRequest request, String channelId) {
        String text =
                "Asked for approval in <#"
                        + channelId
                        + "> to revoke "
                        + Texts.token(request)
                        + ". Any approver but you can decide until "
                        + Markup.dateTime(request.expiresAt())
                        + "; nothing is revoked before that.";
        LayoutBlock withdraw =
                actions(
                        a ->
                                a.elements(
                                        List.of(
                                                button(
                                                        b ->
                                                                b.actionId(ActionIds.WITHDRAW)
                                                                        .text(plainText("Withdraw"))
                                                                        .value(request.id())))));
        return Reply.of(text, List.of(Texts.section(text), withdraw));
    }

    /** What the channel message becomes once the request is decided: no buttons, who and when. */
    static Reply settled(RevocationRequest request, Outcome.OfDecision outcome) {
        String text = headline(request, outcome) + "\n" + requestedBy(request);
        return Texts.simple(text);
    }

    /** The reply in the request's thread that tells the requester what became of it. */
    static Reply threadReply(RevocationRequest request, Outcome.OfDecision outcome) {
        String start =
                Markup.mention(request.requester())
                        + " your request to revoke "
                        + Markup.code(request.tokenId().toString());
        String text;
        if (outcome instanceof Outcome.Revoked revoked) {
            text = start + " was approved by " + who(revoked.decision()) + ": it is revoked.";
        } else if (outcome instanceof Outcome.Denied denied) {
            text =
                    start
                            + " was denied by "
                            + who(denied.decision())
                            + note(denied.decision())
                            + "; nothing was revoked.";
        } else if (outcome instanceof Outcome.Expired) {
            text = start + " expired without a decision; nothing was revoked.";
        } else {
            text = start + " was approved, but: " + Messages.revokeOutcome(outcome);
        }
        return Texts.simple(text);
    }

    private static String headline(RevocationRequest request, Outcome.OfDecision outcome) {
        String token = Texts.token(request);
        if (outcome instanceof Outcome.Revoked revoked) {
            return ":white_check_mark: Approved by "
                    + who(revoked.decision())
                    + note(revoked.decision())
                    + "; "
                    + token
                    + " was revoked "
                    + (revoked.timeFromApi() ? "" : "at about ")
                    + Markup.dateTime(revoked.revokedAt())
                    + ". Clients that used it need a new token.";
        }
        if (outcome instanceof Outcome.Denied denied) {
            return ":no_entry_sign: Denied by "
                    + who(denied.decision())
                    + note(denied.decision())
                    + ". "
                    + capitalised(token)
                    + " was not revoked.";
        }
        if (outcome instanceof Outcome.Withdrawn withdrawn) {
            return ":leftwards_arrow_with_hook: Withdrawn "
                    + Markup.dateTime(withdrawn.decision().at())
                    + ". "
                    + capitalised(token)
                    + " was not revoked.";
        }
        if (outcome instanceof Outcome.Expired) {
            return ":hourglass: Expired "
                    + Markup.dateTime(request.expiresAt())
                    + " with no decision. "
                    + capitalised(token)
                    + " was not revoked.";
        }
        return Messages.revokeOutcome(outcome);
    }

    private static String requestedBy(RevocationRequest request) {
        String reason =
                request.reason().isBlank() ? "" : " Reason: " + Texts.reason(request.reason());
        return "_Requested by "
                + Markup.mention(request.requester())
                + " "
                + Markup.dateTime(request.createdAt())
                + "._"
                + reason;
    }

    private static String who(Decision decision) {
        return Markup.mention(decision.actor()) + " " + Markup.dateTime(decision.at());
    }

    private static String note(Decision decision) {
        return decision.note().isBlank()
                ? ""
                : " (\u201c" + Texts.reason(decision.note()) + "\u201d)";
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
