package dev.influxtokenbot.slack;

import com.slack.api.model.block.LayoutBlock;
import dev.influxtokenbot.revocation.AuditEvent;
import dev.influxtokenbot.revocation.Outcome;
import dev.influxtokenbot.revocation.RevocationRequest;
import dev.influxtokenbot.revocation.StoredRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The answers to {@code pending} and {@code audit}: one line per request or event, packed into as
 * few sections as Slack's 3000 characters a text allow, and never more than Slack's 50 blocks.
 */
final class TrailText {
    private static final int MAX_SECTION = 2900;
    private static final int MAX_BLOCKS = 48;

    private TrailText() {}

    static Reply pending(Outcome.OfPending outcome) {
        if (outcome instanceof Outcome.Refused refused) {
            return Messages.refused(refused);
        }
        List<StoredRequest> requests = ((Outcome.PendingRequests) outcome).requests();
        if (requests.isEmpty()) {
            return Texts.simple("No requests are waiting for a decision.");
        }
        List<String> lines = requests.stream().map(TrailText::pendingLine).toList();
        return packed(
                "*" + requests.size() + " waiting for a decision*, oldest first:",
                lines,
                requests.size() + " requests waiting");
    }

    static Reply audit(Outcome.OfAudit outcome) {
        if (outcome instanceof Outcome.Refused refused) {
            return Messages.refused(refused);
        }
        List<AuditEvent> events = ((Outcome.AuditEvents) outcome).events();
        if (events.isEmpty()) {
            return Texts.simple("The audit trail is empty.");
        }
        List<String> lines = events.stream().map(TrailText::auditLine).toList();
        return packed(
                "*The last " + events.size() + " audit events*, newest first:",
                lines,
                events.size() + " audit events");
    }

    static String pendingLine(StoredRequest stored) {
        RevocationRequest request = stored.request();
        String where = stored.messageIfPosted().map(m -> " in <#" + m.channelId() + ">").orElse("");
        return "• "
                + Texts.token(request)
                + ", asked by "
                + Markup.mention(request.requester())
                + " "
                + Markup.dateTime(request.createdAt())
                + where
                + ", open until "
                + Markup.dateTime(request.expiresAt());
    }

    static String auditLine(AuditEvent event) {
        StringBuilder line =
                new StringBuilder("• ")
                        .append(Markup.dateTime(event.at()))
                        .append(" *")
                        .append(event.type().label().replace('_', ' '))
                        .append("* by ")
                        .append(actor(event.actor()));
        if (event.tokenId() != null) {
            line.append(", token ").append(Markup.code(event.tokenId().toString()));
        }
        if (event.requester() != null && !event.requester().equals(event.actor())) {
            line.append(", asked by ").append(Markup.mention(event.requester()));
        }
        if (!event.outcome().isEmpty()) {
            line.append(": ").append(Markup.escape(event.outcome().replace('_', ' ')));
        }
        if (event.apiStatus() != null) {
            line.append(" (HTTP ").append(event.apiStatus()).append(')');
        }
        if (!event.reason().isBlank()) {
            line.append(" \u201c").append(Markup.escape(Markup.truncate(event.reason(), 120)));
            line.append('\u201d');
        }
        return line.toString();
    }

    static String actor(String actor) {
        return actor.matches("[A-Z0-9]+") ? Markup.mention(actor) : "the bot";
    }

    private static Reply packed(String heading, List<String> lines, String fallback) {
        List<LayoutBlock> blocks = new ArrayList<>(List.of(Texts.section(heading)));
        StringBuilder section = new StringBuilder();
        int shown = 0;
        for (String line : lines) {
            if (section.length() + line.length() + 1 > MAX_SECTION) {
                if (blocks.size() >= MAX_BLOCKS) {
                    break;
                }
                blocks.add(Texts.section(section.toString()));
                section.setLength(0);
            }
            section.append(section.length() == 0 ? "" : "\n").append(line);
            shown++;
        }
        if (section.length() > 0) {
            blocks.add(Texts.section(section.toString()));
        }
        if (shown < lines.size()) {
            blocks.add(Texts.context((lines.size() - shown) + " more not shown."));
        }
        return Reply.of(fallback, blocks);
    }
}
