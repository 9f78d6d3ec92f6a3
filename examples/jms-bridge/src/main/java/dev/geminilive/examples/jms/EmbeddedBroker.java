package dev.geminilive.examples.jms;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * An Apache Artemis broker inside this JVM: an in-VM acceptor and a TCP acceptor on 127.0.0.1 only, no security (nothing
 * but this machine can reach it). Questions that fail
 * {@link #MAX_DELIVERY_ATTEMPTS} times, and expired messages, go to the queue {@link #DLQ}.
 */
public final class EmbeddedBroker implements AutoCloseable {

    /** Where questions go that could not be answered in {@link #MAX_DELIVERY_ATTEMPTS} attempts. */
    public static final String DLQ = "DLQ";
    /** Deliveries of one message before it goes to {@link #DLQ}. */
    public static final int MAX_DELIVERY_ATTEMPTS = 5;

    private static final AtomicInteger IDS = new AtomicInteger();

    private final EmbeddedActiveMQ server = new EmbeddedActiveMQ();
    private final int inVmId = IDS.incrementAndGet();
    private final int port;

    /**
     * Starts a broker.
     *
     * @param port    the TCP port on 127.0.0.1
     * @param dataDir where the journal goes, so queued messages survive a broker restart; null keeps them in memory
     */
    public EmbeddedBroker(int port, Path dataDir) throws Exception {
        this.port = port;
        Configuration config = new ConfigurationImpl()
                .setName("gemini-jms-bridge")
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .setPersistenceEnabled(dataDir != null)
                .addAcceptorConfiguration("in-vm", "vm://" + inVmId)
                .addAcceptorConfiguration("loopback", "tcp://127.0.0.1:" + port)
                .addQueueConfiguration(QueueConfiguration.of(DLQ).setRoutingType(RoutingType.ANYCAST))
                .addAddressSetting("#", new AddressSettings()
                        .setDeadLetterAddress(SimpleString.of(DLQ))
                        .setExpiryAddress(SimpleString.of(DLQ))
                        .setMaxDeliveryAttempts(MAX_DELIVERY_ATTEMPTS)
                        .setRedeliveryDelay(200));
        if (dataDir != null) {
            config.setJournalType(JournalType.NIO)
                    .setJournalDirectory(dataDir.resolve("journal").toString())
                    .setBindingsDirectory(dataDir.resolve("bindings").toString())
                    .setPagingDirectory(dataDir.resolve("paging").toString())
                    .setLargeMessagesDirectory(dataDir.resolve("large-messages").toString());
        }
        server.setConfiguration(config);
        server.start();
    }

    /** @return the URL of the TCP acceptor, {@code tcp://127.0.0.1:PORT} */
    public String tcpUrl() {
        return "tcp://127.0.0.1:" + port;
    }

    /** @return the URL of the in-VM acceptor, for clients in this JVM */
    public String inVmUrl() {
        return "vm://" + inVmId;
    }

    /** @return a JMS connection factory for clients in this JVM */
    public ActiveMQConnectionFactory connectionFactory() {
        return new ActiveMQConnectionFactory(inVmUrl());
    }

    /** @return the number of messages on a queue (0 when it does not exist) */
    public long messageCount(String queue) {
        var q = server.getActiveMQServer().locateQueue(SimpleString.of(queue));
        return q == null ? 0 : q.getMessageCount();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
