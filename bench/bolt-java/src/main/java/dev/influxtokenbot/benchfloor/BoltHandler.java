package dev.influxtokenbot.benchfloor;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.util.SlackRequestParser;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Hands {@code POST /slack/events} to Bolt the way the bot's own Jetty 12 handler does (read the
 * body, parse it with Bolt's parser, run the app), but leaves the signature to Bolt's default
 * middleware. {@code GET /health} answers {@code ok}, for the readiness poll.
 */
final class BoltHandler extends Handler.Abstract {
    private final App app;
    private final SlackRequestParser parser;

    BoltHandler(App app) {
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (path.equals("/health")) {
            reply(response, callback, 200, "text/plain", "ok");
        } else if (path.equals("/slack/events") && request.getMethod().equals("POST")) {
            slackRequest(request, response, callback);
        } else {
            reply(response, callback, 404, "text/plain", "not found");
        }
        return true;
    }

    private void slackRequest(Request request, Response response, Callback callback)
            throws Exception {
        String body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        var slackRequest =
                parser.parse(
                        SlackRequestParser.HttpRequest.builder()
                                .requestUri(Request.getPathInContext(request))
                                .queryString(Map.of())
                                .requestBody(body)
                                .headers(new RequestHeaders(headers(request)))
                                .remoteAddress(Request.getRemoteAddr(request))
                                .build());
        if (slackRequest == null) {
            reply(response, callback, 400, "text/plain", "unknown request");
            return;
        }
        var answer = app.run(slackRequest);
        reply(
                response,
                callback,
                answer.getStatusCode(),
                answer.getContentType(),
                answer.getBody());
    }

    private static Map<String, List<String>> headers(Request request) {
        Map<String, List<String>> headers = new HashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getName(), name -> new ArrayList<>())
                    .add(field.getValue());
        }
        return headers;
    }

    private static void reply(
            Response response, Callback callback, int status, String contentType, String body) {
        response.setStatus(status);
        if (contentType != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        }
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }
}
