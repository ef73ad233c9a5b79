package dev.chatbot.connectors.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Pbkdf2PasswordHasherTest {

    private final Pbkdf2PasswordHasher hasher = new Pbkdf2PasswordHasher(5_000);

    @Test
    void verifies_the_right_password_and_refuses_others() {
        String hash = hasher.hash("correct horse battery".toCharArray());
        assertThat(hasher.verify("correct horse battery".toCharArray(), hash)).isTrue();
        assertThat(hasher.verify("correct horse battery ".toCharArray(), hash)).isFalse();
        assertThat(hasher.verify("".toCharArray(), hash)).isFalse();
    }

    @Test
    void salts_every_hash_and_keeps_the_iteration_count_in_it() {
        String a = hasher.hash("same password".toCharArray());
        String b = hasher.hash("same password".toCharArray());
        assertThat(a).isNotEqualTo(b).startsWith("pbkdf2-sha256$5000$");
        assertThat(a).doesNotContain("same password");
    }

    @Test
    void old_hashes_with_fewer_iterations_still_verify_and_ask_for_a_rehash() {
        String old = new Pbkdf2PasswordHasher(2_000).hash("s3cret-enough".toCharArray());
        assertThat(hasher.verify("s3cret-enough".toCharArray(), old)).isTrue();
        assertThat(hasher.needsRehash(old)).isTrue();
        assertThat(hasher.needsRehash(hasher.hash("x".toCharArray()))).isFalse();
    }

    @Test
    void corrupt_or_foreign_hashes_never_match_and_never_throw() {
        for (String bad : new String[]{null, "", "plain", "pbkdf2-sha256$abc$x$y", "bcrypt$2$x$y",
                "pbkdf2-sha256$999999999$AAAA$AAAA", "pbkdf2-sha256$1000$!!!$AAAA"}) {
            assertThat(hasher.verify("anything".toCharArray(), bad)).as(bad).isFalse();
        }
    }
}
