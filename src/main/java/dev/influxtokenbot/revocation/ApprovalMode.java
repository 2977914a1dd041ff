package dev.influxtokenbot.revocation;

/** Who decides a revoke. */
public enum ApprovalMode {
    /** The requester confirms alone. */
    SELF,
    /** Another person, an approver, must approve in the channel. */
    TWO_PERSON
}
