package ee.datahub.enquiryhub.push;

/** A subscription just created or whose secret was just rotated, with the only copy of the new secret. */
public record WithSecret(Subscription subscription, String secret) {}
