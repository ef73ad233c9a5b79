package dev.chatbot.connectors.security;

import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Issues and checks compact signed tokens: {@code <purpose>.<subject>.<expiry epoch seconds>.<HMAC-SHA256>}, all
 * base64url. The purpose ({@code w} for widget, {@code a} for agent) is signed too, so a token made for one use
 * cannot be replayed for another. Comparison is constant-time, and only the canonical spelling of a
 * signature is accepted.
 */
@Singleton
public final class TokenSigner {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final Pattern SHAPE = Pattern.compile("[a-z]\\.[A-Za-z0-9_\\-]{1,200}\\.[0-9]{1,12}\\.[A-Za-z0-9_\\-]{43}");

    private final SecretKeySpec key;
    private final Clock clock;

    public TokenSigner(SigningKey signingKey, Clock clock) {
        this.key = new SecretKeySpec(signingKey.bytes(), "HmacSHA256");
        this.clock = clock;
    }

    /** A token for {@code subject}, valid for {@code ttl}. */
    public String issue(String purpose, String subject, Duration ttl) {
        long expiry = clock.instant().plus(ttl).getEpochSecond();
        String body = purpose + "." + B64.encodeToString(subject.getBytes(StandardCharsets.UTF_8)) + "." + expiry;
        return body + "." + B64.encodeToString(mac(body));
    }

    /** Checks shape, signature, purpose and expiry. */
    public TokenVerdict verify(String purpose, String token) {
        if (token == null || token.isEmpty()) {
            return TokenVerdict.refused("missing");
        }
        if (token.length() > 512 || !SHAPE.matcher(token).matches()) {
            return TokenVerdict.refused("malformed");
        }
        int lastDot = token.lastIndexOf('.');
        String body = token.substring(0, lastDot);
        // the encoded signatures are compared, not the decoded bytes: base64 decoders ignore the unused low bits of
        // the last character, so several spellings decode to one MAC, and only the one this signer writes is genuine
        byte[] given = token.substring(lastDot + 1).getBytes(StandardCharsets.US_ASCII);
        byte[] expected = B64.encodeToString(mac(body)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(given, expected)) {
            return TokenVerdict.refused("bad signature");
        }
        String[] parts = body.split("\\.");
        if (!parts[0].equals(purpose)) {
            return TokenVerdict.refused("wrong purpose");
        }
        long expiry = Long.parseLong(parts[2]);
        if (expiry <= clock.instant().getEpochSecond()) {
            return TokenVerdict.refused("expired");
        }
        return TokenVerdict.valid(new String(B64D.decode(parts[1]), StandardCharsets.UTF_8), Instant.ofEpochSecond(expiry));
    }

    private byte[] mac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
