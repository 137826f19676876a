package ee.datahub.enquiryhub.enquiry;

import ee.datahub.enquiryhub.eic.Eic;
import java.util.Optional;

/** A supplier's change of its enquiry ({@code directMessageRequestChange}); an absent field keeps its value. */
public record EnquiryChange(
        Optional<Eic> meter,
        Optional<Eic> customer,
        Optional<Topic> topic,
        Optional<Reference> reference,
        Optional<RequestStatus> status,
        Optional<Comment> comment,
        Optional<Eic> receiver) {

    public boolean isEmpty() {
        return meter.isEmpty()
                && customer.isEmpty()
                && topic.isEmpty()
                && reference.isEmpty()
                && status.isEmpty()
                && comment.isEmpty()
                && receiver.isEmpty();
    }
}
