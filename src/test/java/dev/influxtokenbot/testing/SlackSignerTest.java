package dev.influxtokenbot.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The tests' own signer must sign exactly as Slack does, or every end-to-end test is moot. */
class SlackSignerTest {

    @Test
    void sign_slacksDocumentedExample_givesSlacksSignature() throws Exception {
        JsonNode vector =
                new ObjectMapper()
                        .readTree(Resources.read("reference/slack/signing-test-vector.json"));
        String body = Resources.read("reference/slack/signing-vector-body.form.txt");

        String signature =
                SlackSigner.sign(
                        vector.get("signing_secret").asText(),
                        vector.get("x_slack_request_timestamp").asText(),
                        body);

        assertThat(body).isEqualTo(vector.get("body").asText());
        assertThat(signature).isEqualTo(vector.get("expected_x_slack_signature").asText());
    }
}
