package dev.influxtokenbot.testing;

import java.util.List;

/** The credentials the tests give the bot; distinctive, so a leak of any is easy to find. */
public final class TestSecrets {
    public static final String BOT_TOKEN = "xoxb-TEST-bot-token-7f3a9c41";
    public static final String SIGNING_SECRET = "TEST-signing-secret-5b8d02e6";
    public static final String APP_TOKEN = "xapp-TEST-app-token-2d6e95b0";
    public static final String MANAGEMENT_TOKEN = "TEST-management-token-91c4d7aa";

    public static final List<String> ALL =
            List.of(BOT_TOKEN, SIGNING_SECRET, APP_TOKEN, MANAGEMENT_TOKEN);

    private TestSecrets() {}
}
