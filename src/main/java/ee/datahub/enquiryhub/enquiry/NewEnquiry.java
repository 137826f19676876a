package ee.datahub.enquiryhub.enquiry;

import ee.datahub.enquiryhub.eic.Eic;
import java.util.Optional;

/** An enquiry as the supplier sends it ({@code directMessageRequest}); read from a door by {@link EnquiryDraft}. */
public record NewEnquiry(
        Eic meter,
        Eic customer,
        Topic topic,
        Optional<Reference> reference,
        RequestStatus status,
        Optional<Comment> comment,
        Optional<Eic> receiver) {}
