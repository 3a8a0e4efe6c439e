package dev.latchkey.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY (either case), as curl reads them: the JDK's default selector reads only system
 * properties, which CI runners do not set.
 */
final class Proxies extends ProxySelector {
    private final Map<String, String> env;

    Proxies(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public List<Proxy> select(URI uri) {
        String proxy = "https".equalsIgnoreCase(uri.getScheme()) ? get("HTTPS_PROXY") : get("HTTP_PROXY");
        if (proxy == null || proxy.isBlank() || bypassed(uri.getHost())) {
            return List.of(Proxy.NO_PROXY);
        }
        URI p = URI.create(proxy.contains("://") ? proxy : "http://" + proxy);
        if (p.getUserInfo() != null) {
            // The JDK client does not send Basic credentials to a proxy when tunnelling, so fail clearly.
            throw CliException.usage("proxies with credentials in the URL are not supported");
        }
        int port = p.getPort() > 0 ? p.getPort() : "https".equalsIgnoreCase(p.getScheme()) ? 443 : 80;
        return List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(p.getHost(), port)));
    }

    boolean bypassed(String host) {
        String noProxy = get("NO_PROXY");
        if (noProxy == null || host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT).replaceAll("^\\[|]$", "");
        for (String raw : noProxy.split(",")) {
            String entry = raw.trim().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.equals("*")) {
                return true;
            }
            if (!entry.startsWith("[") && entry.indexOf(':') == entry.lastIndexOf(':') && entry.contains(":")) {
                entry = entry.substring(0, entry.indexOf(':'));   // host:port, the port is ignored
            }
            entry = entry.replaceAll("^\\[|]$", "");
            String domain = entry.startsWith(".") ? entry.substring(1) : entry;
            if (h.equals(domain) || h.endsWith("." + domain)) {
                return true;
            }
        }
        return false;
    }

    private String get(String name) {
        String upper = env.get(name);
        return upper != null ? upper : env.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
        // Nothing to fall back to: the request fails and says so.
    }
}
