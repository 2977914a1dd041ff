package dev.influxtokenbot.slack;

import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.Blocks;
import com.slack.api.model.block.LayoutBlock;
import dev.influxtokenbot.managementapi.DatabaseToken;
import dev.influxtokenbot.revocation.Outcome;
import dev.influxtokenbot.revocation.TokenQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to {@code list}: one section per token, newest first, each active one with a button
 * that starts a confirmation. Past {@link Messages#MAX_LISTED_TOKENS} it says how many were left
 * out and how to narrow the list.
 */
final class TokenList {
    private final Outcome.Listed listed;
    private final Instant now;

    TokenList(Outcome.Listed listed, Instant now) {
        this.listed = listed;
        this.now = now;
    }

    Reply reply() {
        List<DatabaseToken> tokens = listed.tokens();
        List<DatabaseToken> shown =
                tokens.subList(0, Math.min(tokens.size(), Messages.MAX_LISTED_TOKENS));

        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(Texts.section(heading()));
        shown.forEach(token -> blocks.add(tokenSection(token)));
        if (shown.size() < tokens.size()) {
            blocks.add(Texts.context(leftOut(tokens.size() - shown.size())));
        }
        return Reply.of(fallbackText(), blocks);
    }

    private String heading() {
        TokenQuery query = listed.query();
        int count = listed.tokens().size();
        String kind = query.includeRevoked() ? "database token" : "active database token";
        String matching = query.text().isEmpty() ? "" : " matching " + Markup.code(query.text());
        if (count == 0) {
            return "No " + kind + "s" + matching + ".";
        }
        return "*"
                + count
                + " "
                + kind
                + (count == 1 ? "" : "s")
                + "*"
                + matching
                + ", newest first.";
    }

    private LayoutBlock tokenSection(DatabaseToken token) {
        String text =
                TokenText.id(token)
                        + "  *"
                        + TokenText.description(token.description())
                        + "*\n"
                        + TokenText.permissions(token.permissions())
                        + "\n"
                        + TokenText.dates(token, now);
        if (token.isRevoked()) {
            return Blocks.section(s -> s.text(markdownText(text)));
        }
        return Blocks.section(
                s ->
                        s.text(markdownText(text))
                                .accessory(
                                        button(
                                                b ->
                                                        b.actionId(ActionIds.START_REVOKE)
                                                                .text(plainText("Revoke…"))
                                                                .value(token.id().toString()))));
    }

    private String leftOut(int count) {
        return count
                + " more not shown. Narrow the list with `/influx-token list TEXT`, where TEXT is"
                + " the start of an id, part of a description or a database name.";
    }

    private String fallbackText() {
        return listed.tokens().size() + " database tokens";
    }
}
