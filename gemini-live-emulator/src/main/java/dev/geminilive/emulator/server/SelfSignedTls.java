package dev.geminilive.emulator.server;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed certificate for 127.0.0.1 and localhost, made at start with BouncyCastle, and the TLS contexts that
 * serve it and trust it. The key never leaves memory unless {@link #writeTrustStore} is called (certificate only).
 */
public final class SelfSignedTls {

    private static final char[] PASSWORD = "changeit".toCharArray();

    private final X509Certificate certificate;
    private final KeyStore keyStore;
    private final KeyStore trustStore;

    private SelfSignedTls(X509Certificate certificate, KeyStore keyStore, KeyStore trustStore) {
        this.certificate = certificate;
        this.keyStore = keyStore;
        this.trustStore = trustStore;
    }

    /** Generates an EC P-256 key and a certificate valid for one day for IP 127.0.0.1 and DNS localhost. */
    public static SelfSignedTls generate() {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(256, new SecureRandom());
            KeyPair pair = gen.generateKeyPair();
            X500Name subject = new X500Name("CN=localhost, O=Gemini Live emulator");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(1))), subject, pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.dNSName, "localhost")}));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate());
            X509CertificateHolder holder = builder.build(signer);
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(holder);
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("emulator", pair.getPrivate(), PASSWORD, new X509Certificate[] {cert});
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("gemini-live-emulator", cert);
            return new SelfSignedTls(cert, keys, trust);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot generate the emulator's TLS certificate: " + e.getMessage(), e);
        }
    }

    /** @return a TLS context that serves the certificate */
    public SSLContext serverContext() {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, PASSWORD);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot build the server TLS context: " + e.getMessage(), e);
        }
    }

    /** @return a client TLS context that trusts only this certificate */
    public SSLContext clientContext() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot build the client TLS context: " + e.getMessage(), e);
        }
    }

    /** @return a PKCS12 trust store holding the certificate only (password {@link #trustStorePassword()}) */
    public KeyStore trustStore() {
        return trustStore;
    }

    /** @return the password of {@link #writeTrustStore} files */
    public static String trustStorePassword() {
        return new String(PASSWORD);
    }

    /** @return the certificate */
    public X509Certificate certificate() {
        return certificate;
    }

    /** Writes the trust store (certificate only, no key) as PKCS12, e.g. for {@code -Djavax.net.ssl.trustStore}. */
    public void writeTrustStore(OutputStream out) throws IOException {
        try {
            trustStore.store(out, PASSWORD);
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot write the trust store: " + e.getMessage(), e);
        }
    }

    /** @return whether {@code address} is loopback, used to warn when the emulator is exposed */
    public static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }
}
