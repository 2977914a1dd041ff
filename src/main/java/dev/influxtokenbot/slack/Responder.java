package dev.influxtokenbot.slack;

import java.io.IOException;

/** Sends a reply to where Slack expects the answer to one request: its {@code response_url}. */
@FunctionalInterface
interface Responder {
    void send(Reply reply) throws IOException;
}
