package dev.geminilive.emulator.audio;

/** Arithmetic on 16-bit little-endian mono PCM. */
public final class Pcm16 {

    private Pcm16() {
    }

    /** @return the sample at index {@code i} */
    public static int sample(byte[] pcm, int i) {
        return (short) ((pcm[2 * i] & 0xFF) | (pcm[2 * i + 1] << 8));
    }

    /** @return the root mean square of {@code count} samples starting at sample {@code from} */
    public static double rms(byte[] pcm, int from, int count) {
        if (count <= 0) {
            return 0;
        }
        double sum = 0;
        for (int i = from; i < from + count; i++) {
            double s = sample(pcm, i);
            sum += s * s;
        }
        return Math.sqrt(sum / count);
    }

    /** @return the duration in milliseconds of {@code bytes} bytes at {@code rate} Hz */
    public static double millis(long bytes, int rate) {
        return bytes / 2.0 * 1000.0 / rate;
    }

    /** @return {@code durationMs} of a sine tone at {@code hz}, amplitude {@code amplitude}, sampled at {@code rate} */
    public static byte[] tone(int rate, double hz, int durationMs, int amplitude) {
        int n = (int) ((long) rate * durationMs / 1000);
        byte[] out = new byte[n * 2];
        for (int i = 0; i < n; i++) {
            int s = (int) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / rate));
            out[2 * i] = (byte) s;
            out[2 * i + 1] = (byte) (s >> 8);
        }
        return out;
    }

    /** @return {@code durationMs} of silence at {@code rate} */
    public static byte[] silence(int rate, int durationMs) {
        return new byte[(int) ((long) rate * durationMs / 1000) * 2];
    }
}
