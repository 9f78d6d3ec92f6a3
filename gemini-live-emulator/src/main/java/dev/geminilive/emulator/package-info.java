/**
 * A local Gemini Live server for tests and development. Start one with {@link dev.geminilive.emulator.GeminiLiveEmulator#builder()},
 * from the command line with {@link dev.geminilive.emulator.EmulatorMain}, or around JUnit 5 tests with
 * {@link dev.geminilive.emulator.GeminiLiveEmulatorExtension}. Sessions ({@link dev.geminilive.emulator.EmulatorSession}) record
 * every frame and accept injected {@link dev.geminilive.emulator.Faults}. See docs/emulator.md.
 */
package dev.geminilive.emulator;
