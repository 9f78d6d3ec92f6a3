package dev.geminilive.emulator.interop;

import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.KeyStoreException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import com.google.genai.Client;
import com.google.genai.types.ClientOptions;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;

import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;

import dev.geminilive.emulator.GeminiLiveEmulator;

/**
 * Builds the official Google Gen AI SDK ({@code com.google.genai:google-genai}) so that it dials the emulator.
 * <p>
 * The SDK turns any {@code baseUrl} into {@code wss://}; OkHttp maps {@code wss} to {@code https} before the
 * application interceptors run. Two ways to reach a local server:
 * <ul>
 * <li>{@link #plainWebSocket}: an application interceptor rewrites {@code https://127.0.0.1} to {@code http://}, so the
 * SDK talks plain {@code ws://} to an emulator started without TLS;</li>
 * <li>{@link #trusting}: the emulator serves {@code wss} with its self-signed certificate, and OkHttp trusts exactly that
 * certificate.</li>
 * </ul>
 * Both record every upgrade request the SDK makes, as the SDK built it (before OkHttp adds the WebSocket headers).
 */
final class SdkClients {

    private SdkClients() {
    }

    /** The upgrade requests one OkHttp client saw, as the SDK built them. */
    static final class Requests {
        private final List<Request> seen = new CopyOnWriteArrayList<>();

        List<Request> all() {
            return List.copyOf(seen);
        }

        Request last() {
            if (seen.isEmpty()) {
                throw new AssertionError("The SDK made no request");
            }
            return seen.get(seen.size() - 1);
        }

        void add(Request r) {
            seen.add(r);
        }
    }

    /** @return an OkHttp client that sends the SDK's {@code wss://127.0.0.1} as plain {@code ws://} */
    static OkHttpClient plainWebSocket(Requests requests) {
        Interceptor downgradeLoopback = chain -> {
            Request r = chain.request();
            requests.add(r);
            HttpUrl url = r.url();
            if (url.isHttps() && url.host().equals("127.0.0.1")) {
                r = r.newBuilder().url(url.newBuilder().scheme("http").build()).build();
            }
            return chain.proceed(r);
        };
        return new OkHttpClient.Builder().addInterceptor(downgradeLoopback).readTimeout(0, TimeUnit.MILLISECONDS).build();
    }

    /** @return an OkHttp client that trusts only the TLS emulator's self-signed certificate */
    static OkHttpClient trusting(GeminiLiveEmulator emulator, Requests requests) {
        return new OkHttpClient.Builder()
                .addInterceptor(chain -> {
                    requests.add(chain.request());
                    return chain.proceed(chain.request());
                })
                .sslSocketFactory(emulator.clientSslContext().getSocketFactory(), trustManager(emulator.trustStore()))
                .readTimeout(0, TimeUnit.MILLISECONDS)
                .build();
    }

    /** @return an OkHttp client with the JVM's default trust, which does not know the emulator's certificate */
    static OkHttpClient defaultTrust(Requests requests) {
        return new OkHttpClient.Builder().addInterceptor(chain -> {
            requests.add(chain.request());
            return chain.proceed(chain.request());
        }).build();
    }

    /**
     * @param baseUrl    the emulator's {@code httpUrl()}
     * @param apiKey     sent by the SDK as {@code x-goog-api-key}
     * @param apiVersion the API version of the path, or null for the SDK's default
     */
    static Client client(String baseUrl, String apiKey, String apiVersion, OkHttpClient ok) {
        return client(baseUrl, apiKey, apiVersion, ok, null);
    }

    /**
     * @param attempts how many times the SDK's own OkHttp {@code RetryInterceptor} tries the upgrade request; null for
     *                 its default (5 attempts with exponential backoff, which turns a refused TLS handshake into a
     *                 connect failure only after about 15 s)
     */
    static Client client(String baseUrl, String apiKey, String apiVersion, OkHttpClient ok, Integer attempts) {
        HttpOptions.Builder http = HttpOptions.builder().baseUrl(baseUrl);
        if (apiVersion != null) {
            http.apiVersion(apiVersion);
        }
        if (attempts != null) {
            http.retryOptions(HttpRetryOptions.builder().attempts(attempts).build());
        }
        return Client.builder()
                .apiKey(apiKey)
                .vertexAI(false)
                .httpOptions(http.build())
                .clientOptions(ClientOptions.builder().customHttpClient(ok).build())
                .build();
    }

    /** Closes a test's live session (if one was opened), then its SDK client and OkHttp client. */
    static void closeAll(com.google.genai.AsyncSession session, Client client, OkHttpClient ok) throws Exception {
        try {
            if (session != null) {
                session.close().get(5, TimeUnit.SECONDS);
            }
        } finally {
            client.close();
            shutdown(ok);
        }
    }

    /**
     * Stops the OkHttp threads and connections of a client the test made. Note that {@code Client.close()} already
     * shuts down the dispatcher of the {@code customHttpClient} it was given: an OkHttp client cannot outlive the SDK
     * client it was passed to.
     */
    static void shutdown(OkHttpClient ok) {
        ok.dispatcher().cancelAll();
        ok.dispatcher().executorService().shutdown();
        ok.connectionPool().evictAll();
    }

    private static X509TrustManager trustManager(KeyStore trustStore) {
        try {
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init(trustStore);
            for (TrustManager tm : f.getTrustManagers()) {
                if (tm instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("No X509TrustManager for the emulator's trust store");
        } catch (NoSuchAlgorithmException | KeyStoreException e) {
            throw new IllegalStateException(e);
        }
    }
}
