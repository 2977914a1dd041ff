package dev.influxtokenbot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks the Slack app manifests in {@code slack/} against Slack's own JSON Schema, and for what
 * the bot needs from them, so that a manifest pasted into Slack creates an app the bot can serve.
 */
class SlackAppManifestTest {
    private static final String HTTP = "slack/app-manifest.yml";
    private static final String SOCKET_MODE = "slack/app-manifest.socket-mode.yml";
    private static final String SCHEMA = "/reference/slack/app-manifest.schema.1.0.0.json";

    private static final YAMLMapper YAML = new YAMLMapper();

    private static Schema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream json = SlackAppManifestTest.class.getResourceAsStream(SCHEMA)) {
            assertThat(json).as("schema %s on the test classpath", SCHEMA).isNotNull();
            schema = SchemaRegistry.withDialect(slackDraft7()).getSchema(json, InputFormat.JSON);
        }
    }

    /**
     * Draft-07 plus two keywords of Slack's that check nothing: {@code _note} is a remark, and
     * {@code regex} (on {@code background_color}) is not a JSON Schema keyword, so that color's
     * format goes unchecked here, as it would with any draft-07 validator. Naming them keeps the
     * validator from warning about them in every build.
     */
    private static Dialect slackDraft7() {
        return Dialect.builder(Dialects.getDraft7())
                .keyword(new NonValidationKeyword("_note"))
                .keyword(new NonValidationKeyword("regex"))
                .build();
    }

    @ParameterizedTest
    @ValueSource(strings = {HTTP, SOCKET_MODE})
    void manifest_checkedAgainstSlackSchema_hasNoErrors(String path) throws IOException {
        JsonNode manifest = read(path);

        List<String> errors = validate(manifest);

        assertThat(errors).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {HTTP, SOCKET_MODE})
    void manifest_slashCommands_areOnlyInfluxToken(String path) throws IOException {
        JsonNode commands = read(path).at("/features/slash_commands");

        assertThat(commands.findValuesAsText("command")).containsExactly("/influx-token");
        assertThat(commands.get(0).path("should_escape").asBoolean(true)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {HTTP, SOCKET_MODE})
    void manifest_interactivity_isEnabledForTheButtons(String path) throws IOException {
        JsonNode manifest = read(path);

        assertThat(manifest.at("/settings/interactivity/is_enabled").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {HTTP, SOCKET_MODE})
    void manifest_botScopes_areExactlyCommandsAndChatWrite(String path) throws IOException {
        JsonNode scopes = read(path).at("/oauth_config/scopes");

        assertThat(texts(scopes.path("bot"))).containsExactlyInAnyOrder("commands", "chat:write");
        assertThat(scopes.has("user")).as("user scopes").isFalse();
    }

    @Test
    void httpManifest_requestUrls_pointAtSlackEvents() throws IOException {
        JsonNode manifest = read(HTTP);

        assertThat(manifest.at("/features/slash_commands/0/url").asText())
                .startsWith("https://")
                .endsWith("/slack/events");
        assertThat(manifest.at("/settings/interactivity/request_url").asText())
                .startsWith("https://")
                .endsWith("/slack/events");
        assertThat(manifest.at("/settings/socket_mode_enabled").asBoolean(true)).isFalse();
    }

    @Test
    void socketModeManifest_settings_enableSocketModeWithoutUrls() throws IOException {
        JsonNode manifest = read(SOCKET_MODE);

        assertThat(manifest.at("/settings/socket_mode_enabled").asBoolean()).isTrue();
        assertThat(manifest.findValues("url")).isEmpty();
        assertThat(manifest.findValues("request_url")).isEmpty();
    }

    /** The two files describe one app; only how Slack reaches the bot may differ. */
    @Test
    void socketModeManifest_apartFromTransport_matchesHttpManifest() throws IOException {
        ObjectNode http = (ObjectNode) read(HTTP);
        ObjectNode socketMode = (ObjectNode) read(SOCKET_MODE);

        withoutTransport(http);
        withoutTransport(socketMode);

        assertThat(socketMode).isEqualTo(http);
    }

    /** Proves the schema check can fail, so the test above does not pass for want of rules. */
    @Test
    void schema_manifestWithoutDisplayInformation_isRejected() throws IOException {
        ObjectNode manifest = (ObjectNode) read(HTTP);
        manifest.remove("display_information");

        List<String> errors = validate(manifest);

        assertThat(errors).singleElement().asString().contains("display_information");
    }

    @Test
    void schema_misspelledSetting_isRejected() throws IOException {
        ObjectNode manifest = (ObjectNode) read(HTTP);
        ObjectNode settings = (ObjectNode) manifest.get("settings");
        settings.set("socket_mode_enable", settings.remove("socket_mode_enabled"));

        List<String> errors = validate(manifest);

        assertThat(errors).singleElement().asString().contains("socket_mode_enable");
    }

    /** Tests run in the project's root folder, where {@code slack/} is. */
    private static JsonNode read(String path) throws IOException {
        return YAML.readTree(Path.of(path).toFile());
    }

    /**
     * The validator reads its input with Jackson 3, so the manifest crosses over as JSON text; that
     * way the tree checked here is the very one the other tests look at.
     */
    private static List<String> validate(JsonNode manifest) {
        return schema.validate(manifest.toString(), InputFormat.JSON).stream()
                .map(error -> error.toString())
                .toList();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static void withoutTransport(ObjectNode manifest) {
        manifest.at("/features/slash_commands")
                .forEach(command -> ((ObjectNode) command).remove("url"));
        ((ObjectNode) manifest.at("/settings/interactivity")).remove("request_url");
        ((ObjectNode) manifest.get("settings")).remove("socket_mode_enabled");
    }
}
