package dev.chatbot.connectors.auth;

/** Turns passwords into slow, salted hashes and checks passwords against them in constant time. */
public interface PasswordHasher {

    /** A new hash with a fresh random salt, in a self-describing text form. */
    String hash(char[] password);

    /** Whether the password matches; false (never an exception) for a hash in a form this hasher does not know. */
    boolean verify(char[] password, String stored);

    /** Whether a stored hash is weaker than what {@link #hash} makes now, so it should be replaced on next sign-in. */
    boolean needsRehash(String stored);
}
