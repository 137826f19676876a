package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.access.Action;
import ee.datahub.enquiryhub.access.Side;
import ee.datahub.enquiryhub.enquiry.ReadMarks;
import ee.datahub.enquiryhub.enquiry.RequestStatus;
import ee.datahub.enquiryhub.feed.ChangeFeed;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * An enquiry: its fields and due time, the thread of answers, and its change history (from the change
 * feed: every write by either side, within the feed's retention). Opening it marks it read for the
 * participant at its current version. The write actions are offered only where the person may take
 * them (its permissions, its side, an open enquiry); the write pages refuse them anyway.
 */
@Controller
class EnquiryPage {

    private final EnquiryLookup lookup;
    private final ReadMarks readMarks;
    private final ChangeFeed feed;

    EnquiryPage(EnquiryLookup lookup, ReadMarks readMarks, ChangeFeed feed) {
        this.lookup = lookup;
        this.readMarks = readMarks;
        this.feed = feed;
    }

    @GetMapping("/web/enquiries/{id}")
    String enquiry(Visitor visitor, @PathVariable String id, Model model, HttpServletRequest request) {
        var caller = visitor.caller(Action.READ);
        var enquiry = lookup.visible(caller, id, request);
        readMarks.opened(caller, enquiry);
        boolean open = enquiry.status() == RequestStatus.OPEN;
        boolean sender = caller.side() == Side.SENDER;
        model.addAttribute("enquiry", enquiry);
        model.addAttribute("sender", sender);
        model.addAttribute("me", caller.eic());
        model.addAttribute("history", EnquiryHistory.of(feed.history(enquiry.id())));
        model.addAttribute("mayChange", open && sender && visitor.may(Action.CHANGE_ENQUIRY));
        model.addAttribute("mayAnswer", open && !sender && visitor.may(Action.ANSWER));
        model.addAttribute("mayChangeAnswers", open && !sender && visitor.may(Action.CHANGE_ANSWER));
        return "web/enquiries/enquiry";
    }
}
