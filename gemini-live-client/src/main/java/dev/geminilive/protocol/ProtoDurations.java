package dev.geminilive.protocol;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/** Protobuf {@code Duration} JSON strings: {@code "50s"}, {@code "1.500s"}. */
public final class ProtoDurations {

    private ProtoDurations() {
    }

    /** @return the proto3 JSON form of {@code d}: seconds with 0, 3, 6 or 9 fractional digits and an {@code s} suffix */
    public static String format(Duration d) {
        long seconds = d.getSeconds();
        int nanos = d.getNano();
        if (seconds < 0 && nanos > 0) {
            seconds += 1;
            nanos = 1_000_000_000 - nanos;
            return "-" + formatPositive(-seconds, nanos);
        }
        return formatPositive(seconds, nanos);
    }

    private static String formatPositive(long seconds, int nanos) {
        if (nanos == 0) {
            return seconds + "s";
        }
        String frac;
        if (nanos % 1_000_000 == 0) {
            frac = String.format("%03d", nanos / 1_000_000);
        } else if (nanos % 1_000 == 0) {
            frac = String.format("%06d", nanos / 1_000);
        } else {
            frac = String.format("%09d", nanos);
        }
        return seconds + "." + frac + "s";
    }

    /**
     * @param text {@code "50s"}, {@code "0.5s"}, or a plain number of seconds
     * @return the duration
     * @throws IllegalArgumentException naming the text when it is not a duration
     */
    public static Duration parse(String text) {
        String t = text.trim();
        if (t.endsWith("s")) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            BigDecimal secs = new BigDecimal(t);
            // seconds and nanos apart: a long of nanoseconds only spans +-292 years, the proto range is +-10,000 years
            BigDecimal whole = secs.setScale(0, RoundingMode.FLOOR);
            return Duration.ofSeconds(whole.longValueExact(), secs.subtract(whole).movePointRight(9).intValueExact());
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("Not a protobuf Duration: \"" + text + "\"", e);
        }
    }
}
