package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.audit.AuditEntry;
import ee.datahub.enquiryhub.audit.AuditSearch;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.participant.Participant;
import ee.datahub.enquiryhub.participant.ParticipantRegister;
import ee.datahub.enquiryhub.person.People;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The audit log as the hub operator reads it: each entry a sentence in the person's language ("Anne
 * Ader revoked Enquiry editor from …"), people and participants by name, read from the entry's domain
 * action and its object; an entry without one (older, refused, or a view) by what its request was.
 */
@Component
class AuditLines {

    /** How the audit log names a person as an actor. */
    static final String PERSON = "person:";

    /** The domain actions the log names, as the action filter offers them. */
    static final List<String> EVENTS = List.of(
            "ENQUIRY_SENT",
            "ENQUIRY_CHANGED",
            "ENQUIRY_CANCELLED",
            "ENQUIRY_CLOSED",
            "ENQUIRY_ANSWERED",
            "ENQUIRY_ANSWERED_FINALLY",
            "ANSWER_CHANGED",
            "GRANTED",
            "GRANT_REVOKED",
            "TECHNICAL_USER_CREATED",
            "TECHNICAL_USER_REVOKED",
            "PARTICIPANT_REGISTERED",
            "METERING_POINT_REGISTERED",
            "METERING_POINT_MOVED",
            "METERING_POINTS_IMPORTED");

    // What each action's sentence quotes after its actor ({0}), in order, from its object.
    private static final Map<String, List<String>> QUOTES = Map.ofEntries(
            Map.entry("ENQUIRY_SENT", List.of("receiver", "count")),
            Map.entry("ENQUIRY_CHANGED", List.of("receiver")),
            Map.entry("ENQUIRY_CANCELLED", List.of("receiver")),
            Map.entry("ENQUIRY_CLOSED", List.of("receiver")),
            Map.entry("ENQUIRY_ANSWERED", List.of("sender")),
            Map.entry("ENQUIRY_ANSWERED_FINALLY", List.of("sender")),
            Map.entry("ANSWER_CHANGED", List.of("sender")),
            Map.entry("GRANTED", List.of("permissions", "person", "participant", "role", "commodity")),
            Map.entry("GRANT_REVOKED", List.of("permissions", "person", "participant", "role", "commodity")),
            Map.entry("TECHNICAL_USER_CREATED", List.of("clientId", "participant", "permissions")),
            Map.entry("TECHNICAL_USER_REVOKED", List.of("clientId", "participant")),
            Map.entry("PARTICIPANT_REGISTERED", List.of("participant", "roles", "commodities")),
            Map.entry("METERING_POINT_REGISTERED", List.of("meteringPoint", "gridOperator", "commodity")),
            Map.entry("METERING_POINT_MOVED", List.of("meteringPoint", "gridOperator", "commodity")),
            Map.entry("METERING_POINTS_IMPORTED", List.of("count")));

    private static final List<String> PARTIES = List.of("participant", "receiver", "sender", "gridOperator");
    private static final List<String> ENUMS = List.of("role", "commodity", "permissions", "roles", "commodities");

    // Requests without a domain action (entries from before the log named them, refused ones), by their
    // address template: what the person was doing.
    private static final Map<String, String> REQUESTS = Map.ofEntries(
            Map.entry("POST /web/admin/people", "audit.request.grant"),
            Map.entry("POST /web/admin/people/revoke", "audit.request.revoke-grant"),
            Map.entry("POST /web/admin/technical-users", "audit.request.create-technical-user"),
            Map.entry("POST /web/admin/technical-users/{clientId}/revoke", "audit.request.revoke-technical-user"),
            Map.entry("POST /web/operator/participants", "audit.request.register-participant"),
            Map.entry("POST /web/operator/participants/appoint", "audit.request.appoint-admin"),
            Map.entry("POST /web/operator/metering-points", "audit.request.register-metering-point"),
            Map.entry("POST /web/operator/metering-points/import", "audit.request.import-metering-points"),
            Map.entry("POST /web/enquiries", "audit.request.send-enquiry"),
            Map.entry("POST /web/enquiries/{id}/change", "audit.request.change-enquiry"),
            Map.entry("POST /web/enquiries/{id}/answer", "audit.request.answer-enquiry"),
            Map.entry("GET /web/enquiries/{id}", "audit.request.open-enquiry"),
            Map.entry("POST /oauth2/token", "audit.request.token"));

