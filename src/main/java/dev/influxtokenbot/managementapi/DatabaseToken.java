package dev.influxtokenbot.managementapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A database token as the Management API describes it. The secret token string is never part of it:
 * the API returns that only when a token is created, and unknown fields are ignored.
 *
 * @param expiresAt when the token stops working by itself, or null when it never does
 * @param revokedAt when the token was revoked, or null while it is active
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DatabaseToken(
        UUID accountId,
        UUID clusterId,
        UUID id,
        String description,
        List<Permission> permissions,
        Instant createdAt,
        Instant expiresAt,
        Instant revokedAt) {

    public DatabaseToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        description = description == null ? "" : description;
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }

    public Optional<Instant> expiry() {
        return Optional.ofNullable(expiresAt);
    }

    public Optional<Instant> revocation() {
        return Optional.ofNullable(revokedAt);
    }
}
