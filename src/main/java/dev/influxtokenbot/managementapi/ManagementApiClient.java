package dev.influxtokenbot.managementapi;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speaks to the database-token endpoints of the InfluxDB Cloud Dedicated Management API for one
 * account and cluster. Thread-safe; one instance serves the whole bot.
 *
 * <p>Paths are built only from UUIDs, so no caller's text can change which URL is called.
 */
public final class ManagementApiClient {
    private static final Logger log = LoggerFactory.getLogger(ManagementApiClient.class);

    private static final ObjectMapper JSON =
            JsonMapper.builder()
                    .addModule(new JavaTimeModule())
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .build();
    private static final TypeReference<List<DatabaseToken>> TOKEN_LIST = new TypeReference<>() {};
    private static final int MAX_API_MESSAGE = 200;

    private final HttpClient http;
    private final URI tokensUrl;
    private final String managementToken;
    private final String authorization;
    private final ClientOptions options;
    private final Sleeper sleeper;

    public ManagementApiClient(
            URI baseUrl,
            UUID accountId,
            UUID clusterId,
            String managementToken,
            ClientOptions options) {
        this(baseUrl, accountId, clusterId, managementToken, options, Thread::sleep);
    }

    ManagementApiClient(
            URI baseUrl,
            UUID accountId,
            UUID clusterId,
            String managementToken,
            ClientOptions options,
            Sleeper sleeper) {
        String base = baseUrl.toString().replaceAll("/+$", "");
        this.tokensUrl =
                URI.create(base + "/accounts/" + accountId + "/clusters/" + clusterId + "/tokens");
        this.managementToken = Objects.requireNonNull(managementToken, "managementToken");
        this.authorization = "Bearer " + managementToken;
        this.options = options;
        this.sleeper = sleeper;
        this.http =
                HttpClient.newBuilder()
                        .connectTimeout(options.connectTimeout())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .version(HttpClient.Version.HTTP_1_1)
                        .build();
    }

    /** All database tokens of the cluster, revoked ones included ({@code GetDatabaseTokens}). */
    public List<DatabaseToken> getDatabaseTokens() throws ManagementApiException {
        String operation = "GetDatabaseTokens";
        HttpResponse<byte[]> response =
                withRetries(operation, () -> send(operation, get(tokensUrl)));
        expectStatus(operation, response, 200);
        return parse(operation, response, TOKEN_LIST);
    }

    /** One database token, or empty when the API answers 404 ({@code GetDatabaseToken}). */
    public Optional<DatabaseToken> getDatabaseToken(UUID tokenId) throws ManagementApiException {
        String operation = "GetDatabaseToken";
        URI url = tokenUrl(tokenId);
        HttpResponse<byte[]> response = withRetries(operation, () -> send(operation, get(url)));
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        expectStatus(operation, response, 200);
        return Optional.of(parse(operation, response, new TypeReference<DatabaseToken>() {}));
    }

    /**
     * Revokes a database token: the API calls this {@code DeleteDatabaseToken} and answers 204.
     * Sent exactly once; when its answer is lost, the caller reads the token back to learn what
     * happened instead of sending it again.
     */
    public void deleteDatabaseToken(UUID tokenId) throws ManagementApiException {
        String operation = "DeleteDatabaseToken";
        HttpRequest request = request(tokenUrl(tokenId)).DELETE().build();
        expectStatus(operation, send(operation, request), 204);
    }

    private URI tokenUrl(UUID tokenId) {
        return URI.create(tokensUrl + "/" + Objects.requireNonNull(tokenId, "tokenId"));
    }

    private HttpRequest get(URI url) {
        return request(url).GET().build();
    }

    private HttpRequest.Builder request(URI url) {
        return HttpRequest.newBuilder(url)
                .timeout(options.requestTimeout())
                .header("Accept", "application/json")
                .header("Authorization", authorization);
    }

