package dev.geminilive.emulator.server;

/** Collapses repeated slashes: the JS and Python SDKs request {@code //ws/...} because their base URL ends in "/". */
public final class PathNormalizer {

    private PathNormalizer() {
    }

    /** @return {@code path} with every run of slashes replaced by one slash */
    public static String normalize(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        StringBuilder sb = new StringBuilder(path.length());
        char prev = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c != '/' || prev != '/') {
                sb.append(c);
            }
            prev = c;
        }
        return sb.toString();
    }
}
