package dev.geminilive.emulator.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.google.genai.AsyncSession;
import com.google.genai.Client;
import com.google.genai.types.Content;
import com.google.genai.types.LiveConnectConfig;
import com.google.genai.types.LiveSendClientContentParameters;
import com.google.genai.types.LiveServerMessage;
import com.google.genai.types.Modality;
import com.google.genai.types.Part;

import okhttp3.OkHttpClient;
import okhttp3.Request;

import dev.geminilive.emulator.CloseStatus;
import dev.geminilive.emulator.EmulatorSession;
import dev.geminilive.emulator.GeminiLiveEmulator;

/**
 * The official Google Gen AI Java SDK against the emulator's TLS mode: the SDK dials {@code wss://127.0.0.1:PORT} as it
 * would dial Google, with no URL rewriting; only the OkHttp trust is narrowed to the emulator's self-signed certificate.
 */
class GenAiSdkTlsInteropTest {

    static final String KEY = "tls-interop-key";
    static final Duration WAIT = Duration.ofSeconds(10);

    static GeminiLiveEmulator emulator;

    @BeforeAll
    static void startEmulator() {
        emulator = GeminiLiveEmulator.builder().apiKey(KEY).tls(true).start();
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @Test
    void sdkConnectsOverWssTrustingTheEmulatorCertificateAndCompletesATextTurn() throws Exception {
        SdkClients.Requests requests = new SdkClients.Requests();
        OkHttpClient ok = SdkClients.trusting(emulator, requests);
        Inbox inbox = new Inbox();
        assertTrue(emulator.httpUrl().startsWith("https://127.0.0.1:"), emulator.httpUrl());
        try (Client client = SdkClients.client(emulator.httpUrl(), KEY, null, ok)) {
            int before = emulator.sessions().size();
            AsyncSession session = client.async.live.connect(GenAiSdkInteropTest.TEXT_MODEL,
                    LiveConnectConfig.builder().responseModalities(Modality.Known.TEXT).build())
                    .thenApply(s -> {
                        s.receive(inbox);
                        return s;
                    }).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            EmulatorSession es = emulator.awaitSession(before + 1, WAIT);

            Request upgrade = requests.last();
            assertTrue(upgrade.url().isHttps(), "OkHttp carries wss as https: " + upgrade.url());
            assertEquals("127.0.0.1", upgrade.url().host());
            assertEquals(emulator.port(), upgrade.url().port());
            assertEquals("models/" + GenAiSdkInteropTest.TEXT_MODEL, es.model().orElseThrow());

            session.sendClientContent(LiveSendClientContentParameters.builder()
                    .turns(Content.builder().role("user").parts(Part.fromText("hello over TLS"))).turnComplete(true).build())
                    .get(5, TimeUnit.SECONDS);
            List<LiveServerMessage> turn = inbox.awaitTurns(1, WAIT);

            assertEquals("You said: hello over TLS", Inbox.text(turn));
            assertTrue(Inbox.isGenerationComplete(turn.get(turn.size() - 2)));
            assertTrue(turn.get(turn.size() - 1).usageMetadata().flatMap(u -> u.totalTokenCount()).orElse(0) > 0);

            session.close().get(5, TimeUnit.SECONDS);
            CloseStatus closed = es.awaitClose(WAIT);
            assertEquals(1000, closed.code());
        } finally {
            SdkClients.shutdown(ok);
        }
    }

    @Test
    void sdkWithTheJvmDefaultTrustRefusesTheSelfSignedCertificate() throws Exception {
        SdkClients.Requests requests = new SdkClients.Requests();
        OkHttpClient ok = SdkClients.defaultTrust(requests);
        // one attempt: by default the SDK's RetryInterceptor retries the refused handshake 5 times with backoff
        try (Client client = SdkClients.client(emulator.httpUrl(), KEY, null, ok, 1)) {
            int before = emulator.sessions().size();
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> client.async.live.connect(GenAiSdkInteropTest.TEXT_MODEL,
                            LiveConnectConfig.builder().responseModalities(Modality.Known.TEXT).build())
                            .get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            assertTrue(causedBy(failed, SSLException.class), "a TLS failure: " + failed.getCause());
            assertEquals(before, emulator.sessions().size(), "no WebSocket session opened");
        } finally {
            SdkClients.shutdown(ok);
        }
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
