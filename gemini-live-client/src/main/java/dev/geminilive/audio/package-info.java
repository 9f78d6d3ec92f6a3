/**
 * Audio plumbing for the Gemini Live API, using only the JDK: the Live API takes 16-bit little-endian mono PCM at
 * 16 kHz ({@code audio/pcm;rate=16000}) in chunks and replies with 16-bit mono PCM at 24 kHz.
 *
 * <ul>
 * <li>{@link dev.geminilive.audio.AudioInput} is the entry point for input: WAV or raw PCM in, 16 kHz chunks out.</li>
 * <li>{@link dev.geminilive.audio.WavReader} and {@link dev.geminilive.audio.WavWriter} read and write WAV files.</li>
 * <li>{@link dev.geminilive.audio.PcmConverter} converts sample formats and downmixes to mono;
 * {@link dev.geminilive.audio.Resampler} changes the sample rate; {@link dev.geminilive.audio.PcmChunker} cuts audio
 * into fixed-duration chunks.</li>
 * <li>{@link dev.geminilive.audio.MuLaw} is ITU-T G.711 μ-law, the telephony codec; {@link dev.geminilive.audio.MuLawDecoder}
 * turns 8 kHz μ-law into 16 kHz PCM, and {@link dev.geminilive.audio.MuLawFramer} turns 24 kHz PCM into 20 ms μ-law
 * frames, as telephony media streams carry them.</li>
 * <li>{@link dev.geminilive.audio.Pcm} measures energy and durations and generates test signals.</li>
 * </ul>
 * Bad input is reported with {@link dev.geminilive.audio.AudioFormatException}, whose message says what is wrong.
 * Nothing here depends on Camel.
 */
package dev.geminilive.audio;
