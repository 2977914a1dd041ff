package dev.influxtokenbot.revocation;

import java.util.Objects;

/** Where the message about a request was posted, so any instance can update it later. */
public record MessageRef(String channelId, String ts) {
    public MessageRef {
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(ts, "ts");
    }
}
