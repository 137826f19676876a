package ee.datahub.enquiryhub.support;

/**
 * The error codes of spec §4.1 as they travel on the wire. Written out here rather than taken from the
 * hub's own enum, so that a test fails when a code changes.
 */
public final class ErrorCodes {

    public static final String MALFORMED_JSON = "opp.error.validation.malformed-json";
    public static final String MISSING_HEADER = "opp.error.validation.missing-header";
    public static final String REQUIRED_FIELD = "opp.error.validation.required-field";
    public static final String INVALID_ENUM = "opp.error.validation.invalid-enum";
    public static final String INVALID_EIC_FORMAT = "opp.error.validation.invalid-eic-format";
    public static final String INVALID_EIC_CHECK_CHARACTER = "opp.error.validation.invalid-eic-check-character";
    public static final String MAX_LENGTH = "opp.error.validation.max-length";
    public static final String INVALID_UUID = "opp.error.validation.invalid-uuid";
    public static final String INVALID_DATE_TIME = "opp.error.validation.invalid-date-time";
    public static final String PAGE_SIZE_TOO_LARGE = "opp.error.validation.page-size-too-large";
    public static final String UNKNOWN_FIELD = "opp.error.validation.unknown-field";
    public static final String INVALID_VALUE = "opp.error.validation.invalid-value";

    public static final String AUTHENTICATION = "opp.error.technical.authentication";
    public static final String JWT_FORMAT = "opp.error.technical.jwt-format";
    public static final String JWT_PROCESSING = "opp.error.technical.jwt-processing";

    public static final String UNPROCESSABLE_CONTEXT = "opp.error.technical.unprocessable-market-participant-context";
    public static final String INCORRECT_ROLE = "opp.error.business.direct-message-incorrect-market-participant-role";
    public static final String COMMODITY_TYPE_MISMATCH = "opp.error.business.commodity-type-mismatch-error";
    public static final String INSUFFICIENT_PERMISSION = "opp.error.business.insufficient-permission";

    public static final String NOT_FOUND = "opp.error.business.direct-message-not-found";
    public static final String RESPONSE_NOT_FOUND = "opp.error.business.direct-message-response-not-found";

    public static final String DOCUMENT_ID_CONFLICT = "opp.error.business.document-identification-conflict";

    public static final String VERSION_CONFLICT = "opp.error.business.version-conflict";

    public static final String PAYLOAD_TOO_LARGE = "opp.error.technical.payload-too-large";
    public static final String UNSUPPORTED_MEDIA_TYPE = "opp.error.technical.unsupported-media-type";

    public static final String PROCESS_TERMINATED = "opp.error.business.direct-message-process-terminated";
    public static final String INVALID_STATUS_TRANSITION =
            "opp.error.business.direct-message-invalid-status-transition";
    public static final String RECEIVER_CANNOT_BE_RESOLVED =
            "opp.error.business.direct-message-receiver-cannot-be-resolved";
    public static final String REFERENCE_REQUIRED = "opp.error.business.direct-message-reference-required";
    public static final String METER_CHANGE_AFTER_RESPONSE =
            "opp.error.business.direct-message-meter-change-after-response";
    public static final String CHANGE_PERIOD_BEYOND_RETENTION = "opp.error.business.change-period-beyond-retention";

    private ErrorCodes() {}
}
