/**
 * One Gemini Live session over a WebSocket (Eclipse Tyrus): endpoint URLs and credentials, the setup handshake, an
 * ordered writer with backpressure, and a listener for server messages, close and errors. Nothing here depends on Camel.
 */
package dev.geminilive.client;
