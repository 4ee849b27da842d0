package org.lorasim.cluster.node;

/**
 * A node to contact when joining, as written by the user: {@code HOST:PORT}.
 *
 * @param host a host name or IP address (an IPv6 address in brackets: {@code [::1]:2551})
 * @param port 1..65535
 */
public record SeedNode(String host, int port) {

    public SeedNode {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("a seed node needs a host, as HOST:PORT");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " of seed node " + host + " is not in 1..65535");
        }
    }

    /** Parses {@code HOST:PORT}; the message of the exception says what is wrong with the text. */
    public static SeedNode parse(String text) {
        String s = text.strip();
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new IllegalArgumentException("seed node '" + text + "' is not HOST:PORT");
        }
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("seed node '" + text + "' has no whole port number after ':'");
        }
        return new SeedNode(s.substring(0, colon), port);
    }

    /** The Pekko address of the node: {@code pekko://SYSTEM@HOST:PORT}. */
    public String address(String systemName) {
        return "pekko://" + systemName + "@" + host + ":" + port;
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
