package dev.influxtokenbot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;

/**
 * Checks the Heroku and Cloud Foundry files: they run the jar the Maven build makes, on the Java
 * release it compiles for, and carry none of the bot's secrets. Tests run in the project's root.
 */
class DeployFilesTest {
    /** A Procfile line that declares a process; other lines must be blank or comments. */
    private static final Pattern PROCESS = Pattern.compile("([a-z0-9][a-z0-9_-]*):\\s*(\\S.*)");

    private static final Set<String> SECRETS =
            Set.of(
                    "SLACK_BOT_TOKEN",
                    "SLACK_SIGNING_SECRET",
                    "SLACK_APP_TOKEN",
                    "INFLUX_MANAGEMENT_TOKEN");

    private static final File POM = Path.of("pom.xml").toFile();

    /** Slack's token prefixes: bot and user tokens, and app-level tokens. */
    private static final Pattern SLACK_TOKEN = Pattern.compile("xox[a-z]-\\w|xapp-\\w");

    @Test
    void procfile_webProcess_runsTheJarMavenBuilds() throws Exception {
        Map<String, String> processes = procfile();

        assertThat(processes.get("web")).startsWith("java ").endsWith(" -jar " + builtJar());
    }

    @Test
    void procfile_workerProcess_runsWhatWebRuns() throws Exception {
        Map<String, String> processes = procfile();

        assertThat(processes).containsOnlyKeys("web", "worker");
        assertThat(processes.get("worker")).isEqualTo(processes.get("web"));
    }

    @Test
    void systemProperties_javaRuntime_isTheReleaseMavenCompilesFor() throws Exception {
        Properties heroku = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("system.properties"))) {
            heroku.load(reader);
        }

        assertThat(heroku.getProperty("java.runtime.version"))
                .isEqualTo(pom("/project/properties/maven.compiler.release"))
                .isEqualTo("17");
    }

    @Test
    void cfManifest_application_pushesTheJarMavenBuilds() throws Exception {
        JsonNode app = cfApplication();

        assertThat(app.path("name").asText()).isEqualTo("influx-token-bot");
        assertThat(app.path("path").asText()).isEqualTo(builtJar());
        assertThat(app.path("instances").asInt()).as("instances").isEqualTo(1);
    }

    @Test
    void cfManifest_healthCheck_isHttpOnHealth() throws IOException {
        JsonNode app = cfApplication();

        assertThat(app.path("health-check-type").asText()).isEqualTo("http");
        assertThat(app.path("health-check-http-endpoint").asText()).isEqualTo("/health");
    }

    @Test
    void cfManifest_env_holdsBuildpackSettingsOnly() throws IOException {
        JsonNode env = cfApplication().path("env");

        List<String> names = new ArrayList<>();
        env.fieldNames().forEachRemaining(names::add);

        assertThat(names)
                .doesNotContainAnyElementsOf(SECRETS)
                .allMatch(name -> name.startsWith("JBP_CONFIG_") || name.equals("JAVA_OPTS"));
        assertThat(env.path("JBP_CONFIG_OPEN_JDK_JRE").asText()).contains("version: 17.+");
    }

    @Test
    void deployFiles_text_holdsNothingShapedLikeASlackToken() throws IOException {
        for (String file : List.of("Procfile", "manifest.yml", "system.properties")) {
            Matcher token = SLACK_TOKEN.matcher(Files.readString(Path.of(file)));

            assertThat(token.find()).as("a Slack token in %s", file).isFalse();
        }
    }

    /** Process types and their commands, failing on any line Heroku would not understand. */
    private static Map<String, String> procfile() throws IOException {
        Map<String, String> processes = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("Procfile"))) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            Matcher process = PROCESS.matcher(text);
            assertThat(process.matches())
                    .as("Procfile line '%s' is 'type: command'", line)
                    .isTrue();
            processes.put(process.group(1), process.group(2).strip());
        }
        return processes;
    }

    private static JsonNode cfApplication() throws IOException {
        JsonNode applications = new YAMLMapper().readTree(Path.of("manifest.yml").toFile());

        assertThat(applications.path("applications")).as("applications").hasSize(1);
        return applications.path("applications").get(0);
    }

    /** Where {@code mvn package} leaves the runnable jar, from the pom's {@code finalName}. */
    private static String builtJar() throws Exception {
        return "target/" + pom("/project/build/finalName") + ".jar";
    }

    private static String pom(String xpath) throws Exception {
        var document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(POM);
        String value = XPathFactory.newInstance().newXPath().evaluate(xpath, document).strip();

        assertThat(value).as("%s in pom.xml", xpath).isNotEmpty();
        return value;
    }
}
