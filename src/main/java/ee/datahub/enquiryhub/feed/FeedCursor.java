package ee.datahub.enquiryhub.feed;

import ee.datahub.enquiryhub.enquiry.Field;
import ee.datahub.enquiryhub.enquiry.Refusal;
import ee.datahub.enquiryhub.enquiry.Refused;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A position in one stream: the sequence number of the last change a client received and that
 * change's stamp (every later change of the stream is stamped after it; the stamp also lets the
 * database skip older partitions and tells when a cursor has fallen out of the retention). Opaque to
 * clients: base64url of version, sequence, stamp and a MAC over them and the stream, so that a
 * cursor the hub did not issue — or issued for another stream — is refused.
 */
record FeedCursor(long seq, Instant stamp) {

    private static final byte VERSION = 1;
    private static final int MAC_BYTES = 12;

    String encode(Stream stream, byte[] key) {
        var buffer = ByteBuffer.allocate(1 + 8 + 8 + MAC_BYTES);
        buffer.put(VERSION).putLong(seq).putLong(micros(stamp));
        buffer.put(mac(key, stream, buffer.array(), 17));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    }

    static FeedCursor decode(String text, Stream stream, byte[] key) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw unknown();
        }
        if (bytes.length != 1 + 8 + 8 + MAC_BYTES || bytes[0] != VERSION) {
            throw unknown();
        }
        var expected = mac(key, stream, bytes, 17);
        var given = java.util.Arrays.copyOfRange(bytes, 17, bytes.length);
        if (!MessageDigest.isEqual(expected, given)) {
            throw unknown();
        }
        var buffer = ByteBuffer.wrap(bytes, 1, 16);
        long seq = buffer.getLong();
        long micros = buffer.getLong();
        return new FeedCursor(seq, Instant.EPOCH.plus(micros, ChronoUnit.MICROS));
    }

    private static Refused unknown() {
        return new Refused(new Refusal.UnknownCursor(Field.CURSOR));
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    private static byte[] mac(byte[] key, Stream stream, byte[] data, int length) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(stream.key().getBytes(StandardCharsets.UTF_8));
            mac.update(data, 0, length);
            return java.util.Arrays.copyOf(mac.doFinal(), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
