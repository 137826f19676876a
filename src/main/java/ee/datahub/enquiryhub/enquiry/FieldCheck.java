package ee.datahub.enquiryhub.enquiry;

import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.eic.EicType;
import ee.datahub.enquiryhub.eic.InvalidEicException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a draft's texts into the domain's values, keeping every field's refusal instead of stopping at
 * the first; {@link #refuseIfAny} then throws them all, in their fields' order. A value is
 * empty when its text was absent or refused.
 */
final class FieldCheck {

    private final List<Refusal> refusals = new ArrayList<>();

    /** The text of a field that must be given; refused as missing when it is absent. */
    Optional<String> required(Field field, Optional<String> text) {
        if (text.isEmpty()) {
            refuse(new Refusal.InvalidValue(field, new Reason.Missing()));
        }
        return text;
    }

    /** An EIC, of {@code type} when one is given. */
    Optional<Eic> eic(Field field, Optional<String> text, Optional<EicType> type) {
        return value(field, text, given -> {
            try {
                return type.isPresent() ? Eic.parse(given, type.get()) : Eic.parse(given);
            } catch (InvalidEicException e) {
                throw new Invalid(new Reason.NotAnEic(e.text(), e.problem(), e.expected()));
            }
        });
    }

    /** One of an enum's literals, spelt exactly. */
    <E extends Enum<E>> Optional<E> literal(Field field, Optional<String> text, Class<E> type) {
        var literals = type.getEnumConstants();
        return value(
                field,
                text,
                given -> Arrays.stream(literals)
                        .filter(literal -> literal.name().equals(given))
                        .findFirst()
                        .orElseThrow(() -> new Invalid(new Reason.UnknownLiteral(
                                given, Arrays.stream(literals).map(Enum::name).toList()))));
    }

    /** A text the value {@code rule} accepts, made into a value by {@code make}. */
    <T> Optional<T> checked(
            Field field, Optional<String> text, Function<String, Optional<Reason>> rule, Function<String, T> make) {
        return value(field, text, given -> {
            rule.apply(given).ifPresent(reason -> {
                throw new Invalid(reason);
            });
            return make.apply(given);
        });
    }

    /** True when {@code field} has been refused. */
    boolean refused(Field field) {
        return refusals.stream().anyMatch(refusal -> refusal.about().equals(Optional.of(field)));
    }

    void refuse(Refusal refusal) {
        refusals.add(refusal);
    }

    /** Runs a rule that may throw {@link Refused}, keeping its refusals. */
    void apply(Runnable rule) {
        try {
            rule.run();
        } catch (Refused refused) {
            refusals.addAll(refused.refusals());
        }
    }

    /** @throws Refused with every refusal found, if any, in the order of their fields in {@code order} */
    void refuseIfAny(List<Field> order) {
        if (!refusals.isEmpty()) {
            throw new Refused(refusals.stream()
                    .sorted(Comparator.comparing(
                            refusal -> refusal.about().map(order::indexOf).orElse(order.size())))
                    .toList());
        }
    }

    private <T> Optional<T> value(Field field, Optional<String> text, Function<String, T> read) {
        try {
            return text.map(read);
        } catch (Invalid invalid) {
            refuse(new Refusal.InvalidValue(field, invalid.reason));
            return Optional.empty();
        }
    }

    private static final class Invalid extends RuntimeException {
        private final Reason reason;

        Invalid(Reason reason) {
            super(null, null, false, false);
            this.reason = reason;
        }
    }
}
