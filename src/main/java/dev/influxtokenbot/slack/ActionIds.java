package dev.influxtokenbot.slack;

/** The {@code action_id}s of the bot's buttons and inputs; Bolt routes clicks by them. */
final class ActionIds {
    /** On each active token of a list; its value is the token id. Starts a request. */
    static final String START_REVOKE = "revoke_start";

    /** The danger button of a requester's own confirmation; its value is the request id. */
    static final String CONFIRM_REVOKE = "revoke_confirm";

    /** The cancel button of a requester's own confirmation; its value is the request id. */
    static final String CANCEL_REVOKE = "revoke_cancel";

    /** Approve on a request for approval in a channel; its value is the request id. */
    static final String APPROVE = "request_approve";

    /** Deny on a request for approval in a channel; its value is the request id. */
    static final String DENY = "request_deny";

    /** Withdraw, on the requester's note about their request; its value is the request id. */
    static final String WITHDRAW = "request_withdraw";

    /** The block holding the optional note an approver may write with a decision. */
    static final String NOTE_BLOCK = "decision_note";

    /** The text input of that note; typing in it sends nothing until a button is clicked. */
    static final String NOTE_INPUT = "decision_note_input";

    private ActionIds() {}
}
