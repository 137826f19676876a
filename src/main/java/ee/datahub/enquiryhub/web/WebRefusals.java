package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.access.ContextField;
import ee.datahub.enquiryhub.api.shared.FieldNames;
import ee.datahub.enquiryhub.api.shared.Refusals;
import ee.datahub.enquiryhub.enquiry.Field;
import ee.datahub.enquiryhub.enquiry.Refused;
import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.HubException;
import ee.datahub.enquiryhub.push.SubscriptionRefusal;
import ee.datahub.enquiryhub.push.SubscriptionRefused;
import ee.datahub.enquiryhub.web.FormCheck.FormInvalid;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;

/**
 * The web's one mapping of refusals: what a page's work threw, as the hub's errors (the spec's code,
 * worded by {@code messages_et/en} as {@code <code>} or {@code <code>.<field>}; {@code args} naming the
 * form field first, then what the message quotes). Anything else is no client's mistake.
 */
final class WebRefusals {

    /** How the web interface names the domain's fields: by its forms' fields. */
    static final FieldNames WEB_NAMES = new FieldNames() {
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

    // Fields the hub's services name otherwise than the forms do: a technical user's client id is its suffix.
    private static final Map<String, String> ALIASES = Map.of("clientId", "suffix");

    private WebRefusals() {}

    /** Every error of what a page's work threw, if it is a client's mistake; empty for anything else. */
    static Optional<List<HubException>> of(RuntimeException thrown) {
        return switch (thrown) {
            case Refused refused -> Optional.of(Refusals.all(refused, WEB_NAMES));
            case FormInvalid invalid -> Optional.of(invalid.errors());
            case SubscriptionRefused refused -> Optional.of(List.of(of(refused.refusal())));
            default -> Refusals.of(thrown, WEB_NAMES).map(List::of);
        };
    }

    /** The status of a page that shows {@code errors}: the lowest, as the spec orders 400 before 422. */
    static int status(List<HubException> errors) {
        return errors.stream().mapToInt(error -> error.error().status()).min().orElseThrow();
    }

    /**
     * The errors of the form {@code name}, each beside the field its {@code args[0]} names, or above the
     * form when it names none of its fields; templates show them with {@code th:errors} and the summary.
     */
    static BindingResult onForm(String name, Object form, List<HubException> errors) {
        var result = new BeanPropertyBindingResult(form, name);
        for (var error : errors) {
            var field = error.args().isEmpty()
                    ? null
                    : ALIASES.getOrDefault(error.args().getFirst(), error.args().getFirst());
            if (field != null && result.getFieldType(field) != null) {
                result.rejectValue(field, error.error().code(), arguments(error), error.getMessage());
            } else {
                result.reject(error.error().code(), arguments(error), error.getMessage());
            }
        }
        return result;
    }

    /** The message of an error, to be resolved in the person's language. */
    static MessageSourceResolvable message(HubException error) {
        return new DefaultMessageSourceResolvable(
                new String[] {error.error().code()}, arguments(error), error.getMessage());
    }

    // Enum names among the args are shown by their enum.<NAME> label.
    private static Object[] arguments(HubException error) {
        return error.args().stream()
                .map(arg -> new DefaultMessageSourceResolvable(
                        new String[] {"enum." + arg.toUpperCase(Locale.ROOT)}, null, arg))
                .toArray();
    }

    // The push package's refusals that a page can meet, named by the subscription forms' fields.
    private static HubException of(SubscriptionRefusal refusal) {
        return switch (refusal) {
            case SubscriptionRefusal.NotFound r ->
                new HubException(ErrorCode.RESOURCE_NOT_FOUND, "No such subscription", "subscription");
            case SubscriptionRefusal.UrlRefused r ->
                new HubException(ErrorCode.INVALID_VALUE, "Not delivered to: " + r.problem(), "url", r.url());
            case SubscriptionRefusal.KindsRefused r ->
                new HubException(ErrorCode.INVALID_VALUE, "Kinds not carried", "kinds");
            case SubscriptionRefusal.VersionConflict r ->
                new HubException(ErrorCode.VERSION_CONFLICT, "Changed meanwhile", "subscription");
            case SubscriptionRefusal.ReplayBeyondRetention r ->
                new HubException(ErrorCode.CHANGE_PERIOD_BEYOND_RETENTION, "Replay too old", "since");
            case SubscriptionRefusal.ReplayFromTheFuture r ->
                new HubException(ErrorCode.INVALID_VALUE, "Replay from the future", "since");
            case SubscriptionRefusal.OverlapRefused r ->
                new HubException(ErrorCode.INVALID_VALUE, "Overlap out of range", "overlap");
        };
    }
}
