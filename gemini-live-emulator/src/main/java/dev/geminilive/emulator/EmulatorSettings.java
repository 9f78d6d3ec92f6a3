package dev.geminilive.emulator;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

import dev.geminilive.emulator.brain.Brain;
import dev.geminilive.emulator.scenario.Scenario;

/**
 * Everything that configures one emulator instance. Built by {@link GeminiLiveEmulator.Builder}; immutable.
 *
 * @param bindAddress          the address to listen on (loopback by default)
 * @param port                 the port, 0 for a free one
 * @param apiKeys              accepted API keys; empty accepts any non-empty key
 * @param authTokens           accepted ephemeral tokens ({@code auth_tokens/...}); empty accepts any such token
 * @param models               the served models
 * @param connectionLifetime   how long one connection lives before close 1011 "Deadline expired..."
 * @param goAwayLead           how long before the end of the connection goAway is sent
 * @param audioSessionLimit    session duration limit without video and without context window compression
 * @param videoSessionLimit    session duration limit once video was received, without compression
 * @param maxSessionsPerKey    concurrent sessions per credential
 * @param handleTtl            how long a resumption handle stays valid after the session's last connection closed
 * @param maxMessageBytes      the largest client frame accepted; larger frames close with 1009
 * @param binaryFrames         send server frames as binary (true, as Google does) or text frames
 * @param chunkDelay           pause between the frames of a model turn
 * @param frameDelay           extra delay before every server frame (fault injection default)
 * @param rejectResumeWhileConnected close a resume with 1011 while another connection of the session is open; when false
 *                             the resume is accepted and the older connection is closed with 1000
 * @param idleTimeout          close a connection with 1011 after this long without a client message; zero: never
 * @param resumptionUpdateInterval send a fresh resumable sessionResumptionUpdate after this long without one while no
 *                             turn is generating; zero: only at setup, after turns and before goAway
 * @param recording            record every frame of every session (off for load tests)
 * @param maxRecordedSessions  sessions kept for inspection; the oldest closed ones are forgotten beyond this
 * @param tls                  serve wss with a self-signed certificate for 127.0.0.1 and localhost
 * @param scenario             scripted rules checked before the brain
 * @param brain                the deterministic default answers
 * @param clock                time source for handle expiry
 */
public record EmulatorSettings(
        String bindAddress,
        int port,
        Set<String> apiKeys,
        Set<String> authTokens,
        ModelCatalog models,
        Duration connectionLifetime,
        Duration goAwayLead,
        Duration audioSessionLimit,
        Duration videoSessionLimit,
        int maxSessionsPerKey,
        Duration handleTtl,
        int maxMessageBytes,
        boolean binaryFrames,
        Duration chunkDelay,
        Duration frameDelay,
        boolean rejectResumeWhileConnected,
        Duration idleTimeout,
        Duration resumptionUpdateInterval,
        boolean recording,
        int maxRecordedSessions,
        boolean tls,
        Scenario scenario,
        Brain brain,
        Clock clock) {

    public EmulatorSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        apiKeys = Set.copyOf(apiKeys);
        authTokens = Set.copyOf(authTokens);
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(connectionLifetime, "connectionLifetime");
        Objects.requireNonNull(goAwayLead, "goAwayLead");
        idleTimeout = idleTimeout == null ? Duration.ZERO : idleTimeout;
        resumptionUpdateInterval = resumptionUpdateInterval == null ? Duration.ZERO : resumptionUpdateInterval;
        if (idleTimeout.isNegative() || resumptionUpdateInterval.isNegative()) {
            throw new IllegalArgumentException("idleTimeout and resumptionUpdateInterval must not be negative");
        }
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(brain, "brain");
        Objects.requireNonNull(clock, "clock");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        if (maxSessionsPerKey < 1) {
            throw new IllegalArgumentException("maxSessionsPerKey must be at least 1");
        }
        if (maxRecordedSessions < 1) {
            throw new IllegalArgumentException("maxRecordedSessions must be at least 1");
        }
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 1024");
        }
    }

    /** The key set is never printed: keys are secrets. */
    @Override
    public String toString() {
        return "EmulatorSettings[bind=" + bindAddress + ", port=" + port + ", apiKeys=" + apiKeys.size() + " configured, models="
                + models.models().size() + ", connectionLifetime=" + connectionLifetime + ", goAwayLead=" + goAwayLead
                + ", idleTimeout=" + idleTimeout + ", resumptionUpdateInterval=" + resumptionUpdateInterval + ", tls=" + tls + "]";
    }
}
