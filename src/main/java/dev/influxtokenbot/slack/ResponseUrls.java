package dev.influxtokenbot.slack;

import com.google.gson.Gson;
import com.slack.api.Slack;
import com.slack.api.util.http.SlackHttpClient;
import com.slack.api.util.json.GsonFactory;
import java.io.IOException;

/**
 * Posts the bot's later answers to Slack's {@code response_url}s. Bolt's {@code respond} builds a
 * new Gson for every post, and a new Gson inspects every Block Kit class again by reflection: for a
 * {@code list}, that took more CPU than everything else the bot does. This turns the message into
 * JSON with one Gson, made once with the same settings, and posts it through Bolt's own HTTP
 * client, which sends a string as it is.
 */
final class ResponseUrls {
    private final SlackHttpClient http;
    private final Gson gson;

    ResponseUrls(Slack slack) {
        this.http = slack.getHttpClient();
        this.gson = GsonFactory.createSnakeCase(slack.getConfig());
    }

    /**
     * Posts {@code message}, a Bolt response object, to {@code responseUrl}.
     *
     * @return the HTTP status Slack answered with
     */
    int post(String responseUrl, Object message) throws IOException {
        if (responseUrl == null) {
            throw new IOException("the request carried no response_url");
        }
        try (okhttp3.Response response = http.postJsonBody(responseUrl, gson.toJson(message))) {
            String body = response.body() == null ? "" : response.body().string();
            http.runHttpResponseListeners(response, body);
            return response.code();
        }
    }
}
