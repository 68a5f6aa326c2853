package io.github.dom0build.core.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.ProtocolException;
import java.net.Proxy;
import java.net.URISyntaxException;
import java.net.URL;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.HttpConnectionFactory;

/**
 * JGit's http transport through the settings.xml proxies, with their credentials and nonProxyHosts. The
 * connection factory is set on each transport a fetch opens ({@link #configure}), not JVM-wide: JGit's
 * global factory, the default ProxySelector and Authenticator stay as they are for every other build in
 * the same Maven JVM. Without any settings.xml proxy the transport is left alone (JGit then follows the
 * JVM's own proxy settings, as before).
 */
public final class GitHttpProxies implements HttpConnectionFactory {
    private final ProxySelection proxies;

    public GitHttpProxies(ProxySelection proxies) {
        this.proxies = proxies;
    }

    /** Sets this factory on {@code transport} when it speaks http(s) and settings.xml has proxies. */
    public void configure(Transport transport) {
        if (transport instanceof TransportHttp http && !proxies.isEmpty()) {
            http.setHttpConnectionFactory(this);
        }
    }

    @Override
    public HttpConnection create(URL url) throws IOException {
        return create(url, null);
    }

    /** {@code jgitsChoice} (from the JVM's ProxySelector) is overruled: settings.xml decides. */
    @Override
    public HttpConnection create(URL url, Proxy jgitsChoice) throws IOException {
        Optional<ProxyConfig> proxy;
        try {
            proxy = proxies.forUri(url.toURI());
        } catch (URISyntaxException e) {
            throw new IOException("Not a valid URL: " + url, e);
        }
        return new Connection(ProxiedConnections.open(url, proxy));
    }

    /** JGit's view of one HttpURLConnection, which this class opened with the proxy and its credentials. */
    private static final class Connection implements HttpConnection {
        private final HttpURLConnection c;

        Connection(HttpURLConnection c) {
            this.c = c;
        }

        @Override
        public int getResponseCode() throws IOException {
            return c.getResponseCode();
        }

        @Override
        public URL getURL() {
            return c.getURL();
        }

        @Override
        public String getResponseMessage() throws IOException {
            return c.getResponseMessage();
        }

        @Override
        public Map<String, List<String>> getHeaderFields() {
            return c.getHeaderFields();
        }

        @Override
        public void setRequestProperty(String key, String value) {
            c.setRequestProperty(key, value);
        }

        @Override
        public void setRequestMethod(String method) throws ProtocolException {
            c.setRequestMethod(method);
        }

        @Override
        public void setUseCaches(boolean b) {
            c.setUseCaches(b);
        }

        @Override
        public void setConnectTimeout(int millis) {
            c.setConnectTimeout(millis);
        }

        @Override
        public void setReadTimeout(int millis) {
            c.setReadTimeout(millis);
        }

        @Override
        public String getContentType() {
            return c.getContentType();
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return c.getInputStream();
        }

        @Override
        public String getHeaderField(String name) {
            return c.getHeaderField(name);
        }

        /** Every value of the header {@code name}, whatever the case the server wrote it in. */
        @Override
        public List<String> getHeaderFields(String name) {
            List<String> values = new ArrayList<>();
            for (Map.Entry<String, List<String>> e : c.getHeaderFields().entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
                    values.addAll(e.getValue());
                }
            }
            return values;
        }

        @Override
        public int getContentLength() {
            return c.getContentLength();
        }

        @Override
        public void setInstanceFollowRedirects(boolean follow) {
            c.setInstanceFollowRedirects(follow);
        }

        @Override
        public void setDoOutput(boolean b) {
            c.setDoOutput(b);
        }

        @Override
        public void setFixedLengthStreamingMode(int length) {
            c.setFixedLengthStreamingMode(length);
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            return c.getOutputStream();
        }

        @Override
        public void setChunkedStreamingMode(int chunk) {
            c.setChunkedStreamingMode(chunk);
        }

        @Override
        public String getRequestMethod() {
            return c.getRequestMethod();
        }

        @Override
        public boolean usingProxy() {
            return c.usingProxy();
        }

        @Override
        public void connect() throws IOException {
            c.connect();
        }

        /** JGit's http.sslVerify=false and client certificates: this connection's TLS only. */
        @Override
        public void configure(KeyManager[] km, TrustManager[] tm, SecureRandom random)
                throws NoSuchAlgorithmException, KeyManagementException {
            if (c instanceof HttpsURLConnection https) {
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(km, tm, random);
                https.setSSLSocketFactory(ctx.getSocketFactory());
            }
        }

        @Override
        public void setHostnameVerifier(HostnameVerifier verifier) {
            if (c instanceof HttpsURLConnection https) {
                https.setHostnameVerifier(verifier);
            }
        }
    }
}
