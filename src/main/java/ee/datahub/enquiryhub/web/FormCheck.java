package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.error.HubException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads a form's fields, keeping every field's refusal instead of stopping at the first, so that the
 * page shows them all at once; {@link #refuseIfAny()} throws them as {@link FormInvalid}.
 */
final class FormCheck {

    private final List<HubException> errors = new ArrayList<>();

    /** One field read by {@code read}; empty when refused. */
    <T> Optional<T> field(Supplier<T> read) {
        try {
            return Optional.of(read.get());
        } catch (HubException refused) {
            errors.add(refused);
            return Optional.empty();
        }
    }

    /** A rule about several fields, which throws when they break it. */
    void rule(Runnable rule) {
        field(() -> {
            rule.run();
            return true;
        });
    }

    /** What a domain draft reads; empty when refused, with every one of its refusals kept. */
    <T> Optional<T> read(Supplier<T> draft) {
        try {
            return Optional.of(draft.get());
        } catch (RuntimeException thrown) {
            errors.addAll(WebRefusals.of(thrown).orElseThrow(() -> thrown));
            return Optional.empty();
        }
    }

    /** @throws FormInvalid with every refusal kept, if any */
    void refuseIfAny() {
        if (!errors.isEmpty()) {
            throw new FormInvalid(errors);
        }
    }

    /** A form's fields refused, each with its error. */
    static final class FormInvalid extends RuntimeException {

        private final List<HubException> errors;

        FormInvalid(List<HubException> errors) {
            super("form refused", null, false, false);
            this.errors = List.copyOf(errors);
        }

        List<HubException> errors() {
            return errors;
        }
    }
}