    // Pages whose view reads as the page's title.
    private static final Map<String, String> PAGES = Map.ofEntries(
            Map.entry("GET /web/", "home.title"),
            Map.entry("GET /web", "home.title"),
            Map.entry("GET /web/context", "context.title"),
            Map.entry("GET /web/enquiries", "audit.page.inbox"),
            Map.entry("GET /web/enquiries/changes", "audit.page.inbox"),
            Map.entry("GET /web/enquiries/new", "enquiry-form.new-title"),
            Map.entry("GET /web/enquiries/check", "enquiry-form.check-title"),
            Map.entry("GET /web/enquiries/{id}/answer", "answer-form.title"),
            Map.entry("GET /web/enquiries/{id}/change", "enquiry-form.change-title"),
            Map.entry("GET /web/enquiries/{id}/answers/{answerId}/change", "answer-form.change-title"),
            Map.entry("GET /web/admin/subscriptions", "subscriptions.title"),
            Map.entry("GET /web/admin/subscriptions/{id}", "subscription.title"),
            Map.entry("GET /web/mail", "mail-settings.title"),
            Map.entry("GET /web/operator/mail", "mail-operator.title"),
            Map.entry("GET /web/operator/audit", "audit.title"),
            Map.entry("GET /web/operator/metering-points", "metering-points.title"),
            Map.entry("GET /web/operator/participants", "participants.title"),
            Map.entry("GET /web/operator/statistics", "statistics.title"),
            Map.entry("GET /web/admin/people", "people.title"),
            Map.entry("GET /web/admin/technical-users", "technical-users.title"));

    /** One entry as a line of the log's table. */
    record Line(
            Instant at,
            String sentence,
            String actor,
            Optional<String> context,
            List<UUID> enquiryIds,
            String outcome,
            Optional<String> errorCode,
            boolean refused,
            boolean view) {}

    /** A page of the log: its lines, and the key of the next (older) page if there is one. */
    record Page(List<Line> lines, Optional<String> next) {}

    private final AuditSearch audit;
    private final People people;
    private final ParticipantRegister participants;
    private final MessageSource messages;

    AuditLines(AuditSearch audit, People people, ParticipantRegister participants, MessageSource messages) {
        this.audit = audit;
        this.people = people;
        this.participants = participants;
        this.messages = messages;
    }

    /**
     * The page of entries the filters find, after the page key {@code after} (one that means nothing:
     * the first page), as lines in the reader's language.
     *
     * @throws FormCheck.FormInvalid a filter that means nothing
     */
    Page page(Forms.AuditForm form, String after, int size, Locale locale) {
        var found = audit.search(form.query(people::subjectsNamed), AuditSearch.Position.parse(after), size);
        return new Page(of(found.entries(), locale), found.next().map(AuditSearch.Position::text));
    }

    List<Line> of(List<AuditEntry> entries, Locale locale) {
        var subjects = new ArrayList<String>();
        var parties = new ArrayList<Eic>();
        for (var entry : entries) {
            entry.clientId()
                    .filter(id -> id.startsWith(PERSON))
                    .ifPresent(id -> subjects.add(id.substring(PERSON.length())));
            entry.participant().filter(Eic::isValid).map(Eic::new).ifPresent(parties::add);
            Optional.ofNullable(entry.object().get("person")).ifPresent(subjects::add);
            PARTIES.forEach(key -> Optional.ofNullable(entry.object().get(key))
                    .ifPresent(value -> Arrays.stream(value.split(","))
                            .filter(Eic::isValid)
                            .map(Eic::new)
                            .forEach(parties::add)));
        }
        var names = new Names(people.names(subjects), participants.findAll(parties), locale);
        return entries.stream().map(entry -> line(entry, names)).toList();
    }

