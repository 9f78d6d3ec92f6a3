package dev.geminilive.emulator;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;

class TlsTest {

    @Test
    void wssWithTheSelfSignedCertificateIsTrustedThroughTheEmulatorsSslContext() throws Exception {
        try (GeminiLiveEmulator e = GeminiLiveEmulator.builder().tls(true).start()) {
            assertTrue(e.url().startsWith("wss://127.0.0.1:"));
            try (RawLiveClient c = RawLiveClient.connect(e.liveUrl("v1beta"), Wire.KEY_HEADER, e.clientSslContext())) {
                c.send(Wire.setup(ModelCatalog.TEST_MODEL));
                assertNotNull(c.await(m -> m.setupComplete() != null));
            }
        }
    }

    @Test
    void clientsThatDoNotTrustTheCertificateFailTheHandshake() throws Exception {
        try (GeminiLiveEmulator e = GeminiLiveEmulator.builder().tls(true).start()) {
            assertThrows(Exception.class, () -> RawLiveClient.connect(e.liveUrl("v1beta"), Wire.KEY_HEADER, SSLContext.getDefault()));
        }
    }
}
