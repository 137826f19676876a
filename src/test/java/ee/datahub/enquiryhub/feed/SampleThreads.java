package ee.datahub.enquiryhub.feed;

import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.enquiry.AnswerId;
import ee.datahub.enquiryhub.enquiry.AnswerView;
import ee.datahub.enquiryhub.enquiry.ChangeReason;
import ee.datahub.enquiryhub.enquiry.EnquiryId;
import ee.datahub.enquiryhub.enquiry.EnquiryView;
import ee.datahub.enquiryhub.enquiry.Reference;
import ee.datahub.enquiryhub.enquiry.ReferenceType;
import ee.datahub.enquiryhub.enquiry.RequestStatus;
import ee.datahub.enquiryhub.enquiry.Topic;
import ee.datahub.enquiryhub.participant.Commodity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Changes of the feed as stored, covering what a page can carry (optional fields present and absent,
 * every status, comments in every script and escape, times of every precision, V6's carried-over
 * snapshots, non-canonical ids), each as the hub writes it and as PostgreSQL's {@code jsonb} returns it.
 */
public final class SampleThreads {

    private static final Eic SUPPLIER = new Eic("38X-EIN-OS-----J");
    private static final Eic GRID_OPERATOR = new Eic("38X-EIN-ALL----B");
    private static final Eic METER = new Eic("38ZGO-1000001U-D");
    private static final Eic CUSTOMER = new Eic("38X-AVP-ZW6700C6");
    private static final String EVERY_ESCAPE = "Arve 12,50 € – õäöü šž ÕÄÖÜ; 漢字 𝄞 😀 \"quoted\" back\\slash /slash\n"
            + "new line\r\ttab \b\f \u0001\u001f \u007f \u2028\u2029 \uFEFF <script>&amp;</script>";

    private SampleThreads() {}

    /** One stored change: its snapshot's text and the rest of its feed row. */
    public record Sample(
            String name, String stored, Optional<AnswerId> answer, ChangeReason reason, Instant timestamp) {}

    public static List<Sample> all() {
        var samples = new ArrayList<Sample>();
        for (var sample : written()) {
            samples.add(sample);
            samples.add(new Sample(
                    sample.name() + " (as jsonb)",
                    StoredSnapshots.asJsonb(sample.stored()),
                    sample.answer(),
                    sample.reason(),
                    sample.timestamp()));
        }
        return samples;
    }

