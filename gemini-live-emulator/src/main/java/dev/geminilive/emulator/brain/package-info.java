/** What the emulated model answers: the {@link dev.geminilive.emulator.brain.Brain} interface and its deterministic default. */
package dev.geminilive.emulator.brain;
