package ee.datahub.enquiryhub.enquiry;

import ee.datahub.enquiryhub.eic.Eic;
import java.util.Optional;

/**
 * Search filters ({@code directMessageAttributes}), all optional and ANDed. Ids, EICs, topic,
 * reference and status match exactly; the comments match by case-insensitive substring.
 */
public record SearchCriteria(
        Optional<EnquiryId> requestId,
        Optional<AnswerId> responseId,
        Optional<Eic> sender,
        Optional<Eic> receiver,
        Optional<Eic> meter,
        Optional<Eic> customer,
        Optional<Topic> topic,
        Optional<ReferenceType> referenceType,
        Optional<String> referenceValue,
        Optional<RequestStatus> requestStatus,
        Optional<String> requestComment,
        Optional<String> responseComment) {

    public static SearchCriteria none() {
        return new SearchCriteria(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    boolean onlyAnswers() {
        return responseId.isPresent() || responseComment.isPresent();
    }
}
