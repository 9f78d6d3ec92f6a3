package dev.geminilive.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavWriterTest {

    @Test
    void pcm16MonoRoundTripsThroughWriteAndRead() {
        byte[] pcm = Pcm.speechLike(24000, 500, 7);
        byte[] wav = WavWriter.toWav(pcm, 24000);
        assertEquals(WavWriter.HEADER_SIZE + pcm.length, wav.length);
        assertTrue(WavReader.isWav(wav));

        WavData read = WavReader.read(wav);
        assertEquals(PcmFormat.PCM16_MONO_24K, read.format());
        assertArrayEquals(pcm, read.data());
        assertEquals(12000, read.frameCount());
        assertEquals(500, read.duration().toMillis());
    }

    @Test
    void headerIsTheCanonical44BytesWithExactSizes() {
        byte[] wav = WavWriter.toWav(new byte[1000], 16000);
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("RIFF", new String(wav, 0, 4));
        assertEquals(36 + 1000, b.getInt(4));
        assertEquals("WAVEfmt ", new String(wav, 8, 8));
        assertEquals(16, b.getInt(16));
        assertEquals(1, b.getShort(20)); // PCM
        assertEquals(1, b.getShort(22)); // mono
        assertEquals(16000, b.getInt(24));
        assertEquals(32000, b.getInt(28)); // byte rate
        assertEquals(2, b.getShort(32)); // block align
        assertEquals(16, b.getShort(34));
        assertEquals("data", new String(wav, 36, 4));
        assertEquals(1000, b.getInt(40));
    }

    @Test
    void everyWavSampleFormatRoundTrips() {
        double[] left = TestAudio.tone(8000, 440, 0.7, 200);
        double[] right = TestAudio.tone(8000, 660, 0.3, 200);
        for (PcmFormat f : new PcmFormat[] {
                new PcmFormat(8000, 2, 8, PcmFormat.Encoding.UNSIGNED_INT, ByteOrder.LITTLE_ENDIAN),
                new PcmFormat(8000, 2, 16, PcmFormat.Encoding.SIGNED_INT, ByteOrder.LITTLE_ENDIAN),
                new PcmFormat(8000, 2, 24, PcmFormat.Encoding.SIGNED_INT, ByteOrder.LITTLE_ENDIAN),
                new PcmFormat(8000, 2, 32, PcmFormat.Encoding.SIGNED_INT, ByteOrder.LITTLE_ENDIAN),
                new PcmFormat(8000, 2, 32, PcmFormat.Encoding.FLOAT, ByteOrder.LITTLE_ENDIAN),
                new PcmFormat(8000, 2, 64, PcmFormat.Encoding.FLOAT, ByteOrder.LITTLE_ENDIAN)}) {
            byte[] data = TestAudio.encode(f, left, right);
            WavData read = WavReader.read(WavWriter.toWav(data, f));
            assertEquals(f, read.format(), f.toString());
            assertArrayEquals(data, read.data(), f.toString());
        }
    }

    @Test
    void formatsWavCannotHoldAreRefused() {
        assertThrows(AudioFormatException.class, () -> WavWriter.toWav(new byte[4],
                new PcmFormat(8000, 1, 16, PcmFormat.Encoding.SIGNED_INT, ByteOrder.BIG_ENDIAN)));
        assertThrows(AudioFormatException.class, () -> WavWriter.toWav(new byte[4],
                new PcmFormat(8000, 1, 8, PcmFormat.Encoding.SIGNED_INT, ByteOrder.LITTLE_ENDIAN)));
    }

    @Test
    void oddSizedDataIsFollowedByAPadByte() {
        PcmFormat u8 = new PcmFormat(8000, 1, 8, PcmFormat.Encoding.UNSIGNED_INT, ByteOrder.LITTLE_ENDIAN);
        byte[] wav = WavWriter.toWav(new byte[] {1, 2, 3}, u8);
        assertEquals(44 + 4, wav.length);
        assertEquals(36 + 4, ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).getInt(4));
        assertEquals(3, ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).getInt(40));
        assertArrayEquals(new byte[] {1, 2, 3}, WavReader.read(wav).data());
    }

    @Test
    void streamingWriterWithUnknownLengthIsReadBackToTheEnd() throws IOException {
        byte[] pcm = Pcm.sine(24000, 300, 0.5, 2400);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (WavOutputStream out = WavWriter.stream(sink, 24000)) {
            for (int i = 0; i < pcm.length; i += 1000) {
                out.write(pcm, i, Math.min(1000, pcm.length - i));
            }
            assertEquals(pcm.length, out.dataBytesWritten());
        }
        byte[] wav = sink.toByteArray();
        assertEquals(0xFFFFFFFF, ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).getInt(40));
        assertArrayEquals(pcm, WavReader.read(wav).data());
        try (WavInputStream in = WavReader.open(new ByteArrayInputStream(wav))) {
            assertEquals(OptionalLong.empty(), in.declaredDataLength());
            assertArrayEquals(pcm, in.readAllBytes());
        }
    }

    @Test
    void streamingWriterWithKnownLengthWritesAnExactHeaderAndChecksTheCount() throws IOException {
        byte[] pcm = Pcm.sine(16000, 300, 0.5, 800);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (WavOutputStream out = WavWriter.stream(sink, PcmFormat.PCM16_MONO_16K, pcm.length)) {
            out.write(pcm);
        }
        assertArrayEquals(WavWriter.toWav(pcm, 16000), sink.toByteArray());

        WavOutputStream shortWrite = WavWriter.stream(new ByteArrayOutputStream(), PcmFormat.PCM16_MONO_16K, 10);
        shortWrite.write(new byte[4]);
        IOException e = assertThrows(IOException.class, shortWrite::close);
        assertTrue(e.getMessage().contains("declared 10"), e.getMessage());

        WavOutputStream overWrite = WavWriter.stream(new ByteArrayOutputStream(), PcmFormat.PCM16_MONO_16K, 2);
        assertThrows(IOException.class, () -> overWrite.write(new byte[4]));
    }

    @Test
    void fixSizesPatchesAStreamedFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("reply.wav");
        byte[] pcm = Pcm.sine(24000, 500, 0.5, 1234);
        try (WavOutputStream out = WavWriter.stream(Files.newOutputStream(file), 24000)) {
            out.write(pcm);
        }
        WavWriter.fixSizes(file);
        byte[] wav = Files.readAllBytes(file);
        assertArrayEquals(WavWriter.toWav(pcm, 24000), wav);
        assertFalse(Arrays.equals(new byte[4], Arrays.copyOfRange(wav, 40, 44)));
    }
}
