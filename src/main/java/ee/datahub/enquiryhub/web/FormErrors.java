package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.access.ContextField;
import ee.datahub.enquiryhub.api.shared.FieldNames;
import ee.datahub.enquiryhub.api.shared.Refusals;
import ee.datahub.enquiryhub.enquiry.Field;
import ee.datahub.enquiryhub.enquiry.Refused;
import ee.datahub.enquiryhub.error.HubException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.validation.BindingResult;

/**
 * Puts the hub's refusals on a form, in the person's language: the error's code (spec §4.1) is the
 * message key ({@code messages_et/en}; {@code <code>.<field>} when a field needs its own wording), its
 * {@code args} the message arguments (enum names shown by their {@code enum.<NAME>} label), and
 * {@code args[0]} names the field it is shown beside. Forms are JavaBeans bound with
 * {@link BindingResult}, so templates show errors with {@code th:errors} and the summary with
 * {@code #fields.detailedErrors()} (fragments in {@code templates/fragments/forms.html}).
 */
public final class FormErrors {

    /** How the web interface names the domain's fields (phase 2's enquiry forms use these names). */
    public static final FieldNames WEB_NAMES = new FieldNames() {
        @Override
        public String field(Field field, Optional<Integer> item) {
            return switch (field) {
                case METER -> "meterEic";
                case CUSTOMER -> "customerEic";
                case TOPIC -> "topic";
                case REFERENCE, REFERENCE_TYPE, REFERENCE_VALUE -> "referenceValue";
                case STATUS -> "status";
                case REQUEST_COMMENT -> "requestComment";
                case RECEIVER -> "receiverEic";
                case ANSWER_STATUS -> "answerStatus";
                case ANSWER_COMMENT -> "responseComment";
                case SENDER -> "senderEic";
                case SEARCH_TEXT -> "q";
                case PERIOD_START -> "from";
                case CURSOR -> "cursor";
                case PAGE -> "page";
            };
        }

        @Override
        public String context(ContextField field) {
            return "context";
        }

        @Override
        public String enquiryId() {
            return "enquiry";
        }

        @Override
        public String answerId() {
            return "answer";
        }
    };

    private FormErrors() {}

    /**
     * Shows a refusal on the form: beside the field {@code args[0]} names (translated by {@code fields}
     * where the domain names it otherwise), or in the summary only when it is about no field of the form.
     */
    public static void reject(BindingResult errors, HubException error, Map<String, String> fields) {
        var args = arguments(error);
        var field = error.args().isEmpty()
                ? null
                : fields.getOrDefault(error.args().getFirst(), error.args().getFirst());
        if (field != null && errors.getFieldType(field) != null) {
            errors.rejectValue(field, error.error().code(), args, error.getMessage());
        } else {
            errors.reject(error.error().code(), args, error.getMessage());
        }
    }

    /**
     * Parses or checks one field, showing its refusal on the form; empty when refused. Pages check every
     * field this way before they call the domain, so that the summary lists every field's error at once.
     */
    public static <T> Optional<T> check(BindingResult errors, Supplier<T> field) {
        try {
            return Optional.of(field.get());
        } catch (HubException error) {
            reject(errors, error, Map.of());
            return Optional.empty();
        }
    }

    /** What a domain draft reads; empty when refused, every refusal shown beside its field. */
    public static <T> Optional<T> read(BindingResult errors, Supplier<T> draft) {
        try {
            return Optional.of(draft.get());
        } catch (Refused refused) {
            reject(errors, refused);
            return Optional.empty();
        }
    }

    /** Shows every refusal of {@code refused} on the form, each beside its field. */
    public static void reject(BindingResult errors, Refused refused) {
        Refusals.all(refused, WEB_NAMES).forEach(error -> reject(errors, error, Map.of()));
    }

    /** The status of a page that shows {@code refused}: its lowest, as the spec orders 400 before 422. */
    public static int status(Refused refused) {
        return Refusals.all(refused, WEB_NAMES).stream()
                .mapToInt(error -> error.error().status())
                .min()
                .orElseThrow();
    }

    /** A text field that must not be blank. */
    public static String required(String field, String value) {
        var text = value == null ? "" : value.strip();
        if (text.isEmpty()) {
            throw new HubException(ee.datahub.enquiryhub.error.ErrorCode.REQUIRED_FIELD, field + " is required", field);
        }
        return text;
    }

    /** The refusal of a domain exception (access, enquiry rules, or a hub error) as a hub error, if it is one. */
    public static Optional<HubException> refusal(RuntimeException thrown) {
        return Refusals.of(thrown, WEB_NAMES);
    }

    /** The message of an error, to be resolved in the person's language. */
    public static MessageSourceResolvable message(HubException error) {
        return new DefaultMessageSourceResolvable(
                new String[] {error.error().code()}, arguments(error), error.getMessage());
    }

    private static Object[] arguments(HubException error) {
        return error.args().stream()
                .map(arg -> new DefaultMessageSourceResolvable(
                        new String[] {"enum." + arg.toUpperCase(Locale.ROOT)}, null, arg))
                .toArray();
    }
}
