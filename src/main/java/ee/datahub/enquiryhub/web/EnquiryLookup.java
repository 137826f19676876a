package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.access.Caller;
import ee.datahub.enquiryhub.api.json.JsonObject;
import ee.datahub.enquiryhub.audit.AuditTrail;
import ee.datahub.enquiryhub.enquiry.AnswerId;
import ee.datahub.enquiryhub.enquiry.AnswerView;
import ee.datahub.enquiryhub.enquiry.Enquiries;
import ee.datahub.enquiryhub.enquiry.EnquiryId;
import ee.datahub.enquiryhub.enquiry.EnquiryView;
import ee.datahub.enquiryhub.enquiry.Refusal;
import ee.datahub.enquiryhub.enquiry.Refused;
import ee.datahub.enquiryhub.enquiry.Writers;
import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.HubException;
import ee.datahub.enquiryhub.feed.ChangeFeed;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The enquiry a page is about, as its address names it: visible to the caller's side or "not found"
 * (404, like one that does not exist), and named with its answers in the request's audit entry, since
 * the page shows them.
 */
@Component
class EnquiryLookup {

    private final Enquiries enquiries;
    private final ChangeFeed feed;
    private final Writers writers;

    EnquiryLookup(Enquiries enquiries, ChangeFeed feed, Writers writers) {
        this.enquiries = enquiries;
        this.feed = feed;
        this.writers = writers;
    }

    /** The change history of an enquiry the caller sees (read from {@link #visible}), with its writers. */
    EnquiryHistory history(EnquiryView enquiry) {
        return EnquiryHistory.of(feed.history(enquiry.id()), writers.of(enquiry.id()));
    }

    EnquiryView visible(Caller caller, String id, HttpServletRequest request) {
        var enquiryId = enquiryId(id);
        var trail = AuditTrail.of(request).enquiries(List.of(enquiryId.value()));
        var enquiry = enquiries
                .read(caller, enquiryId)
                .orElseThrow(() -> new Refused(new Refusal.EnquiryNotFound(enquiryId)));
        trail.answers(
                enquiry.answers().stream().map(answer -> answer.id().value()).toList());
        return enquiry;
    }

    /** {@link #visible}, and still open: a closed or cancelled one takes no more writes (422 page). */
    EnquiryView open(Caller caller, String id, HttpServletRequest request) {
        var enquiry = visible(caller, id, request);
        if (enquiry.status().isFinal()) {
            throw new Refused(new Refusal.ProcessTerminated(enquiry.id(), enquiry.status()));
        }
        return enquiry;
    }

    /** The caller's own answer in the enquiry; another's, or none, is "not found". */
    static AnswerView ownAnswer(Caller caller, EnquiryView enquiry, String id) {
        var answerId = answerId(id);
        return enquiry.answer(answerId)
                .filter(answer -> answer.author().equals(caller.eic()))
                .orElseThrow(() -> new Refused(new Refusal.AnswerNotFound(answerId)));
    }

    /** An enquiry id from an address; anything else names no enquiry (404). */
    static EnquiryId enquiryId(String text) {
        try {
            return new EnquiryId(JsonObject.parseUuid(text, "enquiry"));
        } catch (HubException notAnId) {
            throw new HubException(ErrorCode.DIRECT_MESSAGE_NOT_FOUND, "No enquiry " + text, "enquiry", text);
        }
    }

    static AnswerId answerId(String text) {
        try {
            return new AnswerId(JsonObject.parseUuid(text, "answer"));
        } catch (HubException notAnId) {
            throw new HubException(ErrorCode.DIRECT_MESSAGE_RESPONSE_NOT_FOUND, "No answer " + text, "answer", text);
        }
    }
}
