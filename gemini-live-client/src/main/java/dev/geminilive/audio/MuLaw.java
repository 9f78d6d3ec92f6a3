package dev.geminilive.audio;

/**
 * ITU-T G.711 μ-law, the 8-bit companding of North American and Japanese telephony (PCMU, {@code audio/x-mulaw}), as
 * telephony media streams carry it.
 *
 * <p>Codes map to and from signed 16-bit linear PCM. G.711 defines μ-law on 14-bit linear values; this class works in
 * 16-bit units, four times those (so the largest magnitude is 4 × 8031 = 32124), the scaling every 16-bit
 * implementation uses. Encoding rounds towards zero within a quantisation step, as the G.711 decision levels do, and
 * clips magnitudes above 32635. Both directions are table-free bit arithmetic and allocate nothing per sample.
 */
public final class MuLaw {

    /** The code of a zero sample: all bits set, since μ-law transmits codes inverted. */
    public static final byte SILENCE = (byte) 0xFF;

    /** Added to the magnitude before segmenting: 33 in G.711's 14-bit units. */
    private static final int BIAS = 0x84;
    /** The largest magnitude that still encodes without overflowing the top segment. */
    private static final int CLIP = 32635;

    private MuLaw() {
    }

    /**
     * @param sample a signed 16-bit sample
     * @return its μ-law code
     */
    public static byte encode(int sample) {
        int sign = 0;
        int magnitude = sample;
        if (magnitude < 0) {
            sign = 0x80;
            magnitude = -magnitude;
        }
        magnitude = Math.min(magnitude, CLIP) + BIAS;
        // the segment (exponent) is the position of the highest set bit of magnitude / 128 (which is at least 1)
        int exponent = 31 - Integer.numberOfLeadingZeros(magnitude >> 7);
        int mantissa = (magnitude >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | exponent << 4 | mantissa);
    }

    /**
     * @param code a μ-law code
     * @return the signed 16-bit sample it stands for (the middle of its quantisation step)
     */
    public static short decode(byte code) {
        int u = ~code & 0xFF;
        int exponent = (u >> 4) & 0x07;
        int mantissa = u & 0x0F;
        int magnitude = ((mantissa << 3) + BIAS << exponent) - BIAS;
        return (short) ((u & 0x80) != 0 ? -magnitude : magnitude);
    }

    /**
     * @param codes μ-law codes, one per sample
     * @return signed 16-bit little-endian PCM, two bytes per code
     */
    public static byte[] decode(byte[] codes) {
        byte[] pcm = new byte[codes.length * 2];
        for (int i = 0; i < codes.length; i++) {
            short s = decode(codes[i]);
            pcm[2 * i] = (byte) s;
            pcm[2 * i + 1] = (byte) (s >> 8);
        }
        return pcm;
    }

    /**
     * @param pcm16 signed 16-bit little-endian PCM; a trailing odd byte is ignored
     * @return one μ-law code per sample
     */
    public static byte[] encode(byte[] pcm16) {
        byte[] codes = new byte[pcm16.length / 2];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = encode((short) ((pcm16[2 * i] & 0xFF) | pcm16[2 * i + 1] << 8));
        }
        return codes;
    }
}
