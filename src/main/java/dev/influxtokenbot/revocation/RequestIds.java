package dev.influxtokenbot.revocation;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;

/** The one source of request ids: 128 random bits, URL-safe, too many to guess. */
public final class RequestIds implements Supplier<String> {
    private final SecureRandom random = new SecureRandom();

    @Override
    public String get() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
