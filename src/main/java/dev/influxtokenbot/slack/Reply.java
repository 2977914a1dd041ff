package dev.influxtokenbot.slack;

import com.slack.api.model.block.LayoutBlock;
import java.util.List;

/**
 * A message for the user, as Block Kit blocks with a plain fallback text for notifications.
 *
 * @param replacesOriginal true when it takes the place of the message whose button was clicked;
 *     false when it is a new message beside it
 */
record Reply(String text, List<LayoutBlock> blocks, boolean replacesOriginal) {
    Reply {
        blocks = List.copyOf(blocks);
    }

    private static final Reply NONE = new Reply("", List.of(), false);

    static Reply of(String text, List<LayoutBlock> blocks) {
        return new Reply(text, blocks, false);
    }

    /** No answer: the outcome was shown some other way, such as by updating a channel message. */
    static Reply none() {
        return NONE;
    }

    boolean isNone() {
        return blocks.isEmpty() && text.isEmpty();
    }

    /** The same reply as a new message beside the clicked one, which stays as it is. */
    Reply asNewMessage() {
        return new Reply(text, blocks, false);
    }

    Reply replacingOriginal() {
        return new Reply(text, blocks, true);
    }
}
