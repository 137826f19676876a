package ee.datahub.enquiryhub.api.shared;

import ee.datahub.enquiryhub.access.ContextField;
import ee.datahub.enquiryhub.enquiry.Field;
import java.util.Optional;

/**
 * How a door names the domain's fields in its errors: a JSON path in v1 and v2, a header name for
 * v2's context, a form field in the web interface.
 */
public interface FieldNames {

    /** The name of a field of the message; {@code item} is the enquiry's position in a message about several. */
    String field(Field field, Optional<Integer> item);

    /** The name of a part of the market participant context. */
    String context(ContextField field);

    /** The name of the enquiry id the message carries. */
    String enquiryId();

    /** The name of the answer id the message carries. */
    String answerId();
}
