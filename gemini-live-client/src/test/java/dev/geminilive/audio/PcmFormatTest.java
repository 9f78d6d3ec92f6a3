package dev.geminilive.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

class PcmFormatTest {

    @Test
    void constantsDescribeLiveApiInputAndOutput() {
        assertEquals(new PcmFormat(16000, 1, 16, PcmFormat.Encoding.SIGNED_INT, ByteOrder.LITTLE_ENDIAN),
                PcmFormat.PCM16_MONO_16K);
        assertEquals(24000, PcmFormat.PCM16_MONO_24K.sampleRate());
        assertTrue(PcmFormat.PCM16_MONO_24K.isPcm16Mono());
        assertEquals(2, PcmFormat.PCM16_MONO_16K.frameSize());
        assertEquals(32000, PcmFormat.PCM16_MONO_16K.bytesPerSecond());
        assertEquals("audio/pcm;rate=16000", PcmFormat.PCM16_MONO_16K.toMimeType());
        assertEquals("audio/pcm;rate=24000", PcmFormat.PCM16_MONO_24K.toMimeType());
    }

    @Test
    void pcmMimeTypeMeansSigned16BitLittleEndianAtTheGivenRate() {
        PcmFormat f = PcmFormat.parseMimeType("audio/pcm;rate=24000");
        assertEquals(PcmFormat.pcm16Mono(24000), f);
        assertEquals(PcmFormat.pcm16Mono(44100), PcmFormat.parseMimeType("Audio/PCM; Rate=44100"));
    }

    @Test
    void l16MimeTypeIsBigEndianAsRfc2586Says() {
        PcmFormat f = PcmFormat.parseMimeType("audio/l16;rate=8000");
        assertEquals(new PcmFormat(8000, 1, 16, PcmFormat.Encoding.SIGNED_INT, ByteOrder.BIG_ENDIAN), f);
        assertFalse(f.isPcm16Mono());
        assertEquals("audio/L16;rate=8000", f.toMimeType());
    }

    @Test
    void l8AndL24AreUnderstood() {
        PcmFormat l8 = PcmFormat.parseMimeType("audio/L8;rate=8000");
        // 8-bit samples have no byte order: WAV's 8-bit layout and L8 are the same format
        assertEquals(new PcmFormat(8000, 1, 8, PcmFormat.Encoding.UNSIGNED_INT, ByteOrder.BIG_ENDIAN), l8);
        assertEquals(new PcmFormat(8000, 1, 8, PcmFormat.Encoding.UNSIGNED_INT, ByteOrder.LITTLE_ENDIAN), l8);
        assertEquals("audio/L8;rate=8000", l8.toMimeType());
        assertEquals(new PcmFormat(48000, 2, 24, PcmFormat.Encoding.SIGNED_INT, ByteOrder.BIG_ENDIAN),
                PcmFormat.parseMimeType("audio/L24;rate=48000;channels=2"));
    }

    @Test
    void missingRateDefaultsTo16kHzOrToTheCallersDefault() {
        assertEquals(16000, PcmFormat.parseMimeType("audio/pcm").sampleRate());
        assertEquals(24000, PcmFormat.parseMimeType("audio/pcm", 24000).sampleRate());
        assertEquals(8000, PcmFormat.parseMimeType("audio/L16; channels=1", 8000).sampleRate());
    }

    @Test
    void channelsAndQuotedParametersAreRead() {
        PcmFormat f = PcmFormat.parseMimeType("audio/pcm; rate=\"48000\"; channels=2; foo=bar");
        assertEquals(48000, f.sampleRate());
        assertEquals(2, f.channels());
        assertEquals(4, f.frameSize());
        assertEquals("audio/pcm;rate=48000;channels=2", f.toMimeType());
    }

    @Test
    void nonPcmMimeTypeIsRefusedNamingIt() {
        AudioFormatException e = assertThrows(AudioFormatException.class,
                () -> PcmFormat.parseMimeType("audio/mpeg"));
        assertTrue(e.getMessage().contains("audio/mpeg"), e.getMessage());
        assertFalse(PcmFormat.isRawPcmMimeType("audio/wav"));
        assertTrue(PcmFormat.isRawPcmMimeType("audio/L16;rate=8000"));
        assertThrows(AudioFormatException.class, () -> PcmFormat.parseMimeType(null));
    }

    @Test
    void invalidRateParameterIsRefused() {
        AudioFormatException e = assertThrows(AudioFormatException.class,
                () -> PcmFormat.parseMimeType("audio/pcm;rate=fast"));
        assertTrue(e.getMessage().contains("rate") && e.getMessage().contains("fast"), e.getMessage());
        assertThrows(AudioFormatException.class, () -> PcmFormat.parseMimeType("audio/pcm;rate=0"));
        assertThrows(AudioFormatException.class, () -> PcmFormat.parseMimeType("audio/pcm;rate=9999999"));
    }

    @Test
    void impossibleCombinationsAreRejected() {
        assertThrows(AudioFormatException.class,
                () -> new PcmFormat(16000, 1, 12, PcmFormat.Encoding.SIGNED_INT, ByteOrder.LITTLE_ENDIAN));
        assertThrows(AudioFormatException.class,
                () -> new PcmFormat(16000, 1, 16, PcmFormat.Encoding.FLOAT, ByteOrder.LITTLE_ENDIAN));
        assertThrows(AudioFormatException.class,
                () -> new PcmFormat(16000, 0, 16, PcmFormat.Encoding.SIGNED_INT, ByteOrder.LITTLE_ENDIAN));
    }
}
