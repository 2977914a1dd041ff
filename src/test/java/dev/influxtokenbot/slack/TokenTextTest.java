package dev.influxtokenbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.influxtokenbot.managementapi.DatabaseToken;
import dev.influxtokenbot.managementapi.Permission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TokenTextTest {
    private static final UUID ACCOUNT_ID = UUID.fromString("11111111-1111-4111-8111-111111111111");
    private static final UUID CLUSTER_ID = UUID.fromString("22222222-2222-4222-8222-222222222222");
    private static final UUID TOKEN_ID = UUID.fromString("55555555-abcd-4ef0-8123-456789abcdef");
    private static final Instant NOW = Instant.parse("2026-03-14T12:00:00Z");
    private static final Instant CREATED = Instant.parse("2026-01-02T08:00:00Z");

    /** Slack refuses a section whose text is longer than this. */
    private static final int SLACK_SECTION_TEXT_LIMIT = 3000;

    /** Slack refuses a section field whose text is longer than this. */
    private static final int SLACK_FIELD_TEXT_LIMIT = 2000;

    private static DatabaseToken token(
            String description,
            List<Permission> permissions,
            Instant expiresAt,
            Instant revokedAt) {
        return new DatabaseToken(
                ACCOUNT_ID,
                CLUSTER_ID,
                TOKEN_ID,
                description,
                permissions,
                CREATED,
                expiresAt,
                revokedAt);
    }

    /** The text of a token's section, put together as the token list does. */
    private static String sectionText(DatabaseToken token) {
        return TokenText.id(token)
                + "  *"
                + TokenText.description(token.description())
                + "*\n"
                + TokenText.permissions(token.permissions())
                + "\n"
                + TokenText.dates(token, NOW);
    }

    private static List<Permission> permissions(String action, int count) {
        List<Permission> permissions = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            permissions.add(new Permission(action, String.format("db%02d", i)));
        }
        return permissions;
    }

    @Test
    void id_token_givesTheIdAsCode() {
        DatabaseToken token = token("", List.of(), null, null);

        String id = TokenText.id(token);

        assertThat(id).isEqualTo("`55555555-abcd-4ef0-8123-456789abcdef`");
    }

    @Test
    void permissions_readOneWriteAll_groupsByAction() {
        List<Permission> permissions =
                List.of(new Permission("read", "DatabaseOne"), new Permission("write", "*"));

        String text = TokenText.permissions(permissions);

        assertThat(text).isEqualTo("read: DatabaseOne · write: *");
    }

    @Test
    void permissions_actionsInterleaved_collectsEachActionOnceInFirstSeenOrder() {
        List<Permission> permissions =
                List.of(
                        new Permission("write", "metrics"),
                        new Permission("read", "metrics"),
                        new Permission("write", "logs"),
                        new Permission("read", "traces"));

        String text = TokenText.permissions(permissions);

        assertThat(text).isEqualTo("write: metrics, logs · read: metrics, traces");
    }

    @Test
    void permissions_none_saysSo() {
        String text = TokenText.permissions(List.of());

        assertThat(text).isEqualTo("no permissions");
    }

    @Test
    void permissions_exactlyEightUnderOneAction_showsAllOfThem() {
        List<Permission> permissions = permissions("read", 8);

        String text = TokenText.permissions(permissions);

        assertThat(text).isEqualTo("read: db01, db02, db03, db04, db05, db06, db07, db08");
    }

    @Test
    void permissions_moreThanEightUnderOneAction_showsEightAndCountsTheRest() {
        List<Permission> permissions = permissions("read", 11);

        String text = TokenText.permissions(permissions);

        assertThat(text)
                .isEqualTo("read: db01, db02, db03, db04, db05, db06, db07, db08 and 3 more");
    }

    @Test
    void permissions_hostileDatabaseName_isEscaped() {
        List<Permission> permissions =
                List.of(
                        new Permission("read", "<!channel>"),
                        new Permission("write", "a&b<https://evil.example|x>"));

        String text = TokenText.permissions(permissions);

        assertThat(text)
                .isEqualTo("read: &lt;!channel&gt; · write: a&amp;b&lt;https://evil.example|x&gt;");
    }

    @Test
    void permissions_longDatabaseName_isShortenedWithEllipsis() {
        String name = "d".repeat(64);

        String text = TokenText.permissions(List.of(new Permission("read", name)));

        assertThat(text).isEqualTo("read: " + "d".repeat(31) + "…");
    }

    @Test
    void permissions_manyNamesUnderReadAndWrite_sharesTheEightNamesBetweenThem() {
        List<Permission> permissions = new ArrayList<>(permissions("read", 6));
        permissions.addAll(permissions("write", 5));

        String text = TokenText.permissions(permissions);

        assertThat(text)
                .isEqualTo(
                        "read: db01, db02, db03, db04 and 2 more"
                                + " · write: db01, db02, db03, db04 and 1 more");
    }

    @Test
    void permissions_moreThanTwoActions_countsTheOthers() {
        List<Permission> permissions =
                List.of(
                        new Permission("read", "a"),
                        new Permission("write", "b"),
                        new Permission("admin", "c"),
                        new Permission("delete", "d"),
                        new Permission("admin", "e"));

        String text = TokenText.permissions(permissions);

        assertThat(text).isEqualTo("read: a · write: b · and 2 other actions");
    }

    @Test
    void permissions_oneActionPastTwo_countsItInTheSingular() {
        List<Permission> permissions =
                List.of(
                        new Permission("read", "a"),
                        new Permission("write", "b"),
                        new Permission("admin", "c"));

        String text = TokenText.permissions(permissions);

        assertThat(text).isEqualTo("read: a · write: b · and 1 other action");
    }

    @Test
    void permissions_longHostileAction_isShortenedAndEscaped() {
        List<Permission> permissions = List.of(new Permission("<!channel> please", "a"));

        String text = TokenText.permissions(permissions);

        assertThat(text).isEqualTo("&lt;!channel…: a");
    }

    @Test
    void description_blank_saysThereIsNone() {
        String text = TokenText.description("  ");

        assertThat(text).isEqualTo("_(no description)_");
    }

    @Test
    void description_hostileText_isEscapedAndFlattened() {
        String text = TokenText.description("<!here> rotate\nnow & <@U123>");

        assertThat(text).isEqualTo("&lt;!here&gt; rotate now &amp; &lt;@U123&gt;");
    }

    @Test
    void description_longText_isShortenedTo200CodePoints() {
        String text = TokenText.description("x".repeat(500));

        assertThat(text).isEqualTo("x".repeat(199) + "…");
    }

    @Test
    void dates_activeTokenWithoutExpiry_givesOnlyCreated() {
        DatabaseToken token = token("", List.of(), null, null);

        String text = TokenText.dates(token, NOW);

        assertThat(text).isEqualTo("Created " + Markup.date(CREATED));
    }

    @Test
    void dates_futureExpiry_saysExpires() {
        Instant expiry = NOW.plusSeconds(60);
        DatabaseToken token = token("", List.of(), expiry, null);

        String text = TokenText.dates(token, NOW);

        assertThat(text)
                .isEqualTo("Created " + Markup.date(CREATED) + " · expires " + Markup.date(expiry));
    }

    @Test
    void dates_pastExpiryAndRevoked_saysExpiredAndRevoked() {
        Instant expiry = NOW.minusSeconds(60);
        Instant revoked = Instant.parse("2026-02-01T00:00:00Z");
        DatabaseToken token = token("", List.of(), expiry, revoked);

        String text = TokenText.dates(token, NOW);

        assertThat(text)
                .isEqualTo(
                        "Created "
                                + Markup.date(CREATED)
                                + " · expired "
                                + Markup.date(expiry)
                                + " · *revoked* "
                                + Markup.date(revoked));
    }

    @Test
    void expiry_noExpiry_saysNever() {
        DatabaseToken token = token("", List.of(), null, null);

        String text = TokenText.expiry(token, NOW);

        assertThat(text).isEqualTo("never");
    }

    @Test
    void expiry_future_givesTheDateUnmarked() {
        Instant expiry = NOW.plusSeconds(1);
        DatabaseToken token = token("", List.of(), expiry, null);

        String text = TokenText.expiry(token, NOW);

        assertThat(text).isEqualTo(Markup.date(expiry));
    }

    @Test
    void expiry_now_isMarkedExpired() {
        DatabaseToken token = token("", List.of(), NOW, null);

        String text = TokenText.expiry(token, NOW);

        assertThat(text).isEqualTo(Markup.date(NOW) + " (expired)");
    }

    @Test
    void sectionText_hostileDescriptionAndFiftyNamesUnderOneAction_staysUnderSlackLimit() {
        List<Permission> permissions = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            permissions.add(new Permission("read", "<".repeat(64)));
        }
        Instant revoked = NOW.minusSeconds(1);
        DatabaseToken token = token("&".repeat(10_000), permissions, revoked, revoked);

        String text = sectionText(token);

        assertThat(text.length()).isLessThan(SLACK_SECTION_TEXT_LIMIT);
        assertThat(text).doesNotContain("<<", "&&").contains("and 42 more", "*revoked*");
    }

    @Test
    void sectionText_ampersandsEverywhereUnderReadAndWrite_staysUnderSlackLimit() {
        List<Permission> permissions = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            permissions.add(new Permission(i % 2 == 0 ? "read" : "write", "&".repeat(64)));
        }
        Instant revoked = NOW.minusSeconds(1);
        DatabaseToken token = token("&".repeat(10_000), permissions, revoked, revoked);

        String text = sectionText(token);

        assertThat(text.length()).isLessThan(SLACK_SECTION_TEXT_LIMIT);
        assertThat(text).contains("and 21 more");
    }

    @Test
    void sectionText_fiftyHostileActions_staysUnderSlackLimit() {
        List<Permission> permissions = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String action = "&".repeat(63) + (char) ('A' + i);
            permissions.add(new Permission(action, "&".repeat(64)));
        }
        Instant revoked = NOW.minusSeconds(1);
        DatabaseToken token = token("&".repeat(10_000), permissions, revoked, revoked);

        String text = sectionText(token);

        assertThat(text.length()).isLessThan(SLACK_SECTION_TEXT_LIMIT);
        assertThat(text).contains("and 48 other actions");
    }

    @Test
    void permissions_hostileNamesUnderReadAndWrite_fitInASlackField() {
        List<Permission> permissions = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            permissions.add(new Permission(i % 2 == 0 ? "read" : "write", "&".repeat(64)));
        }

        String text = "*Permissions*\n" + TokenText.permissions(permissions);

        assertThat(text.length()).isLessThan(SLACK_FIELD_TEXT_LIMIT);
    }
}
