package dev.influxtokenbot.e2e;

import static dev.influxtokenbot.testing.BotHarness.ALICE;
import static dev.influxtokenbot.testing.BotHarness.MALLORY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.influxtokenbot.testing.BotHarness;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Help, usage and refusals: everything answered in the acknowledgement itself. */
class CommandEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BotHarness harness;

    @BeforeEach
    void start() throws Exception {
        harness = BotHarness.start();
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"help", "", "  HELP  ", "Help"})
    void help_anyCaseOrEmpty_answersUsageInTheAcknowledgement(String text) throws Exception {
        HttpResponse<String> response = harness.client.command(MALLORY, text).response();

        JsonNode ack = JSON.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ack.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(ack.toString())
                .contains("/influx-token list [TEXT]")
                .contains("/influx-token revoke TOKEN_ID");
        assertThat(harness.api.requests()).isEmpty();
    }

    @Test
    void unknownSubcommand_answersUsageWithTheEscapedWord() throws Exception {
        HttpResponse<String> response = harness.client.command(ALICE, "<!channel> now").response();

        String ack = JSON.readTree(response.body()).toString();
        assertThat(ack).contains("I don't know `&lt;!channel&gt;`").contains("/influx-token help");
        assertThat(ack).doesNotContain("<!channel>");
        assertThat(harness.api.requests()).isEmpty();
    }

    @Test
    void health_answersOk() {
        HttpResponse<String> response = harness.client.get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok");
    }
}
