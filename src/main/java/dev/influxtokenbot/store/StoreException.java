package dev.influxtokenbot.store;

/** The database did not do what the store asked; the message names the operation. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StoreException(String operation, Throwable cause) {
        super("request store failed to " + operation + ": " + cause.getMessage(), cause);
    }
}
