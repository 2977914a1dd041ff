package dev.influxtokenbot.revocation;

import dev.influxtokenbot.managementapi.Permission;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A revoke that someone asked for. The buttons that decide it carry only {@link #id()}, never the
 * token id, so a click can decide nothing but what the bot showed.
 *
 * @param id random, unguessable id of this request
 * @param mode who decides it
 * @param requester Slack user id of the person who asked
 * @param tokenId the database token to revoke
 * @param tokenDescription the token's description when the request was made
 * @param permissions the token's permissions when the request was made
 * @param reason why the requester wants it revoked; may be empty in {@link ApprovalMode#SELF}
 * @param channelId the Slack channel the request was made in, or null when unknown
 * @param createdAt when the request was made
 * @param expiresAt from this instant on the request can no longer be decided
 */
public record RevocationRequest(
        String id,
        ApprovalMode mode,
        String requester,
        TokenId tokenId,
        String tokenDescription,
        List<Permission> permissions,
        String reason,
        String channelId,
        Instant createdAt,
        Instant expiresAt) {

    public RevocationRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(tokenId, "tokenId");
        tokenDescription = tokenDescription == null ? "" : tokenDescription;
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
