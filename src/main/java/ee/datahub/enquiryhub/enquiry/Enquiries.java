package ee.datahub.enquiryhub.enquiry;

import ee.datahub.enquiryhub.access.Caller;
import ee.datahub.enquiryhub.access.Side;
import ee.datahub.enquiryhub.audit.AuditEvent;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.ParticipantRegister;
import ee.datahub.enquiryhub.platform.HubTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The enquiry process: suppliers send, change, cancel and close enquiries; receivers answer them. The
 * caller is authorised for the action already; visibility (another's enquiry is "not found") is decided
 * here. Writes to one enquiry are serialised by its row lock and may name the version they expect; each
 * write that alters the thread moves the version by one and publishes one {@link MessageWritten} in its
 * transaction (the change feed records it there). Refusals are thrown as {@link Refused}.
 */
@Service
public class Enquiries {

    private final EnquiryRepository repository;
    private final EnquirySearch searches;
    private final EnquiryLists lists;
    private final ParticipantRegister participants;
    private final ApplicationEventPublisher events;
    private final AnswerDeadlines deadlines;
    private final Clock clock;

    Enquiries(
            EnquiryRepository repository,
            EnquirySearch searches,
            EnquiryLists lists,
            ParticipantRegister participants,
            ApplicationEventPublisher events,
            AnswerDeadlines deadlines,
            Clock clock) {
        this.deadlines = deadlines;
        this.repository = repository;
        this.searches = searches;
        this.lists = lists;
        this.participants = participants;
        this.events = events;
        this.clock = clock;
    }

    /** An answer just written, and its enquiry's thread after the write. */
    public record Answered(AnswerId answer, EnquiryView enquiry) {}

    /** Sends enquiries, all or none; returns them as stored, in input order. */
    @Transactional
    public List<EnquiryView> send(Caller supplier, List<NewEnquiry> requests) {
        var now = HubTime.now(clock);
        var sent = new ArrayList<EnquiryView>(requests.size());
        var receivers = new TreeSet<String>();
        for (int i = 0; i < requests.size(); i++) {
            try {
                sent.add(sendOne(supplier, requests.get(i), now, receivers));
            } catch (Refused refused) {
                throw requests.size() == 1 ? refused : refused.at(i);
            }
        }
        AuditEvent.of("ENQUIRY_SENT", "count", sent.size(), "receiver", String.join(",", receivers))
                .record();
        return sent;
    }

    private EnquiryView sendOne(Caller supplier, NewEnquiry request, java.time.Instant now, Set<String> receivers) {
        Enquiry.requireOpenOnCreate(request.status());
        var receiver = receiverOf(request.meter(), request.receiver(), supplier.commodity());
        receivers.add(receiver.value());
        var enquiry = Enquiry.open(
                EnquiryId.random(),
                supplier.commodity(),
                supplier.eic(),
                receiver,
                request.receiver().isPresent(),
                request,
                now,
                deadlines.dueFor(now));
        repository.insert(enquiry);
        var view = enquiry.view(List.of());
        events.publishEvent(new MessageWritten(
                view,
                Optional.empty(),
                ChangeReason.CREATE,
                Side.SENDER,
                receiver,
                supplier.commodity(),
                supplier.actor()));
        return view;
    }

    /** Changes, cancels or closes the supplier's own open enquiry; returns its thread after the change. */
    @Transactional
    public EnquiryView change(Caller supplier, EnquiryId id, EnquiryChange change, Optional<Long> expectedVersion) {
        var enquiry = repository.lockVisible(supplier, id).orElseThrow(() -> enquiryNotFound(id));
        enquiry.requireVersion(expectedVersion);
        long loadedVersion = enquiry.version;
        boolean changed = enquiry.change(
                change,
                meter -> resolveReceiver(meter, supplier.commodity()),
                given -> checkReceiver(given, supplier.commodity()),
                HubTime.now(clock));
        var view = enquiry.view(repository.answersOf(id));
        if (changed) {
            repository.update(enquiry, loadedVersion);
            events.publishEvent(new MessageWritten(
                    view,
                    Optional.empty(),
                    ChangeReason.UPDATE,
                    Side.SENDER,
                    enquiry.receiver,
                    enquiry.commodity,
                    supplier.actor()));
            var event = change.status()
                    .map(status -> switch (status) {
                        case CANCEL -> "ENQUIRY_CANCELLED";
                        case CLOSE -> "ENQUIRY_CLOSED";
                        case OPEN -> "ENQUIRY_CHANGED";
                    })
                    .orElse("ENQUIRY_CHANGED");
            AuditEvent.of(event, "receiver", enquiry.receiver.value()).record();
        }
        return view;
    }

    /** Answers an open enquiry received by the caller; a final answer closes it. */
    @Transactional
    public Answered answer(Caller receiver, EnquiryId id, NewAnswer request, Optional<Long> expectedVersion) {
        var enquiry = repository.lockVisible(receiver, id).orElseThrow(() -> enquiryNotFound(id));
        enquiry.requireVersion(expectedVersion);
        long loadedVersion = enquiry.version;
        var answer = enquiry.answer(AnswerId.random(), receiver.eic(), request, HubTime.now(clock));
        repository.update(enquiry, loadedVersion);
        repository.insert(answer, enquiry);
        var view = enquiry.view(repository.answersOf(id));
        events.publishEvent(new MessageWritten(
                view,
                Optional.of(answer.id),
                ChangeReason.CREATE,
                Side.RECEIVER,
                enquiry.sender,
                enquiry.commodity,
                receiver.actor()));
        AuditEvent.of(
                        request.status().isFinal() ? "ENQUIRY_ANSWERED_FINALLY" : "ENQUIRY_ANSWERED",
                        "sender",
                        enquiry.sender.value())
                .record();
        return new Answered(answer.id, view);
    }

    /**
     * Changes the caller's own answer while its enquiry is open; {@code enquiryId}, when the caller
     * names it, must be the answer's enquiry. Returns the enquiry's thread after the change.
     */
    @Transactional
    public EnquiryView changeAnswer(
            Caller receiver,
            AnswerId answerId,
            Optional<EnquiryId> enquiryId,
            AnswerChange change,
            Optional<Long> expectedVersion) {
        var id = repository
                .enquiryOfAnswer(answerId, receiver.eic())
                .filter(found -> enquiryId.isEmpty() || enquiryId.get().equals(found))
                .orElseThrow(() -> answerNotFound(answerId));
        var enquiry = repository.lockVisible(receiver, id).orElseThrow(() -> answerNotFound(answerId));
        enquiry.requireVersion(expectedVersion);
        var answer = repository.answer(answerId).orElseThrow(() -> answerNotFound(answerId));
        long enquiryVersion = enquiry.version;
        long answerVersion = answer.version;
        boolean changed = enquiry.changeAnswer(answer, change, HubTime.now(clock));
        if (changed) {
            repository.update(enquiry, enquiryVersion);
            repository.update(answer, answerVersion);
        }
        var view = enquiry.view(repository.answersOf(id));
        if (changed) {
            events.publishEvent(new MessageWritten(
                    view,
                    Optional.of(answerId),
                    ChangeReason.UPDATE,
                    Side.RECEIVER,
                    enquiry.sender,
                    enquiry.commodity,
                    receiver.actor()));
            AuditEvent.of("ANSWER_CHANGED", "sender", enquiry.sender.value()).record();
        }
        return view;
    }

    /** The enquiry with its thread, if the caller's side sees it. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Optional<EnquiryView> read(Caller caller, EnquiryId id) {
        return repository.findVisible(caller, id).map(enquiry -> enquiry.view(repository.answersOf(id)));
    }

    /** Lists the enquiries the caller's side sees in its commodity, with their threads (v2's list, the web's inbox). */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Page<EnquiryView> list(Caller caller, ListCriteria criteria, PageRequest page) {
        return lists.list(caller, criteria, page);
    }

    /** How many enquiries a view holds: counted ({@code exact}) or, beyond 1 000, the planner's estimate. */
    public record Count(long value, boolean exact) {}

    /** How many enquiries each quick view of the caller's side holds (the list's filters aside). */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Map<ListView, Count> counts(Caller caller) {
        var counts = new EnumMap<ListView, Count>(ListView.class);
        lists.counts(caller).forEach((view, total) -> counts.put(view, new Count(total.value(), total.exact())));
        return counts;
    }

    /**
     * The open enquiries of the caller's side in its commodity due by {@code until} (the overdue ones
     * included), soonest first, at most {@code limit}: what a daily digest tells of.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public List<EnquiryView> dueBy(Caller caller, java.time.Instant until, int limit) {
        return lists.dueBy(caller, until, limit);
    }

    /** Searches the messages the caller's side sees in its commodity (v1's search). */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Page<MessageView> search(Caller caller, SearchCriteria criteria, PageRequest page) {
        return searches.search(caller, criteria, page);
    }

    /** A new enquiry that every rule of sending accepts, and the receiver it would go to. */
    public record Checked(NewEnquiry enquiry, Eic receiver) {}

    /**
     * Checks a draft by every rule sending applies (its fields, the status, the topic's reference, the
     * receiver: the given one, or the metering point's grid operator), as a supplier is shown before
     * sending; refused with every problem found at once.
     */
    @Transactional(readOnly = true)
    public Checked check(Caller supplier, EnquiryDraft draft) {
        return draft.check((meter, given) -> receiverOf(meter, given, supplier.commodity()));
    }

    // The receiver given, if it may receive in the commodity, else the metering point's grid operator.
    private Eic receiverOf(Eic meter, Optional<Eic> given, Commodity commodity) {
        return given.isPresent() ? checkReceiver(given.get(), commodity) : resolveReceiver(meter, commodity);
    }

    private Eic resolveReceiver(Eic meter, Commodity commodity) {
        return participants
                .gridOperatorOf(meter, commodity)
                .orElseThrow(() -> new Refused(new Refusal.ReceiverUnresolvable(Field.METER, meter, commodity)));
    }

    private Eic checkReceiver(Eic given, Commodity commodity) {
        var ok = participants
                .find(given)
                .filter(p -> p.receivesEnquiriesIn(commodity))
                .isPresent();
        if (!ok) {
            throw new Refused(new Refusal.ReceiverUnresolvable(Field.RECEIVER, given, commodity));
        }
        return given;
    }

    private static Refused enquiryNotFound(EnquiryId id) {
        return new Refused(new Refusal.EnquiryNotFound(id));
    }

    private static Refused answerNotFound(AnswerId id) {
        return new Refused(new Refusal.AnswerNotFound(id));
    }
}
