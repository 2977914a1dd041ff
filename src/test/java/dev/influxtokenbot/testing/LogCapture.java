package dev.influxtokenbot.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
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
