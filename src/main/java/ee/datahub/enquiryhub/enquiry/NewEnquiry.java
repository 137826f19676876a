package ee.datahub.enquiryhub.enquiry;

import ee.datahub.enquiryhub.eic.Eic;
import java.util.Optional;

/** An enquiry as the supplier sends it ({@code directMessageRequest}). */
public record NewEnquiry(
        Eic meter,
        Eic customer,
        Topic topic,
        Optional<Reference> reference,
        RequestStatus status,
        Optional<String> comment,
        Optional<Eic> receiver) {}
