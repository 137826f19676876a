package ee.datahub.enquiryhub.mail;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The links in emails: an address confirmation (the address row, a digest of the address it was sent
 * to, an expiry) and an unsubscribe (a preference and a kind of email; it does not expire, as old
 * emails' links must keep working). Both are signed with a key kept in PostgreSQL, the same on every
 * instance; they name rows by id only, never a person or an address.
 */
@Component
class MailTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte CONFIRM = 'c';
    private static final byte UNSUBSCRIBE = 'u';
    private static final int MAC_BYTES = 16;

    private final JdbcClient jdbc;
    private volatile byte[] key;

    MailTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Confirmation(UUID addressId, long addressDigest, Instant expiresAt) {}

    record Unsubscribe(UUID preferenceId, Kind kind) {}

    String confirmation(UUID addressId, String address, Instant expiresAt) {
        return sign(ByteBuffer.allocate(1 + 16 + 8 + 8)
                .put(CONFIRM)
                .putLong(addressId.getMostSignificantBits())
                .putLong(addressId.getLeastSignificantBits())
                .putLong(digest(address))
                .putLong(expiresAt.getEpochSecond())
                .array());
    }

    String unsubscribe(UUID preferenceId, Kind kind) {
        return sign(ByteBuffer.allocate(1 + 16 + 1)
                .put(UNSUBSCRIBE)
                .putLong(preferenceId.getMostSignificantBits())
                .putLong(preferenceId.getLeastSignificantBits())
                .put((byte) kind.ordinal())
                .array());
    }

    /** The confirmation a token names, if the hub signed it (expired or not: the caller tells which). */
    Optional<Confirmation> readConfirmation(String token) {
        return verified(token)
                .filter(p -> p.length == 1 + 16 + 8 + 8 && p[0] == CONFIRM)
                .map(p -> {
                    var buffer = ByteBuffer.wrap(p, 1, p.length - 1);
                    return new Confirmation(
                            new UUID(buffer.getLong(), buffer.getLong()),
                            buffer.getLong(),
                            Instant.ofEpochSecond(buffer.getLong()));
                });
    }

    Optional<Unsubscribe> readUnsubscribe(String token) {
        return verified(token)
                .filter(p ->
                        p.length == 1 + 16 + 1 && p[0] == UNSUBSCRIBE && p[17] >= 0 && p[17] < Kind.values().length)
                .map(p -> {
                    var buffer = ByteBuffer.wrap(p, 1, p.length - 1);
                    return new Unsubscribe(new UUID(buffer.getLong(), buffer.getLong()), Kind.values()[buffer.get()]);
                });
    }

    /** The first eight bytes of the address's SHA-256: a confirmation link works only for the address it went to. */
    static long digest(String address) {
        try {
            var hash = MessageDigest.getInstance("SHA-256").digest(address.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(hash).getLong();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String sign(byte[] payload) {
        var encoder = Base64.getUrlEncoder().withoutPadding();
        return encoder.encodeToString(payload) + "." + encoder.encodeToString(mac(payload));
    }

    private Optional<byte[]> verified(String token) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 1 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        try {
            var decoder = Base64.getUrlDecoder();
            var payload = decoder.decode(token.substring(0, dot));
            var mac = decoder.decode(token.substring(dot + 1));
            return MessageDigest.isEqual(mac, mac(payload)) ? Optional.of(payload) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return Arrays.copyOf(mac.doFinal(payload), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // The signing key, the same on every instance (made by the first one that needs it).
    private byte[] key() {
        var known = key;
        if (known == null) {
            var candidate = new byte[32];
            RANDOM.nextBytes(candidate);
            jdbc.sql(
                            "insert into hub_secret (name, value, created_at) values ('mail-token', ?, now()) on conflict do nothing")
                    .param(candidate)
                    .update();
            known = jdbc.sql("select value from hub_secret where name = 'mail-token'")
                    .query(byte[].class)
                    .single();
            key = known;
        }
        return known;
    }
}
