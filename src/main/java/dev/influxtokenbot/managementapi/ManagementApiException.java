package dev.influxtokenbot.managementapi;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A Management API call that did not give the answer it should. It names the API operation and says
 * whether an answer came at all; it never carries the request's headers.
 */
public final class ManagementApiException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the call failed. */
    public enum Failure {
        /** No answer within the request timeout. */
        TIMEOUT,
        /** The connection could not be made or broke. */
        UNREACHABLE,
        /** The API answered with a status the operation does not succeed with. */
        STATUS,
        /** The API answered with a success status but a body that is not what the API returns. */
        UNREADABLE
    }

    private final String operation;
    private final Failure failure;
    private final int status;
    private final transient Duration retryAfter;

    private ManagementApiException(
            String operation,
            Failure failure,
            int status,
            Duration retryAfter,
            String detail,
            Throwable cause) {
        super(operation + " failed: " + detail, cause);
        this.operation = operation;
        this.failure = failure;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    static ManagementApiException timeout(String operation, Throwable cause) {
        return new ManagementApiException(
                operation, Failure.TIMEOUT, 0, null, "no answer in time", cause);
    }

    static ManagementApiException unreachable(String operation, Throwable cause) {
        String detail = "connection failed (" + cause.getClass().getSimpleName() + ")";
        return new ManagementApiException(operation, Failure.UNREACHABLE, 0, null, detail, cause);
    }

    static ManagementApiException status(
            String operation, int status, String apiMessage, Duration retryAfter) {
        String detail = "HTTP " + status + (apiMessage.isEmpty() ? "" : " (" + apiMessage + ")");
        return new ManagementApiException(
                operation, Failure.STATUS, status, retryAfter, detail, null);
    }

    static ManagementApiException unreadable(String operation, int status, Throwable cause) {
        String detail = "HTTP " + status + " with a body that is not a database token";
        return new ManagementApiException(
                operation, Failure.UNREADABLE, status, null, detail, cause);
    }

    /** The API's own name of the operation, such as {@code DeleteDatabaseToken}. */
    public String operation() {
        return operation;
    }

    public Failure failure() {
        return failure;
    }

    /** The HTTP status the API answered with, if it answered. */
    public OptionalInt status() {
        return status == 0 ? OptionalInt.empty() : OptionalInt.of(status);
    }

    /** How long the API asked us to wait before trying again, if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** True when the API refused the management token itself (401 or 403). */
    public boolean isCredentialRejected() {
        return status == 401 || status == 403;
    }

    /** True when trying the same read again may succeed. */
    public boolean isTransient() {
        return switch (failure) {
            case TIMEOUT, UNREACHABLE -> true;
            case UNREADABLE -> false;
            case STATUS -> status == 429 || status >= 500;
        };
    }
}
