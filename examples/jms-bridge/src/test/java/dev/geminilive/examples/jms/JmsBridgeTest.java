package dev.geminilive.examples.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.geminilive.camel.GeminiLiveComponent;
import dev.geminilive.camel.GeminiLiveMessagingHeaders;
import dev.geminilive.emulator.GeminiLiveEmulatorExtension;
import dev.geminilive.emulator.RecordedFrame;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.camel.CamelContext;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The bridge in this JVM, against an embedded Artemis broker and the emulator, both on loopback. */
class JmsBridgeTest {

    @RegisterExtension
    static GeminiLiveEmulatorExtension emulator = GeminiLiveEmulatorExtension.builder().apiKey("test-key").build();

    static EmbeddedBroker broker;

    @TempDir
    Path store;

    CamelContext camel;
    QueueClient client;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = new EmbeddedBroker(freePort(), null);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (camel != null) {
            camel.close();
        }
    }

    @Test
    void replyCarriesTokenCountsTranscriptionAndConversationAsJmsProperties() throws Exception {
        startBridge(broker.connectionFactory());
        client.ask("c-42", "corr-1", "What is the capital of France?");

        TextMessage reply = client.next(Duration.ofSeconds(20));
        assertNotNull(reply, "a reply on the JMSReplyTo queue");
        assertEquals("corr-1", reply.getJMSCorrelationID());
        assertEquals("You said: What is the capital of France?", reply.getText());
        assertEquals("c-42", reply.getStringProperty(GeminiLiveMessagingHeaders.CONVERSATION_ID));
        assertEquals(reply.getText(), reply.getStringProperty(GeminiLiveMessagingHeaders.OUTPUT_TRANSCRIPTION));
        int prompt = reply.getIntProperty(GeminiLiveMessagingHeaders.PROMPT_TOKENS);
        int response = reply.getIntProperty(GeminiLiveMessagingHeaders.RESPONSE_TOKENS);
        assertTrue(prompt > 0 && response > 0, prompt + " / " + response);
        assertEquals(prompt + response, reply.getIntProperty(GeminiLiveMessagingHeaders.TOTAL_TOKENS));
        assertFalse(reply.getBooleanProperty(GeminiLiveMessagingHeaders.INTERRUPTED));
        for (String name : Collections.list((java.util.Enumeration<String>) reply.getPropertyNames())) {
            assertFalse(name.startsWith("Camel"), "camel-jms drops Camel* headers: " + name);
        }
    }

    @Test
    void aQueueClientCannotSetCamelGeminiLiveHeaders() throws Exception {
        startBridge(broker.connectionFactory());
        client.askWithProperties("corr-2", "hello", Map.of(
                "CamelGeminiLiveConversationId", "intruder",
                "CamelGeminiLiveMessageType", "endSession",
                "GeminiLiveMessageType", "endSession"));

        TextMessage reply = client.next(Duration.ofSeconds(20));
        assertNotNull(reply);
        assertEquals("You said: hello", reply.getText(), "answered as a plain text turn, not ended as a session");
        assertEquals("default", reply.getStringProperty(GeminiLiveMessagingHeaders.CONVERSATION_ID),
                "the conversation comes only from GeminiLiveConversationId");
    }

    /**
     * The reply is sent on the transaction's session: when the commit after it fails, the broker discards the reply
     * with the rolled-back consume, and the redelivered question is answered once.
     */
    @Test
    void aReplySentBeforeAFailedCommitIsDiscardedAndTheRedeliveryAnswersOnce() throws Exception {
        CommitFault fault = new CommitFault();
        startBridge(fault.wrap(broker.connectionFactory()));
        client.ask("c-7", "corr-3", "Is this answered once?");

        TextMessage reply = client.next(Duration.ofSeconds(30));
        assertNotNull(reply);
        assertEquals("corr-3", reply.getJMSCorrelationID());
        assertEquals("You said: Is this answered once?", reply.getText());
        List<TextMessage> all = client.drain(Duration.ofSeconds(2));
        assertEquals(1, all.size(), "one reply, the failed transaction's reply was discarded");
        assertEquals(1, fault.failedCommits.get(), "the first commit failed");
        assertEquals(1, fault.sendsBeforeFailedCommit.get(), "the first attempt had sent its reply before the commit failed");
        assertEquals(2, heardByEmulator("Is this answered once?"), "the model was asked again after the rollback");
        assertEquals(0, broker.messageCount(JmsBridgeRoute.QUESTIONS));
        assertEquals(0, broker.messageCount(EmbeddedBroker.DLQ));
    }

    private void startBridge(ConnectionFactory cf) throws Exception {
        GeminiLiveComponent gemini = new GeminiLiveComponent();
        gemini.getConfiguration().setBaseUrl(emulator.url());
        gemini.getConfiguration().setApiKey("test-key");
        gemini.getConfiguration().setConversationStoreDirectory(store.toString());
        camel = new DefaultCamelContext();
        camel.getShutdownStrategy().setTimeout(5);
        camel.addComponent("gemini-live", gemini);
        camel.addComponent("jms", JmsComponent.jmsComponent(cf));
        camel.addRoutes(new JmsBridgeRoute(JmsBridgeRoute.defaultGeminiUri(), 2, "&recoveryInterval=200"));
        camel.start();
        client = new QueueClient(broker.connectionFactory());
    }

    static long heardByEmulator(String text) {
        return heardBy(emulator.sessions(), text);
    }

    /** @return how many frames the emulator received that hold this text */
    static long heardBy(List<dev.geminilive.emulator.EmulatorSession> sessions, String text) {
        return sessions.stream()
                .flatMap(s -> s.frames().received().stream())
                .map(RecordedFrame::json)
                .filter(json -> json.contains(text))
                .count();
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * Wraps a connection factory so that the first commit of a session that received a message rolls back instead and
     * fails, as a bridge that dies between sending its reply and committing.
     */
    static final class CommitFault {
        final AtomicInteger failedCommits = new AtomicInteger();
        final AtomicInteger sendsBeforeFailedCommit = new AtomicInteger();

        ConnectionFactory wrap(ConnectionFactory real) {
            return proxy(ConnectionFactory.class, real, (method, args, result) -> result instanceof Connection c
                    ? proxy(Connection.class, c, (m2, a2, r2) -> r2 instanceof Session s ? session(s) : r2)
                    : result);
        }

        private Session session(Session real) {
            boolean[] received = {false};
            int[] sends = {0};
            return (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                    (proxy, method, args) -> {
                        if (isIdentity(method)) {
                            return identity(proxy, method, args);
                        }
                        switch (method.getName()) {
                            case "commit" -> {
                                if (received[0] && failedCommits.compareAndSet(0, 1)) {
                                    sendsBeforeFailedCommit.set(sends[0]);
                                    received[0] = false;
                                    sends[0] = 0;
                                    real.rollback();
                                    throw new JMSException("the bridge died before the commit");
                                }
                                received[0] = false;
                                sends[0] = 0;
                            }
                            case "rollback" -> {
                                received[0] = false;
                                sends[0] = 0;
                            }
                            default -> {
                            }
                        }
                        Object result = call(real, method, args);
                        if (result instanceof MessageConsumer consumer) {
                            return proxy(MessageConsumer.class, consumer, (m, a, r) -> {
                                if (r instanceof Message) {
                                    received[0] = true;
                                }
                                return r;
                            });
                        }
                        if (result instanceof MessageProducer producer) {
                            return proxy(MessageProducer.class, producer, (m, a, r) -> {
                                if (m.getName().equals("send")) {
                                    sends[0]++;
                                }
                                return r;
                            });
                        }
                        return result;
                    });
        }

        interface After {
            Object apply(Method method, Object[] args, Object result) throws Exception;
        }

        @SuppressWarnings("unchecked")
        private <T> T proxy(Class<T> type, T real, After after) {
            InvocationHandler h = (proxy, method, args) -> isIdentity(method)
                    ? identity(proxy, method, args)
                    : after.apply(method, args, call(real, method, args));
            return (T) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, h);
        }

        /** Spring finds the listener's session by equals(): a proxy must equal itself. */
        private static boolean isIdentity(Method method) {
            return method.getDeclaringClass() == Object.class
                    && (method.getName().equals("equals") || method.getName().equals("hashCode"));
        }

        private static Object identity(Object proxy, Method method, Object[] args) {
            return method.getName().equals("equals") ? proxy == args[0] : System.identityHashCode(proxy);
        }

        private static Object call(Object target, Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
