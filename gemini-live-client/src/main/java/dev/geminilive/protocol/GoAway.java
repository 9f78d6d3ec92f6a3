package dev.geminilive.protocol;

import java.time.Duration;

/** @param timeLeft time until the server closes this connection (a protobuf Duration such as {@code "50s"} on the wire) */
public record GoAway(Duration timeLeft) {
}
