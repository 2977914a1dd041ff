package dev.influxtokenbot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsTest {
    private static final String BOT_TOKEN = "xoxb-1111-2222-botTokenSecretValue";
    private static final String SIGNING_SECRET = "signingSecretValue0123456789abcd";
    private static final String APP_TOKEN = "xapp-1-A0000-appTokenSecretValue";
    private static final String MANAGEMENT_TOKEN = "managementTokenSecretValue-0123";
    private static final String ACCOUNT_ID = "11111111-1111-4111-8111-111111111111";
    private static final String CLUSTER_ID = "22222222-2222-4222-8222-222222222222";

    /** Every variable an HTTP-mode bot needs, and none of the optional ones. */
    private static Map<String, String> httpEnvironment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("SLACK_BOT_TOKEN", BOT_TOKEN);
        environment.put("SLACK_SIGNING_SECRET", SIGNING_SECRET);
        environment.put("INFLUX_ACCOUNT_ID", ACCOUNT_ID);
        environment.put("INFLUX_CLUSTER_ID", CLUSTER_ID);
        environment.put("INFLUX_MANAGEMENT_TOKEN", MANAGEMENT_TOKEN);
        environment.put("ALLOWED_USERS", "U012AB3CD");
        return environment;
    }

    private static InvalidSettingsException failure(Map<String, String> environment) {
        return catchThrowableOfType(
                InvalidSettingsException.class, () -> Settings.fromEnvironment(environment));
    }

    @Test
    void fromEnvironment_completeHttpEnvironment_readsEveryValue() throws Exception {
        Map<String, String> environment = httpEnvironment();

        Settings settings = Settings.fromEnvironment(environment);

        assertThat(settings.slackBotToken().reveal()).isEqualTo(BOT_TOKEN);
        assertThat(settings.accountId()).isEqualTo(UUID.fromString(ACCOUNT_ID));
        assertThat(settings.clusterId()).isEqualTo(UUID.fromString(CLUSTER_ID));
        assertThat(settings.managementToken().reveal()).isEqualTo(MANAGEMENT_TOKEN);
        assertThat(settings.allowedUsers()).containsExactly("U012AB3CD");
        assertThat(settings.transport()).isInstanceOf(Settings.Http.class);
        Settings.Http http = (Settings.Http) settings.transport();
        assertThat(http.signingSecret().reveal()).isEqualTo(SIGNING_SECRET);
    }

    @Test
    void fromEnvironment_optionalValuesUnset_usesDefaults() throws Exception {
        Map<String, String> environment = httpEnvironment();

        Settings settings = Settings.fromEnvironment(environment);

        assertThat(((Settings.Http) settings.transport()).port()).isEqualTo(3000);
        assertThat(settings.slackApiUrl()).isEqualTo(URI.create("https://slack.com/api/"));
        assertThat(settings.managementApiUrl())
                .isEqualTo(URI.create("https://console.influxdata.com/api/v0"));
    }

    @Test
    void fromEnvironment_urlsWithOtherSlashes_normalizesTrailingSlash() throws Exception {
        Map<String, String> environment = httpEnvironment();
        environment.put("SLACK_API_URL", "http://127.0.0.1:8089/api");
        environment.put("INFLUX_MANAGEMENT_API_URL", "http://localhost:8090/api/v0//");

        Settings settings = Settings.fromEnvironment(environment);

        assertThat(settings.slackApiUrl()).isEqualTo(URI.create("http://127.0.0.1:8089/api/"));
        assertThat(settings.managementApiUrl())
                .isEqualTo(URI.create("http://localhost:8090/api/v0"));
    }

    @Test
    void fromEnvironment_portSet_usesIt() throws Exception {
        Map<String, String> environment = httpEnvironment();
        environment.put("PORT", "8080");

        Settings settings = Settings.fromEnvironment(environment);

        assertThat(((Settings.Http) settings.transport()).port()).isEqualTo(8080);
    }

    @Test
    void fromEnvironment_appTokenWithoutSigningSecret_choosesSocketMode() throws Exception {
        Map<String, String> environment = httpEnvironment();
        environment.remove("SLACK_SIGNING_SECRET");
        environment.put("SLACK_APP_TOKEN", APP_TOKEN);

        Settings settings = Settings.fromEnvironment(environment);

        assertThat(settings.transport()).isInstanceOf(Settings.SocketMode.class);
        Settings.SocketMode socketMode = (Settings.SocketMode) settings.transport();
        assertThat(socketMode.appToken().reveal()).isEqualTo(APP_TOKEN);
    }

    @Test
    void fromEnvironment_emptyEnvironment_listsEveryMissingVariable() {
        Map<String, String> environment = Map.of();

        InvalidSettingsException failure = failure(environment);

        assertThat(failure.problems()).hasSize(5);
        assertThat(failure.problems())
                .anySatisfy(problem -> assertThat(problem).startsWith("SLACK_BOT_TOKEN is not set"))
                .anySatisfy(
                        problem ->
                                assertThat(problem).startsWith("SLACK_SIGNING_SECRET is not set"))
                .anySatisfy(
                        problem -> assertThat(problem).startsWith("INFLUX_ACCOUNT_ID is not set"))
                .anySatisfy(
                        problem -> assertThat(problem).startsWith("INFLUX_CLUSTER_ID is not set"))
                .anySatisfy(
                        problem ->
                                assertThat(problem)
                                        .startsWith("INFLUX_MANAGEMENT_TOKEN is not set"));
    }

    @Test
    void fromEnvironment_blankValues_countAsUnset() {
        Map<String, String> environment = httpEnvironment();
        environment.put("SLACK_BOT_TOKEN", "   ");
        environment.put("INFLUX_CLUSTER_ID", "");

        InvalidSettingsException failure = failure(environment);

        assertThat(failure.problems())
                .hasSize(2)
                .anySatisfy(problem -> assertThat(problem).startsWith("SLACK_BOT_TOKEN is not set"))
                .anySatisfy(
                        problem -> assertThat(problem).startsWith("INFLUX_CLUSTER_ID is not set"));
    }

    @Test
    void fromEnvironment_severalProblems_listsThemAllInTheMessage() {
        Map<String, String> environment = httpEnvironment();
        environment.put("INFLUX_ACCOUNT_ID", "not-a-uuid");
        environment.put("PORT", "eighty");

        InvalidSettingsException failure = failure(environment);

        assertThat(failure.problems()).hasSize(2);
        assertThat(failure.getMessage())
                .contains("INFLUX_ACCOUNT_ID")
                .contains("not-a-uuid")
                .contains("PORT")
                .contains("eighty");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not-a-uuid",
                "11111111111141118111111111111111",
                "{11111111-1111-4111-8111-111111111111}",
                "11111111-1111-4111-8111-11111111111g",
                "1-1-1-1-1"
            })
    void fromEnvironment_accountIdNotUuid_namesTheVariableAndValue(String accountId) {
        Map<String, String> environment = httpEnvironment();
        environment.put("INFLUX_ACCOUNT_ID", accountId);

        InvalidSettingsException failure = failure(environment);

        assertThat(failure.problems())
                .singleElement()
                .asString()
                .startsWith("INFLUX_ACCOUNT_ID must be a UUID")
                .contains("'" + accountId + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"eighty", "-1", "65536", "3000.5", "99999999999", "+3000", "３０００"})
    void fromEnvironment_badPort_namesPort(String port) {
        Map<String, String> environment = httpEnvironment();
        environment.put("PORT", port);

        InvalidSettingsException failure = failure(environment);

        assertThat(failure.problems())
                .singleElement()
                .asString()
                .startsWith("PORT must be a number from 0 to 65535")
                .contains("'" + port + "'");
    }

    @Test
    void fromEnvironment_userTokenAsBotToken_refusesWithoutShowingIt() {
        String userToken = "xoxp-1111-2222-userTokenSecretValue";
        Map<String, String> environment = httpEnvironment();
        environment.put("SLACK_BOT_TOKEN", userToken);

        InvalidSettingsException failure = failure(environment);

        assertThat(failure.problems())
                .singleElement()
                .asString()
                .startsWith("SLACK_BOT_TOKEN must start with xoxb-")
                .doesNotContain(userToken)
                .doesNotContain("userTokenSecretValue");
        assertThat(failure.getMessage()).doesNotContain("userTokenSecretValue");
    }

    @Test
    void fromEnvironment_botTokenAsAppToken_refusesWithoutShowingIt() {
        Map<String, String> environment = httpEnvironment();
        environment.remove("SLACK_SIGNING_SECRET");
        environment.put("SLACK_APP_TOKEN", BOT_TOKEN);

        InvalidSettingsException failure = failure(environment);

        assertThat(failure.problems())
                .singleElement()
                .asString()
                .startsWith("SLACK_APP_TOKEN must start with xapp-")
                .doesNotContain("botTokenSecretValue");
        assertThat(failure.getMessage()).doesNotContain("botTokenSecretValue");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://slack.example.com/api/",
                "http://10.0.0.1/api/",
                "http://localhost.example.com/api/",
                "http://127.0.0.1.example.com/api/",
                "ftp://127.0.0.1/api/",
                "/api/"
            })
    void fromEnvironment_insecureSlackApiUrl_namesTheVariable(String url) {
        Map<String, String> environment = httpEnvironment();
        environment.put("SLACK_API_URL", url);

        InvalidSettingsException failure = failure(environment);

        assertThat(failure.problems())
                .singleElement()
                .asString()
                .startsWith("SLACK_API_URL must be an https URL");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1:8090/api/v0",
                "http://localhost:8090/api/v0",
                "http://[::1]:8090/api/v0",
                "https://console.example.com/api/v0"
            })
    void fromEnvironment_httpsOrLoopbackUrl_isAccepted(String url) throws Exception {
        Map<String, String> environment = httpEnvironment();
        environment.put("INFLUX_MANAGEMENT_API_URL", url);

        Settings settings = Settings.fromEnvironment(environment);

        assertThat(settings.managementApiUrl()).isEqualTo(URI.create(url));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://admin:urlPasswordValue@console.example.com/api/v0",
                "http://admin:urlPasswordValue@127.0.0.1:8090/api/v0",
                "https://admin:urlPasswordValue@console_1.example.com/api/v0",
                "https://urlPasswordValue@console.example.com/api/v0"
            })
    void fromEnvironment_urlWithUserOrPassword_refusesWithoutShowingThem(String url) {
        Map<String, String> environment = httpEnvironment();
        environment.put("INFLUX_MANAGEMENT_API_URL", url);

        InvalidSettingsException failure = failure(environment);

        assertThat(failure.problems())
                .singleElement()
                .asString()
                .startsWith("INFLUX_MANAGEMENT_API_URL must not contain a user name or password")
                .doesNotContain("urlPasswordValue");
        assertThat(failure.getMessage()).doesNotContain("urlPasswordValue");
    }

    @Test
    void fromEnvironment_urlWithQuery_namesTheVariableWithoutEchoingTheQuery() {
        Map<String, String> environment = httpEnvironment();
        environment.put("SLACK_API_URL", "https://slack.com/api/?token=secretInQuery");

        InvalidSettingsException failure = failure(environment);

        assertThat(failure.problems())
                .singleElement()
                .asString()
                .startsWith("SLACK_API_URL must not have a query or fragment")
                .doesNotContain("secretInQuery");
    }

    @Test
    void fromEnvironment_allowedUsersSeparatedByCommasAndSpaces_splitsThem() throws Exception {
        Map<String, String> environment = httpEnvironment();
        environment.put("ALLOWED_USERS", " U012AB3CD,U0ZZ9 ,  W123ABC\tU777,,U012AB3CD ");

        Settings settings = Settings.fromEnvironment(environment);

        assertThat(settings.allowedUsers())
                .containsExactlyInAnyOrder("U012AB3CD", "U0ZZ9", "W123ABC", "U777");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void fromEnvironment_allowedUsersEmpty_givesEmptyAllowlist(String allowedUsers)
            throws Exception {
        Map<String, String> environment = httpEnvironment();
        environment.put("ALLOWED_USERS", allowedUsers);

        Settings settings = Settings.fromEnvironment(environment);

        assertThat(settings.allowedUsers()).isEmpty();
    }

    @Test
    void fromEnvironment_allowedUsersUnset_givesEmptyAllowlist() throws Exception {
        Map<String, String> environment = httpEnvironment();
        environment.remove("ALLOWED_USERS");

        Settings settings = Settings.fromEnvironment(environment);

        assertThat(settings.allowedUsers()).isEmpty();
    }

    @Test
    void fromEnvironment_allowedUsersWithNames_listsEachBadEntry() {
        Map<String, String> environment = httpEnvironment();
        environment.put("ALLOWED_USERS", "U012AB3CD, bob, <@U999>, u123abc");

        InvalidSettingsException failure = failure(environment);

        assertThat(failure.problems())
                .singleElement()
                .asString()
                .startsWith("ALLOWED_USERS must list Slack user ids")
                .contains("'bob'", "'<@U999>'", "'u123abc'")
                .doesNotContain("'U012AB3CD'");
    }

    @Test
    void toString_httpSettings_showsNoSecretButTheIds() throws Exception {
        Settings settings = Settings.fromEnvironment(httpEnvironment());

        String text = settings.toString();

        assertThat(text).doesNotContain(BOT_TOKEN, SIGNING_SECRET, MANAGEMENT_TOKEN);
        assertThat(text).contains(CLUSTER_ID, ACCOUNT_ID, "[redacted]");
        assertThat(settings.transport().toString()).doesNotContain(SIGNING_SECRET).contains("3000");
    }

    @Test
    void toString_socketModeSettings_showsNoSecret() throws Exception {
        Map<String, String> environment = httpEnvironment();
        environment.remove("SLACK_SIGNING_SECRET");
        environment.put("SLACK_APP_TOKEN", APP_TOKEN);
        Settings settings = Settings.fromEnvironment(environment);

        String text = settings.toString();

        assertThat(text).doesNotContain(BOT_TOKEN, APP_TOKEN, MANAGEMENT_TOKEN);
        assertThat(text).contains(CLUSTER_ID);
        assertThat(settings.transport().toString()).doesNotContain(APP_TOKEN);
    }

    @Test
    void secret_toString_neverShowsTheValue() {
        Secret secret = Secret.of("plainSecretValue");

        String text = secret + " " + List.of(secret);

        assertThat(text).doesNotContain("plainSecretValue");
        assertThat(secret.reveal()).isEqualTo("plainSecretValue");
    }

    @Test
    void settings_missingPart_isRefusedByTheConstructor() {
        Settings.Http http = new Settings.Http(3000, Secret.of(SIGNING_SECRET));

        assertThatThrownBy(
                        () ->
                                new Settings(
                                        Secret.of(BOT_TOKEN),
                                        http,
                                        URI.create("https://slack.com/api/"),
                                        UUID.fromString(ACCOUNT_ID),
                                        null,
                                        Secret.of(MANAGEMENT_TOKEN),
                                        URI.create("https://console.influxdata.com/api/v0"),
                                        Set.of(),
                                        new Settings.Approvals(
                                                false, Set.of(), null, Duration.ofMinutes(30)),
                                        new Settings.Embedded(Path.of("data")),
                                        null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("clusterId");
    }
}
