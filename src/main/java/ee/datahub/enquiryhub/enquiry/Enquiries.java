package ee.datahub.enquiryhub.enquiry;

import ee.datahub.enquiryhub.access.Caller;
import ee.datahub.enquiryhub.access.Side;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.HubException;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.ParticipantRegister;
import ee.datahub.enquiryhub.platform.HubTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntFunction;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The enquiry process: suppliers send, change, cancel and close enquiries; receivers answer them.
 * Writes to one enquiry are serialised by its row lock. Every write that alters a message publishes
 * one {@link MessageWritten} inside its transaction (the change feed records it there).
 *
 * <p>The caller has been authorised for the action by its role and permissions; visibility (an
 * enquiry of another participant is "not found") is decided here.
 */
@Service
public class Enquiries {

    private final EnquiryRepository repository;
    private final EnquirySearch searches;
    private final ParticipantRegister participants;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Enquiries(EnquiryRepository repository, EnquirySearch searches, ParticipantRegister participants,
            ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.searches = searches;
        this.participants = participants;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Sends enquiries, all or none; returns their ids in input order. {@code where} names the i-th
     * enquiry as the caller's message does (e.g. {@code directMessageRequest[3]}), for the errors.
     */
    @Transactional
    public List<UUID> send(Caller supplier, List<NewEnquiry> requests, IntFunction<String> where) {
        var now = HubTime.now(clock);
        var ids = new ArrayList<UUID>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            var request = requests.get(i);
            var path = where.apply(i);
            Enquiry.requireOpenOnCreate(request, path);
            var receiver = request.receiver().isPresent()
                    ? checkReceiver(request.receiver().get(), supplier.commodity(), path + ".receiverEic")
                    : resolveReceiver(request.meter(), supplier.commodity(), path + ".meterEic");
            var enquiry = Enquiry.open(UUID.randomUUID(), supplier.commodity(), supplier.eic(), receiver,
                    request.receiver().isPresent(), request, now, path);
            repository.insert(enquiry);
            events.publishEvent(new MessageWritten(enquiry.view(), ChangeReason.CREATE, Side.SENDER, receiver,
                    supplier.commodity()));
            ids.add(enquiry.id);
        }
        return ids;
    }

    /** Changes, cancels or closes the supplier's own open enquiry. */
    @Transactional
    public void change(Caller supplier, UUID requestId, EnquiryChange change) {
        var enquiry = repository.lockVisible(supplier, requestId).orElseThrow(() -> enquiryNotFound(requestId));
        int loadedVersion = enquiry.version;
        boolean changed = enquiry.change(change,
                meter -> resolveReceiver(meter, supplier.commodity(), "directMessageRequestChange.meterEic"),
                given -> checkReceiver(given, supplier.commodity(), "directMessageRequestChange.receiverEic"),
                HubTime.now(clock));
        if (changed) {
            repository.update(enquiry, loadedVersion);
            events.publishEvent(new MessageWritten(enquiry.view(), ChangeReason.UPDATE, Side.SENDER, enquiry.receiver,
                    enquiry.commodity));
        }
    }

    /** Answers an open enquiry received by the caller; a final answer closes it. Returns the answer's id. */
    @Transactional
    public UUID answer(Caller receiver, UUID requestId, NewAnswer request) {
        var enquiry = repository.lockVisible(receiver, requestId).orElseThrow(() -> enquiryNotFound(requestId));
        int loadedVersion = enquiry.version;
        var now = HubTime.now(clock);
        enquiry.answeredWith(request.status(), now);
        repository.update(enquiry, loadedVersion);
        var answer = new Answer(UUID.randomUUID(), enquiry.id, receiver.eic(), request.status(), request.comment(), 1, now, now);
        repository.insert(answer);
        events.publishEvent(new MessageWritten(enquiry.viewWith(answer), ChangeReason.CREATE, Side.RECEIVER,
                enquiry.sender, enquiry.commodity));
        return answer.id;
    }

    /**
     * Changes the caller's own answer while its enquiry is open; {@code requestId}, when the path
     * names it, must be the answer's enquiry.
     */
    @Transactional
    public void changeAnswer(Caller receiver, UUID answerId, Optional<UUID> requestId, AnswerChange change) {
        var enquiryId = repository.enquiryOfAnswer(answerId, receiver.eic())
                .filter(id -> requestId.isEmpty() || requestId.get().equals(id))
                .orElseThrow(() -> answerNotFound(answerId));
        var enquiry = repository.lockVisible(receiver, enquiryId).orElseThrow(() -> answerNotFound(answerId));
        enquiry.requireOpen();
        var answer = repository.answer(answerId).orElseThrow(() -> answerNotFound(answerId));
        int enquiryVersion = enquiry.version;
        int answerVersion = answer.version;
        var now = HubTime.now(clock);
        if (!answer.change(change, now)) {
            return;
        }
        if (enquiry.answeredWith(answer.status, now)) {
            repository.update(enquiry, enquiryVersion);
        }
        repository.update(answer, answerVersion);
        events.publishEvent(new MessageWritten(enquiry.viewWith(answer), ChangeReason.UPDATE, Side.RECEIVER,
                enquiry.sender, enquiry.commodity));
    }

    /** Searches the messages the caller's side sees in its commodity. */
    @Transactional(readOnly = true, isolation = org.springframework.transaction.annotation.Isolation.REPEATABLE_READ)
    public Page<MessageView> search(Caller caller, SearchCriteria criteria, PageRequest page) {
        return searches.search(caller, criteria, page);
    }

    private Eic resolveReceiver(Eic meter, Commodity commodity, String path) {
        return participants.gridOperatorOf(meter, commodity).orElseThrow(() -> new HubException(
                ErrorCode.RECEIVER_CANNOT_BE_RESOLVED,
                "No grid operator is registered for metering point " + meter + " in " + commodity
                        + "; give receiverEic or check meterEic",
                path, meter.value()));
    }

    private Eic checkReceiver(Eic given, Commodity commodity, String path) {
        var ok = participants.find(given).filter(p -> p.receivesEnquiriesIn(commodity)).isPresent();
        if (!ok) {
            throw new HubException(ErrorCode.RECEIVER_CANNOT_BE_RESOLVED,
                    given + " is not a registered grid operator or closed distribution network in " + commodity, path,
                    given.value());
        }
        return given;
    }

    private static HubException enquiryNotFound(UUID id) {
        return new HubException(ErrorCode.DIRECT_MESSAGE_NOT_FOUND, "Enquiry " + id + " was not found", "messageRequestId",
                id.toString());
    }

    private static HubException answerNotFound(UUID id) {
        return new HubException(ErrorCode.DIRECT_MESSAGE_RESPONSE_NOT_FOUND, "Answer " + id + " was not found",
                "messageResponseId", id.toString());
    }
}
