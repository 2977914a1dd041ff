package dev.influxtokenbot.slack;

import dev.influxtokenbot.revocation.ApprovalMode;
import dev.influxtokenbot.revocation.Outcome;
import dev.influxtokenbot.revocation.RevocationService;
import dev.influxtokenbot.revocation.TokenId;

/**
 * Asking to revoke, from a command or a list's button: in self mode the requester gets a
 * confirmation; with the two-person rule the request goes where approvers see it.
 */
final class Requests {
    private final RevocationService service;
    private final Approvals approvals;
    private final Messages messages;
    private final String approvalChannel;

    /**
     * @param approvalChannel where requests for approval go, or null for the asking channel
     */
    Requests(
            RevocationService service,
            Approvals approvals,
            Messages messages,
            String approvalChannel) {
        this.service = service;
        this.approvals = approvals;
        this.messages = messages;
        this.approvalChannel = approvalChannel;
    }

    Reply revoke(String requester, TokenId tokenId, String reason, String channelId) {
        String target = approvalChannel != null ? approvalChannel : channelId;
        if (service.rules().mode() == ApprovalMode.TWO_PERSON && !isChannel(target)) {
            return messages.noChannelForApproval();
        }

        Outcome.OfPrepare outcome = service.prepare(requester, tokenId, reason, channelId);
        if (outcome instanceof Outcome.ApprovalRequested requested) {
            return approvals.ask(requested, target);
        }
        return messages.prepare(outcome);
    }

    /** A conversation others can see: not missing and not a direct message (ids start with D). */
    private static boolean isChannel(String channelId) {
        return channelId != null && !channelId.isBlank() && !channelId.startsWith("D");
    }
}
