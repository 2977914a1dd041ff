package dev.influxtokenbot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Which part may know which: the revocation rules must be usable without Slack, and the Management
 * API client without anything of ours, so no arrow points back up.
 */
class ArchitectureTest {
    private static final JavaClasses MAIN =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("dev.influxtokenbot");

    @Test
    void revocation_knowsNothingOfSlackOrConfig() {
        noClasses()
                .that()
                .resideInAPackage("..revocation..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.slack..", "..influxtokenbot.slack..", "..config..")
                .check(MAIN);
    }

    @Test
    void managementApi_knowsNothingOfOurOtherParts() {
        noClasses()
                .that()
                .resideInAPackage("..managementapi..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "com.slack..", "..influxtokenbot.slack..", "..revocation..", "..config..")
                .check(MAIN);
    }

    @Test
    void config_knowsNothingOfOurOtherParts() {
        noClasses()
                .that()
                .resideInAPackage("..config..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "com.slack..",
                        "..influxtokenbot.slack..",
                        "..revocation..",
                        "..managementapi..")
                .check(MAIN);
    }

    @Test
    void slack_doesNotReachPastRevocationToTheClientOrTheSettings() {
        noClasses()
                .that()
                .resideInAPackage("..influxtokenbot.slack..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..config..")
                .orShould()
                .dependOnClassesThat()
                .haveSimpleName("ManagementApiClient")
                .check(MAIN);
    }
}
