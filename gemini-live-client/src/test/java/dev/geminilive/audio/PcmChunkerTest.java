package dev.geminilive.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.Test;

class PcmChunkerTest {

    @Test
    void defaultChunkAt16kHzIs100MsOr3200Bytes() {
        PcmChunker c = PcmChunker.pcm16Mono(16000, PcmChunker.DEFAULT_CHUNK_MILLIS);
        assertEquals(3200, c.chunkBytes());
        assertEquals(640, PcmChunker.pcm16Mono(16000, 20).chunkBytes());
        assertEquals(4800, PcmChunker.pcm16Mono(24000, 100).chunkBytes());
    }

    @Test
    void streamFedInOddSizedReadsYieldsFull100MsChunksOfWholeSamplesAndKeepsEveryByte() {
        byte[] pcm = Pcm.speechLike(16000, 2345, 9); // 37520 samples: 23 full chunks and 1440 bytes
        PcmChunker chunker = PcmChunker.pcm16Mono(16000, 100);
        TestAudio.TrickleInputStream in = new TestAudio.TrickleInputStream(new ByteArrayInputStream(pcm));
        List<byte[]> chunks = new ArrayList<>();
        chunker.chunks(in).forEachRemaining(chunks::add);

        assertEquals(24, chunks.size());
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (int i = 0; i < chunks.size(); i++) {
            byte[] chunk = chunks.get(i);
            assertEquals(0, chunk.length % 2, "whole samples in chunk " + i);
            if (i < chunks.size() - 1) {
                assertEquals(3200, chunk.length, "chunk " + i);
                assertEquals(100, Pcm.duration(chunk.length, 16000).toMillis());
            }
            joined.writeBytes(chunk);
        }
        assertEquals(1440, chunks.get(23).length);
        assertArrayEquals(pcm, joined.toByteArray());
    }

    @Test
    void iteratorReadsTheStreamOnlyAsChunksAreRequested() {
        TestAudio.GeneratedInputStream in = new TestAudio.GeneratedInputStream(new byte[0], new byte[] {1, 2, 3, 4},
                1L << 40); // a terabyte: must never be loaded whole
        Iterator<byte[]> it = PcmChunker.pcm16Mono(16000, 100).chunks(in);
        assertEquals(0, in.position());
        assertTrue(it.hasNext());
        assertEquals(3200, in.position());
        it.next();
        it.next();
        assertEquals(6400, in.position());
    }

    @Test
    void sizesRoundDownToWholeFramesWhenTheDurationIsNotAWholeNumberOfSamples() {
        assertEquals(2 * 220, PcmChunker.pcm16Mono(22050, 10).chunkBytes()); // 220.5 samples
        PcmFormat stereo24 = new PcmFormat(44100, 2, 24, PcmFormat.Encoding.SIGNED_INT, ByteOrder.LITTLE_ENDIAN);
        PcmChunker c = new PcmChunker(stereo24, 10);
        assertEquals(441 * 6, c.chunkBytes());
        assertEquals(2, PcmChunker.pcm16Mono(100, 1).chunkBytes()); // never empty
        assertThrows(IllegalArgumentException.class, () -> PcmChunker.pcm16Mono(16000, 0));
    }

    @Test
    void trailingPartialSampleIsDropped() throws IOException {
        PcmChunker c = PcmChunker.pcm16Mono(16000, 100);
        List<byte[]> chunks = new ArrayList<>();
        c.forEachChunk(new ByteArrayInputStream(new byte[3201]), chunks::add);
        assertEquals(List.of(3200), chunks.stream().map(b -> b.length).toList());
        chunks.clear();
        c.chunks(new byte[3203]).forEachRemaining(chunks::add);
        assertEquals(List.of(3200, 2), chunks.stream().map(b -> b.length).toList());
        PcmFormat stereo = new PcmFormat(16000, 2, 16, PcmFormat.Encoding.SIGNED_INT, ByteOrder.LITTLE_ENDIAN);
        assertFalse(new PcmChunker(stereo, 100).chunks(new byte[3]).hasNext());
    }

