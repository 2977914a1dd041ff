package dev.influxtokenbot.slack;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.JsonOps;
import dev.influxtokenbot.revocation.Outcome;
import dev.influxtokenbot.revocation.RevocationService;
import dev.influxtokenbot.revocation.TokenId;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code /influx-token}. What can be decided without InfluxDB or the store (usage,
 * refusals, malformed ids) is answered in the acknowledgement itself; the rest is queued and
 * answered through {@code response_url}.
 */
final class TokenCommand implements SlashCommandHandler {
    static final String NAME = "/influx-token";

    private static final Logger log = LoggerFactory.getLogger(TokenCommand.class);

    private final RevocationService service;
    private final Requests requests;
    private final Messages messages;
    private final Worker worker;
    private final SlackMessenger messenger;
    private final ResponseUrls responseUrls;

    /** The usage message depends on nothing in the request, so its JSON is made only once. */
    private final String usageJson;

    TokenCommand(
            RevocationService service,
            Requests requests,
            Messages messages,
            Worker worker,
            SlackMessenger messenger,
            ResponseUrls responseUrls) {
        this.service = service;
        this.requests = requests;
        this.messages = messages;
        this.worker = worker;
        this.messenger = messenger;
        this.responseUrls = responseUrls;
        this.usageJson = JsonOps.toJsonString(commandResponse(messages.usage()));
    }

    @Override
    public Response apply(SlashCommandRequest request, SlashCommandContext context) {
        SlashCommandPayload payload = request.getPayload();
        Command command = CommandParser.parse(payload.getText());
        // Slack always sends user_id; a command without one is nobody's, and no allowlist has "".
        String user = Objects.requireNonNullElse(payload.getUserId(), "");

        if (command instanceof Command.ListTokens list) {
            return list(user, list, context);
        }
        if (command instanceof Command.Revoke revoke) {
            return revoke(user, revoke, payload.getChannelId(), context);
        }
        if (command instanceof Command.Pending) {
            return queue("pending", user, context, () -> TrailText.pending(service.pending(user)));
        }
        if (command instanceof Command.Audit audit) {
            return queue(
                    "audit",
                    user,
                    context,
                    () -> TrailText.audit(service.audit(user, audit.count())));
        }
        if (command instanceof Command.Unknown unknown) {
            return ack(context, messages.unknownCommand(unknown.subcommand()));
        }
        // Bolt's json() passes a string through as it is.
        return Response.json(200, usageJson);
    }

    private Response list(String user, Command.ListTokens list, SlashCommandContext context) {
        Optional<Outcome.Refused> refusal = service.refusal(user, "list");
        if (refusal.isPresent()) {
            return ack(context, Messages.refused(refusal.get()));
        }
        return queue("list", user, context, () -> messages.list(service.list(user, list.query())));
    }

    private Response revoke(
            String user, Command.Revoke revoke, String channelId, SlashCommandContext context) {
        Optional<TokenId> tokenId = TokenId.parse(revoke.tokenIdText());
        Optional<Outcome.Refused> refusal = service.refusal(user, "prepare", tokenId.orElse(null));
        if (refusal.isPresent()) {
            return ack(context, Messages.refused(refusal.get()));
        }
        if (tokenId.isEmpty()) {
            log.info("action=prepare requester={} outcome=invalid_token_id", user);
            return ack(context, messages.invalidTokenId(revoke.tokenIdText()));
        }
        return queue(
                "prepare",
                user,
                context,
                () -> requests.revoke(user, tokenId.get(), revoke.reason(), channelId));
    }

    private Response queue(
            String action, String user, SlashCommandContext context, Supplier<Reply> work) {
        String responseUrl = context.getResponseUrl();
        Responder responder =
                new Responder(
                        user,
                        reply -> responseUrls.post(responseUrl, commandResponse(reply)),
                        messenger,
                        Thread::sleep);
        if (worker.answer(action, responder, work, messages.internalError())) {
            return context.ack();
        }
        return ack(context, messages.busy());
    }

    private static Response ack(SlashCommandContext context, Reply reply) {
        return context.ack(commandResponse(reply));
    }

    static SlashCommandResponse commandResponse(Reply reply) {
        return SlashCommandResponse.builder()
                .responseType("ephemeral")
                .text(reply.text())
                .blocks(reply.blocks())
                .build();
    }
}
