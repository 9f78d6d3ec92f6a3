package dev.geminilive.emulator.server;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the HTTP upgrade request of one WebSocket connection carried, captured before Tyrus handles it.
 *
 * @param tag           the emulator's id for this handshake
 * @param rawPath       the path as the client sent it (e.g. with {@code //ws})
 * @param path          the path with repeated slashes collapsed
 * @param headers       request headers, names in lower case
 * @param query         query parameters
 * @param remoteAddress the peer address
 * @param connection    the Grizzly connection, for an abrupt close without a close frame
 */
public record HandshakeInfo(
        long tag,
        String rawPath,
        String path,
        Map<String, List<String>> headers,
        Map<String, List<String>> query,
        String remoteAddress,
        org.glassfish.grizzly.Connection<?> connection) {

    public HandshakeInfo {
        headers = Map.copyOf(headers);
        query = Map.copyOf(query);
    }

    /** @return the first value of a header, by case-insensitive name */
    public Optional<String> header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? Optional.empty() : Optional.ofNullable(v.get(0));
    }

    /** @return the first value of a query parameter */
    public Optional<String> queryParam(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.ofNullable(v.get(0));
    }

    /** Headers and query hold credentials, so they are never printed. */
    @Override
    public String toString() {
        return "HandshakeInfo[tag=" + tag + ", path=" + path + ", remote=" + remoteAddress + "]";
    }
}
