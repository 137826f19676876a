package ee.datahub.enquiryhub.enquiry;

import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.eic.EicType;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * An enquiry as a door received it, each field a text (empty: not given), read by the domain's value
 * rules into a new enquiry or a change of one. Refused ({@link Refused}) with every field's problem at
 * once, in the order of {@link #FIELDS} (spec §5.1): the APIs report the first, the web all.
 */
public record EnquiryDraft(
        Optional<String> meter,
        Optional<String> customer,
        Optional<String> topic,
        Optional<ReferenceDraft> reference,
        Optional<String> status,
        Optional<String> comment,
        Optional<String> receiver) {

    /** The order in which the fields are read and their refusals reported. */
    public static final List<Field> FIELDS = List.of(
            Field.METER,
            Field.CUSTOMER,
            Field.TOPIC,
            Field.REFERENCE,
            Field.REFERENCE_TYPE,
            Field.REFERENCE_VALUE,
            Field.STATUS,
            Field.REQUEST_COMMENT,
            Field.RECEIVER);

    private static final Optional<EicType> METERING_POINT = Optional.of(EicType.METERING_POINT);
    private static final Optional<EicType> PARTY = Optional.of(EicType.PARTY);
    private static final Optional<EicType> ANY = Optional.empty();

    /** A reference as given: its type and value as texts. */
    public record ReferenceDraft(Optional<String> type, Optional<String> value) {}

    /** The enquiry as sent: metering point, customer, topic and status required. */
    public NewEnquiry toNew() {
        var check = new FieldCheck();
        var read = read(check, true);
        check.refuseIfAny(FIELDS);
        return enquiry(read);
    }

    /** A change: every field optional, at least one given. */
    public EnquiryChange toChange() {
        var check = new FieldCheck();
        var change = read(check, false);
        check.refuseIfAny(FIELDS);
        if (change.isEmpty()) {
            throw new Refused(new Refusal.NothingToChange());
        }
        return change;
    }

    /**
     * {@link #toNew()}, refused also by every rule sending applies (spec §5.1-5.2): the status OPEN, the
     * receiver ({@code receiver} finds it from the metering point and the one given, or refuses), and the
     * topic's reference. Returns the enquiry and its receiver.
     */
    Enquiries.Checked check(BiFunction<Eic, Optional<Eic>, Eic> receiver) {
        var check = new FieldCheck();
        var read = read(check, true);
        read.status().ifPresent(status -> check.apply(() -> Enquiry.requireOpenOnCreate(status)));
        var resolved = new Eic[1];
        if (read.meter().isPresent() && !check.refused(Field.RECEIVER)) {
            check.apply(() -> resolved[0] = receiver.apply(read.meter().get(), read.receiver()));
        }
        if (!check.refused(Field.REFERENCE_TYPE) && !check.refused(Field.REFERENCE_VALUE)) {
            read.topic().flatMap(topic -> topic.refusalOf(read.reference())).ifPresent(check::refuse);
        }
        check.refuseIfAny(FIELDS);
        return new Enquiries.Checked(enquiry(read), resolved[0]);
    }

    // Every field read, as a change (each empty when not given or refused); a create requires some.
    private EnquiryChange read(FieldCheck check, boolean create) {
        var meter = check.eic(Field.METER, given(check, create, Field.METER, this.meter), METERING_POINT);
        var customer = check.eic(Field.CUSTOMER, given(check, create, Field.CUSTOMER, this.customer), ANY);
        var topic = check.literal(Field.TOPIC, given(check, create, Field.TOPIC, this.topic), Topic.class);
        var reference = this.reference.flatMap(given -> reference(check, given));
        var status = check.literal(Field.STATUS, given(check, create, Field.STATUS, this.status), RequestStatus.class);
        var comment = check.checked(Field.REQUEST_COMMENT, this.comment, Comment::problemWith, Comment::new);
        var receiver = check.eic(Field.RECEIVER, this.receiver, PARTY);
        return new EnquiryChange(meter, customer, topic, reference, status, comment, receiver);
    }

    private static Optional<String> given(FieldCheck check, boolean required, Field field, Optional<String> text) {
        return required ? check.required(field, text) : text;
    }

    private static Optional<Reference> reference(FieldCheck check, ReferenceDraft given) {
        var type = check.literal(
                Field.REFERENCE_TYPE, check.required(Field.REFERENCE_TYPE, given.type()), ReferenceType.class);
        var value = check.checked(
                Field.REFERENCE_VALUE,
                check.required(Field.REFERENCE_VALUE, given.value()),
                Reference::problemWithValue,
                text -> text);
        return type.isPresent() && value.isPresent()
                ? Optional.of(new Reference(type.get(), value.get()))
                : Optional.empty();
    }

    // A new enquiry of what was read (complete when nothing was refused).
    private static NewEnquiry enquiry(EnquiryChange read) {
        return new NewEnquiry(
                read.meter().orElseThrow(),
                read.customer().orElseThrow(),
                read.topic().orElseThrow(),
                read.reference(),
                read.status().orElseThrow(),
                read.comment(),
                read.receiver());
    }
}
