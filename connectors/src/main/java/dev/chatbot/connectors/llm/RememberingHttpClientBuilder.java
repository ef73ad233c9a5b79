package dev.chatbot.connectors.llm;

import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.InetAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A JDK HTTP client builder that remembers the client it builds, so that a generation whose stream hangs can be cut
 * off at once ({@link HttpClient#shutdownNow()}) instead of holding a thread and a socket until the server gives up.
 * langchain4j's JDK transport builds its client from a builder it is given but does not expose the client.
 */
final class RememberingHttpClientBuilder implements HttpClient.Builder {

    private final HttpClient.Builder delegate;
    private volatile HttpClient built;

    RememberingHttpClientBuilder(HttpClient.Builder delegate) {
        this.delegate = delegate;
    }

    /** Cancels everything the built client is doing; safe to call more than once, or before anything was built. */
    void abort() {
        HttpClient client = built;
        if (client != null) {
            client.shutdownNow();
        }
    }

    /** Lets the built client finish and release its resources. */
    void release() {
        HttpClient client = built;
        if (client != null) {
            client.shutdown();
        }
    }

    @Override
    public HttpClient build() {
        HttpClient client = delegate.build();
        built = client;
        return client;
    }

    @Override
    public HttpClient.Builder cookieHandler(CookieHandler cookieHandler) {
        delegate.cookieHandler(cookieHandler);
        return this;
    }

    @Override
    public HttpClient.Builder connectTimeout(Duration duration) {
        delegate.connectTimeout(duration);
        return this;
    }

    @Override
    public HttpClient.Builder sslContext(SSLContext sslContext) {
        delegate.sslContext(sslContext);
        return this;
    }

    @Override
    public HttpClient.Builder sslParameters(SSLParameters sslParameters) {
        delegate.sslParameters(sslParameters);
        return this;
    }

    @Override
    public HttpClient.Builder executor(Executor executor) {
        delegate.executor(executor);
        return this;
    }

    @Override
    public HttpClient.Builder followRedirects(HttpClient.Redirect policy) {
        delegate.followRedirects(policy);
        return this;
    }

    @Override
    public HttpClient.Builder version(HttpClient.Version version) {
        delegate.version(version);
        return this;
    }

    @Override
    public HttpClient.Builder priority(int priority) {
        delegate.priority(priority);
        return this;
    }

    @Override
    public HttpClient.Builder proxy(ProxySelector proxySelector) {
        delegate.proxy(proxySelector);
        return this;
    }

    @Override
    public HttpClient.Builder authenticator(Authenticator authenticator) {
        delegate.authenticator(authenticator);
        return this;
    }

    @Override
    public HttpClient.Builder localAddress(InetAddress localAddr) {
        delegate.localAddress(localAddr);
        return this;
    }
}
