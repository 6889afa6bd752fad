package io.jvirt.uri;

import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.InvalidArgException;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A libvirt connection URI, {@code driver[+transport]://[user@][host][:port]/path[?params]},
 * split into its parts.
 *
 * @param driver    "qemu"
 * @param transport "unix", "tcp", "tls", "ssh", "ext" ... or null when absent
 * @param user      user name or null
 * @param host      host or null (empty authority means local)
 * @param port      port or -1
 * @param path      "/system", "/session", "/embed" ...
 * @param params    query parameters in their order, decoded
 */
public record ConnectUri(String driver, String transport, String user, String host, int port, String path,
                         Map<String, String> params) {

    public ConnectUri {
        Objects.requireNonNull(driver, "driver");
        path = path == null ? "" : path;
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** Parses a URI; a malformed one fails with VIR_ERR_INVALID_ARG naming it. */
    public static ConnectUri parse(String text) {
        Objects.requireNonNull(text, "uri");
        URI u;
        try {
            u = new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.URI,
                    "unable to parse URI '" + text + "': " + e.getReason());
        }
        String scheme = u.getScheme();
        if (scheme == null || scheme.isEmpty()) {
            throw new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.URI,
                    "URI '" + text + "' has no driver scheme (expected e.g. qemu:///system)");
        }
        String driver = scheme;
        String transport = null;
        int plus = scheme.indexOf('+');
        if (plus >= 0) {
            driver = scheme.substring(0, plus);
            transport = scheme.substring(plus + 1);
        }
        Map<String, String> params = new LinkedHashMap<>();
        String query = u.getRawQuery();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = eq < 0 ? pair : pair.substring(0, eq);
                String v = eq < 0 ? "" : pair.substring(eq + 1);
                params.put(decode(k), decode(v));
            }
        }
        String host = u.getHost();
        if (host == null && u.getRawAuthority() != null) {
            // URI refuses some host forms (underscores); keep what the user wrote
            String auth = u.getRawAuthority();
            int at = auth.indexOf('@');
            host = at >= 0 ? auth.substring(at + 1) : auth;
            int colon = host.lastIndexOf(':');
            if (colon > 0 && !host.endsWith("]")) {
                host = host.substring(0, colon);
            }
        }
        return new ConnectUri(driver, transport, u.getUserInfo(), host == null || host.isEmpty() ? null : host,
                u.getPort(), u.getPath(), params);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** A query parameter's value. */
    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    /** True when the URI names no host (a local connection). */
    public boolean isLocal() {
        return host == null;
    }

    /**
     * The name a remote client sends in CONNECT_OPEN: the URI without transport, user, host,
     * port and the parameters the remote driver consumes.
     */
    public String nameForServer(java.util.Set<String> consumedParams) {
        StringBuilder sb = new StringBuilder(driver).append("://").append(path);
        String sep = "?";
        for (var e : params.entrySet()) {
            if (consumedParams.contains(e.getKey())) {
                continue;
            }
            sb.append(sep).append(e.getKey()).append('=').append(e.getValue());
            sep = "&";
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(driver);
        if (transport != null) {
            sb.append('+').append(transport);
        }
        sb.append("://");
        if (user != null) {
            sb.append(user).append('@');
        }
        if (host != null) {
            sb.append(host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host);
        }
        if (port >= 0) {
            sb.append(':').append(port);
        }
        sb.append(path);
        String sep = "?";
        for (var e : params.entrySet()) {
            sb.append(sep).append(e.getKey()).append('=').append(e.getValue());
            sep = "&";
        }
        return sb.toString();
    }
}
