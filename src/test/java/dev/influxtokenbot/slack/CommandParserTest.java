package dev.influxtokenbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.influxtokenbot.revocation.TokenQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandParserTest {
    private static final String ID = "55555555-abcd-4ef0-8123-456789abcdef";

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t", "  \n ", "\u00a0", "help", "HELP", "  Help  ", "help me"})
    void parse_emptyOrHelp_givesHelp(String text) {
        Command command = CommandParser.parse(text);

        assertThat(command).isEqualTo(new Command.Help());
    }

    @Test
    void parse_listAlone_listsActiveTokensWithoutFilter() {
        Command command = CommandParser.parse("list");

        assertThat(command).isEqualTo(new Command.ListTokens(new TokenQuery("", false)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "list --all",
                "LIST --ALL",
                "List -a",
                "list \u2014all",
                "list \u2013all",
                "list --all --all"
            })
    void parse_listWithAllFlag_includesRevokedTokens(String text) {
        Command command = CommandParser.parse(text);

        assertThat(command).isEqualTo(new Command.ListTokens(new TokenQuery("", true)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"LIST --ALL prod", "list prod --all", "list \u2014ALL prod"})
    void parse_listWithFlagAnywhere_keepsTheFilterAndIncludesRevoked(String text) {
        Command command = CommandParser.parse(text);

        assertThat(command).isEqualTo(new Command.ListTokens(new TokenQuery("prod", true)));
    }

    @Test
    void parse_listWithFilterWords_joinsThemWithSingleSpaces() {
        Command command = CommandParser.parse("list   prod \t  ingest\u00a0\u00a0Writer  ");

        assertThat(command)
                .isEqualTo(new Command.ListTokens(new TokenQuery("prod ingest Writer", false)));
    }

    @Test
    void parse_nonBreakingSpacesAndTabs_separateWords() {
        Command command = CommandParser.parse("list\u00a0--all\tprod");

        assertThat(command).isEqualTo(new Command.ListTokens(new TokenQuery("prod", true)));
    }

    @Test
    void parse_flagLikeWordThatIsNotAll_staysInTheFilter() {
        Command command = CommandParser.parse("list --allx -all");

        assertThat(command).isEqualTo(new Command.ListTokens(new TokenQuery("--allx -all", false)));
    }

    @Test
    void parse_revokeWithId_givesIdAndEmptyReason() {
        Command command = CommandParser.parse("revoke " + ID);

        assertThat(command).isEqualTo(new Command.Revoke(ID, ""));
    }

    @Test
    void parse_revokeWithReason_joinsTheReasonWords() {
        Command command = CommandParser.parse("Revoke  " + ID + "  leaked in\tci\u00a0logs ");

        assertThat(command).isEqualTo(new Command.Revoke(ID, "leaked in ci logs"));
    }

    @Test
    void parse_revokeWithoutId_givesEmptyTokenIdText() {
        Command command = CommandParser.parse("revoke");

        assertThat(command).isEqualTo(new Command.Revoke("", ""));
    }

    @Test
    void parse_revokeWithSomethingElse_passesItOnUnchecked() {
        Command command = CommandParser.parse("revoke ../accounts?x=1 now");

        assertThat(command).isEqualTo(new Command.Revoke("../accounts?x=1", "now"));
    }

    @Test
    void parse_unknownSubcommand_keepsItsOriginalCase() {
        Command command = CommandParser.parse("FrobNicate x");

        assertThat(command).isEqualTo(new Command.Unknown("FrobNicate"));
    }

    @Test
    void parse_unknownSubcommandAfterWhitespace_givesTheWordAlone() {
        Command command = CommandParser.parse("\u00a0 frobnicate x y");

        assertThat(command).isEqualTo(new Command.Unknown("frobnicate"));
    }
}
