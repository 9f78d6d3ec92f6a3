package dev.geminilive.examples.jms;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.geminilive.camel.GeminiLiveComponent;
import dev.geminilive.camel.GeminiLiveMessagingHeaders;
import dev.geminilive.emulator.GeminiLiveEmulator;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Runs the JMS bridge: questions on the queue {@code gemini.questions} are answered by Gemini Live on their JMSReplyTo
 * queue.
 *
 * <p>Options ({@code --name=value}):
 * <ul>
 * <li>{@code --broker=tcp://host:port}: an Artemis broker to use; without it an embedded broker listens on
 * {@code tcp://127.0.0.1:61616} ({@code --port}), in memory unless {@code --data=DIR}</li>
 * <li>{@code --gemini-url=ws://...}: a Gemini Live server (e.g. an emulator); without it and without GEMINI_API_KEY, an
 * in-process emulator answers</li>
 * <li>{@code --store=DIR}: the conversation store directory (default {@code jms-bridge-conversations}), so a restarted
 * bridge goes on with every conversation</li>
 * <li>{@code --consumers=N}: concurrent JMS consumers (default 3)</li>
 * <li>{@code --no-console}: only bridge (until killed); by default each line typed is sent as a JMS request, the reply
 * printed with its properties, and {@code exit} quits. {@code c2: question} asks in conversation c2.</li>
 * </ul>
 */
public final class JmsBridgeExample {

    /** Printed on stdout once the bridge's route consumes. */
    public static final String READY = "JMS bridge ready: questions on queue " + JmsBridgeRoute.QUESTIONS;

    private JmsBridgeExample() {
    }

    public static void main(String[] args) throws Exception {
        Logger.getLogger("org.glassfish").setLevel(Level.WARNING);
        Map<String, String> opts = parse(args);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);

        EmbeddedBroker broker = null;
        GeminiLiveEmulator emulator = null;
        try {
            String brokerUrl = opts.get("broker");
            if (brokerUrl == null) {
                Path data = opts.containsKey("data") ? Path.of(opts.get("data")) : null;
                broker = new EmbeddedBroker(Integer.parseInt(opts.getOrDefault("port", "61616")), data);
                brokerUrl = broker.inVmUrl();   // this JVM's clients go in-VM; others connect to the loopback port
                System.err.println("Embedded Artemis broker at " + broker.tcpUrl() + (data == null ? " (in memory)" : " (journal in " + data + ")"));
            }
            GeminiLiveComponent gemini = new GeminiLiveComponent();
            gemini.getConfiguration().setConversationStoreDirectory(opts.getOrDefault("store", "jms-bridge-conversations"));
            if (opts.containsKey("gemini-url")) {
                gemini.getConfiguration().setBaseUrl(opts.get("gemini-url"));
            } else if (isBlank(System.getenv("GEMINI_API_KEY")) && isBlank(System.getenv("GOOGLE_API_KEY"))) {
                emulator = GeminiLiveEmulator.builder().start();
                gemini.getConfiguration().setBaseUrl(emulator.url());
                gemini.getConfiguration().setApiKey("local-emulator");
                System.err.println("GEMINI_API_KEY is not set: talking to the local Gemini Live emulator at " + emulator.url());
            }
            ConnectionFactory cf = new ActiveMQConnectionFactory(brokerUrl);
            try (CamelContext camel = new DefaultCamelContext()) {
                camel.getShutdownStrategy().setTimeout(10);
                camel.addComponent("gemini-live", gemini);
                camel.addComponent("jms", JmsComponent.jmsComponent(cf));
                camel.addRoutes(new JmsBridgeRoute(JmsBridgeRoute.defaultGeminiUri(),
                        Integer.parseInt(opts.getOrDefault("consumers", "3")), ""));
                camel.start();
                out.println(READY);
                if (opts.containsKey("no-console")) {
                    CountDownLatch stop = new CountDownLatch(1);
                    Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
                    stop.await();
                } else {
                    console(cf, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out);
                }
            }
        } finally {
            if (emulator != null) {
                emulator.close();
            }
            if (broker != null) {
                broker.close();
            }
        }
    }

    /** A JMS client: each line is a request on the questions queue, with a temporary reply queue. */
    static void console(ConnectionFactory cf, BufferedReader in, PrintStream out) throws Exception {
        try (Connection connection = cf.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(JmsBridgeRoute.QUESTIONS));
            TemporaryQueue replies = session.createTemporaryQueue();
            MessageConsumer consumer = session.createConsumer(replies);
            while (true) {
                out.print("User> ");
                out.flush();
                String line = in.readLine();
                if (line == null || line.trim().equalsIgnoreCase("exit")) {
                    out.println();
                    return;
                }
                if (line.isBlank()) {
                    continue;
                }
                String conversation = "console";
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).matches("[A-Za-z0-9_-]+")) {
                    conversation = line.substring(0, colon);
                    line = line.substring(colon + 1).trim();
                }
                TextMessage question = session.createTextMessage(line);
                question.setJMSReplyTo(replies);
                question.setJMSCorrelationID(UUID.randomUUID().toString());
                question.setStringProperty(GeminiLiveMessagingHeaders.CONVERSATION_ID, conversation);
                question.setStringProperty("JMSXGroupID", conversation);
                producer.send(question);
                Message reply = consumer.receive(120_000);
                if (reply == null) {
                    out.println("Error: no reply within 2 minutes");
                    continue;
                }
                out.println("Gemini> " + ((TextMessage) reply).getText());
                out.println("        [" + GeminiLiveMessagingHeaders.CONVERSATION_ID + "="
                        + reply.getStringProperty(GeminiLiveMessagingHeaders.CONVERSATION_ID) + ", "
                        + GeminiLiveMessagingHeaders.PROMPT_TOKENS + "=" + reply.getObjectProperty(GeminiLiveMessagingHeaders.PROMPT_TOKENS) + ", "
                        + GeminiLiveMessagingHeaders.RESPONSE_TOKENS + "=" + reply.getObjectProperty(GeminiLiveMessagingHeaders.RESPONSE_TOKENS) + ", "
                        + GeminiLiveMessagingHeaders.TOTAL_TOKENS + "=" + reply.getObjectProperty(GeminiLiveMessagingHeaders.TOTAL_TOKENS) + "]");
            }
        }
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (String a : args) {
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("Unknown argument " + a + " (options are --name=value)");
            }
            int eq = a.indexOf('=');
            opts.put(eq < 0 ? a.substring(2) : a.substring(2, eq), eq < 0 ? "true" : a.substring(eq + 1));
        }
        return opts;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
