package dev.influxtokenbot.slack;

import dev.influxtokenbot.revocation.RevocationService;
import dev.influxtokenbot.revocation.TokenQuery;

/** What the text after {@code /influx-token} asks for; {@link CommandParser} reads it. */
sealed interface Command {
    /** Show the usage text. */
    record Help() implements Command {}

    /** List database tokens. */
    record ListTokens(TokenQuery query) implements Command {}

    /**
     * Revoke one database token, after confirmation.
     *
     * @param tokenIdText the id as typed; not yet checked
     * @param reason the rest of the line, possibly empty
     */
    record Revoke(String tokenIdText, String reason) implements Command {}

    /** List the requests waiting for a decision. */
    record Pending() implements Command {}

    /**
     * Show the latest audit events.
     *
     * @param count how many; the parser keeps it within 1 and {@link
     *     RevocationService#MAX_AUDIT_EVENTS}
     */
    record Audit(int count) implements Command {
        static final int DEFAULT = 20;
    }

    /** A subcommand the bot does not know. */
    record Unknown(String subcommand) implements Command {}
}
