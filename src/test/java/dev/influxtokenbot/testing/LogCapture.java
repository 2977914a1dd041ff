package dev.influxtokenbot.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/** Collects every log event of the process while it is open, from all threads. */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final Queue<ILoggingEvent> events = new ConcurrentLinkedQueue<>();

    public static LogCapture attach() {
        LogCapture capture = new LogCapture();
        capture.setName("test-capture");
        capture.start();
        root().addAppender(capture);
        return capture;
    }

    @Override
    protected void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing();
        events.add(event);
        synchronized (this) {
            notifyAll();
        }
    }

    /** Waits until a line (as {@link #lines()} renders it) contains {@code text}. */
    public synchronized String awaitLine(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String line : lines()) {
                if (line.contains(text)) {
                    return line;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no log line contained '" + text + "' in " + timeout);
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    public String awaitLine(String text) {
        return awaitLine(text, Duration.ofSeconds(10));
    }

    /** Each event as a line: level, logger, message and any exception with its stack. */
    public List<String> lines() {
        return events.stream().map(LogCapture::render).toList();
    }

    public List<String> lines(Level level) {
        return events.stream()
                .filter(event -> event.getLevel() == level)
                .map(LogCapture::render)
                .toList();
    }

    public List<ILoggingEvent> events() {
        return List.copyOf(events);
    }

    public String all() {
        return String.join("\n", lines());
    }

    @Override
    public void close() {
        root().detachAppender(this);
        stop();
    }

    private static String render(ILoggingEvent event) {
        StringBuilder line =
                new StringBuilder()
                        .append(event.getLevel())
                        .append(' ')
                        .append(event.getLoggerName())
                        .append(" - ")
                        .append(event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            line.append("\n").append(t.getClassName()).append(": ").append(t.getMessage());
            for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                line.append("\n\t").append(frame.getSTEAsString());
            }
        }
        return line.toString();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
