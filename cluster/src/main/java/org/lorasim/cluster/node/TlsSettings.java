package org.lorasim.cluster.node;

import java.nio.file.Path;

/**
 * Artery over TLS with mutual authentication ({@code lorasim.cluster.tls.*}). Off: plain TCP, only allowed on a
 * loopback address unless {@code allow-public-bind}.
 *
 * @param trustStore the trusted certificates; the key store when not set
 */
public record TlsSettings(boolean enabled, Path keyStore, String keyStorePassword, String keyPassword,
                          Path trustStore, String trustStorePassword, String protocol) {

    public static final TlsSettings OFF = new TlsSettings(false, null, "", "", null, "", "TLSv1.3");

    /** TLS with one key store that also holds the trusted certificate (the cluster's shared identity). */
    public static TlsSettings withKeyStore(Path keyStore, String password) {
        return new TlsSettings(true, keyStore, password, password, keyStore, password, "TLSv1.3");
    }

    @Override
    public String toString() {
        return enabled ? "TLS (" + protocol + ", key store " + keyStore + ")" : "off";
    }
}
