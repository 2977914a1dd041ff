package dev.influxtokenbot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;

/**
 * Checks the Heroku files: they run the jar the Maven build makes, on the Java release it compiles
 * for, and carry none of the bot's secrets. Tests run in the project's root.
 */
class DeployFilesTest {
    /** A Procfile line that declares a process; other lines must be blank or comments. */
    private static final Pattern PROCESS = Pattern.compile("([a-z0-9][a-z0-9_-]*):\\s*(\\S.*)");

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
    void deployFiles_text_holdsNothingShapedLikeASlackToken() throws IOException {
        for (String file : List.of("Procfile", "system.properties")) {
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
