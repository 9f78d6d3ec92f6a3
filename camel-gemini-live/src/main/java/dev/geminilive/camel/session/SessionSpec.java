package dev.geminilive.camel.session;

import dev.geminilive.camel.tools.ToolRouting;
import dev.geminilive.client.LiveEndpoint;
import dev.geminilive.protocol.Setup;

/**
 * What a new session connects to and sends as setup.
 *
 * @param endpoint where the first connection goes, with credentials
 * @param nextEndpoint where each later connection of the session (a reconnect or handover) goes: asked again so that
 *                 token suppliers hand out a fresh credential for it
 * @param setup    the setup message
 * @param tools    how function calls are answered
 * @param seedNeedsHistoryConfig whether re-seeding history needs {@code historyConfig} in setup (3.x models)
 */
public record SessionSpec(LiveEndpoint endpoint, java.util.function.Supplier<LiveEndpoint> nextEndpoint, Setup setup, ToolRouting tools, boolean seedNeedsHistoryConfig) {
}
