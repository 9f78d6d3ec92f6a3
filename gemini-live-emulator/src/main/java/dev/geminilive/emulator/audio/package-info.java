/** PCM arithmetic, energy-based voice activity detection and the deterministic speech synthesizer of the emulator. */
package dev.geminilive.emulator.audio;
