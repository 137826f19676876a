package ee.datahub.enquiryhub.api.shared;

import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.eic.InvalidEicException;
import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.HubException;
import ee.datahub.enquiryhub.participant.MeteringPointImport;
import ee.datahub.enquiryhub.participant.Permission;
import ee.datahub.enquiryhub.participant.RegisterRefusal;
import ee.datahub.enquiryhub.person.PersonRefusal;
import java.util.stream.Stream;

/**
 * Says the registers' refusals (participants, metering points and their import, technical users,
 * people) as {@link Refusals} says the enquiry process's: the spec's code, an English message for a
 * person, and {@code args} naming the field first. The admin API and the web interface share it.
 */
public final class RegisterRefusals {

    private RegisterRefusals() {}

    public static HubException of(RegisterRefusal refusal) {
        return switch (refusal) {
            case RegisterRefusal.UnknownGridOperator r -> unknownGridOperator("Grid operator " + r.eic(), r.eic());
            case RegisterRefusal.NotGridOperator r ->
                new HubException(
                        ErrorCode.UNKNOWN_PARTICIPANT,
                        r.eic() + " is not a grid operator or closed distribution network in " + r.commodity(),
                        "gridOperatorEic",
                        r.eic().value());
            case RegisterRefusal.MeteringPointRegistered r ->
                new HubException(
                        ErrorCode.ALREADY_REGISTERED,
                        "Metering point " + r.registered().eic() + " is already registered (grid operator "
                                + r.registered().gridOperator() + ", "
                                + r.registered().commodity() + ")",
                        "eic",
                        r.registered().eic().value(),
                        r.gridOperatorName()
                                .orElse(r.registered().gridOperator().value()),
                        r.registered().commodity().name());
            case RegisterRefusal.UnknownParticipant r ->
                new HubException(
                        ErrorCode.UNKNOWN_PARTICIPANT,
                        r.eic() + " is not a registered market participant",
                        "participantEic",
                        r.eic().value());
            case RegisterRefusal.ClientIdMalformed r ->
                new HubException(
                        ErrorCode.INVALID_VALUE,
                        "A client id is 3-100 characters of lower-case letters, digits, '.', '_' and '-'",
                        "clientId",
                        String.valueOf(r.clientId()));
            case RegisterRefusal.ClientIdTaken r ->
                new HubException(
                        ErrorCode.ALREADY_REGISTERED,
                        "Client id " + r.clientId() + " is taken",
                        "clientId",
                        r.clientId());
            case RegisterRefusal.SuffixRequired r ->
                new HubException(ErrorCode.REQUIRED_FIELD, "suffix is required", "suffix");
            case RegisterRefusal.PermissionsRequired r ->
                new HubException(
                        ErrorCode.REQUIRED_FIELD, "A technical user needs at least one permission", "permissions");
            case RegisterRefusal.HubOperatorNotGrantable r -> hubOperatorNotGrantable();
            case RegisterRefusal.TechnicalUserLimit r ->
                new HubException(
                        ErrorCode.TECHNICAL_USER_LIMIT,
                        r.participant() + " already has " + r.limit() + " technical users; revoke one first",
                        "clientId",
                        r.clientId(),
                        String.valueOf(r.limit()));
            case RegisterRefusal.ImportNotText r ->
                new HubException(ErrorCode.INVALID_VALUE, "the file is not UTF-8 text; save it as CSV UTF-8", "csv");
            case RegisterRefusal.ImportHeader r ->
                new HubException(
                        ErrorCode.INVALID_VALUE,
                        "the header must name the columns " + r.expected() + " (with ',' or ';' between them)",
                        "header",
                        r.expected());
            case RegisterRefusal.ImportEmpty r ->
                new HubException(
                        ErrorCode.INVALID_VALUE,
                        "the file is empty; it must start with the header " + r.expected(),
                        "header",
                        r.expected());
            case RegisterRefusal.ImportTooLong r ->
                new HubException(
                        ErrorCode.MAX_LENGTH,
                        "import at most " + r.max() + " metering points at once",
                        "rows",
                        String.valueOf(r.max()));
            case RegisterRefusal.ImportUnreadable r ->
                new HubException(ErrorCode.INVALID_VALUE, "the CSV cannot be read here (an unclosed quote?)", "csv");
            case RegisterRefusal.RowValues r ->
                new HubException(
                        ErrorCode.INVALID_VALUE,
                        "a row has " + r.header().split(",").length + " values: " + r.header() + ", not " + r.given(),
                        "row",
                        String.valueOf(r.given()));
            case RegisterRefusal.RowEic r -> rowEic(r.column(), r.problem());
            case RegisterRefusal.RowCommodity r ->
                new HubException(
                        ErrorCode.INVALID_ENUM,
                        "commodity must be ELECTRICITY or NATURAL_GAS",
                        "commodity",
                        r.given(),
                        "ELECTRICITY or NATURAL_GAS");
            case RegisterRefusal.RowRepeated r ->
                new HubException(
                        ErrorCode.INVALID_VALUE,
                        r.meter() + " is already on line " + r.earlierLine(),
                        "meterEic",
                        r.meter().value(),
                        "line " + r.earlierLine());
        };
    }

