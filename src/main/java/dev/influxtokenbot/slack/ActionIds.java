package dev.influxtokenbot.slack;

/** The {@code action_id}s of the bot's buttons; Bolt routes clicks by them. */
final class ActionIds {
    /** On each active token of a list; its value is the token id. Starts a confirmation. */
    static final String START_REVOKE = "revoke_start";

    /** The danger button of a confirmation; its value is the request id. */
    static final String CONFIRM_REVOKE = "revoke_confirm";

    /** The cancel button of a confirmation; its value is the request id. */
    static final String CANCEL_REVOKE = "revoke_cancel";

    private ActionIds() {}
}
