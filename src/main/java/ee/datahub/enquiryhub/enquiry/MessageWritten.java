package ee.datahub.enquiryhub.enquiry;

import ee.datahub.enquiryhub.access.Side;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.participant.Commodity;

/**
 * Published inside the writing transaction after every write that changed a message: the message as
 * of that write, the side that wrote it and the participant on the other side who is to hear of it.
 */
public record MessageWritten(MessageView message, ChangeReason reason, Side author, Eic audience, Commodity commodity) {}
