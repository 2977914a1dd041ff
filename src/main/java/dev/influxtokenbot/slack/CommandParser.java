package dev.influxtokenbot.slack;

import dev.influxtokenbot.revocation.RevocationService;
import dev.influxtokenbot.revocation.TokenQuery;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the text after {@code /influx-token}. Subcommands ignore case, and any run of white space
 * (including the non-breaking spaces some clients insert) separates words. It never throws: any
 * text is some {@link Command}.
 */
final class CommandParser {
    private static final Pattern WORDS = Pattern.compile("(?U)\\s+");

    /** Clients may turn {@code --} into a dash as it is typed; all of these mean the same. */
    private static final Set<String> ALL_FLAGS = Set.of("--all", "-a", "\u2014all", "\u2013all");

    private CommandParser() {}

    static Command parse(String text) {
        List<String> words = words(text);
        if (words.isEmpty()) {
            return new Command.Help();
        }

        String subcommand = words.get(0).toLowerCase(Locale.ROOT);
        List<String> arguments = words.subList(1, words.size());
        return switch (subcommand) {
            case "help" -> new Command.Help();
            case "list" -> listTokens(arguments);
            case "revoke" -> revoke(arguments);
            case "pending" -> new Command.Pending();
            case "audit" -> audit(arguments);
            default -> new Command.Unknown(words.get(0));
        };
    }

    private static List<String> words(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(WORDS.split(text.strip())).filter(word -> !word.isEmpty()).toList();
    }

    private static Command.ListTokens listTokens(List<String> arguments) {
        boolean includeRevoked = false;
        List<String> filter = new ArrayList<>();
        for (String argument : arguments) {
            if (ALL_FLAGS.contains(argument.toLowerCase(Locale.ROOT))) {
                includeRevoked = true;
            } else {
                filter.add(argument);
            }
        }
        return new Command.ListTokens(new TokenQuery(String.join(" ", filter), includeRevoked));
    }

    private static Command audit(List<String> arguments) {
        if (arguments.isEmpty()) {
            return new Command.Audit(Command.Audit.DEFAULT);
        }
        String count = arguments.get(0);
        if (arguments.size() > 1 || !count.matches("[0-9]{1,6}") || Integer.parseInt(count) < 1) {
            return new Command.Unknown("audit " + String.join(" ", arguments));
        }
        return new Command.Audit(
                Math.min(Integer.parseInt(count), RevocationService.MAX_AUDIT_EVENTS));
    }

    private static Command.Revoke revoke(List<String> arguments) {
        if (arguments.isEmpty()) {
            return new Command.Revoke("", "");
        }
        String reason = String.join(" ", arguments.subList(1, arguments.size()));
        return new Command.Revoke(arguments.get(0), reason);
    }
}
