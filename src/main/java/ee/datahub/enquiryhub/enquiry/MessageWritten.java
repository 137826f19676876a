package ee.datahub.enquiryhub.enquiry;

import ee.datahub.enquiryhub.access.Actor;
import ee.datahub.enquiryhub.access.Side;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.participant.Commodity;
import java.util.Optional;

/**
 * Published inside the writing transaction after every write that changed a message: the enquiry's
 * thread as of that write, the answer written (if the write was an answer or its change), the side
 * that wrote it, who wrote it, and the participant on the other side who is to hear of it.
 */
public record MessageWritten(
        EnquiryView enquiry,
        Optional<AnswerId> answer,
        ChangeReason reason,
        Side author,
        Eic audience,
        Commodity commodity,
        Actor writer) {}
