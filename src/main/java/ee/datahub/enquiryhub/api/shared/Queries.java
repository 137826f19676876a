package ee.datahub.enquiryhub.api.shared;

import ee.datahub.enquiryhub.enquiry.PageRequest;
import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.HubException;
import java.util.Map;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** What the APIs' readers of queries share: a query string as a JSON object, and a page size's bounds. */
public final class Queries {

    private Queries() {}

    /** The query string as a JSON object of strings; a parameter given more than once is refused. */
    public static ObjectNode object(Map<String, String[]> parameters) {
        var node = JsonNodeFactory.instance.objectNode();
        for (var entry : parameters.entrySet()) {
            if (entry.getValue().length > 1) {
                throw new HubException(
                        ErrorCode.INVALID_VALUE, entry.getKey() + " is given more than once", entry.getKey());
            }
            node.put(entry.getKey(), entry.getValue()[0]);
        }
        return node;
    }

    /** The page size given as {@code field}: 1 to {@link PageRequest#MAX_SIZE}. */
    public static int pageSize(String field, int size) {
        atMostMaxPageSize(field, size);
        if (size < 1) {
            throw new HubException(ErrorCode.INVALID_VALUE, field + " must be 1 or more", field, String.valueOf(size));
        }
        return size;
    }

    /** {@code size}, unless it is over {@link PageRequest#MAX_SIZE}. */
    public static int atMostMaxPageSize(String field, int size) {
        if (size > PageRequest.MAX_SIZE) {
            throw new HubException(
                    ErrorCode.PAGE_SIZE_TOO_LARGE,
                    field + " is at most " + PageRequest.MAX_SIZE,
                    field,
                    String.valueOf(size),
                    String.valueOf(PageRequest.MAX_SIZE));
        }
        return size;
    }
}
