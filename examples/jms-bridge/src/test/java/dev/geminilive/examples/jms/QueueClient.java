package dev.geminilive.examples.jms;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.geminilive.camel.GeminiLiveMessagingHeaders;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

/** A plain JMS client of the bridge: sends questions with JMSReplyTo and collects every reply as it arrives. */
final class QueueClient implements AutoCloseable {

    static final String REPLIES = "gemini.replies";

    private final Connection connection;
    private final Session session;
    private final MessageProducer producer;
    private final Queue replyQueue;
    private final LinkedBlockingQueue<TextMessage> replies = new LinkedBlockingQueue<>();
    private final List<TextMessage> received = new ArrayList<>();

    QueueClient(ConnectionFactory cf) throws JMSException {
        connection = cf.createConnection();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        producer = session.createProducer(session.createQueue(JmsBridgeRoute.QUESTIONS));
        replyQueue = session.createQueue(REPLIES);
        Session listening = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        listening.createConsumer(replyQueue).setMessageListener(m -> replies.add((TextMessage) m));
        connection.start();
    }

    /** Sends a question of a conversation (also its message group) with this correlation id. */
    synchronized void ask(String conversation, String correlationId, String text) throws JMSException {
        TextMessage question = session.createTextMessage(text);
        question.setJMSReplyTo(replyQueue);
        question.setJMSCorrelationID(correlationId);
        if (conversation != null) {
            question.setStringProperty(GeminiLiveMessagingHeaders.CONVERSATION_ID, conversation);
            question.setStringProperty("JMSXGroupID", conversation);
        }
        producer.send(question);
    }

    /** Sends a question with extra string properties and no conversation property. */
    synchronized void askWithProperties(String correlationId, String text, java.util.Map<String, String> properties)
            throws JMSException {
        TextMessage question = session.createTextMessage(text);
        question.setJMSReplyTo(replyQueue);
        question.setJMSCorrelationID(correlationId);
        for (var e : properties.entrySet()) {
            question.setStringProperty(e.getKey(), e.getValue());
        }
        producer.send(question);
    }

    /** @return the next reply, or null after the timeout */
    TextMessage next(Duration timeout) throws InterruptedException {
        TextMessage m = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (m != null) {
            synchronized (received) {
                received.add(m);
            }
        }
        return m;
    }

    /** Waits until {@code count} replies arrived in all, or the timeout passed; @return all replies so far */
    List<TextMessage> awaitReplies(int count, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (received().size() < count) {
            long left = end - System.nanoTime();
            if (left <= 0 || next(Duration.ofNanos(left)) == null) {
                break;
            }
        }
        return received();
    }

    /** Collects whatever else arrives within this time; @return all replies so far */
    List<TextMessage> drain(Duration quiet) throws InterruptedException {
        while (next(quiet) != null) {
            // keep collecting
        }
        return received();
    }

    List<TextMessage> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
