package dev.geminilive.camel;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Turns every logger up to its finest level and keeps everything logged, until closed: JUL records (Tyrus, Grizzly and
 * the JDK log through JUL) with their parameters and exceptions formatted, and all that reaches System.out and System.err
 * (slf4j-simple, the test backend of slf4j, which Camel and this project log through, and Tyrus' stdout tracing).
 * Closing restores every level, handler and stream.
 */
final class LogCapture implements AutoCloseable {

    private static final String[] JUL_NAMES = { "", "org.glassfish", "org.glassfish.tyrus", "org.glassfish.grizzly", "jakarta.websocket",
            "javax.net", "jdk", "sun.net", "dev.geminilive", "org.apache.camel" };

    private final ConcurrentLinkedQueue<String> records = new ConcurrentLinkedQueue<>();
    private final Map<Logger, Level> julLevels = new HashMap<>();
    private final List<Logger> held = new ArrayList<>();
    private final Handler handler;
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final Map<Object, Integer> slf4jLevels = new HashMap<>();
    private Integer slf4jDefault;

    LogCapture() throws Exception {
        SimpleFormatter formatter = new SimpleFormatter();
        handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                StringWriter s = new StringWriter();
                s.append(r.getLoggerName()).append(' ').append(String.valueOf(r.getLevel())).append(' ')
                        .append(formatter.formatMessage(r));
                if (r.getParameters() != null) {
                    for (Object p : r.getParameters()) {
                        s.append(" | ").append(String.valueOf(p));
                    }
                }
                if (r.getThrown() != null) {
                    r.getThrown().printStackTrace(new PrintWriter(s));
                }
                records.add(s.toString());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        handler.setLevel(Level.ALL);
        for (String name : JUL_NAMES) {
            Logger logger = Logger.getLogger(name);
            held.add(logger);
            julLevels.put(logger, logger.getLevel());
            logger.setLevel(Level.ALL);
        }
        // loggers that already exist below these names may have levels of their own
        for (String name : java.util.Collections.list(LogManager.getLogManager().getLoggerNames())) {
            Logger logger = LogManager.getLogManager().getLogger(name);
            if (logger != null && !julLevels.containsKey(logger)) {
                held.add(logger);
                julLevels.put(logger, logger.getLevel());
                logger.setLevel(Level.ALL);
            }
        }
        Logger.getLogger("").addHandler(handler);
        slf4jToTrace();
        PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
    }

    /** slf4j-simple reads its levels once: the default and every existing logger are set to TRACE by reflection. */
    private void slf4jToTrace() throws Exception {
        Class<?> simpleLogger = Class.forName("org.slf4j.simple.SimpleLogger");
        org.slf4j.LoggerFactory.getLogger(LogCapture.class).trace("initialised");
        Field configField = simpleLogger.getDeclaredField("CONFIG_PARAMS");
        configField.setAccessible(true);
        Object config = configField.get(null);
        Field defaultLevel = config.getClass().getDeclaredField("defaultLogLevel");
        defaultLevel.setAccessible(true);
        slf4jDefault = defaultLevel.getInt(config);
        defaultLevel.setInt(config, 0);
        Object factory = org.slf4j.LoggerFactory.getILoggerFactory();
        Field mapField = factory.getClass().getDeclaredField("loggerMap");
        mapField.setAccessible(true);
        Field current = simpleLogger.getDeclaredField("currentLogLevel");
        current.setAccessible(true);
        for (Object logger : ((Map<?, ?>) mapField.get(factory)).values()) {
            if (simpleLogger.isInstance(logger)) {
                slf4jLevels.put(logger, current.getInt(logger));
                current.setInt(logger, 0);
            }
        }
    }

    /** @return every JUL record and every line written to the console so far */
    List<String> everything() {
        List<String> all = new ArrayList<>(records);
        all.add(console.toString(StandardCharsets.UTF_8));
        return all;
    }

    /** @return how many JUL records were captured */
    int julRecords() {
        return records.size();
    }

    /** @return the console output captured */
    String console() {
        return console.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        System.setOut(out);
        System.setErr(err);
        Logger.getLogger("").removeHandler(handler);
        julLevels.forEach(Logger::setLevel);
        Class<?> simpleLogger = Class.forName("org.slf4j.simple.SimpleLogger");
        Field current = simpleLogger.getDeclaredField("currentLogLevel");
        current.setAccessible(true);
        for (Map.Entry<Object, Integer> e : slf4jLevels.entrySet()) {
            current.setInt(e.getKey(), e.getValue());
        }
        Field configField = simpleLogger.getDeclaredField("CONFIG_PARAMS");
        configField.setAccessible(true);
        Object config = configField.get(null);
        Field defaultLevel = config.getClass().getDeclaredField("defaultLogLevel");
        defaultLevel.setAccessible(true);
        defaultLevel.setInt(config, slf4jDefault);
        // loggers created while capturing keep TRACE: put them back to the default
        Object factory = org.slf4j.LoggerFactory.getILoggerFactory();
        Field mapField = factory.getClass().getDeclaredField("loggerMap");
        mapField.setAccessible(true);
        for (Object logger : ((Map<?, ?>) mapField.get(factory)).values()) {
            if (simpleLogger.isInstance(logger) && !slf4jLevels.containsKey(logger)) {
                current.setInt(logger, slf4jDefault);
            }
        }
    }
}