    /** A bad row of an import: its message and args start with its line. */
    public static HubException of(MeteringPointImport.RowError row) {
        var error = row.problem() instanceof RegisterRefusal.UnknownGridOperator r
                ? unknownGridOperator(r.eic().value(), r.eic())
                : of(row.problem());
        var line = "line " + row.line();
        return new HubException(
                error.error(),
                line + ": " + error.getMessage(),
                Stream.concat(Stream.of(line), error.args().stream()).toArray(String[]::new));
    }

    public static HubException of(PersonRefusal refusal) {
        return switch (refusal) {
            case PersonRefusal.SubjectRequired r ->
                new HubException(
                        ErrorCode.REQUIRED_FIELD,
                        "The person's subject (the id its login provider gives it) is required",
                        "subject");
            case PersonRefusal.SubjectTooLong r ->
                new HubException(
                        ErrorCode.MAX_LENGTH,
                        "A subject is at most " + r.max() + " characters",
                        "subject",
                        String.valueOf(r.max()));
            case PersonRefusal.SubjectMalformed r ->
                new HubException(ErrorCode.INVALID_VALUE, "A subject holds no spaces or control characters", "subject");
            case PersonRefusal.NameRequired r ->
                new HubException(ErrorCode.REQUIRED_FIELD, "The person's name is required", "name");
            case PersonRefusal.NameTooLong r ->
                new HubException(
                        ErrorCode.MAX_LENGTH,
                        "A name is at most " + r.max() + " characters",
                        "name",
                        String.valueOf(r.max()));
            case PersonRefusal.NameMalformed r ->
                new HubException(ErrorCode.INVALID_VALUE, "A name holds no control characters", "name");
            case PersonRefusal.UnknownParticipant r ->
                new HubException(
                        ErrorCode.UNKNOWN_PARTICIPANT,
                        r.participant() + " is not a registered market participant",
                        "participant",
                        r.participant().value());
            case PersonRefusal.RoleNotHeld r ->
                new HubException(
                        ErrorCode.INVALID_VALUE,
                        r.participant() + " does not hold the market role " + r.role(),
                        "role",
                        r.role().name());
            case PersonRefusal.CommodityNotHeld r ->
                new HubException(
                        ErrorCode.INVALID_VALUE,
                        r.participant() + " is not registered for " + r.commodity(),
                        "commodity",
                        r.commodity().name());
            case PersonRefusal.PermissionsRequired r ->
                new HubException(ErrorCode.REQUIRED_FIELD, "Choose at least one permission", "permissions");
            case PersonRefusal.HubOperatorNotGrantable r -> hubOperatorNotGrantable();
        };
    }

    private static HubException unknownGridOperator(String named, Eic eic) {
        return new HubException(
                ErrorCode.UNKNOWN_PARTICIPANT,
                named + " is not a registered market participant",
                "gridOperatorEic",
                eic.value());
    }

    private static HubException hubOperatorNotGrantable() {
        return new HubException(
                ErrorCode.INVALID_VALUE,
                "HUB_OPERATOR is not a participant's permission",
                "permissions",
                Permission.HUB_OPERATOR.name());
    }

    private static HubException rowEic(String column, InvalidEicException e) {
        return e.problem() == InvalidEicException.Problem.CHECK_CHARACTER
                ? new HubException(
                        ErrorCode.INVALID_EIC_CHECK_CHARACTER,
                        column + " " + e.text() + " has a wrong check character (expected " + e.expected() + ")",
                        e.text(),
                        e.expected())
                : new HubException(
                        ErrorCode.INVALID_EIC_FORMAT,
                        column + " " + e.text() + " is not an EIC of the right type",
                        e.text());
    }
}
