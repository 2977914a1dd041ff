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
import dev.influxtokenbot.managementapi.DatabaseToken;
import dev.influxtokenbot.revocation.RevocationRequest;
import dev.influxtokenbot.revocation.TokenId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a token can do and what revoking it means, shown before any revoke: to the requester alone
 * in self mode, and to the whole channel with the two-person rule.
 */
final class ConfirmationText {
    private ConfirmationText() {}

    /** The requester's own confirmation, with Revoke token and Cancel. */
    static Reply confirmation(RevocationRequest request, DatabaseToken token, Instant now) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText("Revoke this database token?"))));
        blocks.addAll(facts(request, token, now));
        blocks.add(
                Texts.context(
                        "Only you can confirm this. It expires "
                                + Markup.dateTime(request.expiresAt())
                                + " ("
                                + minutes(request)
                                + " minutes)."));
        blocks.add(
                actions(
                        a ->
                                a.elements(
                                        buttons(
                                                request,
                                                ActionIds.CONFIRM_REVOKE,
                                                "Revoke token",
                                                ActionIds.CANCEL_REVOKE,
                                                "Cancel"))));
        return Reply.of("Revoke database token " + token.id() + "? Confirm or cancel.", blocks);
    }

    /** The token's facts, the reason if any, and the warning that revoking cannot be undone. */
    static List<LayoutBlock> facts(RevocationRequest request, DatabaseToken token, Instant now) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(Blocks.section(s -> s.fields(fields(token, now))));
        if (!request.reason().isBlank()) {
            blocks.add(Texts.section("*Reason:* " + Texts.reason(request.reason())));
        }
        blocks.add(
                Texts.section(
                        ":warning: Revoking is *immediate* and *cannot be undone*. Every client"
                                + " that uses this token loses access at once and needs a new"
                                + " token."));
        return blocks;
    }

    /** A danger button that revokes, behind Slack's own confirm dialog, and a plain one. */
    static List<BlockElement> buttons(
            RevocationRequest request,
            String revokeAction,
            String revokeLabel,
            String otherAction,
            String otherLabel) {
        return List.of(
                button(
                        b ->
                                b.actionId(revokeAction)
                                        .text(plainText(revokeLabel))
                                        .style("danger")
                                        .value(request.id())
                                        .confirm(confirmDialog(request.tokenId()))),
                button(
                        b ->
                                b.actionId(otherAction)
                                        .text(plainText(otherLabel))
                                        .value(request.id())));
    }

    static long minutes(RevocationRequest request) {
        return Duration.between(request.createdAt(), request.expiresAt()).toMinutes();
    }

    private static List<TextObject> fields(DatabaseToken token, Instant now) {
        return List.of(
                markdownText("*Token id*\n" + TokenText.id(token)),
                markdownText("*Description*\n" + TokenText.description(token.description())),
                markdownText("*Permissions*\n" + TokenText.permissions(token.permissions())),
                markdownText("*Created*\n" + Markup.date(token.createdAt())),
                markdownText("*Expires*\n" + TokenText.expiry(token, now)));
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
}
