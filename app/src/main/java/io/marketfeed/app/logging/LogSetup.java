package io.marketfeed.app.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link LogSettings} to logback, on top of {@code logback.xml} (which sets the levels and the text line on
 * stderr): JSON lines instead of text, and a rotating log file beside stderr. Done in code rather than in
 * {@code logback.xml} because logback's conditional configuration needs an extra library (janino).
 *
 * <p>The log file ({@code MARKETFEED_LOG_FILE}) gets the same lines as stderr, in the same format. It rolls over
 * every day (UTC) and whenever it reaches 50 MB; rolled files are gzip-compressed next to it
 * ({@code marketfeed.log.2026-12-04.0.gz}); those older than 14 days go, and so do the oldest once all of them
 * together pass 1 GB. Stdout is never used: it carries the events.
 *
 * <p>Called once, by the thread that starts the process, before anything is logged.
 */
public final class LogSetup {

    /** The appender {@code logback.xml} declares for stderr. */
    static final String STDERR_APPENDER = "STDERR";
    /** The appender added for {@code MARKETFEED_LOG_FILE}. */
    static final String FILE_APPENDER = "FILE";
    /** A system property with which people bring their own logback configuration; then this class does nothing. */
    static final String LOGBACK_CONFIGURATION = "logback.configurationFile";

    /**
     * How the log file rotates.
     *
     * @param maxFileSize the size at which the file is rolled over (besides every day)
     * @param maxHistoryDays how many days of rolled files are kept
     * @param totalSizeCap the most all rolled files together may take; the oldest are deleted past it
     */
    record Rotation(FileSize maxFileSize, int maxHistoryDays, FileSize totalSizeCap) {
        static final Rotation DEFAULT = new Rotation(FileSize.valueOf("50MB"), 14, FileSize.valueOf("1GB"));

        String describe() {
            return "rolled daily (UTC) and at " + maxFileSize + ", gzip-compressed, kept " + maxHistoryDays
                    + " days and at most " + totalSizeCap + " in all";
        }
    }

    private LogSetup() {
    }

    /**
     * Applies {@code MARKETFEED_LOG_FORMAT} and {@code MARKETFEED_LOG_FILE} from the process's system properties and
     * environment to logback. Does nothing when a value is unusable (the command reports it and exits 2), when
     * {@code -Dlogback.configurationFile} names a configuration of the user's own, or when logback is not the
     * logging backend.
     *
     * @return lines for stderr when the settings could not be applied as asked; empty normally
     */
    public static List<String> configureProcess(Properties systemProperties, Map<String, String> environment) {
        if (systemProperties.getProperty(LOGBACK_CONFIGURATION) != null) {
            return List.of();
        }
        Map<String, String> selected = new LinkedHashMap<>();
        for (String name : LogSettings.VARIABLES) {
            String value = systemProperties.getProperty(name);
            if (value != null) {
                selected.put(name, value);
            }
        }
        LogSettings.Reading reading = LogSettings.read(selected, environment);
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(reading instanceof LogSettings.Valid) || !(factory instanceof LoggerContext)) {
            return List.of();
        }
        return apply((LoggerContext) factory, ((LogSettings.Valid) reading).settings(), Rotation.DEFAULT);
    }

    /**
     * Applies {@code settings} to a context configured by {@code logback.xml}.
     *
     * @return lines for stderr when something could not be applied; empty normally
     */
    static List<String> apply(LoggerContext context, LogSettings settings, Rotation rotation) {
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Appender<ILoggingEvent> stderr = root.getAppender(STDERR_APPENDER);
        if (!(stderr instanceof ConsoleAppender)
                || !(((ConsoleAppender<ILoggingEvent>) stderr).getEncoder() instanceof PatternLayoutEncoder)) {
            return List.of("marketfeed: the logging configuration has no " + STDERR_APPENDER + " appender with a "
                    + "pattern, so " + LogSettings.FORMAT_VARIABLE + " and " + LogSettings.FILE_VARIABLE
                    + " are not applied");
        }
        String pattern = ((PatternLayoutEncoder) ((ConsoleAppender<ILoggingEvent>) stderr).getEncoder()).getPattern();
        if (settings.format() == LogSettings.Format.JSON) {
            ConsoleAppender<ILoggingEvent> json = new ConsoleAppender<>();
            json.setContext(context);
            json.setName(STDERR_APPENDER);
            json.setTarget("System.err");
            json.setEncoder(encoder(context, settings.format(), pattern));
            json.start();
            root.detachAppender(stderr);
            stderr.stop();
            root.addAppender(json);
        }
        if (settings.file().isEmpty()) {
            return List.of();
        }
        Path file = settings.file().get();
        Optional<RollingFileAppender<ILoggingEvent>> appender = fileAppender(context, file,
                encoder(context, settings.format(), pattern), rotation);
        if (appender.isEmpty()) {
            return List.of("marketfeed: " + LogSettings.FILE_VARIABLE + "=" + file + " could not be opened for "
                    + "writing; logging to stderr only");
        }
        root.addAppender(appender.get());
        context.getLogger(LogSetup.class).info("Logging to {} as well ({})", file, rotation.describe());
        return List.of();
    }

    private static Encoder<ILoggingEvent> encoder(LoggerContext context, LogSettings.Format format, String pattern) {
        if (format == LogSettings.Format.JSON) {
            JsonLogEncoder json = new JsonLogEncoder();
            json.setContext(context);
            json.start();
            return json;
        }
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(context);
        text.setPattern(pattern);
        text.start();
        return text;
    }

    private static Optional<RollingFileAppender<ILoggingEvent>> fileAppender(LoggerContext context, Path file,
            Encoder<ILoggingEvent> encoder, Rotation rotation) {
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName(FILE_APPENDER);
        appender.setFile(file.toString());
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(appender);
        // The .gz suffix makes logback compress each rolled file (on a thread of its own).
        policy.setFileNamePattern(file + ".%d{yyyy-MM-dd, UTC}.%i.gz");
        policy.setMaxFileSize(rotation.maxFileSize());
        policy.setMaxHistory(rotation.maxHistoryDays());
        policy.setTotalSizeCap(rotation.totalSizeCap());
        policy.start();
        appender.setRollingPolicy(policy);
        appender.setEncoder(encoder);
        appender.start();
        if (!policy.isStarted() || !appender.isStarted()) {
            appender.stop();
            return Optional.empty();
        }
        return Optional.of(appender);
    }
}
