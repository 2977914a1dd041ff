package dev.influxtokenbot.managementapi;

import static dev.influxtokenbot.testing.FakeManagementApi.ACCOUNT_ID;
import static dev.influxtokenbot.testing.FakeManagementApi.CLUSTER_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import dev.influxtokenbot.testing.FakeManagementApi;
import dev.influxtokenbot.testing.FakeManagementApi.Fault;
import dev.influxtokenbot.testing.FakeManagementApi.Recorded;
import dev.influxtokenbot.testing.FakeManagementApi.StoredToken;
import dev.influxtokenbot.testing.MutableClock;
import dev.influxtokenbot.testing.Resources;
import dev.influxtokenbot.testing.TestSecrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Holds the client and the fake Management API to the OpenAPI description of the real API in the
 * test resources: the client calls only operations the spec has, under the spec's names, and the
 * fake answers them only with statuses and bodies the spec allows.
 *
 * <p>Bodies are validated strictly: every object schema of the spec is read as if it also said
 * {@code unevaluatedProperties: false}, so a field the spec does not name, such as a snake_case
 * {@code created_at}, fails as surely as a missing required one. Formats (uuid, date-time) are
 * asserted, not just noted.
 */
class OpenApiContractTest {
    private static final String SPEC_RESOURCE =
            "reference/influxdb-cloud-dedicated-management-openapi.yml";

    /** The name the validator knows the spec by; it is handed the text, never fetches it. */
    private static final String SPEC_IRI = "urn:influx-token-bot:management-openapi";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode SPEC = readSpec();
    private static final SchemaRegistry SCHEMAS = strictSchemas(SPEC);

    private static final String TOKENS = "/accounts/{accountId}/clusters/{clusterId}/tokens";
    private static final String TOKEN = TOKENS + "/{tokenId}";
    private static final String ERROR = "/components/schemas/Error";

    private static final UUID ACTIVE = UUID.fromString("55555555-5555-4555-8555-555555555555");
    private static final UUID REVOKED = UUID.fromString("66666666-6666-4666-8666-666666666666");
    private static final UUID BARE = UUID.fromString("77777777-7777-4777-8777-777777777777");
    private static final UUID UNKNOWN = UUID.fromString("88888888-8888-4888-8888-888888888888");
    private static final Instant NOW = Instant.parse("2026-12-03T09:00:00Z");

    private final HttpClient http = HttpClient.newHttpClient();
    private FakeManagementApi api;

