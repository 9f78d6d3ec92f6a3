package dev.geminilive.camel;

import java.time.Duration;

import javax.net.ssl.SSLContext;

import dev.geminilive.client.LiveClient;

/**
 * The options of an endpoint that shape its {@link LiveClient}: endpoints with equal options share one client.
 *
 * @param connectTimeout  how long a WebSocket connect may take
 * @param setupTimeout    how long the server may take to answer setup
 * @param maxPendingBytes how many bytes may wait to be written before sends are refused
 * @param writeTimeout    how long a frame may wait for the socket
 * @param sslContext      the TLS context from sslContextParameters; null for the JVM's default
 * @param maxConcurrentConnects how many handshakes run at once
 */
public record LiveClientOptions(Duration connectTimeout, Duration setupTimeout, long maxPendingBytes, Duration writeTimeout,
        SSLContext sslContext, int maxConcurrentConnects) {

    /** @return a client builder with these options applied */
    public LiveClient.Builder builder() {
        return LiveClient.builder().connectTimeout(connectTimeout).setupTimeout(setupTimeout).maxPendingBytes(maxPendingBytes)
                .writeTimeout(writeTimeout).sslContext(sslContext).maxConcurrentConnects(maxConcurrentConnects);
    }
}
