package dev.geminilive.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class WavReaderTest {

    private static final PcmFormat U8_MONO_8K = new PcmFormat(8000, 1, 8, PcmFormat.Encoding.UNSIGNED_INT,
            ByteOrder.LITTLE_ENDIAN);

    @Test
    void eightBitUnsignedIsCenteredOn128() {
        byte[] data = {(byte) 128, (byte) 255, 0, (byte) 192, 64};
        byte[] wav = TestAudio.Riff.wave().chunk("fmt ", TestAudio.fmt(1, 1, 8000, 1, 8)).chunk("data", data).build();
        WavData read = WavReader.read(wav);
        assertEquals(U8_MONO_8K, read.format());
        assertEquals(5, read.frameCount());
        short[] pcm = Pcm.toSamples(PcmConverter.toPcm16Mono(read.data(), read.format()));
        assertArrayEquals(new short[] {0, 127 * 256, -32768, 64 * 256, -64 * 256}, pcm);
    }

    @Test
    void floatWavsAreDecodedAndClippedToFullScale() {
        PcmFormat f32 = new PcmFormat(48000, 1, 32, PcmFormat.Encoding.FLOAT, ByteOrder.LITTLE_ENDIAN);
        byte[] data = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putFloat(0f).putFloat(0.5f)
                .putFloat(-0.25f).putFloat(1.5f).putFloat(-3f).putFloat(Float.NaN).array();
        byte[] wav = TestAudio.Riff.wave().chunk("fmt ", TestAudio.fmt(3, 1, 48000, 4, 32)).chunk("data", data)
                .build();
        WavData read = WavReader.read(wav);
        assertEquals(f32, read.format());
        assertArrayEquals(new short[] {0, 16384, -8192, 32767, -32768, 0},
                Pcm.toSamples(PcmConverter.toPcm16Mono(read.data(), read.format())));

        byte[] data64 = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(-0.5).putDouble(0.125)
                .array();
        byte[] wav64 = TestAudio.Riff.wave().chunk("fmt ", TestAudio.fmt(3, 1, 48000, 8, 64)).chunk("data", data64)
                .build();
        WavData read64 = WavReader.read(wav64);
        assertEquals(64, read64.format().bitsPerSample());
        assertArrayEquals(new short[] {-16384, 4096},
                Pcm.toSamples(PcmConverter.toPcm16Mono(read64.data(), read64.format())));
    }

    @Test
    void extensibleFormatWithPcmOrFloatSubFormatIsRead() {
        byte[] data = TestAudio.encode(new PcmFormat(44100, 2, 24, PcmFormat.Encoding.SIGNED_INT,
                ByteOrder.LITTLE_ENDIAN), new double[] {0.5, -0.5}, new double[] {0.25, 0});
        byte[] wav = TestAudio.Riff.wave().chunk("fmt ", TestAudio.fmtExtensible(1, 2, 44100, 24, 24, 0x3))
                .chunk("data", data).build();
        WavData read = WavReader.read(wav);
        assertEquals(new PcmFormat(44100, 2, 24, PcmFormat.Encoding.SIGNED_INT, ByteOrder.LITTLE_ENDIAN),
                read.format());
        assertArrayEquals(data, read.data());

        byte[] floats = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.5f).putFloat(-1f).array();
        byte[] fwav = TestAudio.Riff.wave().chunk("fmt ", TestAudio.fmtExtensible(3, 1, 16000, 32, 32, 0x4))
                .chunk("data", floats).build();
        assertEquals(PcmFormat.Encoding.FLOAT, WavReader.read(fwav).format().encoding());
    }

    @Test
    void samplesNarrowerThanTheirContainerAreReadAsTheContainer() {
        // 20-bit samples left-justified in 3-byte containers, as the WAV spec stores them
        byte[] data = TestAudio.encode(new PcmFormat(48000, 1, 24, PcmFormat.Encoding.SIGNED_INT,
                ByteOrder.LITTLE_ENDIAN), new double[] {0.5, -0.75});
        byte[] wav = TestAudio.Riff.wave().chunk("fmt ", TestAudio.fmt(1, 1, 48000, 3, 20)).chunk("data", data)
                .build();
        WavData read = WavReader.read(wav);
        assertEquals(24, read.format().bitsPerSample());
        assertArrayEquals(new short[] {16384, -24576},
                Pcm.toSamples(PcmConverter.toPcm16Mono(read.data(), read.format())));
    }

    @Test
    void unknownChunksAreSkippedIncludingOddSizedOnesAndTheirPadByte() {
        byte[] pcm = Pcm.sine(16000, 440, 0.5, 100);
        byte[] wav = TestAudio.Riff.wave()
                .chunk("JUNK", new byte[27])
                .chunk("fmt ", TestAudio.fmt(PcmFormat.PCM16_MONO_16K))
                .chunk("LIST", "INFOISFT\u0005\0\0\0Lavf\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))
                .chunk("fact", TestAudio.le32(100))
                .chunk("bext", new byte[3])
                .chunk("data", pcm)
                .chunk("id3 ", new byte[9])
                .build();
        WavData read = WavReader.read(wav);
        assertEquals(PcmFormat.PCM16_MONO_16K, read.format());
        assertArrayEquals(pcm, read.data());
    }

    @Test
    void mp3FormatTagIsRefusedWithAClearMessage() {
        byte[] wav = TestAudio.Riff.wave().chunk("fmt ", TestAudio.fmt(0x55, 2, 44100, 1, 0))
                .chunk("data", new byte[100]).build();
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> WavReader.read(wav));
        assertEquals("WAV format tag 0x0055 (MP3) is not supported; send PCM or IEEE float WAV", e.getMessage());
    }

    @Test
    void otherCodecsAreRefusedByNameIncludingInsideExtensible() {
        byte[] alaw = TestAudio.Riff.wave().chunk("fmt ", TestAudio.fmt(6, 1, 8000, 1, 8))
                .chunk("data", new byte[8]).build();
        assertTrue(assertThrows(AudioFormatException.class, () -> WavReader.read(alaw)).getMessage()
                .contains("0x0006 (A-law)"));
        byte[] adpcm = TestAudio.Riff.wave().chunk("fmt ", TestAudio.fmtExtensible(0x11, 1, 8000, 8, 4, 4))
                .chunk("data", new byte[8]).build();
        String msg = assertThrows(AudioFormatException.class, () -> WavReader.read(adpcm)).getMessage();
        assertTrue(msg.contains("0x0011 (IMA ADPCM) in WAVE_FORMAT_EXTENSIBLE"), msg);

        byte[] guid = TestAudio.fmtExtensible(1, 1, 8000, 16, 16, 4);
        guid[33] = 0x42; // breaks the KSDATAFORMAT GUID suffix
        byte[] odd = TestAudio.Riff.wave().chunk("fmt ", guid).chunk("data", new byte[8]).build();
        msg = assertThrows(AudioFormatException.class, () -> WavReader.read(odd)).getMessage();
        assertTrue(msg.startsWith("WAVE_FORMAT_EXTENSIBLE sub-format {00000001-0000-0010-8042-"), msg);
    }

    @Test
    void truncatedHeadersAreRefused() {
        byte[] wav = WavWriter.toWav(new byte[100], 16000);
        for (int cut : new int[] {0, 7, 11}) {
            String msg = assertThrows(AudioFormatException.class,
                    () -> WavReader.read(Arrays.copyOf(wav, cut))).getMessage();
            assertTrue(msg.startsWith("WAV header is truncated: the input ends inside the 12-byte RIFF header"), msg);
        }
        String msg = assertThrows(AudioFormatException.class,
                () -> WavReader.read(Arrays.copyOf(wav, 30))).getMessage();
        assertEquals("WAV header is truncated: the input ends inside the 'fmt ' chunk (16 bytes declared, 10 present)",
                msg);
        msg = assertThrows(AudioFormatException.class, () -> WavReader.read(Arrays.copyOf(wav, 39))).getMessage();
        assertEquals("WAV header is truncated: the input ends inside a chunk header", msg);
        msg = assertThrows(AudioFormatException.class, () -> WavReader.read(Arrays.copyOf(wav, 36))).getMessage();
        assertEquals("WAV has no 'data' chunk", msg);
        msg = assertThrows(AudioFormatException.class, () -> WavReader.read(Arrays.copyOf(wav, 12))).getMessage();
        assertEquals("WAV has neither a 'fmt ' nor a 'data' chunk", msg);
    }

    @Test
    void streamThatEndsInsideTheHeaderIsRefused() {
        byte[] wav = Arrays.copyOf(WavWriter.toWav(new byte[100], 16000), 20);
        assertThrows(AudioFormatException.class, () -> WavReader.open(new ByteArrayInputStream(wav)));
    }

    @Test
    void nonWavInputIsRefusedSayingWhatWasFound() {
        String msg = assertThrows(AudioFormatException.class,
                () -> WavReader.read("ID3\u0004\0\0\0\0\0\0\0\0\0\0".getBytes())).getMessage();
        assertEquals("not a WAV file: expected 'RIFF' at offset 0 but found bytes 0x49443304", msg);
        byte[] avi = TestAudio.ascii("RIFF\0\0\0\0AVI LIST");
        msg = assertThrows(AudioFormatException.class, () -> WavReader.read(avi)).getMessage();
        assertEquals("not a WAV file: RIFF form type is 'AVI ', expected 'WAVE'", msg);
        byte[] rifx = TestAudio.ascii("RIFX\0\0\0\0WAVE");
        assertTrue(assertThrows(AudioFormatException.class, () -> WavReader.read(rifx)).getMessage()
                .contains("RIFX"));
    }

    @Test
    void malformedFmtChunksAreRefused() {
        byte[] align = TestAudio.Riff.wave().chunk("fmt ", TestAudio.fmt(1, 2, 16000, 2, 16))
                .chunk("data", new byte[8]).build();
        assertEquals("WAV block alignment 2 does not match 2 channel(s) of 16-bit samples (expected 4)",
                assertThrows(AudioFormatException.class, () -> WavReader.read(align)).getMessage());
        byte[] noChannels = TestAudio.Riff.wave().chunk("fmt ", TestAudio.fmt(1, 0, 16000, 2, 16))
                .chunk("data", new byte[8]).build();
        assertEquals("WAV 'fmt ' chunk declares 0 channels",
                assertThrows(AudioFormatException.class, () -> WavReader.read(noChannels)).getMessage());
        byte[] shortFmt = TestAudio.Riff.wave().chunk("fmt ", new byte[14]).chunk("data", new byte[8]).build();
        assertEquals("WAV 'fmt ' chunk is 14 bytes; at least 16 are needed",
                assertThrows(AudioFormatException.class, () -> WavReader.read(shortFmt)).getMessage());
        byte[] dataFirst = TestAudio.Riff.wave().chunk("data", new byte[8])
                .chunk("fmt ", TestAudio.fmt(PcmFormat.PCM16_MONO_16K)).build();
        assertEquals("WAV has no 'fmt ' chunk before its 'data' chunk",
                assertThrows(AudioFormatException.class, () -> WavReader.read(dataFirst)).getMessage());
        byte[] float16 = TestAudio.Riff.wave().chunk("fmt ", TestAudio.fmt(3, 1, 16000, 2, 16))
                .chunk("data", new byte[8]).build();
        assertTrue(assertThrows(AudioFormatException.class, () -> WavReader.read(float16)).getMessage()
                .contains("16-bit"));
    }

    @Test
    void dataSizeZeroOrAllOnesMeansReadToTheEnd() throws IOException {
        byte[] pcm = Pcm.sine(16000, 440, 0.5, 321);
        for (long declared : new long[] {0, 0xFFFFFFFFL}) {
            byte[] wav = TestAudio.Riff.wave().riffSize(0xFFFFFFFFL)
                    .chunk("fmt ", TestAudio.fmt(PcmFormat.PCM16_MONO_16K)).chunk("data", pcm, declared).build();
            assertArrayEquals(pcm, WavReader.read(wav).data(), "declared " + declared);
            try (WavInputStream in = WavReader.open(new TestAudio.TrickleInputStream(new ByteArrayInputStream(wav)))) {
                assertEquals(OptionalLong.empty(), in.declaredDataLength());
                assertArrayEquals(pcm, in.readAllBytes(), "declared " + declared);
            }
        }
    }

    @Test
    void declaredDataSizeLargerThanTheInputIsTolerated() throws IOException {
        // espeak-ng --stdout writes 0x7FFFF000 as a placeholder
        byte[] pcm = Pcm.sine(22050, 440, 0.5, 1001);
        byte[] wav = TestAudio.Riff.wave().chunk("fmt ", TestAudio.fmt(PcmFormat.pcm16Mono(22050)))
                .chunk("data", pcm, 0x7FFFF000L).build();
        assertArrayEquals(pcm, WavReader.read(wav).data());
        try (WavInputStream in = WavReader.open(new ByteArrayInputStream(wav))) {
            assertEquals(OptionalLong.of(0x7FFFF000L), in.declaredDataLength());
            assertArrayEquals(pcm, in.readAllBytes());
        }
    }

    @Test
    void readingStopsAtTheEndOfTheDataChunkAndDropsAPartialFrame() throws IOException {
        byte[] pcm = Pcm.sine(16000, 440, 0.5, 50);
        byte[] withTrailer = TestAudio.Riff.wave().chunk("fmt ", TestAudio.fmt(PcmFormat.PCM16_MONO_16K))
                .chunk("data", pcm).chunk("LIST", new byte[40]).build();
        assertArrayEquals(pcm, WavReader.read(withTrailer).data());
        try (WavInputStream in = WavReader.open(new ByteArrayInputStream(withTrailer))) {
            assertArrayEquals(pcm, in.readAllBytes());
        }
        byte[] odd = Arrays.copyOf(pcm, 99);
        byte[] partial = TestAudio.Riff.wave().chunk("fmt ", TestAudio.fmt(PcmFormat.PCM16_MONO_16K))
                .chunk("data", odd).build();
        assertArrayEquals(Arrays.copyOf(pcm, 98), WavReader.read(partial).data());
    }

    @Test
    void rf64WithDs64ChunkIsRead() {
        byte[] pcm = Pcm.sine(16000, 440, 0.5, 64);
        byte[] ds64 = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN).putLong(0).putLong(pcm.length)
                .putLong(64).putInt(0).array();
        byte[] wav = TestAudio.Riff.rf64().riffSize(0xFFFFFFFFL).chunk("ds64", ds64)
                .chunk("fmt ", TestAudio.fmt(PcmFormat.PCM16_MONO_16K)).chunk("data", pcm, 0xFFFFFFFFL)
                .chunk("LIST", new byte[10]).build();
        assertTrue(WavReader.isWav(wav));
        assertArrayEquals(pcm, WavReader.read(wav).data());
    }

    @Test
    void isWavSniffsOnlyRiffWaveHeaders() {
        byte[] wav = WavWriter.toWav(new byte[10], 16000);
        assertTrue(WavReader.isWav(Arrays.copyOf(wav, 12)));
        assertFalse(WavReader.isWav(Arrays.copyOf(wav, 11)));
        assertFalse(WavReader.isWav(null));
        assertFalse(WavReader.isWav(TestAudio.ascii("RIFF\0\0\0\0AVI ")));
        assertFalse(WavReader.isWav(Pcm.sine(16000, 440, 0.5, 100)));
        assertFalse(WavReader.isWav(TestAudio.ascii("ID3\u0004\0\0\0\0\0\0\0\0")));
    }

    @Test
    void openingAStreamReadsOnlyTheHeader() throws IOException {
        byte[] wav = WavWriter.toWav(new byte[1 << 20], 16000);
        TestAudio.TrickleInputStream src = new TestAudio.TrickleInputStream(new ByteArrayInputStream(wav));
        try (WavInputStream in = WavReader.open(src)) {
            assertEquals(44, src.delivered);
            assertEquals(PcmFormat.PCM16_MONO_16K, in.format());
            assertEquals(OptionalLong.of(1 << 20), in.declaredDataLength());
            assertEquals(1 << 20, in.readAllBytes().length);
        }
    }
}
