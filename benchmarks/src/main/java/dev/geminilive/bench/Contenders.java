package dev.geminilive.bench;

/** Creates contenders by name against an emulator's base URLs. */
final class Contenders {

    private Contenders() {
    }

    /**
     * @param name    raw, component, component-sync, liveclient or genai
     * @param wsUrl   the emulator's {@code ws://127.0.0.1:PORT}
     * @param httpUrl the emulator's {@code http://127.0.0.1:PORT} (the SDK's base URL)
     */
    static Contender create(String name, String wsUrl, String httpUrl) throws Exception {
        return switch (name) {
            case "raw" -> new RawTyrusContender(wsUrl);
            case "component" -> new ComponentContender(wsUrl, false);
            case "component-sync" -> new ComponentContender(wsUrl, true);
            case "liveclient" -> new LiveClientContender(wsUrl);
            case "genai" -> new GenaiContender(httpUrl);
            default -> throw new IllegalArgumentException("Unknown contender " + name);
        };
    }
}
