package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.geminilive.client.LiveClientException;
import dev.geminilive.emulator.GeminiLiveEmulator;
import dev.geminilive.emulator.server.SelfSignedTls;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.junit.jupiter.api.Test;

/** wss: Camel's SSLContextParameters trust the emulator's certificate; without them an unknown certificate is refused. */
class TlsTest extends EmulatorTestSupport {

    @Override
    protected GeminiLiveEmulator.Builder emulatorBuilder() {
        return GeminiLiveEmulator.builder().apiKey(KEY).tls(true);
    }

    @Override
    protected RouteBuilder createRouteBuilder() throws Exception {
        // the trust store a user would keep on disk, as the emulator's --trust-store option writes it
        Path trustStore = Files.createTempFile("emulator-trust", ".p12");
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            emulator.tls().writeTrustStore(out);
        }
        trustStore.toFile().deleteOnExit();
        KeyStoreParameters store = new KeyStoreParameters();
        store.setResource("file:" + trustStore);
        store.setType("PKCS12");
        store.setPassword(SelfSignedTls.trustStorePassword());
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(store);
        SSLContextParameters tls = new SSLContextParameters();
        tls.setTrustManagers(trust);
        context.getRegistry().bind("emulatorTls", tls);
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:trusted").to(uri("trusted", "model=" + MODEL_3 + "&sslContextParameters=#emulatorTls"));
                from("direct:default").to(uri("untrusted", "model=" + MODEL_3));
            }
        };
    }

    @Test
    void sslContextParametersTrustingTheServersCertificateConnectOverWss() {
        assertTrue(emulator.url().startsWith("wss://127.0.0.1:"), emulator.url());
        assertEquals("You said: hi", template.requestBody("direct:trusted", "hi", String.class));
        assertEquals(1, emulator.sessions().size());
    }

    @Test
    void aCertificateTheJvmDoesNotTrustIsRefusedWithAClearError() {
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.requestBody("direct:default", "hi", String.class));
        LiveClientException cause = assertInstanceOf(LiveClientException.class, e.getCause());
        assertTrue(cause.getMessage().startsWith("Cannot connect to Gemini Live at wss://127.0.0.1:" + emulator.port()
                                                 + "/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent: "
                                                 + "the server's TLS certificate is not trusted (PKIX path building failed"),
                cause.getMessage());
        assertFalse(cause.getMessage().contains(KEY), cause.getMessage());
        assertEquals(0, emulator.sessions().size(), "no session was opened");
    }
}