    @BeforeEach
    void start() throws IOException {
        api = new FakeManagementApi(new MutableClock(NOW));
        api.putToken(
                new StoredToken(
                        ACTIVE,
                        "Limited Access Token",
                        List.of(
                                FakeManagementApi.Permission.read("DatabaseOne"),
                                FakeManagementApi.Permission.write("*")),
                        Instant.parse("2023-12-21T17:32:28Z"),
                        Instant.parse("2027-01-01T00:00:00Z"),
                        null));
        api.putToken(
                new StoredToken(
                        REVOKED,
                        "Full Access Token",
                        List.of(FakeManagementApi.Permission.write("*")),
                        Instant.parse("2024-03-02T04:20:19Z"),
                        Instant.parse("2026-12-31T00:00:00Z"),
                        Instant.parse("2026-11-30T17:45:12Z")));
        api.putToken(
                new StoredToken(
                        BARE, "", List.of(), Instant.parse("2024-03-02T04:20:19Z"), null, null));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    // ---- the client's requests ----

    @Test
    void clientRequests_matchedToTheSpecByMethodAndPath_haveTheOperationIdsTheClientNames() {
        ManagementApiClient client = client();
        api.failNext("GET", Fault.status(400), 2);
        api.failNext("DELETE", Fault.status(400));

        List<String> named =
                List.of(
                        operationOf(() -> client.getDatabaseTokens()),
                        operationOf(() -> client.getDatabaseToken(ACTIVE)),
                        operationOf(() -> client.deleteDatabaseToken(ACTIVE)));

        List<String> specified =
                api.requests().stream().map(OpenApiContractTest::operationId).toList();
        assertThat(specified)
                .containsExactly("GetDatabaseTokens", "GetDatabaseToken", "DeleteDatabaseToken");
        assertThat(named).isEqualTo(specified);
        assertThat(api.requests())
                .extracting(OpenApiContractTest::template)
                .containsExactly(TOKENS, TOKEN, TOKEN);
    }

    @Test
    void clientRequests_pathParameters_areTheSpecsAndAreUuids() throws Exception {
        ManagementApiClient client = client();

        client.getDatabaseTokens();
        client.getDatabaseToken(ACTIVE);
        client.deleteDatabaseToken(ACTIVE);

        Pattern uuid = Pattern.compile("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");
        assertThat(api.requests()).hasSize(3);
        for (Recorded request : api.requests()) {
            String template = template(request);
            JsonNode parameters = operation(request.method(), template).path("parameters");
            Map<String, String> values = pathParameters(template, request.path());
            assertThat(values.keySet())
                    .containsExactlyInAnyOrderElementsOf(texts(parameters.findValues("name")));
            assertThat(parameters)
                    .allSatisfy(p -> assertThat(p.path("in").asText()).isEqualTo("path"))
                    .allSatisfy(
                            p ->
                                    assertThat(p.path("schema").path("$ref").asText())
                                            .isEqualTo("#/components/schemas/UuidV4"));
            assertThat(values.values()).allMatch(value -> uuid.matcher(value).matches());
        }
    }

    // ---- the fake's answers ----

    @ParameterizedTest
    @MethodSource("fakeAnswers")
    void fakeAnswer_toARequestOnTheClientsOperations_isOneTheSpecAllows(Exchange exchange) {
        HttpResponse<String> response = send(exchange);

        String template = template(api.requests().get(0));
        JsonNode responses = operation(exchange.method(), template).path("responses");
        String status = Integer.toString(response.statusCode());
        assertThat(response.statusCode()).isEqualTo(exchange.expectedStatus());
        assertThat(responses.has(status)).as("%s lists %s", template, status).isTrue();
        assertThat(violations(response.body(), bodySchema(exchange.method(), template, status)))
                .isEmpty();
        if (response.statusCode() >= 400) {
            assertThat(violations(response.body(), ERROR)).isEmpty();
        }
    }

    static Stream<Named<Exchange>> fakeAnswers() {
        String tokens = "/accounts/" + ACCOUNT_ID + "/clusters/" + CLUSTER_ID + "/tokens";
        String otherAccount = "/accounts/" + UNKNOWN + "/clusters/" + CLUSTER_ID + "/tokens";
        String badAccount = "/accounts/not-a-uuid/clusters/" + CLUSTER_ID + "/tokens";
        return Stream.of(
                named("list", "GET", tokens, true, 200),
                named("get active", "GET", tokens + "/" + ACTIVE, true, 200),
                named("get revoked", "GET", tokens + "/" + REVOKED, true, 200),
                named("get bare", "GET", tokens + "/" + BARE, true, 200),
                named("revoke", "DELETE", tokens + "/" + ACTIVE, true, 204),
                named("revoke revoked", "DELETE", tokens + "/" + REVOKED, true, 204),
                named("get unknown", "GET", tokens + "/" + UNKNOWN, true, 404),
                named("revoke unknown", "DELETE", tokens + "/" + UNKNOWN, true, 404),
                named("list other account", "GET", otherAccount, true, 404),
                named("list wrong token", "GET", tokens, false, 401),
                named("get wrong token", "GET", tokens + "/" + ACTIVE, false, 401),
                named("revoke wrong token", "DELETE", tokens + "/" + ACTIVE, false, 401),
                named("list malformed account", "GET", badAccount, true, 400),
                named("get malformed id", "GET", tokens + "/not-a-uuid", true, 400),
                named("revoke malformed id", "DELETE", tokens + "/not-a-uuid", true, 400));
    }

    @Test
    void fakeTokenFields_areExactlyThePropertiesTheSpecNames() {
        JsonNode token = readJson(send(new Exchange("GET", tokenPath(REVOKED), true, 200)).body());
        JsonNode listed = readJson(send(new Exchange("GET", tokenPath(null), true, 200)).body());
        JsonNode error = readJson(send(new Exchange("GET", tokenPath(UNKNOWN), true, 404)).body());

        JsonNode tokenSchema = successSchema(TOKEN);
        JsonNode itemSchema = successSchema(TOKENS).path("items");
        assertThat(names(token)).isEqualTo(names(tokenSchema.path("properties")));
        assertThat(listed)
                .hasSize(3)
                .allSatisfy(
                        item ->
                                assertThat(names(item))
                                        .isSubsetOf(names(itemSchema.path("properties")))
                                        .containsAll(texts(itemSchema.path("required"))));
        assertThat(names(token.path("permissions").get(0)))
                .isEqualTo(names(at("/components/schemas/DatabaseTokenPermission/properties")));
        assertThat(names(error)).isEqualTo(names(at(ERROR + "/properties")));
        assertThat(names(token)).allMatch(name -> name.matches("[a-z]+([A-Z][a-z]*)*"));
    }

    // ---- the check itself ----

    @Test
    void strictCheck_tokenWithSnakeCaseCreatedAt_fails() {
        ObjectNode token = fakeToken(ACTIVE);
        token.set("created_at", token.remove("createdAt"));

        List<String> violations = violations(token.toString(), successPointer(TOKEN));

        assertThat(violations)
                .anySatisfy(v -> assertThat(v).contains("createdAt"))
                .anySatisfy(v -> assertThat(v).contains("created_at"));
    }

    @Test
    void strictCheck_tokenWithAnExtraSnakeCaseField_fails() {
        ObjectNode token = fakeToken(ACTIVE);
        token.put("revoked_at", "2026-11-30T17:45:12Z");

        List<String> violations = violations(token.toString(), successPointer(TOKEN));

        assertThat(violations).singleElement().asString().contains("revoked_at");
    }

    @Test
    void strictCheck_tokenWithoutARequiredFieldOrWithAMalformedDate_fails() {
        ObjectNode withoutPermissions = fakeToken(ACTIVE);
        withoutPermissions.remove("permissions");
        ObjectNode badDate = fakeToken(ACTIVE).put("expiresAt", "next tuesday");

        List<String> missing = violations(withoutPermissions.toString(), successPointer(TOKEN));
        List<String> malformed = violations(badDate.toString(), successPointer(TOKEN));

        assertThat(missing).singleElement().asString().contains("permissions");
        assertThat(malformed).singleElement().asString().contains("expiresAt");
    }

    @Test
    void strictCheck_errorBodyWithAnotherStatusCode_failsThatStatusSchema() {
        String body = "{\"code\":500,\"message\":\"internal server error\"}";

        List<String> as404 = violations(body, bodySchema("GET", TOKEN, "404"));
        List<String> asError = violations(body, ERROR);

        assertThat(as404).isNotEmpty();
        assertThat(asError).isEmpty();
    }

    @Test
    void strictCheck_explicitNullDates_failAsTheSpecTypesThemAsStrings() {
        api.writeAbsentDatesAsNull();

        String body = send(new Exchange("GET", tokenPath(BARE), true, 200)).body();

        assertThat(violations(body, successPointer(TOKEN)))
                .anySatisfy(v -> assertThat(v).contains("expiresAt"))
                .anySatisfy(v -> assertThat(v).contains("revokedAt"));
    }

    // ---- the spec ----

    private static JsonNode readSpec() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(Resources.read(SPEC_RESOURCE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The spec with every object schema closed to properties it does not name. */
    private static SchemaRegistry strictSchemas(JsonNode spec) {
        JsonNode strict = spec.deepCopy();
        closeObjects(strict);
        SchemaRegistryConfig config =
                SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
        return SchemaRegistry.withDefaultDialect(
                Dialects.getOpenApi31(),
                builder ->
                        builder.schemaRegistryConfig(config)
                                .schemas(Map.of(SPEC_IRI, strict.toString())));
    }

    private static void closeObjects(JsonNode node) {
        if (node instanceof ObjectNode object
                && object.path("properties").isObject()
                && !object.has("additionalProperties")
                && !object.has("unevaluatedProperties")) {
            object.put("unevaluatedProperties", false);
        }
        node.forEach(OpenApiContractTest::closeObjects);
    }

    /** The server URL's path, {@code /api/v0}, that the spec's paths are relative to. */
    private static String serverBase() {
        JsonNode server = SPEC.path("servers").get(0);
        String url = server.path("url").asText();
        for (Map.Entry<String, JsonNode> variable : server.path("variables").properties()) {
            String value = variable.getValue().path("default").asText();
            url = url.replace("{" + variable.getKey() + "}", value);
        }
        return URI.create(url).getPath();
    }

    private static String pathWithoutServerBase(String path) {
        assertThat(path).startsWith(serverBase() + "/");
        return path.substring(serverBase().length());
    }

    /** The one path template of the spec that {@code path} (with the server base) matches. */
    private static String templateOf(String path) {
        String relative = pathWithoutServerBase(path);
        List<String> matching = new ArrayList<>();
        SPEC.path("paths")
                .fieldNames()
                .forEachRemaining(
                        template -> {
                            if (templatePattern(template).matcher(relative).matches()) {
                                matching.add(template);
                            }
                        });
        assertThat(matching).as("spec paths matching %s", path).hasSize(1);
        return matching.get(0);
    }

    /** The values of the template's {@code {name}} parts in {@code path}, by name. */
    private static Map<String, String> pathParameters(String template, String path) {
        Matcher names = Pattern.compile("\\{(\\w+)\\}").matcher(template);
        Matcher values = templatePattern(template).matcher(pathWithoutServerBase(path));
        assertThat(values.matches()).isTrue();
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int group = 1; names.find(); group++) {
            parameters.put(names.group(1), values.group(group));
        }
        return parameters;
    }

    /** Paths here hold only letters, slashes and braced names: nothing else needs quoting. */
    private static Pattern templatePattern(String template) {
        return Pattern.compile(template.replaceAll("\\{\\w+\\}", "([^/]+)"));
    }

    private static String template(Recorded request) {
        return templateOf(request.path());
    }

    private static JsonNode operation(String method, String template) {
        JsonNode operation =
                SPEC.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
        assertThat(operation.isObject()).as("spec has %s %s", method, template).isTrue();
        return operation;
    }

    private static String operationId(Recorded request) {
        return operation(request.method(), template(request)).path("operationId").asText();
    }

    private static JsonNode successSchema(String template) {
        return at(successPointer(template));
    }

    private static String successPointer(String template) {
        return bodySchema("GET", template, "200");
    }

    /**
     * Where the schema of the body for {@code status} is, or null when the spec gives that answer
     * no body: inline in the operation for a success, behind the operation's {@code $ref} into
     * {@code components/responses} for an error.
     */
    private static String bodySchema(String method, String template, String status) {
        String verb = method.toLowerCase(Locale.ROOT);
        String response = pointer("paths", template, verb, "responses", status);
        String ref = at(response).path("$ref").asText("");
        if (at(response).path("content").isMissingNode() && ref.startsWith("#")) {
            response = ref.substring(1);
        }
        String schema = response + pointer("content", "application/json", "schema");
        return at(schema).isMissingNode() ? null : schema;
    }

    private static JsonNode at(String pointer) {
        return SPEC.at(pointer);
    }

    /** A JSON pointer, each token escaped as RFC 6901 says. */
    private static String pointer(String... tokens) {
        StringBuilder pointer = new StringBuilder();
        for (String token : tokens) {
            pointer.append('/').append(token.replace("~", "~0").replace("/", "~1"));
        }
        return pointer.toString();
    }

    /** What the strict spec finds wrong with {@code body}; a null schema means "no body". */
    private static List<String> violations(String body, String schemaPointer) {
        if (schemaPointer == null) {
            return body.isEmpty() ? List.of() : List.of("a body where the spec has none: " + body);
        }
        Schema schema =
                SCHEMAS.getSchema(SchemaLocation.of(SPEC_IRI + "#" + fragment(schemaPointer)));
        return schema.validate(body, InputFormat.JSON).stream().map(Object::toString).toList();
    }

    /** A JSON pointer as a URI fragment: braces are not allowed there as they are. */
    private static String fragment(String pointer) {
        return pointer.replace("{", "%7B").replace("}", "%7D");
    }

    // ---- the fake and the client ----

    private ManagementApiClient client() {
        return new ManagementApiClient(
                api.baseUrl(),
                ACCOUNT_ID,
                CLUSTER_ID,
                TestSecrets.MANAGEMENT_TOKEN,
                new ClientOptions(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(10))));
    }

    private HttpResponse<String> send(Exchange exchange) {
        String token = exchange.rightToken() ? TestSecrets.MANAGEMENT_TOKEN : "TEST-wrong-token";
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(api.baseUrl() + exchange.path()))
                        .method(exchange.method(), HttpRequest.BodyPublishers.noBody())
                        .header("Accept", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode fakeToken(UUID id) {
        return (ObjectNode) readJson(send(new Exchange("GET", tokenPath(id), true, 200)).body());
    }

    private static String tokenPath(UUID id) {
        String tokens = "/accounts/" + ACCOUNT_ID + "/clusters/" + CLUSTER_ID + "/tokens";
        return id == null ? tokens : tokens + "/" + id;
    }

    private static String operationOf(Call call) {
        ManagementApiException e = catchThrowableOfType(ManagementApiException.class, call::run);
        assertThat(e).as("the call's failure").isNotNull();
        return e.operation();
    }

    private static JsonNode readJson(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static List<String> texts(List<JsonNode> nodes) {
        return nodes.stream().map(JsonNode::asText).toList();
    }

    private static Named<Exchange> named(
            String name, String method, String path, boolean rightToken, int expectedStatus) {
        return Named.of(name, new Exchange(method, path, rightToken, expectedStatus));
    }

    /**
     * A request sent straight to the fake.
     *
     * @param path below the fake's base URL
     * @param rightToken whether it carries the management token the fake expects
     */
    record Exchange(String method, String path, boolean rightToken, int expectedStatus) {}

    @FunctionalInterface
    private interface Call {
        void run() throws Exception;
    }
}
