package dev.chatbot.connectors.fanout;

import dev.chatbot.connectors.config.FanoutConfig;
import dev.chatbot.core.fanout.InProcessMessageFanout;
import dev.chatbot.core.port.MessageFanout;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;

/** Chooses the fan-out: Redis when {@code chatbot.fanout.redis-url} is set, in-process otherwise. */
@Factory
public class FanoutFactory {

    private static final Logger LOG = LoggerFactory.getLogger(FanoutFactory.class);

    @Singleton
    @Bean(preDestroy = "close")
    public MessageFanout messageFanout(FanoutConfig config) {
        if (config.getRedisUrl().isPresent()) {
            URI uri = URI.create(config.getRedisUrl().get());
            if (!"redis".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalStateException("chatbot.fanout.redis-url must look like redis://host:6379");
            }
            LOG.atInfo().addKeyValue("host", uri.getHost()).addKeyValue("channel", config.getChannel())
                    .log("using the Redis fan-out");
            return new RedisMessageFanout(uri, config.getChannel(), config.getMaxPending());
        }
        return new InProcessMessageFanout();
    }
}
