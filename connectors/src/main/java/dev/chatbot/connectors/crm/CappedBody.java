package dev.chatbot.connectors.crm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body reader with a size limit: a declared {@code Content-Length} above the limit is refused before a
 * byte is read, and a body without one is cut off (and the connection dropped) as soon as it passes the limit. So a
 * broken or hostile CRM cannot fill the server's memory.
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

    /** The body was larger than allowed. */
    static final class TooLargeException extends IOException {
        TooLargeException(long limit) {
            super("response body larger than " + limit + " bytes");
        }
    }

    private final int limit;
    private final boolean refuse;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    private CappedBody(int limit, boolean refuse) {
        this.limit = limit;
        this.refuse = refuse;
    }

    static HttpResponse.BodyHandler<byte[]> handler(int limit) {
        return info -> {
            OptionalLong declared = info.headers().firstValueAsLong("Content-Length");
            return new CappedBody(limit, declared.isPresent() && declared.getAsLong() > limit);
        };
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (refuse) {
            s.cancel();
            result.completeExceptionally(new TooLargeException(limit));
        } else {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer b : buffers) {
            if (bytes.size() + (long) b.remaining() > limit) {
                subscription.cancel();
                result.completeExceptionally(new TooLargeException(limit));
                return;
            }
            byte[] chunk = new byte[b.remaining()];
            b.get(chunk);
            bytes.write(chunk, 0, chunk.length);
        }
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(bytes.toByteArray());
    }
}
