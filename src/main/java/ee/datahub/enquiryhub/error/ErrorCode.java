package ee.datahub.enquiryhub.error;

/** Every error the hub answers with: its HTTP status and its stable code. */
public enum ErrorCode {
    MALFORMED_JSON(400, "opp.error.validation.malformed-json"),
    MISSING_HEADER(400, "opp.error.validation.missing-header"),
    REQUIRED_FIELD(400, "opp.error.validation.required-field"),
    INVALID_ENUM(400, "opp.error.validation.invalid-enum"),
    INVALID_EIC_FORMAT(400, "opp.error.validation.invalid-eic-format"),
    INVALID_EIC_CHECK_CHARACTER(400, "opp.error.validation.invalid-eic-check-character"),
    MAX_LENGTH(400, "opp.error.validation.max-length"),
    INVALID_UUID(400, "opp.error.validation.invalid-uuid"),
    INVALID_DATE_TIME(400, "opp.error.validation.invalid-date-time"),
    PAGE_SIZE_TOO_LARGE(400, "opp.error.validation.page-size-too-large"),
    UNKNOWN_FIELD(400, "opp.error.validation.unknown-field"),
    INVALID_VALUE(400, "opp.error.validation.invalid-value"),
    /** A request path the hub will not interpret: encoded slashes or NULs, backslashes, {@code ..}, {@code ;}, {@code //}. */
    INVALID_PATH(400, "opp.error.validation.invalid-path"),
    /** A request the HTTP server could not parse at all (request line, header syntax). */
    MALFORMED_REQUEST(400, "opp.error.technical.malformed-request"),

    AUTHENTICATION(401, "opp.error.technical.authentication"),
    JWT_FORMAT(401, "opp.error.technical.jwt-format"),
    JWT_PROCESSING(401, "opp.error.technical.jwt-processing"),

    UNPROCESSABLE_MARKET_PARTICIPANT_CONTEXT(403, "opp.error.technical.unprocessable-market-participant-context"),
    INCORRECT_MARKET_PARTICIPANT_ROLE(403, "opp.error.business.direct-message-incorrect-market-participant-role"),
    COMMODITY_TYPE_MISMATCH(403, "opp.error.business.commodity-type-mismatch-error"),
    INSUFFICIENT_PERMISSION(403, "opp.error.business.insufficient-permission"),

    DIRECT_MESSAGE_NOT_FOUND(404, "opp.error.business.direct-message-not-found"),
    DIRECT_MESSAGE_RESPONSE_NOT_FOUND(404, "opp.error.business.direct-message-response-not-found"),
    RESOURCE_NOT_FOUND(404, "opp.error.technical.resource-not-found"),
    METHOD_NOT_ALLOWED(405, "opp.error.technical.method-not-allowed"),

    DOCUMENT_IDENTIFICATION_CONFLICT(409, "opp.error.business.document-identification-conflict"),
    ALREADY_REGISTERED(409, "opp.error.business.already-registered"),

    VERSION_CONFLICT(412, "opp.error.business.version-conflict"),

    PAYLOAD_TOO_LARGE(413, "opp.error.technical.payload-too-large"),
    UNSUPPORTED_MEDIA_TYPE(415, "opp.error.technical.unsupported-media-type"),
    RATE_LIMIT_EXCEEDED(429, "opp.error.technical.rate-limit-exceeded"),
    REQUEST_HEADER_TOO_LARGE(431, "opp.error.technical.request-header-too-large"),

    PROCESS_TERMINATED(422, "opp.error.business.direct-message-process-terminated"),
    INVALID_STATUS_TRANSITION(422, "opp.error.business.direct-message-invalid-status-transition"),
    RECEIVER_CANNOT_BE_RESOLVED(422, "opp.error.business.direct-message-receiver-cannot-be-resolved"),
    REFERENCE_REQUIRED(422, "opp.error.business.direct-message-reference-required"),
    METER_CHANGE_AFTER_RESPONSE(422, "opp.error.business.direct-message-meter-change-after-response"),
    CHANGE_PERIOD_BEYOND_RETENTION(422, "opp.error.business.change-period-beyond-retention"),
    TECHNICAL_USER_LIMIT(422, "opp.error.business.technical-user-limit-reached"),
    UNKNOWN_PARTICIPANT(422, "opp.error.business.unknown-market-participant"),
    LAST_ADMIN(422, "opp.error.business.last-admin"),

    UNEXPECTED(500, "opp.error.technical.unexpected"),
    SERVICE_UNAVAILABLE(503, "opp.error.technical.service-unavailable");

    private final int status;
    private final String code;

    ErrorCode(int status, String code) {
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