    private HttpResponse<byte[]> send(String operation, HttpRequest request)
            throws ManagementApiException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw ManagementApiException.timeout(operation, e);
        } catch (IOException e) {
            throw ManagementApiException.unreachable(operation, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ManagementApiException.unreachable(operation, e);
        }
    }

    /** Runs a read, trying again on failures that may pass, waiting longer each time. */
    private HttpResponse<byte[]> withRetries(String operation, Call call)
            throws ManagementApiException {
        RetryPolicy policy = options.reads();
        for (int attempt = 1; ; attempt++) {
            ManagementApiException failure;
            try {
                HttpResponse<byte[]> response = call.run();
                failure = transientStatus(operation, response);
                if (failure == null) {
                    return response;
                }
            } catch (ManagementApiException e) {
                failure = e;
            }
            Duration wait = waitBeforeRetry(policy, attempt, failure);
            if (wait == null) {
                throw failure;
            }
            log.info(
                    "operation={} attempt={} outcome=retrying waitMs={} reason=\"{}\"",
                    operation,
                    attempt,
                    wait.toMillis(),
                    failure.getMessage());
            pause(wait, failure);
        }
    }

    private ManagementApiException transientStatus(
            String operation, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status != 429 && status < 500) {
            return null;
        }
        return ManagementApiException.status(
                operation, status, apiMessage(response), retryAfter(response).orElse(null));
    }

    /** The wait before the next try, or null when the failure should be reported now. */
    private static Duration waitBeforeRetry(
            RetryPolicy policy, int attempt, ManagementApiException failure) {
        if (!failure.isTransient() || attempt >= policy.attempts()) {
            return null;
        }
        Duration backoff = policy.backoffAfter(attempt);
        Duration asked = failure.retryAfter().orElse(Duration.ZERO);
        if (asked.compareTo(policy.maxBackoff()) > 0) {
            return null;
        }
        return asked.compareTo(backoff) > 0 ? asked : backoff;
    }

    private void pause(Duration wait, ManagementApiException failure)
            throws ManagementApiException {
        try {
            sleeper.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }

    private void expectStatus(String operation, HttpResponse<byte[]> response, int expected)
            throws ManagementApiException {
        if (response.statusCode() != expected) {
            throw ManagementApiException.status(
                    operation,
                    response.statusCode(),
                    apiMessage(response),
                    retryAfter(response).orElse(null));
        }
    }

    private static <T> T parse(
            String operation, HttpResponse<byte[]> response, TypeReference<T> type)
            throws ManagementApiException {
        try {
            T value = JSON.readValue(response.body(), type);
            if (value == null) {
                throw ManagementApiException.unreadable(operation, response.statusCode(), null);
            }
            return value;
        } catch (IOException | RuntimeException e) {
            throw ManagementApiException.unreadable(operation, response.statusCode(), e);
        }
    }

    /**
     * The {@code message} of the API's {@code {code, message}} error body, shortened. It ends up in
     * logs, so the management token is cut out should the API echo it back.
     */
    private String apiMessage(HttpResponse<byte[]> response) {
        try {
            JsonNode body = JSON.readTree(response.body());
            String message = body == null ? "" : body.path("message").asText("");
            if (!managementToken.isEmpty()) {
                message = message.replace(managementToken, "[management token]");
            }
            return message.length() <= MAX_API_MESSAGE
                    ? message
                    : message.substring(0, MAX_API_MESSAGE) + "…";
        } catch (IOException e) {
            return "";
        }
    }

    /** {@code Retry-After} in seconds or as an HTTP date, as RFC 9110 allows. */
    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        Optional<String> header = response.headers().firstValue("Retry-After");
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get().strip();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
        } catch (NumberFormatException e) {
            return retryAfterDate(value);
        }
    }

    private static Optional<Duration> retryAfterDate(String value) {
        try {
            ZonedDateTime when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(ZonedDateTime.now(when.getZone()), when);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** One try of a read. */
    @FunctionalInterface
    private interface Call {
        HttpResponse<byte[]> run() throws ManagementApiException;
    }

    /** Waits between retries; tests replace it to keep time still. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }
}