    private static List<Sample> written() {
        var created = Instant.parse("2026-03-01T10:15:30.123456Z");
        var bare = enquiry(
                UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e"),
                1,
                Commodity.ELECTRICITY,
                Topic.DATA,
                Optional.empty(),
                RequestStatus.OPEN,
                Optional.empty(),
                created,
                created,
                created.plusSeconds(14 * 86_400),
                List.of());
        var everyField = enquiry(
                UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7"),
                3,
                Commodity.NATURAL_GAS,
                Topic.INVOICE,
                Optional.of(new Reference(ReferenceType.INVOICE, "ARVE-2026/0042")),
                RequestStatus.OPEN,
                Optional.of(EVERY_ESCAPE),
                Instant.parse("2026-03-01T10:00:00Z"),
                Instant.parse("2026-03-02T11:12:13.500Z"),
                Instant.parse("2026-03-15T10:00:00.000000001Z"),
                List.of());
        var firstAnswer = new AnswerView(
                new AnswerId(UUID.fromString("16fd2706-8baf-433b-82eb-8c7fada847da")),
                2,
                GRID_OPERATOR,
                RequestStatus.OPEN,
                Optional.of("Vaatame üle — we are looking into it 🙂\nTäname!"),
                Instant.parse("2026-03-02T08:00:00.1Z"),
                Instant.parse("2026-03-03T09:30:00.654321Z"));
        var secondAnswer = new AnswerView(
                new AnswerId(UUID.fromString("a3bb189e-8bf9-3888-9912-ace4e6543002")),
                1,
                GRID_OPERATOR,
                RequestStatus.CLOSE,
                Optional.empty(),
                Instant.parse("2026-03-04T23:59:59.999999Z"),
                Instant.parse("2026-03-04T23:59:59.999999Z"));
        var closed = enquiry(
                UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7"),
                6,
                Commodity.NATURAL_GAS,
                Topic.INVOICE,
                Optional.of(new Reference(ReferenceType.INVOICE, "ÕÄÖÜ-arve-16märk")),
                RequestStatus.CLOSE,
                Optional.of(EVERY_ESCAPE),
                Instant.parse("2026-03-01T10:00:00Z"),
                Instant.parse("2026-03-04T23:59:59.999999Z"),
                Instant.parse("2026-03-15T10:00:00Z"),
                List.of(firstAnswer, secondAnswer));
        var cancelled = enquiry(
                UUID.fromString("e4eaaaf2-d142-11e1-b3e4-080027620cdd"),
                2,
                Commodity.ELECTRICITY,
                Topic.DATA,
                Optional.empty(),
                RequestStatus.CANCEL,
                Optional.of("Tühistan: saadetud kogemata."),
                Instant.parse("2025-12-31T23:59:59.999Z"),
                Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-14T23:59:59.999Z"),
                List.of(firstAnswer));
        var stamp = Instant.parse("2026-03-05T12:00:00.000001Z");
        var samples = new ArrayList<Sample>();
        samples.add(
                sample("a new enquiry without optional fields", bare, Optional.empty(), ChangeReason.CREATE, stamp));
        samples.add(sample(
                "an enquiry with every optional field",
                everyField,
                Optional.empty(),
                ChangeReason.UPDATE,
                Instant.parse("2026-03-05T12:00:00Z")));
        samples.add(sample("a closing answer", closed, Optional.of(secondAnswer.id()), ChangeReason.CREATE, stamp));
        samples.add(sample(
                "a changed answer with a comment",
                closed,
                Optional.of(firstAnswer.id()),
                ChangeReason.UPDATE,
                Instant.parse("2026-03-05T12:00:00.5Z")));
        samples.add(sample("a closed enquiry changed", closed, Optional.empty(), ChangeReason.UPDATE, stamp));
        samples.add(sample("a cancelled enquiry", cancelled, Optional.empty(), ChangeReason.UPDATE, stamp));
        samples.add(sample(
                "an answer the thread lacks",
                cancelled,
                Optional.of(new AnswerId(UUID.fromString("00000000-0000-0000-0000-000000000001"))),
                ChangeReason.CREATE,
                stamp));
        // As migration V6 carried the first feed over: version 0, no deadline, times written by to_char(… 'US"Z"').
        samples.add(new Sample(
                "a snapshot carried over by V6",
                """
                {"id":"6ba7b810-9dad-11d1-80b4-00c04fd430c8","version":0,"commodity":"ELECTRICITY",\
                "sender":"38X-EIN-OS-----J","receiver":"38X-EIN-ALL----B","meter":"38ZGO-1000001U-D",\
                "customer":"38X-AVP-ZW6700C6","topic":"INVOICE","referenceType":"INVOICE","referenceValue":"A-1",\
                "status":"OPEN","comment":"vana","createdAt":"2024-02-29T23:00:00.000000Z",\
                "updatedAt":"2024-02-29T23:00:00.000000Z","answers":[{"id":"6ba7b811-9dad-11d1-80b4-00c04fd430c8",\
                "version":0,"author":"38X-EIN-ALL----B","status":"OPEN","comment":"vastus",\
                "createdAt":"2024-02-29T23:00:00.000000Z","updatedAt":"2024-02-29T23:00:00.000000Z"}]}""",
                Optional.of(new AnswerId(UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8"))),
                ChangeReason.CREATE,
                Instant.parse("2024-02-29T23:00:00Z")));
        samples.add(new Sample(
                "a carried-over deadline past the year 9999",
                """
                {"id":"6BA7B812-9DAD-11D1-80B4-00C04FD430C8","version":0,"commodity":"ELECTRICITY",\
                "sender":"38X-EIN-OS-----J","receiver":"38X-EIN-ALL----B","meter":"38ZGO-1000001U-D",\
                "customer":"38X-AVP-ZW6700C6","topic":"DATA","referenceType":null,"status":"OPEN","comment":null,\
                "createdAt":"9999-12-25T01:02:03Z","updatedAt":"9999-12-25T01:02:03.4Z","answers":[]}""",
                Optional.empty(),
                ChangeReason.CREATE,
                Instant.parse("0001-01-01T00:00:00Z")));
        samples.add(new Sample(
                "a snapshot with a field the reader does not know",
                """
                {"id":"6ba7b813-9dad-11d1-80b4-00c04fd430c8","version":7,"commodity":"ELECTRICITY",\
                "sender":"38X-EIN-OS-----J","receiver":"38X-EIN-ALL----B","meter":"38ZGO-1000001U-D",\
                "customer":"38X-AVP-ZW6700C6","topic":"DATA","status":"OPEN","createdAt":"2026-01-01T00:00:00Z",\
                "updatedAt":"2026-01-01T00:00:00Z","dueAt":"2026-01-15T00:00:00Z","later":{"a":[1,{"b":null}]},\
                "answers":[]}""",
                Optional.empty(),
                ChangeReason.CREATE,
                Instant.parse("2026-01-01T00:00:01Z")));
        return samples;
    }

    private static Sample sample(
            String name, EnquiryView enquiry, Optional<AnswerId> answer, ChangeReason reason, Instant timestamp) {
        return new Sample(name, StoredSnapshots.written(enquiry), answer, reason, timestamp);
    }

    private static EnquiryView enquiry(
            UUID id,
            long version,
            Commodity commodity,
            Topic topic,
            Optional<Reference> reference,
            RequestStatus status,
            Optional<String> comment,
            Instant createdAt,
            Instant updatedAt,
            Instant dueAt,
            List<AnswerView> answers) {
        return new EnquiryView(
                new EnquiryId(id),
                version,
                commodity,
                SUPPLIER,
                GRID_OPERATOR,
                METER,
                CUSTOMER,
                topic,
                reference,
                status,
                comment,
                createdAt,
                updatedAt,
                dueAt,
                answers);
    }
}
