package ee.datahub.enquiryhub.participant;

import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.eic.InvalidEicException;
import java.util.Optional;

/**
 * Why the registers refuse a participant's metering point, technical user or a row of an import, in
 * the domain's own terms. Each door maps a refusal to its status, code, field name and language.
 */
public sealed interface RegisterRefusal {

    /** The grid operator named for a metering point is not a registered participant. */
    record UnknownGridOperator(Eic eic) implements RegisterRefusal {}

    /** The grid operator is registered, but not as one that receives enquiries in the commodity. */
    record NotGridOperator(Eic eic, Commodity commodity) implements RegisterRefusal {}

    /** The metering point is registered already (to {@code registered}'s grid operator, named if known). */
    record MeteringPointRegistered(MeteringPoint registered, Optional<String> gridOperatorName)
            implements RegisterRefusal {}

    /** The participant a technical user would belong to is not registered. */
    record UnknownParticipant(Eic eic) implements RegisterRefusal {}

    /** A client id that is not 3-100 characters of lower-case letters, digits, '.', '_' and '-'. */
    record ClientIdMalformed(String clientId) implements RegisterRefusal {}

    /** Another technical user has this client id. */
    record ClientIdTaken(String clientId) implements RegisterRefusal {}

    /** A participant's technical user needs the suffix of its client id. */
    record SuffixRequired() implements RegisterRefusal {}

    /** A technical user needs at least one permission. */
    record PermissionsRequired() implements RegisterRefusal {}

    /** HUB_OPERATOR is the hub operator's own, never a participant's. */
    record HubOperatorNotGrantable() implements RegisterRefusal {}

    /** The participant has {@code limit} active technical users already. */
    record TechnicalUserLimit(Eic participant, String clientId, int limit) implements RegisterRefusal {}

    /** An import that is not UTF-8 text. */
    record ImportNotText() implements RegisterRefusal {}

    /** An import whose header does not name the columns {@code expected}. */
    record ImportHeader(String expected) implements RegisterRefusal {}

    /** An import with no header, nor anything else. */
    record ImportEmpty(String expected) implements RegisterRefusal {}

    /** An import of more than {@code max} rows. */
    record ImportTooLong(int max) implements RegisterRefusal {}

    /** An import the CSV reader cannot read on (an unclosed quote). */
    record ImportUnreadable() implements RegisterRefusal {}

    /** A row with another number of values than the header's {@code header}. */
    record RowValues(String header, int given) implements RegisterRefusal {}

    /** A row's EIC in {@code column} that is not one of the column's type. */
    record RowEic(String column, InvalidEicException problem) implements RegisterRefusal {}

    /** A row's commodity that is none of {@link Commodity}. */
    record RowCommodity(String given) implements RegisterRefusal {}

    /** A row with a metering point an earlier row already has. */
    record RowRepeated(Eic meter, long earlierLine) implements RegisterRefusal {}
}
