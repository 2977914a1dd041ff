package dev.influxtokenbot.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import dev.influxtokenbot.revocation.MessageRef;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts and updates channel messages through Slack's Web API ({@code chat.postMessage}, {@code
 * chat.update}). Both are safe to repeat when Slack did not take them, so they are retried when
 * Slack is rate limiting ({@code ratelimited}, HTTP 429 with {@code Retry-After}) or failing (5xx,
 * a broken connection); other errors are final and logged.
 */
final class SlackMessenger {
    static final int ATTEMPTS = 3;
    static final Duration FIRST_WAIT = Duration.ofMillis(500);

    /** A {@code Retry-After} beyond this is not waited for: the user would wait too long. */
    static final Duration LONGEST_WAIT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(SlackMessenger.class);
    private static final Set<String> PASSING_ERRORS =
            Set.of(
                    "ratelimited",
                    "internal_error",
                    "fatal_error",
                    "service_unavailable",
                    "request_timeout");

    private final MethodsClient client;
    private final String botToken;
    private final Sleeper sleeper;

    SlackMessenger(MethodsClient client, String botToken, Sleeper sleeper) {
        this.client = client;
        this.botToken = botToken;
        this.sleeper = sleeper;
    }

    /**
     * Posts a message to a channel, in a thread when {@code threadTs} is not null.
     *
     * @return where it was posted, or the error Slack gave, such as {@code not_in_channel}
     */
    Posted post(String channelId, Reply reply, String threadTs) {
        Called called =
                call(
                        "chat.postMessage",
                        () ->
                                client.chatPostMessage(
                                        request ->
                                                request.token(botToken)
                                                        .channel(channelId)
                                                        .text(reply.text())
                                                        .blocks(reply.blocks())
                                                        .threadTs(threadTs)));
        if (called.response() == null) {
            return new Posted(null, called.error());
        }
        ChatPostMessageResponse posted = (ChatPostMessageResponse) called.response();
        return new Posted(new MessageRef(posted.getChannel(), posted.getTs()), "");
    }

    /** Replaces a message the bot posted; false when Slack did not take the change. */
    boolean update(MessageRef message, Reply reply) {
        Called called =
                call(
                        "chat.update",
                        () ->
                                client.chatUpdate(
                                        request ->
                                                request.token(botToken)
                                                        .channel(message.channelId())
                                                        .ts(message.ts())
                                                        .text(reply.text())
                                                        .blocks(reply.blocks())));
        return called.response() != null;
    }

    private Called call(String method, Call call) {
        for (int attempt = 1; ; attempt++) {
            Called called = attempt(call);
            if (called.response() != null) {
                return called;
            }
            Duration wait = called.retryAfter();
            if (wait == null || attempt >= ATTEMPTS) {
                log.warn(
                        "method={} attempt={} outcome=failed error={}",
                        method,
                        attempt,
                        called.error());
                return called;
            }
            log.info(
                    "method={} attempt={} outcome=retrying error={} waitMs={}",
                    method,
                    attempt,
                    called.error(),
                    wait.toMillis());
            if (!pause(wait)) {
                return called;
            }
        }
    }

    /** One try; a failure says whether, and after how long, another try may succeed. */
    private static Called attempt(Call call) {
        try {
            SlackApiTextResponse response = call.run();
            if (response.isOk()) {
                return new Called(response, "", null);
            }
            Duration wait = PASSING_ERRORS.contains(response.getError()) ? FIRST_WAIT : null;
            return new Called(null, response.getError(), wait);
        } catch (SlackApiException e) {
            return new Called(null, "http_" + e.getResponse().code(), retryAfter(e));
        } catch (IOException e) {
            return new Called(null, "unreachable", FIRST_WAIT);
        }
    }

    /** How long Slack asks to wait before retrying, or null when retrying will not help. */
    private static Duration retryAfter(SlackApiException e) {
        int status = e.getResponse().code();
        if (status != 429 && status < 500) {
            return null;
        }
        String header = e.getResponse().header("Retry-After");
        if (header == null || !header.strip().matches("[0-9]{1,6}")) {
            return FIRST_WAIT;
        }
        Duration asked = Duration.ofSeconds(Long.parseLong(header.strip()));
        return asked.compareTo(LONGEST_WAIT) > 0 ? null : asked;
    }

    private boolean pause(Duration wait) {
        try {
            sleeper.sleep(wait.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Where a message was posted, or why it was not. */
    record Posted(MessageRef message, String error) {
        boolean isPosted() {
            return message != null;
        }
    }

    /** The response of a call that worked, or its error and when to try again (null: never). */
    private record Called(SlackApiTextResponse response, String error, Duration retryAfter) {}

    /** One try of a Web API method. */
    @FunctionalInterface
    private interface Call {
        SlackApiTextResponse run() throws IOException, SlackApiException;
    }

    /** Waits between retries; tests replace it so that time stands still. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }
}
