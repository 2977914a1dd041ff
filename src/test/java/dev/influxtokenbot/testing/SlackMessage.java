package dev.influxtokenbot.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A message the bot sent to Slack, read by meaning: its texts and its buttons. */
public record SlackMessage(JsonNode json) {

    public static SlackMessage of(JsonNode json) {
        return new SlackMessage(json);
    }

    public boolean replacesOriginal() {
        return json.path("replace_original").asBoolean(false);
    }

    public String responseType() {
        return json.path("response_type").asText();
    }

    public List<JsonNode> blocks() {
        List<JsonNode> blocks = new ArrayList<>();
        json.path("blocks").forEach(blocks::add);
        return blocks;
    }

    /** Every text of every block, and the fallback text, one per line. */
    public String text() {
        List<String> texts = new ArrayList<>();
        texts.add(json.path("text").asText());
        blocks().forEach(block -> collectTexts(block, texts));
        return String.join("\n", texts);
    }

    /** Each block's own texts (section text and fields, context elements, header). */
    public static List<String> texts(JsonNode block) {
        List<String> texts = new ArrayList<>();
        collectTexts(block, texts);
        return texts;
    }

    public List<Button> buttons() {
        List<Button> buttons = new ArrayList<>();
        for (JsonNode block : blocks()) {
            addButton(block.path("accessory"), buttons);
            block.path("elements").forEach(element -> addButton(element, buttons));
        }
        return buttons;
    }

    private static void collectTexts(JsonNode block, List<String> texts) {
        addText(block.path("text"), texts);
        block.path("fields").forEach(field -> addText(field, texts));
        block.path("elements").forEach(element -> addText(element, texts));
    }

    private static void addText(JsonNode text, List<String> texts) {
        if (text.has("text") && text.path("text").isTextual()) {
            texts.add(text.path("text").asText());
        }
    }

    private static void addButton(JsonNode element, List<Button> buttons) {
        if (element.path("type").asText().equals("button")) {
            buttons.add(
                    new Button(
                            element.path("action_id").asText(),
                            element.path("value").asText(),
                            element.path("text").path("text").asText(),
                            element.path("style").asText(null),
                            element.get("confirm")));
        }
    }

    /** A button: what it says, what it sends, and its confirm dialog, if any. */
    public record Button(
            String actionId, String value, String label, String style, JsonNode confirm) {}
}
