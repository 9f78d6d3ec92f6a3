/** The Grizzly/Tyrus plumbing: a server bound to the given address, path normalisation, handshake capture, TLS. */
package dev.geminilive.emulator.server;
