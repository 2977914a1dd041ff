package dev.influxtokenbot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The settings of approvals, the store and the audit channel. */
class ApprovalAndStorageSettingsTest {
    private static final String PASSWORD = "s3cret-Pa55word-in-url";

    private static Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("SLACK_BOT_TOKEN", "xoxb-1111-2222-botToken");
        environment.put("SLACK_SIGNING_SECRET", "signingSecretValue");
        environment.put("INFLUX_ACCOUNT_ID", "11111111-1111-4111-8111-111111111111");
        environment.put("INFLUX_CLUSTER_ID", "22222222-2222-4222-8222-222222222222");
        environment.put("INFLUX_MANAGEMENT_TOKEN", "managementToken");
        environment.put("ALLOWED_USERS", "U012AB3CD");
        return environment;
    }

    private static InvalidSettingsException failure(Map<String, String> environment) {
        return catchThrowableOfType(
                InvalidSettingsException.class, () -> Settings.fromEnvironment(environment));
    }

    @Test
    void defaults_selfModeEmbeddedStoreInDataAndNoAuditChannel() throws Exception {
        Settings settings = Settings.fromEnvironment(environment());

        assertThat(settings.approvals().twoPerson()).isFalse();
        assertThat(settings.approvals().approvers()).isEmpty();
        assertThat(settings.approvals().approvalChannel()).isNull();
        assertThat(settings.approvals().ttl()).isEqualTo(Duration.ofMinutes(30));
        assertThat(settings.storage()).isEqualTo(new Settings.Embedded(Path.of("data")));
        assertThat(settings.auditChannelIfSet()).isEmpty();
    }

    @Test
    void twoPersonMode_withApproversChannelsAndTtl_isRead() throws Exception {
        Map<String, String> environment = environment();
        environment.put("APPROVAL_MODE", "Two-Person");
        environment.put("APPROVERS", "U0AAA1111, W0BBB2222");
        environment.put("APPROVAL_CHANNEL", "C0SECOPS1");
        environment.put("APPROVAL_TTL", "45m");
        environment.put("AUDIT_CHANNEL", "G0AUDIT01");
        environment.put("DATA_DIR", "/var/lib/influx-token-bot");

        Settings settings = Settings.fromEnvironment(environment);

        assertThat(settings.approvals())
                .isEqualTo(
                        new Settings.Approvals(
                                true,
                                Set.of("U0AAA1111", "W0BBB2222"),
                                "C0SECOPS1",
                                Duration.ofMinutes(45)));
        assertThat(settings.auditChannel()).isEqualTo("G0AUDIT01");
        assertThat(settings.storage())
                .isEqualTo(new Settings.Embedded(Path.of("/var/lib/influx-token-bot")));
    }

    @ParameterizedTest
    @CsvSource({"90s, PT1M30S", "2h, PT2H", "PT10M, PT10M", "1 m, PT1M", "24h, PT24H"})
    void approvalTtl_shortAndIsoForms_areRead(String text, String expected) throws Exception {
        Map<String, String> environment = environment();
        environment.put("APPROVAL_TTL", text);

        assertThat(Settings.fromEnvironment(environment).approvals().ttl())
                .isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"30", "30 minutes", "59s", "25h", "-5m", "forever"})
    void approvalTtl_outOfRangeOrUnreadable_namesTheVariable(String text) {
        Map<String, String> environment = environment();
        environment.put("APPROVAL_TTL", text);

        assertThat(failure(environment).problems())
                .singleElement()
                .asString()
                .startsWith("APPROVAL_TTL must be a duration from 1 minute to 24 hours");
    }

    @Test
    void unknownApprovalModeAndBadChannelsAndApprovers_areAllNamedAtOnce() {
        Map<String, String> environment = environment();
        environment.put("APPROVAL_MODE", "four-eyes");
        environment.put("APPROVAL_CHANNEL", "#secops");
        environment.put("AUDIT_CHANNEL", "D0123DM");
        environment.put("APPROVERS", "alice");

        assertThat(failure(environment).problems())
                .anyMatch(p -> p.startsWith("APPROVAL_MODE must be self or two-person"))
                .anyMatch(p -> p.startsWith("APPROVAL_CHANNEL must be a Slack channel id"))
                .anyMatch(p -> p.startsWith("AUDIT_CHANNEL must be a Slack channel id"))
                .anyMatch(p -> p.startsWith("APPROVERS must list Slack user ids"))
                .hasSize(4);
    }

    @Test
    void databaseUrlInHerokusForm_becomesJdbcWithSeparateCredentialsAndSsl() throws Exception {
        Map<String, String> environment = environment();
        environment.put(
                "DATABASE_URL", "postgres://bot%40ops:" + PASSWORD + "@db.example.com:6543/tokens");

        Settings.Postgres postgres =
                (Settings.Postgres) Settings.fromEnvironment(environment).storage();

        assertThat(postgres.jdbcUrl().reveal())
                .isEqualTo("jdbc:postgresql://db.example.com:6543/tokens?sslmode=require");
        assertThat(postgres.user()).isEqualTo("bot@ops");
        assertThat(postgres.password().reveal()).isEqualTo(PASSWORD);
        assertThat(postgres.where()).isEqualTo("db.example.com:6543/tokens");
        assertThat(postgres.toString()).doesNotContain(PASSWORD);
    }

    @Test
    void databaseUrlOnLoopbackWithoutPort_defaultsThePortAndLeavesSslAlone() throws Exception {
        Map<String, String> environment = environment();
        environment.put("DATABASE_URL", "postgresql://bot@localhost/tokens?connectTimeout=5");

        Settings.Postgres postgres =
                (Settings.Postgres) Settings.fromEnvironment(environment).storage();

        assertThat(postgres.jdbcUrl().reveal())
                .isEqualTo("jdbc:postgresql://localhost:5432/tokens?connectTimeout=5");
        assertThat(postgres.password()).isNull();
    }

    @Test
    void jdbcDatabaseUrl_isUsedAsGivenAndLoggedWithoutItsQuery() throws Exception {
        Map<String, String> environment = environment();
        String jdbcUrl = "jdbc:postgresql://db.internal:5432/tokens?user=bot&password=" + PASSWORD;
        environment.put("DATABASE_URL", jdbcUrl);

        Settings settings = Settings.fromEnvironment(environment);

        Settings.Postgres postgres = (Settings.Postgres) settings.storage();
        assertThat(postgres.jdbcUrl().reveal()).isEqualTo(jdbcUrl);
        assertThat(postgres.where()).isEqualTo("db.internal:5432/tokens");
        assertThat(settings.toString()).doesNotContain(PASSWORD);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "mysql://bot:" + PASSWORD + "@db/tokens",
                "postgres://bot:" + PASSWORD + "@db",
                "postgres://bot:" + PASSWORD + "@/tokens",
                "not a url with " + PASSWORD
            })
    void databaseUrl_unusable_isRefusedWithoutRepeatingIt(String url) {
        Map<String, String> environment = environment();
        environment.put("DATABASE_URL", url);

        InvalidSettingsException failure = failure(environment);

        assertThat(failure.problems()).singleElement().asString().startsWith("DATABASE_URL ");
        assertThat(failure.getMessage()).doesNotContain(PASSWORD);
    }
}
