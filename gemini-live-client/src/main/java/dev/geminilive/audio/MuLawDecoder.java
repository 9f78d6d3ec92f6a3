package dev.geminilive.audio;

/**
 * Turns a stream of 8 kHz μ-law telephony audio into signed 16-bit little-endian PCM at another rate (16 kHz for the
 * Live API), piece by piece. The resampler keeps its history between pieces, so the output does not depend on how the
 * stream is cut into frames. Not thread-safe: use one per call.
 */
public final class MuLawDecoder {

    /** The sample rate of G.711 telephony audio. */
    public static final int TELEPHONY_RATE = 8000;

    private final Resampler resampler;

    /**
     * @param outputRate the PCM sample rate wanted, e.g. 16000
     */
    public MuLawDecoder(int outputRate) {
        this.resampler = new Resampler(TELEPHONY_RATE, outputRate);
    }

    /**
     * @param codes the next μ-law frame (any length)
     * @return the PCM it makes available; slightly less than its length until {@link #flush()}, as the filter looks
     *         ahead a few milliseconds
     */
    public byte[] decode(byte[] codes) {
        return resampler.process(MuLaw.decode(codes));
    }

    /** @return the PCM still held back at the end of the stream */
    public byte[] flush() {
        return resampler.flush();
    }

    /** @return the output sample rate */
    public int outputRate() {
        return resampler.outputRate();
    }
}
