package dev.chatbot.connectors.security;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class TokenSignerTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef0123456789".getBytes();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private final TokenSigner signer = new TokenSigner(new SigningKey(KEY), clock);

    @Test
    void a_token_names_its_subject_until_it_expires() {
        String token = signer.issue("w", "conversation-1", Duration.ofMinutes(5));
        assertThat(signer.verify("w", token).subject()).contains("conversation-1");
        TokenSigner later = new TokenSigner(new SigningKey(KEY), Clock.offset(clock, Duration.ofMinutes(6)));
        assertThat(later.verify("w", token).isValid()).isFalse();
        assertThat(later.verify("w", token).problem()).isEqualTo("expired");
    }

    @Test
    void a_token_signed_with_another_key_is_refused() {
        String token = new TokenSigner(new SigningKey("another-key-another-key-another-key-1".getBytes()), clock)
                .issue("w", "conversation-1", Duration.ofMinutes(5));
        assertThat(signer.verify("w", token).problem()).isEqualTo("bad signature");
    }

    @Test
    void a_widget_token_is_not_an_agent_token() {
        String token = signer.issue("w", "conversation-1", Duration.ofMinutes(5));
        assertThat(signer.verify("a", token).problem()).isEqualTo("wrong purpose");
    }

    @Test
    void tampering_with_any_part_breaks_the_signature() {
        String token = signer.issue("w", "conversation-1", Duration.ofMinutes(5));
        String[] p = token.split("\\.");
        String longer = p[0] + "." + p[1] + "." + (Long.parseLong(p[2]) + 3600) + "." + p[3];
        assertThat(signer.verify("w", longer).isValid()).isFalse();
        String other = signer.issue("w", "conversation-2", Duration.ofMinutes(5)).split("\\.")[1];
        assertThat(signer.verify("w", p[0] + "." + other + "." + p[2] + "." + p[3]).isValid()).isFalse();
    }

    @Test
    void a_signature_spelled_with_the_unused_bits_set_is_refused() {
        // 32 MAC bytes take 43 base64 characters; the last one carries 4 bits and 2 unused ones that decoders ignore
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int n = 0; n < 40; n++) {
            String token = signer.issue("w", "conversation-" + n, Duration.ofMinutes(5));
            int last = alphabet.indexOf(token.charAt(token.length() - 1));
            assertThat(last % 4).as("this signer writes the canonical spelling").isZero();
            for (int unused = 1; unused < 4; unused++) {
                String respelled = token.substring(0, token.length() - 1) + alphabet.charAt(last + unused);
                assertThat(java.util.Base64.getUrlDecoder().decode(respelled.substring(respelled.lastIndexOf('.') + 1)))
                        .as("the same MAC bytes").isEqualTo(java.util.Base64.getUrlDecoder()
                                .decode(token.substring(token.lastIndexOf('.') + 1)));
                assertThat(signer.verify("w", respelled).problem()).as(respelled).isEqualTo("bad signature");
            }
            assertThat(signer.verify("w", token).isValid()).isTrue();
        }
    }

    @Test
    void garbage_is_refused_without_exceptions() {
        for (String junk : new String[]{null, "", "abc", "w...", "w.x.y.z", "w.a.1." + "A".repeat(43), "x".repeat(10_000),
                "w.!!!.123." + "A".repeat(43)}) {
            assertThat(signer.verify("w", junk).isValid()).as(String.valueOf(junk)).isFalse();
        }
    }
}
