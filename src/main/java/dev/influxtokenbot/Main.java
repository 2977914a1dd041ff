package dev.influxtokenbot;

import dev.influxtokenbot.config.InvalidSettingsException;
import dev.influxtokenbot.config.Settings;
import dev.influxtokenbot.revocation.RequestIds;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the bot from environment variables and serves until the process is told to stop. */
public final class Main {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED_TO_START = 1;
    static final int EXIT_BAD_SETTINGS = 2;

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) {
        int code = run(System.getenv());
        if (code != EXIT_OK) {
            System.exit(code);
        }
    }

    /** Runs the bot until it is stopped; returns the process's exit code. */
    static int run(Map<String, String> environment) {
        Settings settings;
        try {
            settings = Settings.fromEnvironment(environment);
        } catch (InvalidSettingsException e) {
            e.problems().forEach(problem -> log.error("Setting problem: {}", problem));
            log.error("Not starting: fix the {} problem(s) above", e.problems().size());
            return EXIT_BAD_SETTINGS;
        }

        Bot bot;
        try {
            bot = Bot.start(settings, Clock.systemUTC(), new RequestIds(), Bot.Tuning.defaults());
        } catch (Exception e) {
            log.error("Not starting: {}", e.getMessage());
            log.debug("Startup failure in detail", e);
            return EXIT_FAILED_TO_START;
        }

        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(bot), "shutdown"));
        try {
            bot.awaitStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return EXIT_OK;
    }

    private static void stop(Bot bot) {
        try {
            bot.close();
        } catch (Exception e) {
            log.error("Stopping failed", e);
        }
    }
}
