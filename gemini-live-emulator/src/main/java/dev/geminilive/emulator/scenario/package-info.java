/** JSON scenarios: rules of triggers and steps that script the emulator's answers and failures. */
package dev.geminilive.emulator.scenario;
