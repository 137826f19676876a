package ee.datahub.enquiryhub.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The hub's password encoder (bcrypt by default, delegating by prefix), counting every secret check as
 * {@code hub.token.secret.checks}: a surge is someone guessing secrets, and the count shows that an
 * unknown client id costs a check just like a known one ({@link EqualCostClientSecrets}).
 */
final class CountingPasswordEncoder implements PasswordEncoder {

    private final PasswordEncoder delegate;
    private final Counter checks;

    CountingPasswordEncoder(PasswordEncoder delegate, MeterRegistry meters) {
        this.delegate = delegate;
        this.checks = Counter.builder("hub.token.secret.checks")
                .description("Client secrets checked against a stored hash (known and unknown client ids alike)")
                .register(meters);
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return delegate.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        checks.increment();
        return delegate.matches(rawPassword, encodedPassword);
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }
}
