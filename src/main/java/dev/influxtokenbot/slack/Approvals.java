package dev.influxtokenbot.slack;

import dev.influxtokenbot.revocation.DecisionService;
import dev.influxtokenbot.revocation.MessageRef;
import dev.influxtokenbot.revocation.Outcome;
import dev.influxtokenbot.revocation.RevocationRequest;
import dev.influxtokenbot.revocation.RevocationService;
import dev.influxtokenbot.revocation.StoredRequest;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two-person rule's messages in Slack: posts a request for approval where approvers see it,
 * and, once the request is decided (by a click here, on another instance, or by expiry), updates
 * that message in place and tells the requester in its thread.
 */
final class Approvals {
    private static final Logger log = LoggerFactory.getLogger(Approvals.class);

    private final RevocationService requests;
    private final DecisionService decisions;
    private final SlackMessenger messenger;
    private final Messages messages;
    private final Clock clock;

    Approvals(
            RevocationService requests,
            DecisionService decisions,
            SlackMessenger messenger,
            Messages messages,
            Clock clock) {
        this.requests = requests;
        this.decisions = decisions;
        this.messenger = messenger;
        this.messages = messages;
        this.clock = clock;
    }

    /**
     * Posts the request in {@code channelId} and returns the requester's note. When Slack does not
     * take the post, the request is withdrawn, since no approver could see it.
     */
    Reply ask(Outcome.ApprovalRequested requested, String channelId) {
        RevocationRequest request = requested.request();
        SlackMessenger.Posted posted =
                messenger.post(
                        channelId,
                        ApprovalText.request(request, requested.token(), clock.instant()),
                        null);
        if (!posted.isPosted()) {
            decisions.abandon(request.id(), "approval request not posted: " + posted.error());
            return messages.approvalNotPosted(channelId, posted.error());
        }
        requests.attachMessage(request.id(), posted.message());
        return ApprovalText.requesterNote(request, posted.message().channelId());
    }

    /**
     * Shows a decided request's outcome in its channel message and tells the requester in the
     * thread. Returns false when there is no message or Slack did not take the update, so the
     * caller can tell the clicker another way.
     */
    boolean settle(String requestId, Outcome.OfDecision outcome) {
        Optional<StoredRequest> stored = requests.find(requestId);
        Optional<MessageRef> message = stored.flatMap(StoredRequest::messageIfPosted);
        if (message.isEmpty()) {
            return false;
        }

        RevocationRequest request = stored.get().request();
        boolean updated = messenger.update(message.get(), ApprovalText.settled(request, outcome));
        if (!(outcome instanceof Outcome.Withdrawn) && !alreadyExpired(outcome)) {
            messenger.post(
                    message.get().channelId(),
                    ApprovalText.threadReply(request, outcome),
                    message.get().ts());
        }
        if (!updated) {
            log.warn(
                    "requestId={} outcome=message_not_updated: the channel still shows the request"
                            + " as open; the audit trail has its outcome",
                    requestId);
        }
        return updated;
    }

    /**
     * A click on a request that had expired before: its message is settled again, in case the
     * earlier update failed, but the requester was told in the thread already.
     */
    private static boolean alreadyExpired(Outcome.OfDecision outcome) {
        return outcome instanceof Outcome.Expired expired && !expired.justExpired();
    }
}