    private Line line(AuditEntry entry, Names names) {
        var actor = names.actor(entry.clientId());
        String sentence;
        if (entry.event().isPresent() && QUOTES.containsKey(entry.event().get())) {
            var event = entry.event().get();
            var args = new ArrayList<Object>();
            args.add(actor);
            QUOTES.get(event)
                    .forEach(key -> args.add(names.value(key, entry.object().get(key))));
            var key = "ENQUIRY_SENT".equals(event) && !"1".equals(entry.object().get("count"))
                    ? "audit.event.ENQUIRIES_SENT"
                    : "audit.event." + event;
            sentence = message(key, names.locale, args.toArray());
        } else {
            sentence = request(entry, actor, names.locale);
        }
        var context = entry.participant()
                .map(eic -> names.party(eic)
                        + entry.role()
                                .map(role -> ", " + message("enum." + role, names.locale))
                                .orElse(""));
        boolean refused = entry.httpStatus() >= 400;
        var outcome = refused
                ? message("audit.outcome.refused", names.locale, entry.httpStatus())
                : message("audit.outcome.done", names.locale);
        return new Line(
                entry.at(),
                sentence,
                entry.clientId().orElse("–"),
                context,
                entry.enquiryIds(),
                outcome,
                entry.errorCode(),
                refused,
                entry.isView());
    }

    // What a request without a domain action did: a known form by what it does, a page by its title.
    private String request(AuditEntry entry, String actor, Locale locale) {
        var action = entry.action();
        if (REQUESTS.containsKey(action)) {
            return message(REQUESTS.get(action), locale, actor);
        }
        if (PAGES.containsKey(action)) {
            return message("audit.viewed", locale, actor, message(PAGES.get(action), locale));
        }
        return message("audit.request", locale, actor, action);
    }

    private String message(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

    // The names of the people and participants a page of entries mentions, read once per page.
    private final class Names {

        private final Map<String, String> people;
        private final Map<Eic, Participant> parties;
        private final Locale locale;

        Names(Map<String, String> people, Map<Eic, Participant> parties, Locale locale) {
            this.people = people;
            this.parties = parties;
            this.locale = locale;
        }

        String actor(Optional<String> clientId) {
            if (clientId.isEmpty()) {
                return message("audit.nobody", locale);
            }
            var id = clientId.get();
            if (id.startsWith(PERSON)) {
                return Optional.ofNullable(people.get(id.substring(PERSON.length())))
                        .orElse(id.substring(PERSON.length()));
            }
            if (id.startsWith("push:")) {
                return message("audit.push", locale);
            }
            return id;
        }

        String party(String eic) {
            return Eic.isValid(eic)
                    ? Optional.ofNullable(parties.get(new Eic(eic)))
                            .map(Participant::name)
                            .orElse(eic)
                    : eic;
        }

        Object value(String key, String value) {
            if (value == null || value.isEmpty()) {
                return "–";
            }
            if (PARTIES.contains(key)) {
                return Arrays.stream(value.split(",")).map(this::party).collect(Collectors.joining(", "));
            }
            if (ENUMS.contains(key)) {
                return Arrays.stream(value.split(","))
                        .map(name -> message("enum." + name.toUpperCase(Locale.ROOT), locale))
                        .collect(Collectors.joining(", "));
            }
            if (key.equals("person")) {
                return Optional.ofNullable(people.get(value))
                        .map(name -> name + " (" + value + ")")
                        .orElse(value);
            }
            return value;
        }
    }
}