    @Test
    void byteBufferIsChunkedFromPositionToLimitWithoutBeingChanged() {
        byte[] pcm = Pcm.sine(16000, 440, 0.5, 4000);
        ByteBuffer b = ByteBuffer.wrap(pcm);
        b.position(100).limit(7100);
        List<byte[]> chunks = new ArrayList<>();
        PcmChunker.pcm16Mono(16000, 100).chunks(b).forEachRemaining(chunks::add);
        assertEquals(List.of(3200, 3200, 600), chunks.stream().map(x -> x.length).toList());
        assertArrayEquals(java.util.Arrays.copyOfRange(pcm, 3300, 6500), chunks.get(1));
        assertEquals(100, b.position());
        assertEquals(7100, b.limit());
    }

    @Test
    void callbackReceivesChunksInOrderAndStopsWhenTheSinkFails() throws IOException {
        byte[] pcm = Pcm.sine(16000, 440, 0.5, 16000);
        PcmChunker c = PcmChunker.pcm16Mono(16000, 250);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        assertEquals(pcm.length, c.forEachChunk(new ByteArrayInputStream(pcm), received::writeBytes));
        assertArrayEquals(pcm, received.toByteArray());

        int[] calls = {0};
        IOException failure = new IOException("socket closed");
        IOException thrown = assertThrows(IOException.class, () -> c.forEachChunk(new ByteArrayInputStream(pcm),
                chunk -> {
                    if (++calls[0] == 2) {
                        throw failure;
                    }
                }));
        assertSame(failure, thrown);
        assertEquals(2, calls[0]);
    }

    @Test
    void emptyInputYieldsNoChunksAndReadErrorsSurfaceUnchecked() {
        PcmChunker c = PcmChunker.pcm16Mono(16000, 100);
        Iterator<byte[]> it = c.chunks(new ByteArrayInputStream(new byte[0]));
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
        Iterator<byte[]> failing = c.chunks(new java.io.InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("reset by peer");
            }
        });
        assertThrows(UncheckedIOException.class, failing::hasNext);
    }

    @Test
    void chunksReadIntoAReusedBufferHoldTheSameBytesAsOwnedChunks() throws IOException {
        byte[] pcm = Pcm.speechLike(16000, 1050, 3); // 10 full chunks and 1600 bytes
        PcmChunker c = PcmChunker.pcm16Mono(16000, 100);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        List<Integer> lengths = new ArrayList<>();
        byte[][] buffers = new byte[1][];
        long total = c.forEachChunkReusing(new TestAudio.TrickleInputStream(new ByteArrayInputStream(pcm)), (buf, n) -> {
            if (buffers[0] == null) {
                buffers[0] = buf;
            }
            assertSame(buffers[0], buf, "one buffer for the whole stream");
            received.write(buf, 0, n);
            lengths.add(n);
        });
        assertEquals(pcm.length, total);
        assertArrayEquals(pcm, received.toByteArray());
        assertEquals(11, lengths.size());
        assertEquals(1600, lengths.get(10));

        byte[] buf = new byte[c.chunkBytes()];
        ByteArrayInputStream in = new ByteArrayInputStream(new byte[3201]);
        assertEquals(3200, c.readChunk(in, buf));
        assertEquals(0, c.readChunk(in, buf), "a trailing partial frame is dropped");
        assertThrows(IllegalArgumentException.class, () -> c.readChunk(in, new byte[10]));
    }

    @Test
    void readChunkKeepsTheLastPartialChunkAndEndsWithNull() throws IOException {
        PcmChunker c = PcmChunker.pcm16Mono(16000, 100);
        byte[] pcm = new byte[3200 + 11];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (byte) i;
        }
        ByteArrayInputStream in = new ByteArrayInputStream(pcm);
        assertArrayEquals(java.util.Arrays.copyOf(pcm, 3200), c.readChunk(in));
        assertArrayEquals(java.util.Arrays.copyOfRange(pcm, 3200, 3210), c.readChunk(in));
        assertEquals(null, c.readChunk(in));
        assertEquals(null, c.readChunk(new ByteArrayInputStream(new byte[1])), "less than one frame is no chunk");
    }
}
