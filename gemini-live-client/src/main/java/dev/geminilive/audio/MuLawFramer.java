package dev.geminilive.audio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a stream of signed 16-bit little-endian PCM (24 kHz from the Live API) into fixed-size 8 kHz μ-law frames, the
 * unit telephony media streams play (160 bytes = 20 ms). Samples that do not yet fill a frame are kept for the next
 * piece; {@link #flush()} pads the last frame with μ-law silence, and {@link #reset()} forgets everything (barge-in:
 * the rest of an interrupted answer must not leak into the next one). Not thread-safe: use one per call.
 */
public final class MuLawFramer {

    /** 20 ms at 8 kHz, one byte per sample: the frame size telephony providers send and expect. */
    public static final int DEFAULT_FRAME_BYTES = 160;

    private final int inputRate;
    private final int frameBytes;
    private Resampler resampler;
    private byte[] partial;
    private int partialLength;

    /**
     * @param inputRate the PCM sample rate of the input, e.g. 24000
     * @param frameBytes μ-law samples per frame, e.g. {@value #DEFAULT_FRAME_BYTES}
     */
    public MuLawFramer(int inputRate, int frameBytes) {
        if (frameBytes < 1) {
            throw new IllegalArgumentException("frameBytes must be positive: " + frameBytes);
        }
        this.inputRate = inputRate;
        this.frameBytes = frameBytes;
        reset();
    }

    /**
     * @param pcm16 the next piece of PCM at the input rate
     * @return the frames now complete, each exactly {@code frameBytes} long (possibly none)
     */
    public List<byte[]> frames(byte[] pcm16) {
        return cut(MuLaw.encode(resampler.process(pcm16)));
    }

    /**
     * Ends the current stream (e.g. at the end of a model turn): returns its remaining frames, the last one padded
     * with silence, and starts a fresh stream.
     *
     * @return the remaining frames (possibly none)
     */
    public List<byte[]> flush() {
        List<byte[]> out = cut(MuLaw.encode(resampler.flush()));
        if (partialLength > 0) {
            byte[] last = Arrays.copyOf(partial, frameBytes);
            Arrays.fill(last, partialLength, frameBytes, MuLaw.SILENCE);
            out.add(last);
        }
        reset();
        return out;
    }

    /** Drops whatever is held back and starts a fresh stream. */
    public void reset() {
        resampler = new Resampler(inputRate, MuLawDecoder.TELEPHONY_RATE);
        partial = new byte[frameBytes];
        partialLength = 0;
    }

    /** @return the frame size in bytes */
    public int frameBytes() {
        return frameBytes;
    }

    private List<byte[]> cut(byte[] codes) {
        List<byte[]> out = new ArrayList<>();
        int at = 0;
        while (at < codes.length) {
            int n = Math.min(frameBytes - partialLength, codes.length - at);
            System.arraycopy(codes, at, partial, partialLength, n);
            partialLength += n;
            at += n;
            if (partialLength == frameBytes) {
                out.add(partial);
                partial = new byte[frameBytes];
                partialLength = 0;
            }
        }
        return out;
    }
}
