package dev.influxtokenbot.slack;

import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.Blocks;
import com.slack.api.model.block.LayoutBlock;
import dev.influxtokenbot.revocation.RevocationRequest;
import java.util.List;

/** Small pieces every message is made of. */
final class Texts {
    private Texts() {}

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

    /** "database token `id` (description)". */
    static String token(RevocationRequest request) {
        return "database token "
                + Markup.code(request.tokenId().toString())
                + " ("
                + TokenText.description(request.tokenDescription())
                + ")";
    }

    static String reason(String reason) {
        return Markup.escape(Markup.truncate(reason, 500));
    }
}
