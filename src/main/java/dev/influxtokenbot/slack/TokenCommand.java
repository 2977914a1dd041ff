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
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code /influx-token}. What can be decided without InfluxDB (usage, refusals, malformed
 * ids) is answered in the acknowledgement itself; the rest is queued and answered through {@code
 * response_url}.
 */
final class TokenCommand implements SlashCommandHandler {
    static final String NAME = "/influx-token";

    private static final Logger log = LoggerFactory.getLogger(TokenCommand.class);

    private final RevocationService service;
    private final Messages messages;
    private final Worker worker;
    private final ResponseUrls responseUrls;

    /** The usage message depends on nothing in the request, so its JSON is made only once. */
    private final String usageJson;

    TokenCommand(
            RevocationService service,
            Messages messages,
            Worker worker,
            ResponseUrls responseUrls) {
        this.service = service;
        this.messages = messages;
        this.worker = worker;
        this.responseUrls = responseUrls;
        this.usageJson = JsonOps.toJsonString(commandResponse(messages.usage()));
    }

    @Override
    public Response apply(SlashCommandRequest request, SlashCommandContext context) {
        SlashCommandPayload payload = request.getPayload();
        Command command = CommandParser.parse(payload.getText());
        String requester = payload.getUserId();

        if (command instanceof Command.ListTokens list) {
            return list(requester, list, context);
        }
        if (command instanceof Command.Revoke revoke) {
            return revoke(requester, revoke, context);
        }
        if (command instanceof Command.Unknown unknown) {
            return ack(context, messages.unknownCommand(unknown.subcommand()));
        }
        // Bolt's json() passes a string through as it is.
        return Response.json(200, usageJson);
    }

    private Response list(String requester, Command.ListTokens list, SlashCommandContext context) {
        Optional<Outcome.Refused> refusal = service.refusal(requester, "list");
        if (refusal.isPresent()) {
            return ack(context, messages.refused(refusal.get()));
        }
        return queue("list", context, () -> messages.list(service.list(requester, list.query())));
    }

    private Response revoke(String requester, Command.Revoke revoke, SlashCommandContext context) {
        Optional<Outcome.Refused> refusal = service.refusal(requester, "prepare");
        if (refusal.isPresent()) {
            return ack(context, messages.refused(refusal.get()));
        }
        Optional<TokenId> tokenId = TokenId.parse(revoke.tokenIdText());
        if (tokenId.isEmpty()) {
            log.info("action=prepare requester={} outcome=invalid_token_id", requester);
            return ack(context, messages.invalidTokenId(revoke.tokenIdText()));
        }
        return queue(
                "prepare",
                context,
                () -> messages.prepare(service.prepare(requester, tokenId.get(), revoke.reason())));
    }

    private Response queue(String action, SlashCommandContext context, Supplier<Reply> work) {
        Responder responder =
                reply -> responseUrls.post(context.getResponseUrl(), commandResponse(reply));
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
