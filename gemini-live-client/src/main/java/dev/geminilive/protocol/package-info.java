/**
 * The Gemini Live wire model ({@code BidiGenerateContent}) as immutable records, and {@link dev.geminilive.protocol.LiveCodec},
 * the JSON codec that reads and writes it. Field names follow proto3 JSON (lowerCamelCase); absent fields are {@code null}.
 * Nothing here depends on Camel.
 */
package dev.geminilive.protocol;
