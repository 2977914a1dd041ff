package dev.influxtokenbot.revocation;

import java.time.Instant;
import java.util.Objects;

/**
 * Who moved a request out of {@link RequestState#PENDING}, and when.
 *
 * @param actor Slack user id of the person who decided, or {@link #BOT} when nobody did
 * @param note what they wrote with it; may be empty
 */
public record Decision(String actor, Instant at, String note) {
    /** The actor of decisions the bot takes itself, such as expiry. */
    public static final String BOT = "bot";

    public Decision {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
        note = note == null ? "" : note;
    }
}
