package ee.datahub.enquiryhub.push;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Standard Webhooks signatures (with its reference library): {@code v1,} + base64 of HMAC-SHA256 over
 * {@code id.timestamp.body} with the secret's bytes; several secrets (during a rotation's overlap) give
 * several signatures, separated by spaces in one {@code webhook-signature} header, any of which a
 * receiver may verify.
 */
final class WebhookSigning {

    private static final SecureRandom RANDOM = new SecureRandom();
    // Standard Webhooks secrets are 24 to 64 random bytes.
    private static final int SECRET_BYTES = 32;

    private WebhookSigning() {}

    /** A new secret: {@code whsec_} + base64 of 32 random bytes. */
    static String newSecret() {
        var bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getEncoder().encodeToString(bytes);
    }

    /** The {@code webhook-signature} header's value: one signature per secret, in the order given. */
    static String signatures(List<String> secrets, String webhookId, long timestampSeconds, String body) {
        return secrets.stream()
                .map(secret -> {
                    try {
                        return new Webhook(secret).sign(webhookId, timestampSeconds, body);
                    } catch (WebhookSigningException e) {
                        throw new IllegalStateException("a subscription's secret cannot sign", e);
                    }
                })
                .collect(Collectors.joining(" "));
    }
}
