package ee.datahub.enquiryhub.enquiry;

import java.util.Optional;

/** The receiver's answer ({@code directMessageResponse}): OPEN is interim, CLOSE final. */
public record NewAnswer(RequestStatus status, Optional<Comment> comment) {}
