package dev.influxtokenbot.slack;

import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the answer to one request. It goes to the request's {@code response_url}, tried again
 * when Slack fails there for a moment (5xx, 429, a broken connection); when the URL is gone (a 404
 * after its 30 minutes, say) or keeps failing, the answer goes to the user as a direct message from
 * the bot instead. The decision stands either way, and the log says what was not delivered.
 */
final class Responder {
    static final int ATTEMPTS = 3;
    static final Duration WAIT = Duration.ofMillis(300);

    private static final Logger log = LoggerFactory.getLogger(Responder.class);

    private final String userId;
    private final ResponseUrl responseUrl;
    private final SlackMessenger messenger;
    private final SlackMessenger.Sleeper sleeper;

    Responder(
            String userId,
            ResponseUrl responseUrl,
            SlackMessenger messenger,
            SlackMessenger.Sleeper sleeper) {
        this.userId = userId;
        this.responseUrl = responseUrl;
        this.messenger = messenger;
        this.sleeper = sleeper;
    }

    void send(String action, Reply reply) {
        String failure = "";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            int status = post(reply);
            if (status == 200) {
                return;
            }
            failure = status < 0 ? "unreachable" : "status " + status;
            if (status >= 400 && status < 500 && status != 429) {
                break;
            }
            if (attempt < ATTEMPTS && !pause()) {
                break;
            }
        }
        sendDirectly(action, reply, failure);
    }

    /** The HTTP status of one post to the {@code response_url}, or -1 when none came. */
    private int post(Reply reply) {
        try {
            return responseUrl.post(reply);
        } catch (IOException e) {
            return -1;
        }
    }

    private void sendDirectly(String action, Reply reply, String failure) {
        SlackMessenger.Posted posted = messenger.post(userId, reply.asNewMessage(), null);
        if (posted.isPosted()) {
            log.warn(
                    "action={} user={} outcome=answered_by_direct_message reason=\"response_url"
                            + " {}\"",
                    action,
                    userId,
                    failure);
        } else {
            log.warn(
                    "action={} user={} outcome=answer_not_delivered reason=\"response_url {},"
                            + " direct message {}\": the user did not see the answer; the"
                            + " decision and the audit trail stand",
                    action,
                    userId,
                    failure,
                    posted.error());
        }
    }

    private boolean pause() {
        try {
            sleeper.sleep(WAIT.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One post of a reply to the request's {@code response_url}; returns the HTTP status. */
    @FunctionalInterface
    interface ResponseUrl {
        int post(Reply reply) throws IOException;
    }
}
