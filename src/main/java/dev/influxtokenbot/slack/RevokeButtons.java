package dev.influxtokenbot.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.influxtokenbot.revocation.RevocationService;
import dev.influxtokenbot.revocation.TokenId;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles clicks on the bot's buttons. Every click is acknowledged at once and decided afresh by
 * {@link RevocationService}: the allowlist, the requester and the request's state are checked again
 * on each one, whatever the message that carried the button said.
 */
final class RevokeButtons {
    private static final Logger log = LoggerFactory.getLogger(RevokeButtons.class);

    private final RevocationService service;
    private final Messages messages;
    private final Worker worker;
    private final ResponseUrls responseUrls;

    RevokeButtons(
            RevocationService service,
            Messages messages,
            Worker worker,
            ResponseUrls responseUrls) {
        this.service = service;
        this.messages = messages;
        this.worker = worker;
        this.responseUrls = responseUrls;
    }

    /** "Revoke…" on a listed token: shows the same confirmation as {@code revoke <id>}. */
    BlockActionHandler start() {
        return (request, context) ->
                clicked(
                        "prepare",
                        request,
                        context,
                        click -> {
                            Optional<TokenId> tokenId = TokenId.parse(click.value());
                            if (tokenId.isEmpty()) {
                                return messages.invalidTokenId(click.value());
                            }
                            return messages.prepare(
                                    service.prepare(click.userId(), tokenId.get(), ""));
                        });
    }

    BlockActionHandler confirm() {
        return (request, context) ->
                clicked(
                        "confirm",
                        request,
                        context,
                        click -> messages.confirm(service.confirm(click.userId(), click.value())));
    }

    BlockActionHandler cancel() {
        return (request, context) ->
                clicked(
                        "cancel",
                        request,
                        context,
                        click -> messages.cancel(service.cancel(click.userId(), click.value())));
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
        Supplier<Reply> work = () -> decide.apply(click.get());
        Responder responder =
                reply -> responseUrls.post(context.getResponseUrl(), actionResponse(reply));
        // A click cannot be answered in its acknowledgement; when the queue is full the click is
        // dropped (and logged), and the buttons stay for the user to try again.
        worker.answer(action, responder, work, messages.internalError());
        return context.ack();
    }

    static ActionResponse actionResponse(Reply reply) {
        return ActionResponse.builder()
                .responseType("ephemeral")
                .replaceOriginal(reply.replacesOriginal())
                .text(reply.text())
                .blocks(reply.blocks())
                .build();
    }

    /** The clicking user and the clicked button's value, when the payload has both. */
    record Click(String userId, String value) {
        static Optional<Click> of(BlockActionPayload payload) {
            if (payload == null || payload.getUser() == null || payload.getActions() == null) {
                return Optional.empty();
            }
            List<BlockActionPayload.Action> actions = payload.getActions();
            if (actions.size() != 1 || payload.getUser().getId() == null) {
                return Optional.empty();
            }
            String value = actions.get(0).getValue();
            return value == null
                    ? Optional.empty()
                    : Optional.of(new Click(payload.getUser().getId(), value));
        }
    }
}
