package dev.influxtokenbot.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.util.SlackRequestParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves Slack's HTTP request URL on Jetty 12: {@code POST /slack/events} takes commands and
 * clicks, {@code GET /health} answers the platform's health check. Each Slack request is checked by
 * {@link RequestSignature} and only then handed to Bolt.
 */
final class SlackHttpHandler extends Handler.Abstract {
    static final String EVENTS_PATH = "/slack/events";
    static final String HEALTH_PATH = "/health";

    /**
     * Far above any payload Slack sends to this bot; keeps a hostile client from filling memory.
     */
    static final int MAX_BODY_BYTES = 1 << 20;

    private static final Logger log = LoggerFactory.getLogger(SlackHttpHandler.class);

    private final App app;
    private final SlackRequestParser parser;
    private final RequestSignature signature;

    SlackHttpHandler(App app, RequestSignature signature) {
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
        this.signature = signature;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        try {
            route(request, response, callback);
        } catch (Exception e) {
            log.error("path={} outcome=internal_error", Request.getPathInContext(request), e);
            reply(response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500, "text/plain", "error");
        }
        return true;
    }

    private void route(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        if (path.equals(HEALTH_PATH) && HttpMethod.GET.is(method)) {
            reply(response, callback, HttpStatus.OK_200, "text/plain", "ok");
        } else if (!path.equals(EVENTS_PATH)) {
            reply(response, callback, HttpStatus.NOT_FOUND_404, "text/plain", "not found");
        } else if (!HttpMethod.POST.is(method)) {
            reply(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "text/plain", "POST only");
        } else {
            slackRequest(request, response, callback);
        }
    }

    private void slackRequest(Request request, Response response, Callback callback)
            throws Exception {
        byte[] body = readBody(request);
        if (body == null) {
            reply(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413, "text/plain", "too large");
            return;
        }

        RequestSignature.Verdict verdict =
                signature.check(
                        request.getHeaders().get("X-Slack-Request-Timestamp"),
                        request.getHeaders().get("X-Slack-Signature"),
                        body);
        if (verdict != RequestSignature.Verdict.VALID) {
            log.info(
                    "outcome=refused reason=signature_{} remote={}",
                    verdict.name().toLowerCase(Locale.ROOT),
                    Request.getRemoteAddr(request));
            reply(response, callback, HttpStatus.UNAUTHORIZED_401, "text/plain", "invalid request");
            return;
        }

        com.slack.api.bolt.response.Response boltResponse = runBolt(request, body);
        reply(
                response,
                callback,
                boltResponse.getStatusCode(),
                boltResponse.getContentType(),
                boltResponse.getBody());
    }

    private com.slack.api.bolt.response.Response runBolt(Request request, byte[] body)
            throws Exception {
        com.slack.api.bolt.request.Request<?> slackRequest;
        try {
            slackRequest =
                    parser.parse(
                            SlackRequestParser.HttpRequest.builder()
                                    .requestUri(Request.getPathInContext(request))
                                    .queryString(Map.of())
                                    .requestBody(new String(body, StandardCharsets.UTF_8))
                                    .headers(new RequestHeaders(headers(request)))
                                    .remoteAddress(Request.getRemoteAddr(request))
                                    .build());
        } catch (RuntimeException e) {
            // Bolt throws on a body it cannot read (not JSON, JSON of another shape, a broken
            // percent escape): the sender's mistake, so 400. The exception's message may quote
            // the body, so only its type is logged.
            log.info(
                    "outcome=refused reason=malformed_request error={} remote={}",
                    e.getClass().getSimpleName(),
                    Request.getRemoteAddr(request));
            return badRequest("malformed request");
        }
        if (slackRequest == null) {
            return badRequest("unknown request");
        }
        return app.run(slackRequest);
    }

    private static com.slack.api.bolt.response.Response badRequest(String body) {
        return com.slack.api.bolt.response.Response.builder()
                .statusCode(400)
                .contentType("text/plain")
                .body(body)
                .build();
    }

    /** The whole body, or null when it is longer than {@link #MAX_BODY_BYTES}. */
    private static byte[] readBody(Request request) throws IOException {
        long declared = request.getLength();
        if (declared > MAX_BODY_BYTES) {
            return null;
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            return body.length > MAX_BODY_BYTES ? null : body;
        }
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
