package ee.datahub.enquiryhub.api.shared;

import ee.datahub.enquiryhub.api.json.JsonObject;
import ee.datahub.enquiryhub.enquiry.Field;
import ee.datahub.enquiryhub.enquiry.Refusal;
import ee.datahub.enquiryhub.enquiry.Refused;
import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.HubException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Hands a domain draft the texts of a JSON object's fields, setting aside each field's JSON-level
 * problem (not a string, not an object, U+0000, an unknown field); {@link #read} then answers with the
 * first problem in the draft's field order, a field's JSON problem before the domain's (spec §4.1).
 */
public final class DraftFields {

    private final JsonObject json;
    private final Map<Field, HubException> unreadable;
    private final Map<Field, String> paths;

    public DraftFields(JsonObject json) {
        this(json, new EnumMap<>(Field.class), new EnumMap<>(Field.class));
    }

    private DraftFields(JsonObject json, Map<Field, HubException> unreadable, Map<Field, String> paths) {
        this.json = json;
        this.unreadable = unreadable;
        this.paths = paths;
    }

    /** The text of field {@code name}; empty when absent or not a string. */
    public Optional<String> text(Field field, String name) {
        paths.put(field, json.pathOf(name));
        try {
            return json.string(name);
        } catch (HubException notText) {
            unreadable.put(field, notText);
            return Optional.empty();
        }
    }

    /** The fields of the object {@code name} (with only the {@code known} fields); empty when absent or not one. */
    public Optional<DraftFields> object(Field field, String name, String... known) {
        paths.put(field, json.pathOf(name));
        try {
            return json.object(name, known).map(object -> new DraftFields(object, unreadable, paths));
        } catch (HubException notAnObject) {
            unreadable.put(field, notAnObject);
            return Optional.empty();
        }
    }

    /**
     * What {@code draft} reads, unless a field of {@code order} was refused: then the first such refusal,
     * said the API's way; a change that sets nothing is said as the object {@code changesNothing}.
     */
    public <T> T read(List<Field> order, Supplier<T> draft, String changesNothing) {
        List<Refusal> refusals = List.of();
        T read = null;
        try {
            read = draft.get();
        } catch (Refused refused) {
            refusals = refused.refusals();
        }
        for (var field : order) {
            if (unreadable.containsKey(field)) {
                throw unreadable.get(field);
            }
            for (var refusal : refusals) {
                if (refusal instanceof Refusal.InvalidValue invalid && invalid.field() == field) {
                    throw JsonObject.invalid(invalid.reason(), paths.get(field));
                }
            }
        }
        if (refusals.isEmpty()) {
            return read;
        }
        if (refusals.getFirst() instanceof Refusal.NothingToChange) {
            var name = json.pathOf("").isEmpty() ? "body" : json.pathOf("");
            throw new HubException(ErrorCode.INVALID_VALUE, name + changesNothing, name);
        }
        throw new Refused(refusals);
    }
}
