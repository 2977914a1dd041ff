package dev.influxtokenbot.slack;

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

    /** A subcommand the bot does not know. */
    record Unknown(String subcommand) implements Command {}
}
