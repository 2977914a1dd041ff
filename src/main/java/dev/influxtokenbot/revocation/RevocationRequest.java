package dev.influxtokenbot.revocation;

import java.time.Instant;
import java.util.Objects;

/**
 * A revoke that a requester asked for and has yet to confirm. The confirm button carries only
 * {@link #id()}, never the token id, so a click can confirm nothing but what the bot showed.
 *
 * @param id random, unguessable id of this request
 * @param requester Slack user id of the person who asked; only they may confirm
 * @param tokenId the database token to revoke
 * @param tokenDescription the token's description when the request was made, for messages
 * @param reason why the requester wants it revoked; may be empty
 * @param createdAt when the request was made
 * @param expiresAt after this instant the request can no longer be confirmed
 */
public record RevocationRequest(
        String id,
        String requester,
        TokenId tokenId,
        String tokenDescription,
        String reason,
        Instant createdAt,
        Instant expiresAt) {

    public RevocationRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(tokenId, "tokenId");
        tokenDescription = tokenDescription == null ? "" : tokenDescription;
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
