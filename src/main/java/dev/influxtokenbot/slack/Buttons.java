package dev.influxtokenbot.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.ViewState;
import dev.influxtokenbot.revocation.ApprovalMode;
import dev.influxtokenbot.revocation.DecisionService;
import dev.influxtokenbot.revocation.Outcome;
import dev.influxtokenbot.revocation.RevocationRequest;
import dev.influxtokenbot.revocation.TokenId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles clicks on the bot's buttons. Every click is acknowledged at once and decided afresh by
 * the revocation rules: the allowlist, the approvers, the requester and the request's state are
 * checked again on each one, whatever the message that carried the button said.
 */
final class Buttons {
    private static final Logger log = LoggerFactory.getLogger(Buttons.class);

    private final Requests requests;
    private final DecisionService decisions;
    private final Approvals approvals;
    private final Messages messages;
    private final Worker worker;
    private final SlackMessenger messenger;
    private final ResponseUrls responseUrls;

    Buttons(
            Requests requests,
            DecisionService decisions,
            Approvals approvals,
            Messages messages,
            Worker worker,
            SlackMessenger messenger,
            ResponseUrls responseUrls) {
        this.requests = requests;
        this.decisions = decisions;
        this.approvals = approvals;
        this.messages = messages;
        this.worker = worker;
        this.messenger = messenger;
        this.responseUrls = responseUrls;
    }

    /** "Revoke…" on a listed token: asks to revoke it, as {@code revoke <id>} does. */
    BlockActionHandler start() {
        return handler(
                "prepare",
                click -> {
                    Optional<TokenId> tokenId = TokenId.parse(click.value());
                    if (tokenId.isEmpty()) {
                        return messages.invalidTokenId(click.value());
                    }
                    return requests.revoke(click.userId(), tokenId.get(), "", click.channelId());
                });
    }

    BlockActionHandler confirm() {
        return decision("confirm", click -> decisions.confirm(click.userId(), click.value()));
    }

    BlockActionHandler cancel() {
        return decision("cancel", click -> decisions.cancel(click.userId(), click.value()));
    }

    BlockActionHandler approve() {
        return decision(
                "approve", click -> decisions.approve(click.userId(), click.value(), click.note()));
    }

    BlockActionHandler deny() {
        return decision(
                "deny", click -> decisions.deny(click.userId(), click.value(), click.note()));
    }

    BlockActionHandler withdraw() {
        return decision("withdraw", click -> decisions.withdraw(click.userId(), click.value()));
    }

    /** Typing in the note field sends nothing until a button is clicked; just acknowledge. */
    BlockActionHandler noteTyped() {
        return (request, context) -> context.ack();
    }

    private BlockActionHandler decision(String action, Function<Click, Outcome.OfDecision> decide) {
        return handler(action, click -> answer(click, decide.apply(click)));
    }

    /**
     * The clicker's answer. Once a request for approval is decided its channel message shows the
     * outcome to everyone, so the clicker needs no answer of their own, unless that update failed.
     */
    private Reply answer(Click click, Outcome.OfDecision outcome) {
        Optional<RevocationRequest> request = Optional.ofNullable(outcome.request());
        boolean approvalRule = request.map(r -> r.mode() == ApprovalMode.TWO_PERSON).orElse(false);
        if (!approvalRule) {
            return Messages.decision(outcome);
        }
        if (!changedTheRequest(outcome)) {
            return Messages.decision(outcome).asNewMessage();
        }

        boolean shown = approvals.settle(request.get().id(), outcome);
        if (outcome instanceof Outcome.Withdrawn) {
            return Messages.decision(outcome);
        }
        if (outcome instanceof Outcome.Expired) {
            return Messages.decision(outcome).asNewMessage();
        }
        // The clicked message is the request in the channel: if its update failed, the click's
        // own response_url can still replace it.
        return shown
                ? Reply.none()
                : ApprovalText.settled(request.get(), outcome).replacingOriginal();
    }

    private static boolean changedTheRequest(Outcome.OfDecision outcome) {
        return !(outcome instanceof Outcome.Refused
                || outcome instanceof Outcome.AlreadyHandled
                || outcome instanceof Outcome.UnknownRequest);
    }

    private BlockActionHandler handler(String action, Function<Click, Reply> decide) {
        return (request, context) -> clicked(action, request, context, decide);
    }

    private Response clicked(
            String action,
            BlockActionRequest request,
            ActionContext context,
            Function<Click, Reply> decide) {
        Optional<Click> click = Click.of(request.getPayload());
        if (click.isEmpty()) {
            log.info("action={} outcome=ignored reason=malformed_click", action);
            return context.ack();
        }
        String responseUrl = request.getPayload().getResponseUrl();
        Responder responder =
                new Responder(
                        click.get().userId(),
                        reply -> responseUrls.post(responseUrl, actionResponse(reply)),
                        messenger,
                        Thread::sleep);
        // A click cannot be answered in its acknowledgement; when the queue is full the click is
        // dropped (and logged), and the buttons stay for the user to try again.
        worker.answer(action, responder, () -> decide.apply(click.get()), messages.internalError());
        return context.ack();
    }

    /**
     * A new answer is ephemeral, for the clicker alone; a replacement keeps the visibility of the
     * message it replaces, so it names none.
     */
    static ActionResponse actionResponse(Reply reply) {
        return ActionResponse.builder()
                .responseType(reply.replacesOriginal() ? null : "ephemeral")
                .replaceOriginal(reply.replacesOriginal())
                .text(reply.text())
                .blocks(reply.blocks())
                .build();
    }

    /**
     * The clicking user, the clicked button's value, the channel, and the note typed beside the
     * button, when the payload has the first two.
     */
    record Click(String userId, String value, String channelId, String note) {
        static Optional<Click> of(BlockActionPayload payload) {
            if (payload == null || payload.getUser() == null || payload.getActions() == null) {
                return Optional.empty();
            }
            List<BlockActionPayload.Action> actions = payload.getActions();
            if (actions.size() != 1 || payload.getUser().getId() == null) {
                return Optional.empty();
            }
            String value = actions.get(0).getValue();
            if (value == null) {
                return Optional.empty();
            }
            String channelId = payload.getChannel() == null ? null : payload.getChannel().getId();
            return Optional.of(
                    new Click(payload.getUser().getId(), value, channelId, note(payload)));
        }

        private static String note(BlockActionPayload payload) {
            ViewState state = payload.getState();
            if (state == null || state.getValues() == null) {
                return "";
            }
            Map<String, ViewState.Value> block = state.getValues().get(ActionIds.NOTE_BLOCK);
            ViewState.Value input = block == null ? null : block.get(ActionIds.NOTE_INPUT);
            return input == null || input.getValue() == null ? "" : input.getValue();
        }
    }
}
